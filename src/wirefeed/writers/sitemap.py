"""`sitemap.xml` (sitemaps.org 0.9, with `lastmod`) and the Google News sitemap `news-sitemap.xml`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from lxml import etree

from wirefeed.model import Article, Site
from wirefeed.writers.jsonld import iso
from wirefeed.writers.xmltext import element

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"

# sitemaps.org: at most 50,000 URLs in one sitemap; more go into several, listed by an index.
SITEMAP_LIMIT = 50_000

# Google News takes articles of the last two days, and at most 1,000 of them per sitemap.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000

# Google News knows Chinese by script; every other language by its ISO 639 code alone.
_NEWS_LANGUAGES_KEPT = frozenset({"zh-cn", "zh-tw"})


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    loc: str
    lastmod: datetime


@dataclass(frozen=True, slots=True)
class NewsUrl:
    """One article as the News sitemap lists it."""

    loc: str
    publication: str
    language: str
    published: datetime
    title: str


def render_sitemap(urls: Sequence[SitemapUrl], entries: SitemapEntries | None = None) -> bytes:
    """The sitemap of `urls`, as lxml writes it, but joined as text: lxml took 80 ms for
    10,000 URLs, a rebuild kept in memory (pipeline/warm.py) writes it after every edit, and
    text is 6 times faster. tests/writers/test_sitemap_text.py holds the bytes equal to lxml's.
    `entries`: each entry's text, kept from an earlier call and added to."""
    if not urls:
        return _lxml_sitemap(urls)  # which writes an empty urlset as lxml does
    known: SitemapEntries = {} if entries is None else entries
    parts = []
    for url in urls:
        kept = known.get(id(url))
        if kept is not None and kept[0] is url:
            parts.append(kept[1])
            continue
        if _XML_UNWRITABLE.search(url.loc):
            return _lxml_sitemap(urls)  # which refuses what XML cannot hold
        entry = _entry(url)
        known[id(url)] = (url, entry)
        parts.append(entry)
    text = "".join(parts)
    return f"<?xml version='1.0' encoding='UTF-8'?>\n<urlset xmlns=\"{SITEMAP_NS}\">\n{text}</urlset>\n".encode("utf-8")


# Each sitemap entry's text, by the very SitemapUrl it was written from (which the entry holds,
# so that its id is not another's): the entries of a plan's sitemap are the same objects from
# one edit to the next, and looking them up by identity took a fifth of the time that hashing
# their URL, date and UTC offset did (10 against 50 ms for a file of 50,000).
SitemapEntries = dict[int, tuple[SitemapUrl, str]]


def _entry(url: SitemapUrl) -> str:
    # xmltext writes text as libxml2 does, the feed items' writer.
    return f"  <url>\n{element('    ', 'loc', url.loc)}{element('    ', 'lastmod', iso(url.lastmod))}  </url>\n"


# What lxml refuses in text: what XML 1.0's Char production leaves out, named as itself rather
# than as the complement of what it holds (compiling the complement's ranges walks 63,000 code
# points: 6 ms of every command that writes a sitemap).
_XML_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _lxml_sitemap(urls: Sequence[SitemapUrl]) -> bytes:
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for url in urls:
        element = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        _text(element, SITEMAP_NS, "loc", url.loc)
        _text(element, SITEMAP_NS, "lastmod", iso(url.lastmod))
    return _document(root)


def render_sitemap_index(sitemaps: Sequence[SitemapUrl]) -> bytes:
    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    for sitemap in sitemaps:
        element = etree.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        _text(element, SITEMAP_NS, "loc", sitemap.loc)
        _text(element, SITEMAP_NS, "lastmod", iso(sitemap.lastmod))
    return _document(root)


def news_urls(articles: Sequence[Article], site: Site, now: datetime) -> list[NewsUrl]:
    """The articles (newest first) published in the two days up to `now`, as News sitemap entries."""
    # Another publisher's story is not our publication's: Google News credits the site's own only.
    recent = [article for article in articles if now - NEWS_WINDOW < article.published <= now and not article.elsewhere]
    return [
        NewsUrl(
            loc=article.url,
            # The name Google News shows for the publisher, as the JSON-LD's publisher gives it.
            publication=site.publisher.name,
            language=news_language(article.language),
            published=article.published,
            title=article.headline,
        )
        for article in recent[:NEWS_LIMIT]
    ]


def news_language(language: str) -> str:
    return language if language in _NEWS_LANGUAGES_KEPT else language.split("-")[0]


def render_news_sitemap(urls: Sequence[NewsUrl]) -> bytes:
    """The News sitemap; with no recent article it is an empty urlset, so its URL keeps answering."""
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "news": NEWS_NS})
    for url in urls:
        element = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        _text(element, SITEMAP_NS, "loc", url.loc)
        news = etree.SubElement(element, f"{{{NEWS_NS}}}news")
        publication = etree.SubElement(news, f"{{{NEWS_NS}}}publication")
        _text(publication, NEWS_NS, "name", url.publication)
        _text(publication, NEWS_NS, "language", url.language)
        _text(news, NEWS_NS, "publication_date", iso(url.published))
        _text(news, NEWS_NS, "title", url.title)
    return _document(root)


def _text(parent: etree._Element, namespace: str, name: str, value: str) -> None:
    etree.SubElement(parent, f"{{{namespace}}}{name}").text = value


def _document(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8"))
