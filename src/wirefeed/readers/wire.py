"""Choosing the reader of a wire format by sniffing: the root element of `.xml`, the framing of 7901.

IPTC 7901 files come named `.txt` or with no suffix at all; what tells them is the SOH ... STX
framing of their first bytes. An `.xml` file is NewsML-G2 or NITF by its root element.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import lxml.etree

from wirefeed.errors import InputError
from wirefeed.model import Draft, Source
from wirefeed.readers.feed import FEED_ROOTS, read_xml_feed
from wirefeed.readers.iptc7901 import is_iptc7901, read_iptc7901
from wirefeed.readers.newsml import ROOTS as NEWSML_ROOTS, all_drafts, one_draft
from wirefeed.readers.nitf import nitf_draft
from wirefeed.readers.text import read_text
from wirefeed.readers.xmlsafe import local, parse_xml, place

_SNIFF_BYTES = 4096
_EXPECTED = "a NewsML-G2 <newsItem> or <newsMessage>, an NITF <nitf> document, or an RSS or Atom feed"


def read_xml(path: Path, data: bytes) -> Draft:
    """A NewsML-G2 or NITF document, told apart by its root element."""
    return _one_of(path, parse_xml(path, data, _EXPECTED), data)


def _one_of(path: Path, root: lxml.etree._Element, data: bytes) -> Draft:
    name = local(root)
    if name in NEWSML_ROOTS:
        return one_draft(path, root, data)
    if name in FEED_ROOTS:
        return _only(path, read_xml_feed(path, data, root))
    if name == "nitf":
        return nitf_draft(root, Source(path=path, format="nitf", sha256=hashlib.sha256(data).hexdigest()))
    raise InputError(path, place(root), f"the root element is <{name}>; expected {_EXPECTED}")


def read_xml_all(path: Path, data: bytes) -> tuple[Draft, ...]:
    """Every article of an `.xml` file: one per text item of a NewsML-G2 newsMessage, else the one."""
    root = parse_xml(path, data, _EXPECTED)
    if local(root) in NEWSML_ROOTS:
        return all_drafts(path, root, data)
    if local(root) in FEED_ROOTS:
        return read_xml_feed(path, data, root)
    return (_one_of(path, root, data),)


def _only(path: Path, drafts: tuple[Draft, ...]) -> Draft:
    if len(drafts) > 1:
        raise InputError(path, None, f"a feed of {len(drafts)} items; expected one here (a build reads each as its own article)")
    return drafts[0]


def read_txt(path: Path, data: bytes) -> Draft:
    """An IPTC 7901 message when the file is framed as one, else wire-copy plain text."""
    return read_iptc7901(path, data) if is_iptc7901(data) else read_text(path, data)


def is_framed_7901(path: Path) -> bool:
    """Whether a file without a suffix is an IPTC 7901 message (its first bytes tell)."""
    try:
        with path.open("rb") as handle:
            return is_iptc7901(handle.read(_SNIFF_BYTES))
    except OSError:
        return False
