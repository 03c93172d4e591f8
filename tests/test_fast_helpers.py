"""The faster helpers give what the general code they replace gives (issue 6): the credit search,
the word count, text cleaning, the language check, indented JSON, the path of a URL."""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import urlsplit

from hypothesis import given, settings, strategies as st

from wirefeed.layout import _url_path
from wirefeed.normalize.language import LATIN, dominant_script, text_language
from wirefeed.normalize.text import (
    _FORBIDDEN, _LETTERS, _ODD_SPACES, _PLAIN_WORD, _RUNS_OF_SPACE, _UNSPACED, _ZERO_WIDTH, clean_text, count_words,
)
from wirefeed.readers.html_filters import compact
from wirefeed.readers.patterns import CREDIT_AT_END, _may_hold_credit, credit_of
from wirefeed.writers.jsonld import compact_json, indented_json


def _full_credit(text: str):  # type: ignore[no-untyped-def]
    match = CREDIT_AT_END.search(text)
    return None if match is None else match.span()


_CREDIT_PIECES = st.sampled_from(["Photo: IC", " ", "   ", "\n", "(", ")", "[", "]", "Photo", "photo:", "File photo: AFP",
                                  "word", ".", "Xinhua", "/", "by", "Li Hao/GT", "x" * 50, " " * 120, ") " * 40,
                                  "PHOTO:", "Photoſ: AP", "ımage:", "İMAGE/", "PICTURE by", "Graphic:", "VIDEO:"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CREDIT_PIECES, max_size=40), st.integers(0, 400))
def test_the_credit_search_in_the_tail_finds_the_match_of_a_full_search(pieces: list[str], lead: int) -> None:
    text = "Prose. " * lead + "".join(pieces)
    match = credit_of(text)
    full = _full_credit(text)
    if match is not None:
        assert match.span() == full


@settings(max_examples=300, deadline=None)
@given(st.lists(_CREDIT_PIECES, max_size=12))
def test_the_stem_test_passes_every_text_the_credit_pattern_matches(pieces: list[str]) -> None:
    text = "".join(pieces)
    if CREDIT_AT_END.search(text):
        assert _may_hold_credit(text)


def test_the_stem_test_skips_prose_and_keeps_odd_cases() -> None:
    assert not _may_hold_credit("The minister spoke at length about the economy.")
    assert _may_hold_credit("Crowds in Beijing. PHOTO: IC") and _may_hold_credit("Crowds. ımage: IC")
    assert credit_of("Crowds. ımage: IC") is not None and credit_of("Crowds. Photoſ: AP") is not None


_GENERAL_WORD = re.compile(rf"{_LETTERS}(?:[-'’.]{_LETTERS})*")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z9_-'’.,\u0301\u064e中かé\u0939\u093e \u200d")), max_size=40))
def test_the_plain_word_count_agrees_with_the_general_pattern(text: str) -> None:
    expected = len(_UNSPACED.findall(text)) + len(_GENERAL_WORD.findall(_UNSPACED.sub(" ", text)))
    assert count_words(text) == expected


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9_-'’.,()/ \t\n\u00a0\u2003\u3000\u2028²٣ßé…")), max_size=60))
def test_the_count_by_runs_equals_the_plain_pattern_over_the_whole_text(text: str) -> None:
    # Latin-script text (no marks, no unspaced script) is counted run by run (count_words).
    assert count_words(text) == len(_PLAIN_WORD.findall(text))


def _full_clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _FORBIDDEN.sub("", _ZERO_WIDTH.sub("", _ODD_SPACES.sub(" ", text)))
    return _RUNS_OF_SPACE.sub(" ", text).strip()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab  \t\n\r\x00\x1c\x85\u00a0\u00ad\u200b\u2028\u3000\ufeffe\u0301é中’")), max_size=30))
def test_clean_text_skips_only_what_needs_no_cleaning(text: str) -> None:
    assert clean_text(text) == _full_clean(text)


def test_the_credit_search_keeps_offsets_of_long_paragraphs() -> None:
    text = "The minister spoke at length. " * 30 + "Photo: Li Hao/GT"
    match = credit_of(text)
    assert match is not None and match.span() == _full_credit(text) and text[match.start("credit"):] == "Li Hao/GT"
    spaced = "Caption. Photo:" + " " * 300 + "VCG"
    assert credit_of(spaced) is not None and credit_of(spaced).span() == _full_credit(spaced)  # type: ignore[union-attr]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .Éé中文かな한국العربيةрусскийעברית")), max_size=60), st.sampled_from(["en", "zh-cn", "ja", "ar"]))
def test_the_one_pass_language_check_agrees_with_counting_every_script(text: str, site_language: str) -> None:
    script = dominant_script(text)
    if script is None or script is LATIN or site_language.split("-")[0] in script.languages:
        expected = site_language
    else:
        expected = script.language
    assert text_language(text, site_language) == expected


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text() | st.floats(allow_nan=False),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_JSON)
def test_indented_json_is_the_json_modules_bytes(document: object) -> None:
    assert indented_json(document) == (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@settings(max_examples=400, deadline=None)
@given(_JSON)
def test_compact_json_is_the_json_modules_text(document: object) -> None:
    assert compact_json(document) == json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def test_compact_json_of_what_orjson_refuses_is_the_json_modules_text() -> None:
    # Keys that are not strings and lone surrogates: the json module's path.
    for document in ({1: "a", "b": [True, None]}, {"lone": "\ud800"}, ["\u2028<&>", 2**64]):
        assert compact_json(document) == json.dumps(document, ensure_ascii=False, separators=(",", ":"))



@settings(max_examples=400, deadline=None)
@given(base=st.sampled_from(["https://wire.example.com/", "http://news.example/desk/", "https://example.org/a%20b/"]),
       rest=st.lists(st.sampled_from(list("ab/?#;%:@&=+ \t\r\n.-_~é中") + ["%2F", "%3F", "//"]), max_size=30).map("".join))
def test_the_path_of_a_url_on_the_site_is_the_one_urlsplit_gives(base: str, rest: str) -> None:
    assert _url_path(base + rest, base) == urlsplit(base + rest).path


def _compact_per_character(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", text).casefold() if char.isalnum())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_compact_keeps_exactly_the_letters_and_digits_a_test_per_character_keeps(text: str) -> None:
    assert compact(text) == _compact_per_character(text)


def test_compact_of_names_in_several_scripts() -> None:
    samples = ["Süddeutsche Zeitung", "日本経済新聞", "Łódź_24", "٣ أخبار", "Ελληνικά-νέα", "ǅemal", "x́‍y", "Ⅻ ½ ²"]
    assert [compact(sample) for sample in samples] == [_compact_per_character(sample) for sample in samples]
    assert compact("Süddeutsche Zeitung") == "suddeutschezeitung"
