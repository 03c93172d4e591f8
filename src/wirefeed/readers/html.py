"""Read an article page from any CMS into a Draft.

One parse, then harvesters each file what they find by source (html_meta: head tags,
OpenGraph, Dublin Core; html_schema: JSON-LD, microdata, RDFa; html_page: <h1>,
<time>, bylines, figures); html_precedence says which source wins each field.
Cleaning (dates, bylines, whitespace, casing) is left to normalize(); what is
removed here is web-specific: site names in titles, authors that are URLs or dates.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from wirefeed.model import Draft, DraftAgent, Found, Source
from wirefeed.readers.html_body import Extraction, extract
from wirefeed.readers.html_dates import usable_date
from wirefeed.readers.html_filters import (
    absolute_url, compact, is_absolute, is_person_like, looks_like_url, site_name_keys, title_prefixes,
    without_photo_credit, without_site_name,
)
from wirefeed.readers.html_figures import page_images
from wirefeed.readers.html_harvest import Harvest
from wirefeed.readers.html_meta import base_href, harvest_head
from wirefeed.readers.html_page import h1_texts, harvest_page
from wirefeed.readers.html_parse import parse_page
from wirefeed.readers.html_precedence import PRECEDENCE, SCHEMA_SOURCES, TRAFILATURA_SOURCE, sources
from wirefeed.readers.html_published import date_guesses, published_date
from wirefeed.readers.html_schema import harvest_schema, jsonld_nodes, microdata_nodes, rdfa_nodes

__all__ = ["read_html"]

_H1_SOURCE = "<h1>"
# A headline repeated in the body is looked for among its first paragraphs (a date line, a kicker).
_HEADER_PARAGRAPHS = 3
_TRUNCATION = re.compile(r"\s*(?:\.\.\.|…)$")
# A description ending so is whole as written; one ending otherwise (or in `…`) may be cut off.
# Han, kana and Hangul: names written without a space between given and family name.
_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_FULL_STOPS = tuple(".!?。！？")
_CLOSERS = "\"”’'»)）」』"
# BCP 47's shape (`en`, `zh-Hant-TW`, `pt_BR` as CMSs write it): `english` or `lang=` is no tag.
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$", re.IGNORECASE)


def read_html(path: Path, data: bytes) -> Draft:
    """The Draft of one HTML page; InputError only when the bytes are not a readable page.

    A page that is not an article still reads: its headline or date is simply absent,
    and normalize() says so with the file's name.
    """
    tree = parse_page(path, data)
    harvest = Harvest()
    harvest_head(tree, harvest)
    page_url = _page_url(harvest, base_href(tree))
    base = _document_base(base_href(tree), page_url)
    harvest_schema(jsonld_nodes(tree), "json-ld", harvest)
    harvest_schema(microdata_nodes(tree, base), "microdata", harvest)
    harvest_schema(rdfa_nodes(tree, base), "rdfa", harvest)
    harvest_page(tree, harvest)
    extraction = extract(tree, page_url)
    _harvest_trafilatura(extraction, harvest)
    site_keys = site_name_keys(_all_site_names(harvest), page_url)
    _clean_headlines(harvest, site_keys)
    _add_confirmed_h1(h1_texts(tree), harvest)
    date_guesses(tree, page_url, harvest)
    return _draft(path, data, extraction, harvest, site_keys, base, page_url)


def _harvest_trafilatura(extraction: Extraction, harvest: Harvest) -> None:
    """trafilatura's metadata as one more source, ranked after the page's own (html_precedence)."""
    found = extraction.metadata
    # Not its site name: trafilatura guesses one from the title, and a publisher must be declared.
    for field, key in (("headline", "title"), ("published", "date"), ("description", "description")):
        harvest.add_text(field, TRAFILATURA_SOURCE, found.get(key))
    # One byline as trafilatura gives it (`A; B`), split by normalize like any byline: so a
    # site name it split (`Mac & i` -> `Mac; I`) is still seen whole, and left out as the site's.
    byline = (found.get("author") or "").strip()
    if byline and any(_is_full_name(part) for part in byline.split(";")):
        harvest.add_agent(TRAFILATURA_SOURCE, byline)


def _draft(
    path: Path, data: bytes, extraction: Extraction, harvest: Harvest,
    site_keys: frozenset[str], base: str | None, page_url: str | None,
) -> Draft:
    headline = _first(harvest, "headline")
    url = _first(harvest, "url")
    published = published_date(harvest)
    body = _body(extraction.paragraphs, headline)
    # An update before the publication is judged in normalize (dating), on the source's clock.
    modified = _first(harvest, "modified", usable_date)
    return Draft(
        source=Source(path, format="html", sha256=hashlib.sha256(data).hexdigest()),
        headline=headline,
        published=published,
        modified=modified,
        sections=_all_from_best(harvest, "sections"),
        authors=_authors(harvest, site_keys, base),
        images=page_images(harvest, base, [paragraph.value for paragraph in body]),
        body=body,
        description=_fullest_description(harvest),
        language=_first(harvest, "language", language_tag),
        keywords=_all_from_best(harvest, "keywords"),
        url=Found(absolute_url(url.value, base) or url.value, url.where) if url else None,
        site_name=_site_name(harvest, page_url),
        publisher_url=_absolute(_first(harvest, "publisher_url"), base),
        publisher_logo=_absolute(_first(harvest, "publisher_logo"), base),
        other_dates=tuple(Found(value, source) for field in ("published", "modified") for source in sources(field) for value in harvest.text(field, source)),
    )


def _absolute(found: Found[str] | None, base: str | None) -> Found[str] | None:
    """A URL the page gives, resolved against its base."""
    if found is None:
        return None
    url = absolute_url(found.value, base)
    return Found(url, found.where) if url else None


def _first(harvest: Harvest, field: str, usable: Callable[[str], str | None] | None = None) -> Found[str] | None:
    """The first value of the best source that has one (that `usable` accepts, in the form it returns)."""
    for source in sources(field):
        for value in harvest.text(field, source) if usable else [harvest.first_text(field, source) or ""]:
            kept = usable(value) if usable and value else value
            if kept:
                return Found(kept, source)
    return None


def _fullest_description(harvest: Harvest) -> Found[str] | None:
    """The best description, or a longer one from another source that it is a truncated start of."""
    best = _first(harvest, "description")
    if best is None or _whole(best.value):
        return best
    start = compact(_TRUNCATION.sub("", best.value))
    for source in sources("description"):
        for value in harvest.text("description", source):
            if len(value) > len(best.value) and start and compact(value).startswith(start):
                return Found(value, source)
    return best


def _whole(description: str) -> bool:
    """Ends as a sentence ends. A closing quote or bracket counts only after a full stop
    (`... he said.”`): `Taiwanese President Tsai Ing-wen’s` ends in an apostrophe, cut off."""
    text = description.rstrip()
    if _TRUNCATION.search(text):
        return False
    while text and text[-1] in _CLOSERS:
        text = text[:-1]
        if text.endswith(_FULL_STOPS):
            return True
    return text.endswith(_FULL_STOPS)


def language_tag(value: str) -> str | None:
    """A language tag as found, or None for a value that is not one (a template's `english`)."""
    return value.strip() if _LANGUAGE_TAG.match(value.strip()) else None


def _site_name(harvest: Harvest, page_url: str | None) -> Found[str] | None:
    """The best site name, without a tagline: `Aktuálně.cz - Víte, co se právě děje` on
    aktualne.cz is `Aktuálně.cz`. Only the part naming the page's own host is kept."""
    best = _first(harvest, "site_name")
    host_keys = site_name_keys([], page_url)
    if best is None or not host_keys:
        return best
    named = next((part.strip() for part in title_prefixes(best.value) if compact(part) in host_keys), None)
    return Found(named, best.where) if named else best


def _all_from_best(harvest: Harvest, field: str) -> tuple[Found[str], ...]:
    """Every value of the best source that has any (sections and tags come as lists)."""
    for source in sources(field):
        values = list(dict.fromkeys(harvest.text(field, source)))
        if values:
            return tuple(Found(value, source) for value in values)
    return ()


def _is_full_name(name: str) -> bool:
    """A given and a family name (two words or more), or a name in a script written without
    spaces. trafilatura's one-word guesses are mostly login names (`Gespeichert von human`),
    brands and sections: on trafilatura-eval, leaving them out scores better (62.6 % against 62.3 %)."""
    return len(name.split()) >= 2 or bool(_UNSPACED_SCRIPT.search(name))


def _authors(harvest: Harvest, site_keys: frozenset[str], base: str | None) -> tuple[DraftAgent, ...]:
    for source in sources("authors"):
        # The first agent of each name, in page order (linear: a page may list thousands).
        unique: dict[str, DraftAgent] = {}
        for agent in harvest.agents.get(source, []):
            if is_person_like(agent, site_keys):
                unique.setdefault(compact(agent.name.value), agent)
        if unique:
            urls = _urls_by_name(harvest)
            return tuple(
                DraftAgent(name=agent.name, url=absolute_url(agent.url or urls.get(name), base), kind=agent.kind, stated=source in SCHEMA_SOURCES)
                for name, agent in unique.items()
            )
    return ()


def _urls_by_name(harvest: Harvest) -> dict[str, str]:
    """The URL any source gives a person, by name (JSON-LD names an author, `rel=author` links them);
    the first source's when several do."""
    urls: dict[str, str] = {}
    for source in sources("authors"):
        for other in harvest.agents.get(source, []):
            if other.url:
                urls.setdefault(compact(other.name.value), other.url)
    return urls


def _body(paragraphs: list[str], headline: Found[str] | None) -> tuple[Found[str], ...]:
    # trafilatura often starts with the headline, which the Draft already has; what stands
    # above it there is the page's header (a date line `08.04.2015 12:46`, a kicker), not the story.
    key = compact(headline.value) if headline else ""
    start = next((index + 1 for index, paragraph in enumerate(paragraphs[:_HEADER_PARAGRAPHS])
                  if key and compact(paragraph) == key), 0)
    paragraphs = paragraphs[start:]
    return tuple(Found(paragraph, PRECEDENCE["body"][0].source) for paragraph in paragraphs)


def _page_url(harvest: Harvest, base: str | None) -> str | None:
    """The article's absolute address, when the page declares one (canonical or og:url)."""
    for source in sources("url"):
        for value in harvest.text("url", source):
            url = absolute_url(value, base)
            if url and is_absolute(url):
                return url
    return None


def _document_base(base: str | None, page_url: str | None) -> str | None:
    """What relative links resolve against: <base href> (itself relative to the page), else the page."""
    if base:
        resolved = absolute_url(base, page_url)
        if resolved and is_absolute(resolved):
            return resolved
    return page_url


def _all_site_names(harvest: Harvest) -> list[str]:
    return [name for source in sources("site_name") for name in harvest.text("site_name", source)]


def _clean_headlines(harvest: Harvest, site_keys: frozenset[str]) -> None:
    """Titles without the site's name; a "headline" that is a URL or a path is no headline."""
    for source in sources("headline"):
        values = harvest.text("headline", source)
        if values:
            cleaned = [without_photo_credit(without_site_name(without_photo_credit(value), site_keys))
                       for value in values if not looks_like_url(value)]
            harvest.replace_texts("headline", source, cleaned)


def _add_confirmed_h1(h1s: list[str], harvest: Harvest) -> None:
    """File the first <h1> that is the best metadata headline in its clean, full form.

    Only the best source is compared: an <h1> matching a lower-ranked og:title must not
    override a NewsArticle's own headline. It wins over that headline when they are the
    same words, which fixes metadata that is truncated or ends in an unknown site name.
    """
    best = next((values for source in sources("headline") if source != _H1_SOURCE
                 for values in [harvest.text("headline", source)] if values), [])
    for h1 in h1s:
        if any(_same_headline(h1, value) for value in best):
            harvest.add_text("headline", _H1_SOURCE, h1)
            return


def _same_headline(h1: str, claimed: str) -> bool:
    """The h1 is the claimed headline, or its start before a separator, or its untruncated form."""
    h1_key = compact(h1)
    if not h1_key:
        return False
    if h1_key == compact(claimed):
        return True
    truncated = _TRUNCATION.sub("", claimed)
    if truncated != claimed and len(compact(truncated)) >= len(h1_key) // 2:
        return h1_key.startswith(compact(truncated))
    return any(compact(prefix) == h1_key for prefix in title_prefixes(claimed))
