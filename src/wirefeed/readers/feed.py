"""RSS 2.0, RSS 1.0, Atom and JSON Feed files as input: each item is an article from elsewhere.

An aggregator's desk drops the feeds it subscribes to into the input folder. RSS and Atom
are read by feedparser (the parser real feed readers are built on) once lxml has found the
document well-formed and free of declared entities (xmlsafe.parse_xml: no network, no
entity expansion); a JSON Feed is plain JSON, read by its keys (jsonfeed.org/version/1.1).

    item title                          headline
    item link (JSON Feed: url)          url: the original, whose host gives the provenance
    item guid / id (JSON Feed: id)      id (else the link)
    published, else updated             published (feedparser's UTC time); updated -> modified
    author(s)                           authors
    category / tags                     sections
    content (content_html, content_text), else summary   body: text only, as for an HTML page
    summary when there is content       description
    media:content / thumbnail, image enclosures, JSON Feed image   images
    the feed's own title and link       site name and URL of the original publisher
    the feed's language                 language
An item without a date is dated as an undated page is: the time the history first saw it.
Dropped: comments links, ratings, the feed's generator, ttl and cloud, podcast fields.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
import hashlib
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import lxml.etree

from wirefeed.errors import InputError
from wirefeed.model import Draft, DraftAgent, DraftImage, Found, Source
from wirefeed.readers.fragment import html_paragraphs, text_paragraphs
from wirefeed.readers.jsonpointer import JsonObject, pointer
from wirefeed.readers.xmlsafe import local

# Root elements of the XML feeds: RSS 2.0 (and 0.9x), RSS 1.0 (rdf:RDF), Atom.
FEED_ROOTS = frozenset({"rss", "RDF", "feed"})
JSON_FEED_VERSION = "https://jsonfeed.org/version/"
_EXPECTED = "an RSS or Atom feed with at least one item"
_JSON_EXPECTED = "a JSON Feed (jsonfeed.org) with at least one item"


def read_xml_feed(path: Path, data: bytes, root: lxml.etree._Element) -> tuple[Draft, ...]:
    """Every item of an RSS or Atom document (`root`: its root element, parsed safely already)."""
    import feedparser  # on first use: most builds read no feed

    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    kind = "atom" if local(root) == "feed" else "rss"
    item_path = "/feed/entry[{}]" if kind == "atom" else "/rss/channel/item[{}]" if local(root) == "rss" else "/RDF/item[{}]"
    source = Source(path=path, format=kind, sha256=hashlib.sha256(data).hexdigest())
    channel = parsed.feed
    origin = _Origin(_text(channel.get("title")), _text(channel.get("link")), _text(channel.get("language")))
    drafts = tuple(_xml_item(entry, item_path.format(number), source, origin) for number, entry in enumerate(parsed.entries, 1))
    if not drafts:
        raise InputError(path, f"/{local(root)}", f"a feed without any item; expected {_EXPECTED}")
    return drafts


def is_json_feed(document: JsonObject) -> bool:
    """Whether a parsed JSON object is a JSON Feed: its `version` is jsonfeed.org's."""
    version = document.get("version")
    return isinstance(version, str) and version.startswith(JSON_FEED_VERSION)


def read_json_feed(path: Path, data: bytes, document: JsonObject) -> tuple[Draft, ...]:
    """Every item of a JSON Feed."""
    items = document.get("items")
    if not isinstance(items, list) or not items:
        raise InputError(path, "/items", f"no items; expected {_JSON_EXPECTED}")
    source = Source(path=path, format="jsonfeed", sha256=hashlib.sha256(data).hexdigest())
    origin = _Origin(_text(document.get("title")), _text(document.get("home_page_url")), _text(document.get("language")))
    drafts = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(path, pointer("items", index), f"an item that is not an object; expected {_JSON_EXPECTED}")
        drafts.append(_json_item(item, pointer("items", index), source, origin))
    return tuple(drafts)


class _Origin:
    """What the feed itself says: whose it is (title, home page) and in which language."""

    def __init__(self, title: str | None, link: str | None, language: str | None) -> None:
        self.title, self.link, self.language = title, link, language

    def applied(self, draft: Draft, where: str) -> Draft:
        """The item's draft with the feed's publisher and language (`where`: the feed's own place)."""
        return replace(
            draft,
            site_name=_found(self.title, f"{where}/title"),
            publisher_url=_found(self.link, f"{where}/link"),
            language=_found(self.language, f"{where}/language"),
        )


def _xml_item(entry: Any, where: str, source: Source, origin: _Origin) -> Draft:
    content = [part for part in entry.get("content", []) if _text(part.get("value"))]
    summary = _text(entry.get("summary"))
    body_markup, body_where = (_text(content[0].get("value")), f"{where}/content") if content else (summary, f"{where}/summary")
    # dict.get: feedparser's own get() answers `updated_parsed` with the published time when there is none.
    updated = _utc(dict.get(entry, "updated_parsed"))
    published = _utc(dict.get(entry, "published_parsed")) or updated
    link = _text(entry.get("link"))
    return origin.applied(Draft(
        source=source,
        headline=_found(_text(entry.get("title")), f"{where}/title"),
        published=_found(published, f"{where}/pubDate"),
        modified=_found(updated if updated != published else None, f"{where}/updated"),
        sections=tuple(Found(term, f"{where}/category[{number}]") for number, term in
                       enumerate((_text(tag.get("term")) or _text(tag.get("label")) for tag in entry.get("tags", [])), 1) if term),
        authors=tuple(DraftAgent(name=Found(name, f"{where}/author[{number}]")) for number, name in
                      enumerate((_text(author.get("name")) for author in entry.get("authors", [])), 1) if name),
        images=tuple(_xml_images(entry, where)),
        body=tuple(Found(paragraph, body_where) for paragraph in html_paragraphs(body_markup or "")),
        description=_found(_plain(summary) if content else None, f"{where}/summary"),
        url=_found(link, f"{where}/link"),
        id=_found(_text(entry.get("id")) or link, f"{where}/guid"),
    ), "/rss/channel" if source.format == "rss" else "/feed")


def _xml_images(entry: Any, where: str) -> list[DraftImage]:
    images = [DraftImage(where=f"{where}/media:content", url=_text(media.get("url")))
              for media in entry.get("media_content", []) if _text(media.get("url")) and _is_image(media)]
    images += [DraftImage(where=f"{where}/media:thumbnail", url=_text(media.get("url")))
               for media in entry.get("media_thumbnail", []) if _text(media.get("url")) and not images]
    images += [DraftImage(where=f"{where}/enclosure", url=_text(link.get("href")))
               for link in entry.get("links", []) if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/")]
    return images


def _is_image(media: Any) -> bool:
    return str(media.get("medium", "image")) == "image" and str(media.get("type", "image/")).startswith("image/")


def _json_item(item: JsonObject, where: str, source: Source, origin: _Origin) -> Draft:
    html, text, summary = _text(item.get("content_html")), _text(item.get("content_text")), _text(item.get("summary"))
    paragraphs = html_paragraphs(html) if html else text_paragraphs(text) if text else text_paragraphs(summary or "")
    body_key = "content_html" if html else "content_text" if text else "summary"
    authors = _list(item, "authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
    tags = _list(item, "tags")
    image = _text(item.get("image")) or _text(item.get("banner_image"))
    link = _text(item.get("url"))
    return origin.applied(Draft(
        source=source,
        headline=_found(_text(item.get("title")), f"{where}/title"),
        published=_found(_text(item.get("date_published")), f"{where}/date_published"),
        modified=_found(_text(item.get("date_modified")), f"{where}/date_modified"),
        sections=tuple(Found(tag, f"{where}/tags/{index}") for index, tag in enumerate(tags) if isinstance(tag, str) and tag.strip()),
        authors=tuple(DraftAgent(name=Found(name, f"{where}/authors/{index}/name")) for index, author in enumerate(authors)
                      if isinstance(author, dict) and (name := _text(author.get("name")))),
        images=(DraftImage(where=f"{where}/image", url=image),) if image else (),
        body=tuple(Found(paragraph, f"{where}/{body_key}") for paragraph in paragraphs),
        description=_found(summary if (html or text) else None, f"{where}/summary"),
        url=_found(link, f"{where}/url"),
        id=_found(_text(item.get("id")) or link, f"{where}/id"),
    ), "")


def _list(item: JsonObject, key: str) -> list[Any]:
    value = item.get(key)
    return value if isinstance(value, list) else []


def _text(value: object) -> str | None:
    """A string value, stripped; None for anything else or an empty one."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return value.strip() or None if isinstance(value, str) else None


def _found(value: str | None, where: str) -> Found[str] | None:
    return Found(value, where) if value else None


def _plain(markup: str | None) -> str | None:
    return " ".join(html_paragraphs(markup)) or None if markup else None


def _utc(parsed: Sequence[int] | None) -> str | None:
    """feedparser's time (a UTC struct_time) in ISO 8601."""
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(tuple(parsed[:9]))))
    except (OverflowError, ValueError, TypeError):
        return None
