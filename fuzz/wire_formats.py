"""Hypothesis strategies for the wire formats: NewsML-G2 items, NITF documents and IPTC 7901 messages
with nasty text in every place their readers look (tests/test_fuzz_wire_formats.py runs them)."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from fuzz.properties import nasty_text, wordy_text

_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DATES = ("2024-05-01T09:00:00Z", "2024-05-01T09:00:00+02:00", "20240501T090000", "2024-02-30T09:00:00Z", "", "soon")
_STATUSES = ("stat:usable", "stat:withdrawn", "stat:canceled", "usable", "")
_CLASSES = ("ninat:text", "ninat:text", "ninat:picture", "")
_HOSTILE_MARKUP = (
    '<script>alert(1)</script>', '<a href="javascript:alert(1)">link</a>', '<iframe src="https://evil.example/">x</iframe>',
    '<img src="javascript:alert(1)" onerror="alert(1)"/>', '<style>p{}</style>', '<object data="x">o</object>',
)


def _escaped(text: str) -> str:
    """Text as XML character data: markup escaped, and (usually) the characters XML forbids removed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _clean(text: str) -> str:
    return _XML_FORBIDDEN.sub("", text)


_text = (wordy_text | nasty_text.map(_clean)).map(_escaped)
_raw_text = nasty_text.map(_escaped)  # may hold forbidden characters: a parse error, one line


@st.composite
def newsml_items(draw: st.DrawFn) -> bytes:
    """A NewsML-G2 newsItem (sometimes in a newsMessage beside a picture item), nasty in every field."""
    text = draw(st.sampled_from([_text, _text, _raw_text]))
    paragraphs = "".join(f"<p>{draw(text)}{draw(st.sampled_from(_HOSTILE_MARKUP))}</p>" for _ in range(draw(st.integers(0, 3))))
    item = (
        f'<newsItem guid="{draw(text)}" version="1" xml:lang="{draw(st.sampled_from(["en", "sv", "x y", ""]))}">'
        f'<itemMeta><itemClass qcode="{draw(st.sampled_from(_CLASSES))}"/><provider literal="{draw(text)}"/>'
        f"<firstCreated>{draw(st.sampled_from(_DATES) | text)}</firstCreated><versionCreated>{draw(st.sampled_from(_DATES))}</versionCreated>"
        f'<pubStatus qcode="{draw(st.sampled_from(_STATUSES))}"/><embargoed>{draw(st.sampled_from(_DATES))}</embargoed><edNote>{draw(text)}</edNote></itemMeta>'
        f"<contentMeta><headline>{draw(text)}</headline><by>{draw(text)}</by><dateline>{draw(text)}</dateline>"
        f'<subject qcode="medtop:01000000"><name>{draw(text)}</name></subject><description>{draw(text)}</description></contentMeta>'
        f'<contentSet><inlineXML contenttype="application/xhtml+xml"><html><body>{paragraphs}'
        f'<figure><img src="{draw(text)}" data-uri="urn:pic"/><figcaption>{draw(text)}</figcaption></figure></body></html></inlineXML></contentSet></newsItem>'
    )
    if draw(st.booleans()):
        picture = ('<newsItem guid="urn:pic"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta><contentMeta>'
                   f'<description>{draw(text)}</description></contentMeta><contentSet><remoteContent href="{draw(text)}" width="{draw(text)}"/>'
                   "</contentSet></newsItem>")
        item = f"<newsMessage><itemSet>{item}{picture}</itemSet></newsMessage>"
    return ('<?xml version="1.0" encoding="UTF-8"?>' + item).encode("utf-8", errors="surrogatepass")


@st.composite
def nitf_documents(draw: st.DrawFn) -> bytes:
    """An NITF document with nasty text in its head, hedline, byline, paragraphs and media."""
    text = draw(st.sampled_from([_text, _text, _raw_text]))
    paragraphs = "".join(f"<p>{draw(text)}{draw(st.sampled_from(_HOSTILE_MARKUP))}</p>" for _ in range(draw(st.integers(0, 3))))
    document = (
        f'<nitf baselang="{draw(st.sampled_from(["en", "nb-NO", "", "1"]))}"><head><title>{draw(text)}</title>'
        f'<docdata management-status="{draw(st.sampled_from(["usable", "canceled", ""]))}"><doc-id id-string="{draw(text)}"/>'
        f'<date.issue norm="{draw(st.sampled_from(_DATES) | text)}"/><key-list><keyword key="{draw(text)}"/></key-list></docdata></head>'
        f"<body><body.head><hedline><hl1>{draw(text)}</hl1><hl2>{draw(text)}</hl2></hedline><byline>{draw(text)}<byttl>{draw(text)}</byttl></byline>"
        f"<dateline>{draw(text)}</dateline></body.head><body.content>{paragraphs}"
        f'<media media-type="image"><media-reference source="{draw(text)}"/><media-caption>{draw(text)}</media-caption></media>'
        "</body.content></body></nitf>"
    )
    return document.encode("utf-8", errors="surrogatepass")


@st.composite
def iptc7901_messages(draw: st.DrawFn) -> bytes:
    """An IPTC 7901 message with nasty lines, and sometimes its framing or trailer broken."""
    text = wordy_text | nasty_text
    trailer = draw(st.sampled_from(["131137 GMT Nov 24", "302359 Feb 24", "999999 Xyz 24", "010000 Jan", ""]))
    lines = [
        draw(st.sampled_from(["Berlin/Wirtschaft/", ""])), draw(text) + draw(st.sampled_from([" =", ""])),
        draw(st.sampled_from(["", "By "])) + draw(text) + " =", "",
        draw(st.sampled_from(["", "Hamburg (dpa) - "])) + draw(text), *draw(st.lists(text, max_size=3)), "", "dpa xy", "", trailer,
    ]
    body = "\r\n".join(lines)
    framing = draw(st.sampled_from([("\x01", "\x02", "\x03")] * 4 + [("\x01", "\x02", ""), ("\x01", "", "\x03")]))
    message = f"{framing[0]}bdt0001 4 pl 20  dpa 0001\r\n{framing[1]}{body}\r\n{framing[2]}"
    return message.encode(draw(st.sampled_from(["utf-8", "latin-1"])), errors="replace")
