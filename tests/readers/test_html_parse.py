"""Decoding and parsing a page: declared charsets, BOMs, detection, and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirefeed.errors import InputError
from wirefeed.readers.html import read_html
from wirefeed.readers.html_parse import declared_charset, decode_page, parse_page

PATH = Path("page.html")


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<meta charset="utf-8">', "utf-8"),
        (b"<meta charset=Shift_JIS>", "cp932"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030"),
        (b'<meta charset="iso-8859-1">', "cp1252"),
        (b'<meta charset="us-ascii">', "cp1252"),
        (b'<meta charset="utf-16">', "utf-8"),
        (b'<?xml version="1.0" encoding="koi8-r"?>', "koi8-r"),
        (b'<meta charset="no-such-charset">', None),
        (b"<title>none declared</title>", None),
    ],
)
def test_declared_charset_is_read_as_browsers_read_it(head: bytes, codec: str | None) -> None:
    assert declared_charset(head) == codec


def test_a_byte_order_mark_outranks_the_declaration() -> None:
    page = "\ufeff<meta charset='windows-1252'><title>Zürich</title>".encode("utf-16-le")
    assert "Zürich" in decode_page(PATH, page)


def test_an_undeclared_legacy_page_is_detected() -> None:
    page = ("<html><body><p>" + "Les élèves découvrent l'été à la forêt. " * 20 + "</p></body></html>").encode("cp1252")
    assert "élèves" in decode_page(PATH, page)


def test_a_declaration_the_bytes_contradict_falls_back_to_detection() -> None:
    text = "<html><body><p>" + "Les élèves découvrent l'été à la forêt. " * 20 + "</p></body></html>"
    page = b'<meta charset="utf-8">' + text.encode("cp1252")
    assert "élèves" in decode_page(PATH, page)


def test_a_declared_utf8_page_with_one_bad_byte_is_read_with_a_replacement() -> None:
    page = b'<meta charset="utf-8"><title>Caf\xe9 news</title>' + "<p>ok é</p>".encode() * 50
    assert "Caf\ufffd news" in decode_page(PATH, page)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ],
)
def test_bytes_that_are_no_page_raise_input_error_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        read_html(PATH, data)
    assert raised.value.path == PATH and raised.value.where is None
    assert message in raised.value.message


def test_parsing_never_fetches_or_expands_external_entities() -> None:
    page = (b'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b"<html><head><title>&xxe;</title></head><body></body></html>")
    tree = parse_page(PATH, page)
    assert "root:" not in tree.text_content()


def test_a_page_is_an_element_tree_with_its_root_html() -> None:
    tree = parse_page(PATH, b"<html lang='fi'><head><title>T</title></head><body><p>x</p></body></html>")
    assert tree.getroottree().getroot().get("lang") == "fi"


def test_each_node_class_with_the_dom_interface_is_made_once_whatever_the_tag_names() -> None:
    # extruct's RDFa extractor needs the xml.dom interface (DomHtmlMixin) on lxml.html's
    # elements. extruct's own parser made a class for each tag name of each page (type() is
    # slow: a fifth of reading a page); DomClassLookup makes one for each of lxml.html's.
    from extruct.xmldom import DomHtmlMixin
    from lxml.html import HtmlElement

    first = parse_page(PATH, b"<html><head><title>T</title></head><body><p>x</p><x-card>y</x-card></body></html>")
    second = parse_page(PATH, b"<html><head><title>U</title></head><body><p>z</p><x-tile>w</x-tile></body></html>")
    paragraphs = [tree.find(".//p") for tree in (first, second)]
    assert [type(element) for element in paragraphs] == [type(first), type(first)]
    assert isinstance(first, HtmlElement) and isinstance(first, DomHtmlMixin)
    assert type(first.find(".//x-card")) is type(second.find(".//x-tile")) is type(first)
    assert list(first.getElementsByTagName("p")) == [paragraphs[0]] and paragraphs[1].tagName == "p"
