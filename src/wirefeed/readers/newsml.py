"""The NewsML-G2 reader: a text `newsItem`, or a `newsMessage` carrying one (Reuters, AFP, dpa, TT).

A file is one article today (`read(path, data) -> Draft`): a newsMessage with one text item
gives it, with the message's picture items as its images; one with several text items is
refused by `read_newsml` with a line saying so, and `read_newsml_all` gives them all (one
Draft each, each with its own guid as id) for a build that reads several articles from a file.
newsml_item.py maps an item's elements to the Draft's fields.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import lxml.etree

from wirefeed.errors import InputError
from wirefeed.model import Draft, Source
from wirefeed.readers.newsml_item import item_draft, picture_image
from wirefeed.readers.xmlsafe import attribute, child, children, code_of, local, parse_xml, place

EXPECTED = "a NewsML-G2 newsItem of text, or a newsMessage carrying one"
ROOTS = frozenset({"newsItem", "newsMessage", "packageItem"})
_TEXT_CLASSES = frozenset({"text"})
_PICTURE_CLASSES = frozenset({"picture", "graphic"})


def read_newsml(path: Path, data: bytes) -> Draft:
    """The one text item of a NewsML-G2 file as a Draft."""
    return one_draft(path, parse_xml(path, data, EXPECTED), data)


def one_draft(path: Path, root: lxml.etree._Element, data: bytes) -> Draft:
    """The one text item of a parsed NewsML-G2 document (`data` its bytes, for the source's digest)."""
    drafts = all_drafts(path, root, data)
    if len(drafts) > 1:
        raise InputError(path, None, f"a newsMessage carrying {len(drafts)} text items; expected one text item per file (split the message into one file per newsItem)")
    return drafts[0]


def read_newsml_all(path: Path, data: bytes) -> tuple[Draft, ...]:
    """Every text item of a NewsML-G2 file, in document order; InputError when there is none."""
    return all_drafts(path, parse_xml(path, data, EXPECTED), data)


def all_drafts(path: Path, root: lxml.etree._Element, data: bytes) -> tuple[Draft, ...]:
    items = _items(path, root)
    texts = [item for item in items if _item_class(item) in _TEXT_CLASSES]
    if not texts:
        raise _not_text(path, items[0])
    source = Source(path=path, format="newsml-g2", sha256=hashlib.sha256(data).hexdigest())
    pictures = {attribute(item, "guid") or place(item): item for item in items if _item_class(item) in _PICTURE_CLASSES}
    drafts: list[Draft] = []
    for text in texts:
        # A picture belongs to the text items that name its guid; with one text item, to it.
        named = {guid: picture_image(item) for guid, item in pictures.items() if len(texts) == 1 or _names(text, guid)}
        drafts.append(item_draft(text, source, named))
    return tuple(drafts)


def _items(path: Path, root: lxml.etree._Element) -> list[lxml.etree._Element]:
    name = local(root)
    if name == "newsItem":
        return [root]
    if name == "newsMessage":
        item_set = child(root, "itemSet")
        items = children(item_set if item_set is not None else root, "newsItem")
        if not items:
            raise InputError(path, place(root), f"a newsMessage without any newsItem in its itemSet; expected {EXPECTED}")
        return items
    if name == "packageItem":
        raise InputError(path, place(root), f"a packageItem only lists other items and carries no text; expected {EXPECTED}")
    raise InputError(path, place(root), f"the root element is <{name}>; expected {EXPECTED}")


def _item_class(item: lxml.etree._Element) -> str | None:
    return code_of(attribute(child(item, "itemMeta", "itemClass"), "qcode"))


def _not_text(path: Path, item: lxml.etree._Element) -> InputError:
    item_class = child(item, "itemMeta", "itemClass")
    qcode = attribute(item_class, "qcode")
    where = f"{place(item_class)}/@qcode" if item_class is not None else place(item)
    given = f"of class {qcode}" if qcode else "without an itemClass"
    return InputError(path, where, f"a NewsML-G2 item {given} and no text item; expected a text item (itemClass ninat:text)")


def _names(text: lxml.etree._Element, guid: str) -> bool:
    """Whether the text item refers to `guid` anywhere: a link, an itemRef, a body picture's data-uri."""
    return any(guid in node.attrib.values() for node in text.iter() if isinstance(node.tag, str))

