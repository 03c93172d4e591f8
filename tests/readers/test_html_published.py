"""Which of a page's stated dates is its publication (readers/html_published.py; README: Date rules 9)."""

from __future__ import annotations

from pathlib import Path

from wirefeed.readers.html import read_html

BODY = "<p>The harbour ferry is running again after the storm closed the port for three days.</p>"


def page(head: str, body: str = "") -> bytes:
    return f"<html lang='en'><head><title>Ferry back</title>{head}</head><body><article><h1>Ferry back</h1>{body}{BODY}</article></body></html>".encode()


def published(head: str, body: str = "") -> tuple[str, str] | None:
    found = read_html(Path("page.html"), page(head, body)).published
    return (found.value, found.where) if found else None


def test_a_day_alone_on_the_update_day_yields_to_an_earlier_date() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-02-19"}</script>'
        '<meta property="article:published_time" content="2017-04-12T18:33:59+02:00">'
        '<meta property="article:modified_time" content="2020-02-19T15:24:33+01:00">'
    )
    assert published(head) == ("2017-04-12T18:33:59+02:00", "article:published_time")


def test_a_stray_first_date_is_outvoted_by_three_sources() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-01-04T07:29:00Z"}</script>'
        '<meta property="article:published_time" content="2022-01-06T08:29:34+01:00">'
        '<meta name="dc.date" content="2022-01-06">'
        '<meta name="date" content="2022-01-06">'
    )
    assert published(head) == ("2022-01-06T08:29:34+01:00", "article:published_time")


def test_two_sources_or_a_day_apart_do_not_outvote() -> None:
    json_ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-01-04T07:29:00Z"}</script>'
    # og's day and trafilatura's reading of it: two sources, not three.
    two = '<meta property="article:published_time" content="2022-01-06T08:29:34+01:00">'
    assert published(json_ld + two) == ("2022-01-04T07:29:00Z", "json-ld")
    day_apart = (
        '<meta property="article:published_time" content="2022-01-05T08:29:34+01:00">'
        '<meta name="dc.date" content="2022-01-05"><meta name="date" content="2022-01-05">'
    )
    assert published(json_ld + day_apart) == ("2022-01-04T07:29:00Z", "json-ld")


def test_a_naive_local_twin_gives_the_offset_of_a_utc_time() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-11-09T05:30:59Z"}</script>'
    body = '<time datetime="2023-11-08 23:30:59" pubdate>Nov 8</time>'
    assert published(head, body) == ("2023-11-08T23:30:59-06:00", "<time datetime>")
    no_seconds = '<time datetime="2023-11-08 23:30" pubdate>Nov 8</time>'
    assert published(head, no_seconds) == ("2023-11-09T05:30:59Z", "json-ld")
