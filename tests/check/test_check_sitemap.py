"""Sitemaps over the limits search engines set: generated here, too large to keep as fixtures."""

from __future__ import annotations

from pathlib import Path

from wirefeed.check import check_bytes

URL = "<url><loc>https://news.example.com/a/{n}.html</loc></url>"
NEWS_URL = (
    '<url><loc>https://news.example.com/a/{n}.html</loc><news:news><news:publication><news:name>GT</news:name>'
    "<news:language>en</news:language></news:publication><news:publication_date>2021-03-11</news:publication_date>"
    "<news:title>T{n}</news:title></news:news></url>"
)


def sitemap(entries: str, count: int) -> bytes:
    body = "".join(entries.format(n=n) for n in range(count))
    return (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</urlset>'
    ).encode()


def test_50000_urls_pass_and_50001_do_not() -> None:
    assert check_bytes(sitemap(URL, 50_000), Path("sitemap.xml")) == []
    [finding] = check_bytes(sitemap(URL, 50_001), Path("sitemap.xml"))
    assert (finding.rule, finding.severity, finding.line) == ("SitemapTooLarge", "error", 1)
    assert finding.message == "50,001 <url> entries; a sitemap holds at most 50,000"


def test_a_news_sitemap_holds_at_most_1000_articles() -> None:
    assert check_bytes(sitemap(NEWS_URL, 1_000), Path("news-sitemap.xml")) == []
    [finding] = check_bytes(sitemap(NEWS_URL, 1_001), Path("news-sitemap.xml"))
    assert finding.message == "1,001 <news:news> entries; a news sitemap holds at most 1,000"
