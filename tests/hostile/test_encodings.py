"""Encodings: news-length articles in each encoding newsrooms use are read exactly; a guess is refused.

The fixtures are UTF-8 texts written for these tests; each test encodes one and checks that
the reader gets back every character, not a near miss such as `ã` read as `ă` (Latin-1 taken
for Central European) or `斕疑` for `你好` (GBK taken for Big5).
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from wirefeed.errors import InputError
from wirefeed.readers.decoding import decode_text
from wirefeed.readers.text import read_text

SCRIPTS = Path(__file__).parent / "fixtures" / "scripts"

ENCODED = [
    ("zh-hans.txt", "utf-8"),
    ("zh-hans.txt", "utf-8-sig"),
    ("zh-hans.txt", "utf-16"),
    ("ja.txt", "utf-16-be-bom"),
    ("ar.txt", "utf-32"),
    ("zh-hans.txt", "gb18030"),
    ("zh-hans.txt", "gbk"),
    ("zh-hans.txt", "gb2312"),
    ("zh-hant.txt", "big5"),
    ("ja.txt", "shift_jis"),
    ("ja.txt", "cp932"),
    ("ja.txt", "euc_jp"),
    ("ja.txt", "iso2022_jp"),
    ("ko.txt", "euc_kr"),
    ("fr-cp1252.txt", "cp1252"),
    ("de-latin1.txt", "latin-1"),
    ("es-latin1.txt", "latin-1"),
    ("pt-latin1.txt", "latin-1"),
    ("pl-cp1250.txt", "cp1250"),
    ("pl-cp1250.txt", "iso8859_2"),
    ("ru.txt", "cp1251"),
    ("ru.txt", "koi8_r"),
    ("ar.txt", "cp1256"),
]


def encoded(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)


@pytest.mark.parametrize(("name", "encoding"), ENCODED, ids=[f"{name}-{encoding}" for name, encoding in ENCODED])
def test_a_news_length_article_is_decoded_exactly(name: str, encoding: str) -> None:
    text = (SCRIPTS / name).read_text(encoding="utf-8")
    assert len(text) > 400
    assert decode_text(Path(name), encoded(text, encoding)) == text


@pytest.mark.parametrize(("name", "encoding"), ENCODED[5:], ids=[f"{name}-{encoding}" for name, encoding in ENCODED[5:]])
def test_the_reader_finds_the_same_article_in_any_encoding(name: str, encoding: str) -> None:
    text = (SCRIPTS / name).read_text(encoding="utf-8")
    from_utf8 = read_text(Path(name), text.encode("utf-8"))
    from_legacy = read_text(Path(name), encoded(text, encoding))
    assert from_legacy.headline == from_utf8.headline and from_legacy.headline is not None
    assert from_legacy.body == from_utf8.body and len(from_legacy.body) >= 3
    assert from_legacy.authors == from_utf8.authors


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # Two Chinese characters in GBK are also two valid characters in Big5, EUC-KR and EUC-JP.
        ("你好".encode("gbk"), "not UTF-8, and it reads equally well as big5, cp949, euc_jp, gb18030: its encoding cannot be told with confidence; save it as UTF-8"),
        # Short Russian in windows-1251 reads as Central European, Greek, Hebrew ... as well.
        ("Привет, мир".encode("cp1251"), "not UTF-8, and it reads equally well as cp1250, cp1251, cp1253, cp1255: its encoding cannot be told with confidence; save it as UTF-8"),
        # High bytes that are no text in any encoding a newsroom uses (charset-normalizer alone calls it EBCDIC).
        (b"\x80\x81\x82\x83\x84\x85" * 50, "not UTF-8 and its encoding cannot be told with confidence; save it as UTF-8"),
        ("Headline\n\nBody".encode("utf-16-le"), "binary data, not text; expected an article in a text encoding"),
    ],
    ids=["gbk-or-big5", "cyrillic-or-greek", "no-text", "utf-16-without-bom"],
)
def test_an_encoding_that_cannot_be_told_is_refused_not_guessed(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(Path("story.txt"), data)
    assert str(caught.value) == f"story.txt: {message}"


def test_short_latin1_text_is_read_as_windows_1252() -> None:
    # Tied with windows-1250, -1251 and others; the Western reading is the one browsers make.
    assert decode_text(Path("story.txt"), "Café crème à la carte".encode("latin-1")) == "Café crème à la carte"


def test_a_bom_that_lies_is_refused_with_its_place() -> None:
    with pytest.raises(InputError) as caught:
        decode_text(Path("story.txt"), codecs.BOM_UTF8 + b"Headline\n\xff\xfe broken")
    assert str(caught.value) == "story.txt: byte 12: not valid utf-8-sig although the file starts with its byte-order mark"
