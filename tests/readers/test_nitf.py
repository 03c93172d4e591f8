"""The NITF reader on NTB's sample and IPTC's listing (exact values), and on wrong input."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirefeed.errors import InputError
from wirefeed.model import DraftAgent, DraftImage, Found
from wirefeed.normalize import normalize
from wirefeed.readers.nitf import read_nitf

SAMPLES = Path(__file__).parent.parent / "fixtures" / "wire-formats" / "nitf"


def test_ntb_sample_head_and_body() -> None:
    path = SAMPLES / "NTB_nitf_sample.xml"
    draft = read_nitf(path, path.read_bytes())
    fields = draft.fields()
    body = fields.pop("body")
    assert fields == {
        "headline": Found("Pandemien herjer på den legeløse indiske landsbygda", "/nitf/body/body.head/hedline/hl1[1]"),
        "published": Found("2021-05-16T09:00:04", "/nitf/head/docdata/date.issue[1]/@norm"),
        "sections": (Found("Utenriks", "/nitf/head/tobject[1]/@tobject.type"),),
        "authors": (DraftAgent(Found("NTB-AFP-DPA", "/nitf/body/body.head/byline[1]")),),
        "dateline": Found("Unnao", "/nitf/body/body.head/dateline[1]"),
        # The media reference is an id, not an address: the caption is kept, no URL is made up.
        "images": (DraftImage(where="/nitf/body/body.content/media[1]", caption=(
            "Kremasjonsbål for koronaofre brenner i Indias hovedstad New Delhi. Foto: Amit Sharma / AP / NTB")),),
        "language": Found("nb-NO", "/nitf/@baselang"),
        "keywords": (
            Found("india-korona-bygd", "/nitf/head/docdata/key-list/keyword[1]/@key"),
            Found("Sykdom", "/nitf/head/tobject/tobject.subject[1]/@tobject.subject.matter"),
            Found("Medisin og helse", "/nitf/head/tobject/tobject.subject[2]/@tobject.subject.type"),
        ),
        "id": Found("NTB5df9281a-a270-4dc5-a618-869bbc3bbca7_00", "/nitf/head/docdata/doc-id[1]/@id-string"),
        "site_name": Found("NTB", "/nitf/head/docdata/doc-id[1]/@regsrc"),
    }
    assert isinstance(body, tuple) and len(body) == 22  # 18 paragraphs and 4 <hl2> cross-heads
    assert body[1] == Found(
        "– Det er så mye fattigdom rundt omkring i landsbyen at folk ikke har råd til ordentlig kremasjoner. De knytter "
        "ofte store steiner til likene og kaster dem ut i elva, sier Kidwai Ahmad, fra landsbyen Sadullahpur i den "
        "enorme delstaten Uttar Pradesh.", "/nitf/body/body.content/p[2]")
    assert body[4] == Found("- Det skjulte India", "/nitf/body/body.content/hl2[1]")
    # The tagline's contact addresses (body.end) are not published.
    assert not any("@ntb.no" in found.value for found in body)


def test_body_only_nitf_has_no_date() -> None:
    path = SAMPLES / "LISTING_22_Sports_story_in_NewsML-G2NITF_nitf-extract.xml"
    draft = read_nitf(path, path.read_bytes())
    assert draft.headline == Found("Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05p.m.", "/nitf/body/body.head/hedline/hl1[1]")
    assert draft.authors == (DraftAgent(Found("Sports Network", "/nitf/body/body.head/byline/byttl[1]")),)
    assert draft.published is None


def test_media_with_an_address_entities_and_status() -> None:
    document = b"""<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd"><nitf><head><docdata management-status="withdrawn">
      <date.issue norm="20240501T090000Z"/><date.release norm="20240502T060000Z"/></docdata></head>
      <body><body.head><hedline><hl1>Rates&nbsp;held</hl1><hl2>Central bank waits</hl2></hedline>
      <byline><person>Ann Lee</person>, <byttl>Economics Editor</byttl></byline></body.head>
      <body.content><p>One&nbsp;&amp; two &#8211; three.</p>
      <media media-type="image"><media-reference source="https://img.example/a.jpg" width="800" height="600"/>
      <media-caption>The bank.</media-caption><media-producer>Jo Doe/EX</media-producer></media>
      <media media-type="video"><media-reference source="https://img.example/v.mp4"/></media></body.content></body></nitf>"""
    draft = read_nitf(Path("n.xml"), document)
    assert draft.headline == Found("Rates held", "/nitf/body/body.head/hedline/hl1[1]")
    assert draft.description == Found("Central bank waits", "/nitf/body/body.head/hedline/hl2[1]")
    assert draft.authors == (DraftAgent(Found("Ann Lee", "/nitf/body/body.head/byline[1]")),)
    assert [found.value for found in draft.body] == ["One & two – three."]
    assert draft.images == (DraftImage(where="/nitf/body/body.content/media[1]", url="https://img.example/a.jpg",
                                       caption="The bank.", credit="Jo Doe/EX", width=800, height=600),)
    assert draft.published == Found("20240501T090000Z", "/nitf/head/docdata/date.issue[1]/@norm")
    assert draft.status == Found("withdrawn", "/nitf/head/docdata[1]/@management-status")
    assert draft.embargoed == Found("20240502T060000Z", "/nitf/head/docdata/date.release[1]/@norm")


def test_missing_headline_is_one_error_through_normalize(test_site: object) -> None:
    draft = read_nitf(Path("n.xml"), b'<nitf><head><docdata><date.issue norm="2024-05-01T09:00:00Z"/></docdata></head><body/></nitf>')
    with pytest.raises(InputError, match="no headline found"):
        normalize(draft, test_site)  # type: ignore[arg-type]


def test_wrong_root_is_refused() -> None:
    with pytest.raises(InputError) as error:
        read_nitf(Path("n.xml"), b"<html/>")
    assert (error.value.where, error.value.message) == ("/html", "the root element is <html>; expected an NITF 3.x document (<nitf> with <head> and <body>)")


def test_hostile_markup_in_the_body_keeps_only_text() -> None:
    document = b"""<nitf><body><body.content>
      <p>Read <a href="javascript:alert(1)">this</a>.<script>alert(2)</script></p>
      <script>alert(3)</script><iframe src="https://evil.example/">frame</iframe>
      <block><p>Inside a block<style>p{}</style>.</p><note><p>Note to editors.</p></note></block>
      </body.content><body.end><tagline>desk@example.com</tagline></body.end></body></nitf>"""
    draft = read_nitf(Path("n.xml"), document)
    assert draft.body == (Found("Read this.", "/nitf/body/body.content/p[1]"), Found("Inside a block.", "/nitf/body/body.content/block/p[1]"))
