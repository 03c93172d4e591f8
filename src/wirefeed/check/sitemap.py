"""Sitemaps (sitemaps.org 0.9) and Google News sitemaps: the files search engines crawl a site by."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from lxml import etree

from wirefeed.check.finding import Finding, Report
from wirefeed.check.values import is_absolute_url, language_problem, w3cdtf_date_problem
from wirefeed.check.xmlfeed import add_problem, check_document, check_unique, child, children, text

SITEMAP: Final = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS: Final = "http://www.google.com/schemas/sitemap-news/0.9"
# sitemaps.org: at most 50,000 URLs in one file (and 50 MB uncompressed).
MAX_URLS: Final = 50_000
MAX_BYTES: Final = 50 * 1024 * 1024
# Google News: at most 1,000 news:news entries in one sitemap.
MAX_NEWS: Final = 1_000


def is_sitemap_root(root: etree._Element) -> bool:
    return root.tag in (f"{{{SITEMAP}}}urlset", f"{{{SITEMAP}}}sitemapindex")


def check_sitemap(data: bytes, path: Path) -> list[Finding]:
    findings = check_document(data, path, check_sitemap_tree)
    if len(data) > MAX_BYTES:
        report = Report(path)
        report.add("SitemapTooLarge", f"{len(data):,} bytes; a sitemap holds at most {MAX_BYTES:,}")
        findings += report.findings
    return findings


def check_sitemap_tree(root: etree._Element, report: Report) -> None:
    if not is_sitemap_root(root):
        # Search engines ignore a urlset outside the sitemaps.org namespace.
        report.add("UnknownFormat", f"<{root.tag}> is not in the sitemap namespace {SITEMAP!r}", root.sourceline)
        return
    entry_name = "url" if etree.QName(root).localname == "urlset" else "sitemap"
    entries = children(root, SITEMAP, entry_name)
    if len(entries) > MAX_URLS:
        report.add("SitemapTooLarge", f"{len(entries):,} <{entry_name}> entries; a sitemap holds at most {MAX_URLS:,}", root.sourceline)
    for entry in entries:
        _check_entry(entry, report)
    check_unique((child(entry, SITEMAP, "loc") for entry in entries), "DuplicateValue", report)
    news = [element for entry in entries for element in children(entry, NEWS, "news")]
    if len(news) > MAX_NEWS:
        report.add("SitemapTooLarge", f"{len(news):,} <news:news> entries; a news sitemap holds at most {MAX_NEWS:,}", root.sourceline)
    for element in news:
        _check_news(element, report)


def _check_entry(entry: etree._Element, report: Report) -> None:
    loc = child(entry, SITEMAP, "loc")
    if loc is None:
        report.add("MissingElement", "<url> has no <loc>", entry.sourceline)
    elif not is_absolute_url(text(loc)):
        report.add("InvalidFullLink", f"<loc> {text(loc)!r} is not an absolute URL", loc.sourceline)
    lastmod = child(entry, SITEMAP, "lastmod")
    if lastmod is not None:
        add_problem(report, w3cdtf_date_problem(text(lastmod)), lastmod)


def _check_news(news: etree._Element, report: Report) -> None:
    publication = child(news, NEWS, "publication")
    required = {"publication": publication, "publication_date": child(news, NEWS, "publication_date"), "title": child(news, NEWS, "title")}
    for name, element in required.items():
        if element is None or not text(element):
            report.add("MissingElement", f"<news:news> has no <news:{name}>", news.sourceline)
    if publication is not None:
        for name in ("name", "language"):
            element = child(publication, NEWS, name)
            if element is None or not text(element):
                report.add("MissingElement", f"<news:publication> has no <news:{name}>", publication.sourceline)
            elif name == "language":
                add_problem(report, language_problem(text(element)), element)
    date = required["publication_date"]
    if date is not None and text(date):
        add_problem(report, w3cdtf_date_problem(text(date)), date)
