"""Bytes of an HTML page -> one lxml tree, decoded by the charset the page declares.

The tree is parsed once and shared by every harvester, extruct and trafilatura.
Its elements are extruct's XmlDom kind (`HtmlElement`s with the xml.dom interface its
RDFa extractor needs, which everything else accepts), made by DomClassLookup.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
from extruct.xmldom import DomHtmlMixin

from wirefeed.errors import InputError
from wirefeed.normalize.text import without_forbidden
from wirefeed.readers.decoding import decode_text

# A page declares its charset in the first bytes (the HTML standard looks at 1024;
# real pages put long comments and scripts first, so look a little further).
_PRESCAN_BYTES = 4096
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
# A byte-order mark outranks any declaration (HTML standard); decode_text() reads it.
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# The WHATWG encoding standard: browsers read these labels as windows-1252, and so
# must we, or curly quotes in "latin-1" pages turn into control characters.
# The same standard reads several legacy labels as their supersets.
_BROWSER_SUPERSETS = {
    "latin_1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252",
    "gb2312": "gb18030", "gbk": "gb18030",
    "shift_jis": "cp932", "euc_kr": "cp949", "iso8859-9": "cp1254", "tis-620": "cp874",
}


class DomClassLookup(lxml.html.HtmlElementClassLookup):  # type: ignore[misc]  # lxml has no type stubs here
    """lxml.html's class of each node, with extruct's xml.dom interface mixed in: what
    extruct's XmlDomHTMLParser gives, with each class made once in a process.

    extruct's lookup keeps the classes it makes per document and tag name, and its parser
    makes a new lookup each time: every page made a new class for each tag name it has
    (type(), which is slow), 19 % of reading an HTML page. The class depends only on
    lxml.html's, of which there are a dozen, so that is what the classes are kept by: a
    page's tag names, however many, add none. One lookup serves every parser (_DOM_CLASSES).
    """

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[type, type] = {}

    def lookup(self, node_type: str, document: Any, namespace: str | None, name: str) -> type:
        base: type = super().lookup(node_type, document, namespace, name)
        dom = self._classes.get(base)
        if dom is None:
            dom = self._classes[base] = type("Dom" + base.__name__, (base, DomHtmlMixin), {})
        return dom


_DOM_CLASSES = DomClassLookup()


# </body> or </html>: a document that reached its end.
_DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)

def parse_page(path: Path, data: bytes) -> lxml.html.HtmlElement:
    """The page's element tree; InputError when the bytes are not a readable HTML page."""
    # Characters XML forbids break lxml's tree operations later (extruct's text cleaning), and
    # no reader of the page could see them: they go before parsing.
    text = without_forbidden(decode_page(path, data))
    if _cut_off(text):
        raise InputError(path, None, "the page stops mid-document (no </body> or </html>, and it ends inside text or a tag); expected a complete HTML page")
    parser = lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, huge_tree=False, remove_pis=True, default_doctype=False
    )
    parser.set_element_class_lookup(_DOM_CLASSES)
    try:
        # Re-encoded as UTF-8 so lxml never second-guesses the charset we chose.
        tree = lxml.html.fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as error:
        raise InputError(path, None, f"not an HTML page: {error}") from None
    if not isinstance(tree, lxml.html.HtmlElement):
        raise InputError(path, None, "not an HTML page: no element tree")
    return tree


def _cut_off(text: str) -> bool:
    """A page truncated in transfer or on disk: HTML may leave out </body> and </html>, but a
    complete page then still ends with a tag, never in the middle of a paragraph or a tag."""
    return not _DOCUMENT_END.search(text) and not text.rstrip().endswith(">")


def decode_page(path: Path, data: bytes) -> str:
    """The page as text: BOM, then the charset the page declares, then the text reader's detection."""
    if not data.strip():
        raise InputError(path, None, "empty file; expected an HTML page")
    declared = None if data.startswith(_BOMS) else declared_charset(data[:_PRESCAN_BYTES])
    if declared is not None:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    try:
        # Same rules as plain-text articles: UTF-8, else a detection narrowed to web encodings.
        return decode_text(path, data)
    except InputError:
        if declared is None:
            raise
        # A browser shows a page whose declaration is slightly off with a few replacement
        # characters; refusing the whole article for one bad byte would be worse.
        return data.decode(declared, "replace")


def declared_charset(head: bytes) -> str | None:
    """The Python codec of the charset the page declares, if any and if known."""
    match = _DECLARED_CHARSET.search(head)
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "replace").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    name = _BROWSER_SUPERSETS.get(name, name)
    # A page that says UTF-16 without a BOM is ASCII-compatible text (WHATWG).
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name
