"""Draft -> Article: format-agnostic cleaning and typing. Raises InputError for what cannot be published."""

from __future__ import annotations

import re
from wirefeed.errors import InputError
from wirefeed.layout import check_page_path, slug_url, url_path_in_site
from wirefeed.limits import cut_to_limit
from wirefeed.model import Agent, Article, Draft, Found, Provenance, Site
from wirefeed.normalize.dating import date_article
from wirefeed.normalize.ids import article_guid, article_slug, slug_or_digest, slugify
from wirefeed.normalize.images import normalize_images
from wirefeed.normalize.people import authors_from
from wirefeed.normalize.provenance import provenance_of
from wirefeed.normalize.sections import split_sections
from wirefeed.normalize.language import text_language
from wirefeed.normalize.text import clean_text, count_words, cut_at_word
from wirefeed.normalize.urls import web_url
from wirefeed.normalize.wire_status import check_status, expected_of, held_until_embargo

__all__ = ["normalize", "clean_text", "count_words"]

DESCRIPTION_LIMIT = 200
_HEADLINE_EXPECTED = "a headline: the first line of a text article (after an optional section line), or the page's <h1> or metadata"
_SENTENCE_ENDS = tuple(".!?。！？\"”’'»)")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")


def normalize(draft: Draft, site: Site) -> Article:
    """Turn what a reader found into a publishable Article, or raise InputError saying why not."""
    path = draft.source.path
    provenance = provenance_of(draft, site)
    article_id = _article_id(draft)
    # Before the headline and dates: a provider's kill notice need carry neither to take a story down.
    check_status(draft, article_id, provenance.timezone or site.timezone)
    headline = _headline(draft)
    dates = date_article(draft, site, source_zone=provenance.timezone, own=provenance.own)
    published, modified = held_until_embargo(draft, dates.published, dates.modified, provenance.timezone or site.timezone)
    slug = article_slug(headline, article_id)
    cleaned = [clean_text(found.value) for found in draft.body]
    body = tuple(paragraph for paragraph in cleaned if paragraph)
    warnings = list(dates.warnings)
    sections = cut_to_limit(split_sections(draft.sections, as_given=draft.sections_as_given), "sections", path, warnings)
    authors = cut_to_limit(_authors(draft, site, provenance), "authors", path, warnings)
    images = cut_to_limit(normalize_images(draft.images, site.base_url, cleaned), "images", path, warnings)
    keywords = cut_to_limit(_keywords(draft), "keywords", path, warnings)
    return Article(
        id=article_id,
        guid=article_guid(site.base_url, article_id),
        slug=slug,
        url=_article_url(draft, site, slug),
        headline=headline,
        published=published,
        modified=modified,
        publisher=provenance.publisher,
        source=draft.source,
        language=provenance.language or _language(draft, site, headline, body),
        description=_description(draft, body),
        uri=clean_text(draft.uri.value) or None if draft.uri else None,
        version=clean_text(draft.version.value) or None if draft.version else None,
        sections=sections,
        authors=authors,
        images=images,
        body=body,
        keywords=keywords,
        dateline=clean_text(draft.dateline.value) or None if draft.dateline else None,
        provenance=provenance,
        date_only=dates.date_only,
        warnings=tuple(warnings),
    )


def _authors(draft: Draft, site: Site, provenance: Provenance) -> tuple[Agent, ...]:
    """The input's authors. Without a byline, the site's own articles are its publisher's; an
    article from elsewhere has none (never our brand), unless the page names its publisher."""
    fallback = draft.signoff or _dateline_agency(draft)
    if provenance.own:
        return authors_from(draft.authors, fallback, site.publisher, site.base_url)
    return authors_from(draft.authors, fallback, provenance.publisher, site.base_url, credit_publisher=False)


def _required(found: Found[str] | None, draft: Draft, what: str, expected: str) -> Found[str]:
    if found is None or not clean_text(found.value):
        where = found.where if found else None
        raise InputError(draft.source.path, where, f"no {what} found; expected {expected}")
    return found


def _headline(draft: Draft) -> str:
    headline = clean_text(_required(draft.headline, draft, "headline", expected_of(draft, "headline", _HEADLINE_EXPECTED)).value)
    if count_words(headline) == 0:
        assert draft.headline is not None
        raise InputError(draft.source.path, draft.headline.where, f"headline {headline!r} has no words; expected a headline")
    return headline


def _article_id(draft: Draft) -> str:
    """The sidecar's id, else the input file's name: stable across edits of headline and body."""
    if draft.id is not None:
        given = slugify(draft.id.value, limit=200)
        if not given:
            raise InputError(draft.source.path, draft.id.where, f"id {draft.id.value!r} has no letters or digits; expected an id such as 2021-03-11-chip-talks")
        return given
    return slugify(draft.source.path.stem, limit=200) or slug_or_digest(draft.source.path.stem, draft.source.path.name)


def _article_url(draft: Draft, site: Site, slug: str) -> str:
    if draft.url is None or (draft.source.format == "html" and web_url(draft.url.value, "") is None):
        # A page's relative canonical (`/`, `/2021/story`, no <base>) is a path on a host the
        # page does not name: resolved against our site it would land on our own pages.
        return slug_url(slug, site)
    url = web_url(draft.url.value, site.base_url)
    if url is None:
        raise InputError(draft.source.path, draft.url.where, f"url {draft.url.value!r} is not an http(s) URL; expected the article's canonical URL")
    # A canonical URL on this site is where the page gets written: it must stay inside the output.
    path = url_path_in_site(url, site)
    if path is not None:
        try:
            check_page_path(path)
        except ValueError as error:
            raise InputError(draft.source.path, draft.url.where, f"url {draft.url.value!r} cannot be published: {error}") from None
    return url


def _language(draft: Draft, site: Site, headline: str, body: tuple[str, ...]) -> str:
    if draft.language is None:
        return text_language(" ".join((headline, *body)), site.language)
    tag = clean_text(draft.language.value).replace("_", "-").lower()
    if not _LANGUAGE.match(tag):
        raise InputError(draft.source.path, draft.language.where, f"language {draft.language.value!r} is not a language tag; expected one such as en or zh-cn")
    return tag


def _description(draft: Draft, body: tuple[str, ...]) -> str:
    given = clean_text(draft.description.value) if draft.description else ""
    given = fuller_lede(given, body[0] if body else "")
    # A flash with no body still needs a description for feeds and search engines: its headline.
    lede = given or (body[0] if body else clean_text(draft.headline.value if draft.headline else ""))
    return cut_at_word(lede, DESCRIPTION_LIMIT)


def fuller_lede(description: str, lede: str) -> str:
    """The lede when the description is a cut-off start of it (`Taiwanese President Tsai Ing-wen’s`).

    Cut off: it ends in an ellipsis or mid-sentence; a whole first sentence is a summary as written.
    """
    start = description.rstrip(" .…").rstrip()
    cut_off = description.endswith(("…", "...")) or not description.endswith(_SENTENCE_ENDS)
    if start and cut_off and len(lede) > len(description) and lede.startswith(start):
        return lede
    return description


def _keywords(draft: Draft) -> tuple[str, ...]:
    keywords: dict[str, str] = {}
    for found in draft.keywords:
        keyword = clean_text(found.value)
        if keyword:
            keywords.setdefault(keyword.lower(), keyword)
    return tuple(keywords.values())


def _dateline_agency(draft: Draft) -> Found[str] | None:
    """The agency in a dateline (`BEIJING, March 11 (Xinhua) --`) names the source when nothing else does."""
    if draft.dateline is None:
        return None
    match = re.search(r"\(([^)]+)\)\s*$", draft.dateline.value)
    return Found(match.group(1), draft.dateline.where) if match else None
