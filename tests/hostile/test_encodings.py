"""Encodings: news-length articles in each encoding newsrooms use are read exactly; a guess is refused.

The fixtures are UTF-8 texts written for these tests; each test encodes one and checks that
the reader gets back every character, not a near miss such as `ã` read as `ă` (Latin-1 taken
for Central European) or `斕疑` for `你好` (GBK taken for Big5).
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.conftest import files_of
from tests.hostile.support import GOOD_NAME, GOOD_STORY, build_folder, good_only_output, write_files
from wirefeed.errors import InputError
from wirefeed.model import Site
from wirefeed.normalize import normalize
from wirefeed.readers import read
from wirefeed.readers.decoding import decode_text
from wirefeed.readers.text import read_text

SCRIPTS = Path(__file__).parent / "fixtures" / "scripts"
EXPECTED = 'expected UTF-8, or the encoding declared (encoding = "cp1251" in its sidecar, <meta charset> in a page)'

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
        ("你好".encode("gbk"), f"not UTF-8, and its encoding cannot be told with confidence: it reads as big5, cp949, euc_jp or gb18030 with different letters; {EXPECTED}"),
        # Short Russian in windows-1251 reads as Central European, Greek, Hebrew ... as well.
        ("Привет, мир".encode("cp1251"), f"not UTF-8, and its encoding cannot be told with confidence: it reads as cp1250, cp1251, cp1253 or cp1255 with different letters; {EXPECTED}"),
        # High bytes that are no text in any encoding a newsroom uses (charset-normalizer alone calls it EBCDIC).
        (b"\x80\x81\x82\x83\x84\x85" * 50, f"not UTF-8, and its encoding cannot be told with confidence; {EXPECTED}"),
        ("Headline\n\nBody".encode("utf-16-le"), "binary data, not text; expected an article in a text encoding"),
    ],
    ids=["gbk-or-big5", "cyrillic-or-greek", "no-text", "utf-16-without-bom"],
)
def test_an_encoding_that_cannot_be_told_is_refused_not_guessed(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(Path("story.txt"), data)
    assert str(caught.value) == f"story.txt: {message}"


def test_a_bom_that_lies_is_refused_with_its_place() -> None:
    with pytest.raises(InputError) as caught:
        decode_text(Path("story.txt"), codecs.BOM_UTF8 + b"Headline\n\xff\xfe broken")
    assert str(caught.value) == "story.txt: byte 12: not valid utf-8-sig although the file starts with its byte-order mark"


# Short texts in each legacy encoding: too little of them to tell the encoding by (each also reads
# as tidy text in another encoding, with other letters). `Привет мир` in windows-1251 was
# published as `Ďđčâĺň ěčđ` (windows-1250), exit 0.
SHORT = [
    ("Привет мир", "cp1251", "cp1250, cp1251, cp1253 or cp1255"),
    ("Привет мир", "koi8_r", "cp1255, cp874, iso8859_6 or koi8_r"),
    ("你好世界", "gb18030", "cp1250, cp949 or gb18030"),
    ("こんにちは世界", "shift_jis", "cp932 or cp949"),
    ("Café crème à la française", "latin-1", "cp1250, cp1252 or cp1257"),
]
SHORT_IDS = [encoding for _, encoding, _ in SHORT]


def short_story(headline: str) -> str:
    return f"{headline}\nPublished: Mar 11, 2021 12:58 PM\n\n{headline}.\n"


@pytest.mark.parametrize(("headline", "encoding", "readings"), SHORT, ids=SHORT_IDS)
def test_a_short_undeclared_legacy_text_is_refused_naming_its_readings(headline: str, encoding: str, readings: str, site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {GOOD_NAME: GOOD_STORY, "short.txt": short_story(headline).encode(encoding)})
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [
        f"{site_dir}/short.txt: not UTF-8, and its encoding cannot be told with confidence: it reads as {readings} with different letters; {EXPECTED}"
    ]
    assert files_of(tmp_path / "output") == good_only_output(site_dir, tmp_path)


@pytest.mark.parametrize(("headline", "encoding", "readings"), SHORT, ids=SHORT_IDS)
def test_a_short_legacy_text_whose_sidecar_declares_its_encoding_is_read_exactly(headline: str, encoding: str, readings: str, site_dir: Path, test_site: Site) -> None:
    label = {"koi8_r": "KOI8-R", "latin-1": "ISO-8859-1"}.get(encoding, encoding)
    write_files(site_dir, {"short.txt": short_story(headline).encode(encoding), "short.toml": f'encoding = "{label}"\n'})
    article = normalize(read(site_dir / "short.txt"), test_site)
    assert (article.headline, article.body) == (headline, (f"{headline}.",))


@pytest.mark.parametrize(("headline", "encoding", "readings"), SHORT, ids=SHORT_IDS)
def test_a_short_legacy_page_that_declares_its_charset_is_read_exactly(headline: str, encoding: str, readings: str, site_dir: Path, test_site: Site) -> None:
    page = (
        f'<!DOCTYPE html><html><head><meta charset="{encoding}"><title>{headline}</title>'
        '<meta property="article:published_time" content="2021-03-11T12:58:00+08:00"></head>'
        f"<body><article><h1>{headline}</h1><p>{headline}.</p></article></body></html>"
    )
    write_files(site_dir, {"short.html": page.encode(encoding)})
    article = normalize(read(site_dir / "short.html"), test_site)
    assert article.headline == headline


@pytest.mark.parametrize(("headline", "encoding", "readings"), SHORT, ids=SHORT_IDS)
def test_the_same_short_text_in_utf8_is_read_as_is(headline: str, encoding: str, readings: str) -> None:
    assert decode_text(Path("short.txt"), short_story(headline).encode("utf-8")) == short_story(headline)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1).filter(str.strip))
def test_any_utf8_text_is_accepted_as_it_is(text: str) -> None:
    # A leading U+FEFF encodes to the UTF-8 byte order mark, which is a mark and not text.
    assume(not text.startswith("\ufeff"))
    assert decode_text(Path("story.txt"), text.encode("utf-8")) == text


@pytest.mark.parametrize("text", ["Headline", "\ufeff", "\ufeffHeadline", "Head\ufeffline"])
def test_a_utf8_byte_order_mark_is_dropped_and_only_the_first(text: str) -> None:
    assert decode_text(Path("story.txt"), codecs.BOM_UTF8 + text.encode("utf-8")) == text


@pytest.mark.parametrize(("name", "encoding"), ENCODED[5:], ids=[f"{name}-{encoding}" for name, encoding in ENCODED[5:]])
def test_every_start_of_an_article_is_read_exactly_or_refused_never_misread(name: str, encoding: str) -> None:
    # From a few words (refused: too little to tell) to the whole story (read): no length in
    # between gives other letters. Each cut is at a character, as a short file would end.
    text = (SCRIPTS / name).read_text(encoding="utf-8")
    misread = []
    for length in range(8, len(text) + 40, 40):
        start = text[:length]
        try:
            decoded = decode_text(Path(name), encoded(start, encoding))
        except InputError:
            continue
        if decoded != start:
            misread.append((length, decoded[-20:]))
    assert misread == []


def test_a_sidecar_that_declares_a_wrong_encoding_is_an_error_with_the_place(site_dir: Path) -> None:
    write_files(site_dir, {"short.txt": short_story("你好世界").encode("gb18030"), "short.toml": 'encoding = "utf-8"\n'})
    with pytest.raises(InputError) as caught:
        read(site_dir / "short.txt")
    assert str(caught.value) == f"{site_dir}/short.txt: byte 0: not valid utf-8 although its sidecar short.toml declares it"


@pytest.mark.parametrize("label", ["klingon", "rot13", "base64"])
def test_a_sidecar_encoding_that_is_no_text_encoding_is_an_error(label: str, site_dir: Path) -> None:
    write_files(site_dir, {"short.txt": GOOD_STORY, "short.toml": f'encoding = "{label}"\n'})
    with pytest.raises(InputError) as caught:
        read(site_dir / "short.txt")
    assert str(caught.value) == (
        f"{site_dir}/short.toml: encoding: '{label}' is not a known text encoding; expected one such as cp1251, koi8-r, gb18030, shift_jis or latin-1"
    )


def test_a_byte_order_mark_outranks_the_sidecar(site_dir: Path, test_site: Site) -> None:
    write_files(site_dir, {"short.txt": codecs.BOM_UTF8 + short_story("Привет мир").encode("utf-8"), "short.toml": 'encoding = "cp1251"\n'})
    assert normalize(read(site_dir / "short.txt"), test_site).headline == "Привет мир"
