"""Which source wins for each Draft field of an HTML page: the precedence as data, in one place.

Every harvester files what it finds under a source name (`json-ld`, `og:title`,
`meta[name=author]`, `<time datetime>`...); that name is also the `where` of the
chosen `Found`, so `wirefeed show --explain` can say where a value came from.
For each field the first source in its tuple that has a usable value wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    """One source for a field, and why it sits where it does in the order."""

    source: str
    reason: str


# Shared by several fields: the page's schema.org article, however it was embedded.
_SCHEMA = (
    Rule("json-ld", "the article's own schema.org record, written for machines"),
    Rule("microdata", "the same schema.org vocabulary, marked up inline"),
    Rule("rdfa", "the same schema.org vocabulary, as RDFa"),
)
SCHEMA_SOURCES = frozenset(rule.source for rule in _SCHEMA)

PRECEDENCE: Mapping[str, tuple[Rule, ...]] = {
    "headline": (
        Rule("<h1>", "the visible headline, only when it is the best headline below in full (not truncated, no site name)"),
        *_SCHEMA,
        Rule("og:title", "the share title; a trailing ' | Site name' is removed"),
        Rule("twitter:title", "the card title; a trailing ' | Site name' is removed"),
        Rule("meta[name=parsely-title]", "analytics metadata set per article"),
        Rule("meta[name=sailthru.title]", "newsletter metadata set per article"),
        Rule("meta[name=citation_title]", "scholarly metadata set per article"),
        Rule("dc:title", "Dublin Core, rarer and often the page title"),
        Rule("<title>", "the window title: it usually carries the site name too (removed)"),
        Rule("trafilatura", "trafilatura's metadata heuristics: last, for pages that declare no headline"),
    ),
    "published": (
        *_SCHEMA,
        Rule("article:published_time", "OpenGraph article time, set by the CMS"),
        Rule("meta[name=parsely-pub-date]", "analytics metadata set per article"),
        Rule("meta[name=sailthru.date]", "newsletter metadata set per article"),
        Rule("meta[name=citation_publication_date]", "scholarly metadata"),
        Rule("meta[name=citation_date]", "scholarly metadata"),
        Rule("meta[itemprop=datePublished]", "a schema.org property outside any item"),
        Rule("dc:date", "Dublin Core date"),
        Rule("meta[name=pubdate]", "a common ad-hoc meta name"),
        Rule("meta[name=publish-date]", "a common ad-hoc meta name"),
        Rule("meta[name=date]", "a common ad-hoc meta name, least specific"),
        Rule("<time datetime>", "a machine-readable time marked as the article's (pubdate, itemprop, in <article>)"),
        Rule("trafilatura", "trafilatura's metadata heuristics: htmldate's extensive search (original date first) and more, after every declaration; a 1st of the month that the markup and URL do not give is a month or a year, not a day, and is dropped"),
        Rule("htmldate", "htmldate's heuristics over URL and markup only: last, as a guess"),
    ),
    "modified": (
        *_SCHEMA,
        Rule("article:modified_time", "OpenGraph article time, set by the CMS"),
        Rule("og:updated_time", "OpenGraph object update time"),
        Rule("meta[itemprop=dateModified]", "a schema.org property outside any item"),
        Rule("dc:modified", "Dublin Core terms"),
    ),
    "authors": (
        *_SCHEMA,
        Rule("meta[name=author]", "the HTML standard's author meta"),
        Rule("article:author", "OpenGraph; often a profile URL, which is dropped"),
        Rule("meta[name=parsely-author]", "analytics metadata set per article"),
        Rule("meta[name=sailthru.author]", "newsletter metadata set per article"),
        Rule("meta[name=citation_author]", "scholarly metadata, one tag per author"),
        Rule("dc:creator", "Dublin Core creator"),
        Rule("[itemprop=author]", "an author marked in the page outside any schema.org item"),
        Rule("a[rel=author]", "a link the page itself marks as its author"),
        Rule(".byline", "the visible byline element"),
        Rule(".author", "an element named author: late, it is often a comment's or a widget's"),
        Rule("trafilatura", "trafilatura's metadata heuristics: last, its guess from bylines in the text"),
    ),
    "description": (
        *_SCHEMA,
        Rule("og:description", "the share summary, curated per article"),
        Rule("twitter:description", "the card summary, curated per article"),
        Rule("meta[name=description]", "the search snippet, sometimes site-wide"),
        Rule("dc:description", "Dublin Core description"),
        Rule("trafilatura", "trafilatura's metadata heuristics: after every declaration the page makes"),
    ),
    "language": (
        Rule("json-ld", "the article's own inLanguage"),
        Rule("<html lang>", "the language the page declares for its content"),
        Rule("meta[http-equiv=content-language]", "the HTTP header as copied into the page"),
        Rule("og:locale", "a share locale: often a site-wide default"),
        Rule("dc:language", "Dublin Core language"),
    ),
    "url": (
        Rule("<link rel=canonical>", "the page's declared permanent address"),
        Rule("og:url", "the share address, usually canonical"),
        *_SCHEMA,
    ),
    # The original publisher of a story from elsewhere (normalize/provenance.py): who the
    # article says published it first, then the name the site shows on shares.
    "site_name": (
        Rule("json-ld", "the article's schema.org publisher name"),
        Rule("microdata", "the schema.org publisher, marked up inline"),
        Rule("og:site_name", "the publisher's name as shown on shares"),
        Rule("json-ld WebSite", "a schema.org WebSite record's name"),
        Rule("meta[name=application-name]", "the name the site gives itself as a web app"),
    ),
    # The home page and logo of the article's schema.org publisher.
    "publisher_url": _SCHEMA,
    "publisher_logo": _SCHEMA,
    "sections": (
        *_SCHEMA,
        Rule("article:section", "OpenGraph article section"),
        Rule("meta[name=parsely-section]", "analytics metadata set per article"),
    ),
    "keywords": (
        *_SCHEMA,
        Rule("article:tag", "OpenGraph article tags, one per tag"),
        Rule("meta[name=parsely-tags]", "analytics metadata set per article"),
        Rule("meta[name=sailthru.tags]", "newsletter metadata set per article"),
        Rule("meta[name=news_keywords]", "Google News keywords, per article"),
        Rule("meta[name=keywords]", "the old keywords meta: last, often site-wide"),
    ),
    "images": (
        *_SCHEMA,
        Rule("og:image", "the share image, with og:image:width/height/alt"),
        Rule("twitter:image", "the card image"),
    ),
    "body": (
        Rule("trafilatura", "main-text extraction that drops navigation, ads and comments"),
    ),
}

TRAFILATURA_SOURCE = "trafilatura"
HTMLDATE_SOURCE = "htmldate"
# The heuristic date sources, as against the dates a page declares (html.py's _date_guesses).
GUESS_SOURCES = frozenset({TRAFILATURA_SOURCE, HTMLDATE_SOURCE})

# Figures are not a lead-image source: every captioned figure is kept after the lead image.
FIGURE_SOURCE = "<figure>"


def sources(field: str) -> tuple[str, ...]:
    """The source names of a field, best first."""
    return tuple(rule.source for rule in PRECEDENCE[field])
