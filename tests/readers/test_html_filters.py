"""The web-specific filters: site names in titles, author slots that hold no person, JSON-LD blocks."""

from __future__ import annotations

import pytest

from wirefeed.model import DraftAgent, Found
from wirefeed.readers.html_filters import (
    absolute_url, is_person_like, looks_like_url, site_name_keys, title_prefixes, without_site_name,
)
from wirefeed.readers.html_schema import parse_jsonld_block, pixels

KEYS = site_name_keys(["The Example Times"], "https://www.aktualne.cz/story")


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Rates rise | The Example Times", "Rates rise"),
        ("Rates rise - the example times", "Rates rise"),
        ("Rates rise — Aktuálně.cz", "Rates rise"),
        ("Rates rise :: Aktualne", "Rates rise"),
        ("The Example Times: Rates rise", "The Example Times: Rates rise"),
        ("The Example Times | Rates rise", "Rates rise"),
        ("Rates rise | Opinion | The Example Times", "Rates rise | Opinion"),
        ("Rates rise - and fall", "Rates rise - and fall"),
        ("The Example Times", "The Example Times"),
    ],
)
def test_only_the_sites_own_name_is_cut_from_a_title(title: str, headline: str) -> None:
    assert without_site_name(title, KEYS) == headline


def test_title_prefixes_are_the_parts_before_each_separator() -> None:
    assert title_prefixes("A | B - C") == ["A", "A | B"]


@pytest.mark.parametrize(
    ("name", "kind", "person_like"),
    [
        ("Jane Doe", None, True),
        ("By Jane Doe, Staff Writer", None, True),
        ("J.R.R. Tolkien", None, True),
        ("https://www.facebook.com/janedoe", None, False),
        ("www.example.com", None, False),
        ("example.com/staff/jane", None, False),
        ("/author/jane-doe", None, False),
        ("jane@example.com", None, False),
        ("@janedoe", None, False),
        ("March 3, 2024", None, False),
        ("03/04/2024", None, False),
        ("Updated 10:45", None, False),
        ("The Example Times", None, False),
        ("The Example Times", "Organization", True),
        ("aktualne.cz", None, False),
        ("—", None, False),
    ],
)
def test_author_slots_that_hold_no_person_are_recognised(name: str, kind: str | None, person_like: bool) -> None:
    agent = DraftAgent(name=Found(name, "test"), kind=kind)  # type: ignore[arg-type]
    assert is_person_like(agent, KEYS) is person_like


@pytest.mark.parametrize(
    ("url", "base", "resolved"),
    [
        ("/a.jpg", "https://example.com/news/story", "https://example.com/a.jpg"),
        ("b.jpg", "https://example.com/news/story", "https://example.com/news/b.jpg"),
        ("//cdn.example.com/c.jpg", "https://example.com/", "https://cdn.example.com/c.jpg"),
        ("/a.jpg", None, "/a.jpg"),
        ("/a.jpg", "/relative/base/", "/a.jpg"),
    ],
)
def test_urls_resolve_only_against_an_absolute_base(url: str, base: str | None, resolved: str) -> None:
    assert absolute_url(url, base) == resolved


def test_looks_like_url() -> None:
    assert looks_like_url("https://x.example/y") and looks_like_url("/code/2013/post/")
    assert not looks_like_url("Council approves new library")


@pytest.mark.parametrize(
    ("block", "data"),
    [
        ('{"@type": "NewsArticle"}', {"@type": "NewsArticle"}),
        ('<![CDATA[ {"a": 1} ]]>', {"a": 1}),
        ('//<![CDATA[\n{"a": 2}\n//]]>', {"a": 2}),
        ('<!-- {"a": 3} -->', {"a": 3}),
        ('// a comment\n{"a": 4,}', {"a": 4}),
        ('[{"a": 5}, {"b": 6}]', [{"a": 5}, {"b": 6}]),
        ('{"headline": "x" "datePublished": }', None),
        ("", None),
        ("[" * 5000, None),
    ],
)
def test_jsonld_blocks_are_read_leniently_or_skipped(block: str, data: object) -> None:
    assert parse_jsonld_block(block) == data


@pytest.mark.parametrize(
    ("value", "size"),
    [(1200, 1200), ("630", 630), ("630px", 630), ({"@type": "QuantitativeValue", "value": 40}, 40),
     ("wide", None), (0, None), (True, None), (None, None)],
)
def test_pixels(value: object, size: int | None) -> None:
    assert pixels(value) == size
