"""Untrusted XML (NewsML-G2, NITF) parsed safely, and the places and texts of its elements.

The parser never touches the network, never loads a DTD and never expands an entity:
a document whose DOCTYPE declares entities (XXE, billion laughs) is refused outright,
since no wire format needs them. `huge_tree=False` keeps libxml2's limits on depth and
on the size of one text node; the file itself is already bounded by max_input_bytes.
Values are looked up by local name, so a document with or without the IPTC namespaces
(TT sends NewsML-G2 without one) reads the same.
"""

from __future__ import annotations

import html.entities
from collections.abc import Iterator
from pathlib import Path

import lxml.etree

from wirefeed.errors import InputError
from wirefeed.model import Found

# Elements whose content is never article text: code, embedded objects, forms, document heads.
HOSTILE = frozenset({
    "script", "style", "object", "embed", "iframe", "frame", "frameset", "noscript", "template", "svg", "math",
    "applet", "canvas", "audio", "video", "form", "button", "input", "select", "textarea", "link", "meta",
    "base", "head", "title",
})


def parse_xml(path: Path, data: bytes, expected: str) -> lxml.etree._Element:
    """The document's root element; one InputError when it is not well-formed or declares entities."""
    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False,
        remove_comments=True, remove_pis=True,
    )
    try:
        root = lxml.etree.fromstring(data, parser=parser)
    except lxml.etree.XMLSyntaxError as error:
        line = f"line {error.lineno}" if error.lineno else None
        # libxml2's messages may hold a line break: the error stays one line.
        reason = " ".join(str(error.msg).split()).replace(" ,", ",")
        raise InputError(path, line, f"not well-formed XML ({reason}); expected {expected}") from None
    if root is None:
        raise InputError(path, None, f"no XML element; expected {expected}")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(path, "DOCTYPE", f"the document declares entities, which wirefeed never expands (XXE, billion laughs); expected {expected} without an internal DTD")
    return root


def local(element: lxml.etree._Element) -> str:
    """The element's name without its namespace (`{http://iptc.org/std/nar/2006-10-01/}headline` -> `headline`)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(element: lxml.etree._Element, name: str) -> list[lxml.etree._Element]:
    """The child elements called `name`, whatever their namespace."""
    return [child for child in element if local(child) == name]


def child(element: lxml.etree._Element | None, *names: str) -> lxml.etree._Element | None:
    """The first element down the path of local `names` (`child(item, "contentMeta", "headline")`)."""
    for name in names:
        if element is None:
            return None
        found = children(element, name)
        element = found[0] if found else None
    return element


def descendants(element: lxml.etree._Element, name: str) -> Iterator[lxml.etree._Element]:
    """Every element called `name` below `element`, in document order."""
    return (node for node in element.iter() if local(node) == name)


def place(element: lxml.etree._Element) -> str:
    """An XPath of local names naming `element`: `/newsItem/contentMeta/headline[1]`.

    A step has its position when siblings share its name, and the last step always
    has one, so the path names exactly one element and reads as the document does.
    """
    steps: list[str] = []
    node: lxml.etree._Element | None = element
    while node is not None:
        parent = node.getparent()
        name = local(node)
        if parent is None:
            steps.append(name)
        else:
            same = children(parent, name)
            steps.append(f"{name}[{same.index(node) + 1}]" if len(same) > 1 or node is element else name)
        node = parent
    return "/" + "/".join(reversed(steps))


def attribute_place(element: lxml.etree._Element, name: str) -> str:
    return f"{place(element)}/@{name}"


def text_of(element: lxml.etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """The element's text with every tag taken out, without hostile elements or those in `skip`.

    An entity reference the document could not have declared (`&nbsp;` from the NITF DTD)
    is read as HTML names it; any other is dropped.
    """
    parts: list[str] = []
    _collect(element, skip | HOSTILE, parts, top=True)
    return " ".join("".join(parts).split())


def _collect(element: lxml.etree._Element, skip: frozenset[str], parts: list[str], *, top: bool) -> None:
    if isinstance(element, lxml.etree._Entity):
        parts.append(html.entities.html5.get(f"{element.name};", ""))
    elif isinstance(element.tag, str) and local(element) not in skip:
        parts.append(element.text or "")
        for node in element:
            _collect(node, skip, parts, top=False)
    if not top:
        parts.append(element.tail or "")


def attribute(element: lxml.etree._Element | None, name: str) -> str | None:
    """An attribute's value, stripped; None when absent or blank (`xml:lang` is spelled as such)."""
    if element is None:
        return None
    key = "{http://www.w3.org/XML/1998/namespace}lang" if name == "xml:lang" else name
    value = element.get(key)
    return value.strip() if value and value.strip() else None


def code_of(qcode: str | None) -> str | None:
    """The code of a QCode, without its scheme: `stat:withdrawn` -> `withdrawn`."""
    if not qcode:
        return None
    return qcode.split(":", 1)[-1].strip() or None


def found_text(element: lxml.etree._Element | None, skip: frozenset[str] = frozenset()) -> Found[str] | None:
    """The element's text with its place; None when there is no element or no text."""
    if element is None:
        return None
    text = text_of(element, skip)
    return Found(text, place(element)) if text else None


def found_attribute(element: lxml.etree._Element | None, name: str) -> Found[str] | None:
    """The attribute's value with its place (`/nitf/head/docdata/doc-id[1]/@id-string`)."""
    value = attribute(element, name)
    if element is None or value is None:
        return None
    return Found(value, attribute_place(element, name))
