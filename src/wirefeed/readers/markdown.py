"""Read a Markdown article with front matter (as Hugo, Jekyll and Pelican sites keep them) into a Draft.

The front matter gives the metadata under the keys those tools use (table in the README); the
text is rendered by markdown-it (CommonMark) with raw HTML off, so `<script>` written in the
Markdown is text, never markup, and then cut into paragraphs like any HTML body. A draft
(`draft: true`, Jekyll's `published: false`, Pelican's `status: draft`) is an errors.Withdrawal:
reported on one line (no error), it is not published until its front matter says it may be.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from markdown_it import MarkdownIt

from wirefeed.errors import InputError, Withdrawal
from wirefeed.layout import slug_page_path
from wirefeed.model import Draft, DraftAgent, DraftImage, Found, Source
from wirefeed.normalize.ids import unicode_slug
from wirefeed.readers.decoding import decode_text
from wirefeed.readers.fragment import html_paragraphs
from wirefeed.readers.frontmatter_block import FrontMatter, split_front_matter

__all__ = ["read_markdown"]

# Each Draft field, and the front-matter keys that give it, first found first.
_HEADLINE = ("title",)
_PUBLISHED = ("date", "pubdate", "publishdate")
_MODIFIED = ("lastmod", "last_modified_at", "updated", "modified")
_DESCRIPTION = ("description", "summary", "excerpt")
_AUTHORS = ("authors", "author")
_SECTIONS = ("sections", "section", "categories", "category")
_KEYWORDS = ("tags", "keywords")
_IMAGES = ("images", "image")
_LANGUAGE = ("language", "lang")
# Jekyll names a post `2021-03-11-title.md`: the date is in the file name.
_JEKYLL_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")
_TRUE = frozenset({"true", "yes", "on", "1"})


def read_markdown(path: Path, data: bytes) -> Draft:
    """The Draft of one Markdown file; InputError for a file without front matter, or a draft."""
    front = split_front_matter(path, decode_text(path, data))
    _refuse_draft(path, front)
    slug = _text(path, front, ("slug",))
    url = _text(path, front, ("url", "permalink"))
    return Draft(
        source=Source(path, format="markdown", sha256=hashlib.sha256(data).hexdigest()),
        headline=_text(path, front, _HEADLINE),
        published=_text(path, front, _PUBLISHED) or _date_in_name(path),
        modified=_text(path, front, _MODIFIED),
        sections=tuple(_texts(path, front, _SECTIONS, split_commas=False)),
        authors=tuple(_authors(path, front)),
        images=tuple(_images(path, front)),
        body=tuple(Found(paragraph, f"line {front.body_line}") for paragraph in html_paragraphs(_rendered(front.body))),
        description=_text(path, front, _DESCRIPTION),
        language=_text(path, front, _LANGUAGE),
        keywords=tuple(_texts(path, front, _KEYWORDS, split_commas=True)),
        url=url or (_slug_url(path, slug) if slug else None),
    )


@functools.cache
def _renderer() -> MarkdownIt:
    # CommonMark with raw HTML off: `<script>` in the Markdown is escaped text. markdown-it's
    # maxNesting (20 in this preset) bounds how deep a hostile file can nest blocks.
    return MarkdownIt("commonmark", {"html": False})


def _rendered(markdown: str) -> str:
    return str(_renderer().render(markdown))


def _refuse_draft(path: Path, front: FrontMatter) -> None:
    values = front.values
    if _is_true(values.get("draft")):
        key = "draft"
    elif values.get("published") is False or str(values.get("published", "")).strip().lower() == "false":
        key = "published"
    elif str(values.get("status", "")).strip().lower() == "draft":
        key = "status"
    else:
        return
    raise Withdrawal(path, front.where(key), f"a draft ({key}: {_shown(values[key])}); not published until its front matter says it is ready")


def _is_true(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in _TRUE)


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _scalar(path: Path, front: FrontMatter, key: str, value: object) -> str:
    """A front-matter value as text: YAML and TOML read dates as dates; ISO 8601 keeps their offset."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise InputError(path, front.where(key), f"{key} is a {type(value).__name__}; expected text")


def _text(path: Path, front: FrontMatter, keys: tuple[str, ...]) -> Found[str] | None:
    for key in keys:
        value = front.values.get(key)
        if value is not None and (text := _scalar(path, front, key, value)).strip():
            return Found(text, front.where(key))
    return None


def _texts(path: Path, front: FrontMatter, keys: tuple[str, ...], *, split_commas: bool) -> Iterator[Found[str]]:
    """Every value of the first of `keys` given: a list, or one string (Pelican's `tags: a, b`)."""
    for key in keys:
        value = front.values.get(key)
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            text = _scalar(path, front, key, item)
            for part in text.split(",") if split_commas else [text]:
                if part.strip():
                    yield Found(part.strip(), front.where(key))
        return


def _authors(path: Path, front: FrontMatter) -> Iterator[DraftAgent]:
    """`author: A and B`, `authors: [A, B]`, or Jekyll's `author: {name: A, url: ...}`."""
    for key in _AUTHORS:
        value = front.values.get(key)
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                name = _scalar(path, front, key, item.get("name", ""))
                url = item.get("url")
                if name.strip():
                    yield DraftAgent(name=Found(name, front.where(key)), url=url if isinstance(url, str) else None, stated=True)
            elif (name := _scalar(path, front, key, item)).strip():
                yield DraftAgent(name=Found(name, front.where(key)), stated=True)
        return


def _images(path: Path, front: FrontMatter) -> Iterator[DraftImage]:
    """`images: [a.jpg]` (Hugo), `image: a.jpg`, or `image: {path: a.jpg, alt: ...}` (Jekyll)."""
    for key in _IMAGES:
        value = front.values.get(key)
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                url = next((item[name] for name in ("url", "src", "path") if isinstance(item.get(name), str)), None)
                caption = next((item[name] for name in ("caption", "alt", "title") if isinstance(item.get(name), str)), None)
                credit = item.get("credit")
                yield DraftImage(where=front.where(key), url=url, caption=caption, credit=credit if isinstance(credit, str) else None)
            else:
                yield DraftImage(where=front.where(key), url=_scalar(path, front, key, item))
        return


def _date_in_name(path: Path) -> Found[str] | None:
    match = _JEKYLL_DATE.match(path.name)
    return Found(match.group(1), "file name") if match else None


def _slug_url(path: Path, slug: Found[str]) -> Found[str]:
    """`slug: my-story` puts the page at articles/my-story.html, whatever the headline says."""
    cleaned = unicode_slug(slug.value)
    if not cleaned:
        raise InputError(path, slug.where, f"slug {slug.value!r} has no letters or digits; expected a slug such as chip-talks")
    return Found(slug_page_path(cleaned), slug.where)

