"""The NITF 3.x reader (News Industry Text Format: PA, EFE, NTB, AP; and the body of many NewsML-G2 items).

    <nitf baselang="nb-NO">
      <head>
        <title>...</title>                               headline when the body has no <hl1>
        <tobject tobject.type="Utenriks">                section (its subjects are keywords)
        <docdata management-status="usable">             status
          <doc-id id-string="NTB5df9..."/>               id
          <urgency ed-urg="5"/>                          (dropped: no field for it)
          <date.issue norm="2021-05-16T09:00:04"/>       published
          <date.release norm="..."/>                     embargoed (held until then)
          <key-list><keyword key="..."/></key-list>      keywords
        <pubdata name="..." date.publication="..."/>     site name; published when no date.issue
      <body>
        <body.head> hedline/hl1 (headline), hl2 (description), byline (authors), dateline
        <body.content> paragraphs; <media> -> images
        <body.end> (dropped: contact lines and taglines)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import lxml.etree

from wirefeed.errors import InputError
from wirefeed.model import Draft, DraftAgent, Found, Source
from wirefeed.readers.xmlbody import Figure, body_paragraphs, media_images
from wirefeed.readers.xmlsafe import child, children, descendants, found_attribute, found_text, local, parse_xml, place, text_of

EXPECTED = "an NITF 3.x document (<nitf> with <head> and <body>)"


@dataclass(frozen=True, slots=True)
class NitfBody:
    """What an NITF <body> gives, alone or inside a NewsML-G2 item."""

    headline: Found[str] | None
    subheadline: Found[str] | None
    authors: tuple[DraftAgent, ...]
    dateline: Found[str] | None
    abstract: Found[str] | None
    paragraphs: tuple[Found[str], ...]
    figures: tuple[Figure, ...]


def read_nitf(path: Path, data: bytes) -> Draft:
    """Read one NITF document into a Draft."""
    root = parse_xml(path, data, EXPECTED)
    if local(root) != "nitf":
        raise InputError(path, place(root), f"the root element is <{local(root)}>; expected {EXPECTED}")
    return nitf_draft(root, Source(path=path, format="nitf", sha256=hashlib.sha256(data).hexdigest()))


def nitf_draft(root: lxml.etree._Element, source: Source) -> Draft:
    head = child(root, "head")
    docdata = child(head, "docdata")
    body = read_body(child(root, "body"))
    return Draft(
        source=source,
        headline=body.headline or found_text(child(head, "title")),
        published=_published(head, docdata),
        modified=None,
        sections=tuple(_sections(head)),
        authors=body.authors,
        dateline=body.dateline,
        images=tuple(figure.image for figure in body.figures),
        body=body.paragraphs,
        description=body.subheadline or body.abstract,
        language=found_attribute(root, "baselang") or found_attribute(root, "xml:lang"),
        keywords=tuple(_keywords(head, docdata)),
        id=found_attribute(child(docdata, "doc-id"), "id-string"),
        site_name=_site_name(head, docdata, root),
        status=found_attribute(docdata, "management-status"),
        embargoed=_norm_date(child(docdata, "date.release")),
    )


def read_body(body: lxml.etree._Element | None) -> NitfBody:
    """The parts of an NITF <body> (all empty when there is none)."""
    if body is None:
        return NitfBody(None, None, (), None, None, (), ())
    body_head = child(body, "body.head")
    hedline = child(body_head, "hedline")
    content = child(body, "body.content")
    abstract = child(body_head, "abstract")
    return NitfBody(
        headline=found_text(child(hedline, "hl1")),
        subheadline=found_text(child(hedline, "hl2")),
        authors=tuple(_authors(body_head)),
        dateline=found_text(child(body_head, "dateline"), skip=frozenset({"story.date"})),
        abstract=Found(" ".join(p.value for p in body_paragraphs(abstract)), place(abstract)) if abstract is not None else None,
        paragraphs=tuple(body_paragraphs(content)) if content is not None else (),
        figures=tuple(media_images(content)) if content is not None else (),
    )


def _authors(body_head: lxml.etree._Element | None) -> list[DraftAgent]:
    """Each <byline>: its names without the title (<byttl>), or the title when it is all there is."""
    authors: list[DraftAgent] = []
    for byline in children(body_head, "byline") if body_head is not None else []:
        names = text_of(byline, frozenset({"byttl"})).strip(" ,;")
        title = child(byline, "byttl")
        if names:
            authors.append(DraftAgent(name=Found(names, place(byline))))
        elif title is not None and text_of(title):
            authors.append(DraftAgent(name=Found(text_of(title), place(title))))
    return authors


def _published(head: lxml.etree._Element | None, docdata: lxml.etree._Element | None) -> Found[str] | None:
    pubdata = child(head, "pubdata")
    return (_norm_date(child(docdata, "date.issue")) or found_attribute(pubdata, "date.publication")
            or _norm_date(child(docdata, "date.release")))


def _norm_date(element: lxml.etree._Element | None) -> Found[str] | None:
    return found_attribute(element, "norm")


def _sections(head: lxml.etree._Element | None) -> list[Found[str]]:
    tobject = child(head, "tobject")
    found = found_attribute(tobject, "tobject.type")
    return [found] if found else []


def _keywords(head: lxml.etree._Element | None, docdata: lxml.etree._Element | None) -> list[Found[str]]:
    keywords: list[Found[str]] = []
    for keyword in descendants(docdata, "keyword") if docdata is not None else []:
        found = found_attribute(keyword, "key")
        if found:
            keywords.append(found)
    tobject = child(head, "tobject")
    for subject in children(tobject, "tobject.subject") if tobject is not None else []:
        found = found_attribute(subject, "tobject.subject.matter") or found_attribute(subject, "tobject.subject.type")
        if found:
            keywords.append(found)
    return keywords


def _site_name(head: lxml.etree._Element | None, docdata: lxml.etree._Element | None, root: lxml.etree._Element) -> Found[str] | None:
    distributor = child(root, "body", "body.head", "distributor")
    return (found_attribute(child(head, "pubdata"), "name") or found_attribute(child(docdata, "doc-id"), "regsrc")
            or found_text(distributor))

