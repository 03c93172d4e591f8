"""The sitemap joined as text (writers/sitemap.py) gives lxml's bytes, for any URL and date."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirefeed.writers.sitemap import _XML_UNWRITABLE, SitemapEntries, SitemapUrl, _lxml_sitemap, render_sitemap

_MOMENT = datetime(2021, 3, 11, 9, 30, tzinfo=timezone(timedelta(hours=8)))


def test_an_empty_sitemap_is_lxmls_empty_urlset() -> None:
    assert render_sitemap([]) == _lxml_sitemap([])
    assert render_sitemap([]).endswith(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n')


def test_two_urls_as_text() -> None:
    urls = [SitemapUrl("https://wire.example.com/", _MOMENT), SitemapUrl("https://wire.example.com/a?b=1&c=<2>", _MOMENT)]
    assert render_sitemap(urls) == (
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        b"  <url>\n    <loc>https://wire.example.com/</loc>\n    <lastmod>2021-03-11T09:30:00+08:00</lastmod>\n  </url>\n"
        b"  <url>\n    <loc>https://wire.example.com/a?b=1&amp;c=&lt;2&gt;</loc>\n    <lastmod>2021-03-11T09:30:00+08:00</lastmod>\n  </url>\n"
        b"</urlset>\n"
    )
    assert render_sitemap(urls) == _lxml_sitemap(urls)


def test_kept_entries_are_the_very_urls_written_not_their_equals() -> None:
    first = SitemapUrl("https://wire.example.com/a", _MOMENT)
    entries: SitemapEntries = {}
    render_sitemap([first], entries)
    assert list(entries.values()) == [(first, "  <url>\n    <loc>https://wire.example.com/a</loc>\n    <lastmod>2021-03-11T09:30:00+08:00</lastmod>\n  </url>\n")]
    # The same instant in another offset is an equal SitemapUrl, written with its own offset.
    same_instant = SitemapUrl("https://wire.example.com/a", _MOMENT.astimezone(timezone.utc))
    assert same_instant == first
    assert b"<lastmod>2021-03-11T01:30:00+00:00</lastmod>" in render_sitemap([first, same_instant], entries)
    assert render_sitemap([first, same_instant], entries) == _lxml_sitemap([first, same_instant])
    assert len(entries) == 2


def test_what_xml_cannot_hold_is_refused_as_before() -> None:
    with pytest.raises(ValueError):
        render_sitemap([SitemapUrl("https://wire.example.com/\x01", _MOMENT)])


_XML_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_XML_TEXT, st.integers(min_value=0, max_value=10**9), st.integers(min_value=-12, max_value=14)), max_size=5))
def test_any_urls_give_lxmls_bytes(entries: list[tuple[str, int, int]]) -> None:
    urls = [SitemapUrl(loc, datetime(2000, 1, 1, tzinfo=timezone(timedelta(hours=hours))) + timedelta(seconds=seconds))
            for loc, seconds, hours in entries]
    try:
        expected = _lxml_sitemap(urls)
    except ValueError:
        with pytest.raises(ValueError):
            render_sitemap(urls)
        return
    assert render_sitemap(urls) == expected


def test_what_the_sitemap_calls_unwritable_is_every_code_point_xml_has_no_char_for() -> None:
    # XML 1.0's Char production, as written in the specification.
    xml_char = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    text = "".join(map(chr, range(0x110000)))
    assert "".join(_XML_UNWRITABLE.findall(text)) == xml_char.sub("", text)
