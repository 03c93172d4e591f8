"""The NewsML-G2 reader: a text `newsItem`, or a `newsMessage` carrying one or several (Reuters, AFP, dpa, TT).

Each text item of a file is an article (`all_drafts`, one Draft each, with its own guid as id),
with the picture items it names as its images (a message of one text item: all of them).
`read_newsml` gives the one text item of a file and refuses a message of several with a line
saying so; a build reads them all (readers.read_all). newsml_item.py maps an item's elements
to the Draft's fields.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import lxml.etree

from wirefeed.errors import InputError
from wirefeed.model import Draft, Source
from wirefeed.readers.newsml_item import item_draft, picture_image
from wirefeed.readers.xmlsafe import attribute, child, children, code_of, descendants, local, parse_xml, place

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
        raise InputError(path, None, f"a newsMessage carrying {len(drafts)} text items; expected one text item per file (a build reads each as its own article)")
    return drafts[0]


def read_newsml_all(path: Path, data: bytes) -> tuple[Draft, ...]:
    """Every text item of a NewsML-G2 file, in document order; InputError when there is none."""
    return all_drafts(path, parse_xml(path, data, EXPECTED), data)


def all_drafts(path: Path, root: lxml.etree._Element, data: bytes) -> tuple[Draft, ...]:
    """Every text item of a parsed NewsML-G2 document, in document order; InputError when there is none."""
    items = _items(path, root)
    return _drafts(items, _texts(path, items), data, path, _packages(root))


def _texts(path: Path, items: list[lxml.etree._Element]) -> list[lxml.etree._Element]:
    texts = [item for item in items if _item_class(item) in _TEXT_CLASSES]
    if not texts:
        raise _not_text(path, items[0])
    return texts


def _drafts(items: list[lxml.etree._Element], texts: list[lxml.etree._Element], data: bytes, path: Path,
            packages: list[set[str]]) -> tuple[Draft, ...]:
    source = Source(path=path, format="newsml-g2", sha256=hashlib.sha256(data).hexdigest())
    pictures = {attribute(item, "guid") or place(item): item for item in items if _item_class(item) in _PICTURE_CLASSES}
    drafts: list[Draft] = []
    for text in texts:
        # A picture belongs to the text items that name its guid, or that a packageItem lists with
        # it (TT, AFP: one package per story, its text and its pictures); with one text item, to it.
        guid = attribute(text, "guid")
        packaged = {reference for package in packages if guid in package for reference in package}
        named = pictures.keys() if len(texts) == 1 else pictures.keys() & (_attribute_values(text) | packaged)
        drafts.append(item_draft(text, source, {guid: picture_image(pictures[guid]) for guid in pictures if guid in named}))
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


def _packages(root: lxml.etree._Element) -> list[set[str]]:
    """The items each packageItem of a newsMessage lists (its itemRefs' residrefs)."""
    if local(root) != "newsMessage":
        return []
    item_set = child(root, "itemSet")
    return [{reference for node in descendants(package, "itemRef") if (reference := attribute(node, "residref"))}
            for package in children(item_set if item_set is not None else root, "packageItem")]


def _item_class(item: lxml.etree._Element) -> str | None:
    return code_of(attribute(child(item, "itemMeta", "itemClass"), "qcode"))


def _not_text(path: Path, item: lxml.etree._Element) -> InputError:
    item_class = child(item, "itemMeta", "itemClass")
    qcode = attribute(item_class, "qcode")
    where = f"{place(item_class)}/@qcode" if item_class is not None else place(item)
    given = f"of class {qcode}" if qcode else "without an itemClass"
    return InputError(path, where, f"a NewsML-G2 item {given} and no text item; expected a text item (itemClass ninat:text)")


def _attribute_values(text: lxml.etree._Element) -> set[str]:
    """Every attribute value in the text item: a link's residref, a body picture's data-uri name pictures."""
    return {value for node in text.iter() if isinstance(node.tag, str) for value in node.attrib.values()}

