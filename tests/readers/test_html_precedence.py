"""The precedence table is data: complete, explained, and in the order the reader follows."""

from __future__ import annotations

import dataclasses

import pytest

from wirefeed.model import Draft
from wirefeed.readers.html_precedence import PRECEDENCE, sources

DRAFT_FIELDS_FROM_HTML = {
    "headline", "published", "modified", "authors", "description", "language",
    "url", "site_name", "publisher_url", "publisher_logo", "sections", "keywords", "images", "body",
}


def test_every_field_the_reader_fills_has_a_precedence() -> None:
    draft_fields = {field.name for field in dataclasses.fields(Draft)}
    assert set(PRECEDENCE) == DRAFT_FIELDS_FROM_HTML
    assert set(PRECEDENCE) <= draft_fields


@pytest.mark.parametrize("field", sorted(PRECEDENCE))
def test_every_source_is_listed_once_with_a_reason(field: str) -> None:
    names = sources(field)
    assert len(names) == len(set(names))
    assert all(rule.reason.strip() for rule in PRECEDENCE[field])


@pytest.mark.parametrize(
    ("field", "better", "worse"),
    [
        ("headline", "<h1>", "json-ld"),
        ("headline", "json-ld", "og:title"),
        ("headline", "og:title", "<title>"),
        ("published", "json-ld", "article:published_time"),
        ("published", "article:published_time", "<time datetime>"),
        ("published", "<time datetime>", "htmldate"),
        ("authors", "json-ld", "meta[name=author]"),
        ("authors", "meta[name=author]", ".byline"),
        ("description", "json-ld", "og:description"),
        ("description", "og:description", "meta[name=description]"),
        ("url", "<link rel=canonical>", "og:url"),
        # The article's own publisher names the original publisher of a story from elsewhere.
        ("site_name", "json-ld", "og:site_name"),
        ("site_name", "og:site_name", "meta[name=application-name]"),
        ("images", "json-ld", "og:image"),
    ],
)
def test_documented_orderings_hold(field: str, better: str, worse: str) -> None:
    order = sources(field)
    assert order.index(better) < order.index(worse)
