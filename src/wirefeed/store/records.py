"""The publishing history's records: which articles were published when, at which revision, under which URL.

Inputs are re-read on every build, so the store keeps only what they cannot tell: when an
article was first seen, how often its content changed, the slug and URL it was first
published under (and the other slugs its inputs gave it since), and which articles were
withdrawn. `Store.sync` compares one build's articles with that history in a single
transaction and hands the writers Entries whose dates move only when the content does.

The file uses SQLite's rollback journal, not WAL: a build is the only writer, so WAL's
concurrent readers buy nothing, while the rollback journal leaves one self-contained file
between builds (easy to back up or copy) and also works on network drives, where WAL's
shared memory does not. Either journal gives the property that matters: a build that dies
before its commit leaves the previous history, which the next open restores.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, Literal

import orjson

from wirefeed.cache.ref import Listed
from wirefeed.model import Article, Entry
from wirefeed.zones import fixed_zone

__all__ = ["ArticleRecord", "ArticleState", "PendingSync", "Redirect", "SyncResult", "Withdrawal", "as_stored",
           "content_hash", "parse_state", "parse_time", "record_from_row", "row_from_record"]

ArticleState = Literal["published", "embargoed", "withdrawn"]


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """What the store remembers about one article id. Records are never deleted, so an id is never reused."""

    id: str
    content_hash: str
    guid: str  # fixed once released; follows the input until then
    slug: str  # fixed once released, like the guid
    url: str  # fixed once released, like the guid
    published: datetime
    first_seen: datetime
    first_released: datetime | None  # the build that first listed it as published; None while embargoed
    modified: datetime
    revision: int
    state: ArticleState  # as the last sync left it
    state_since: datetime
    other_slugs: tuple[str, ...] = ()  # slugs the inputs gave it after release, oldest first


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """A released article gone from the inputs: the pages a writer must take down."""

    id: str
    slug: str
    url: str
    withdrawn_at: datetime
    other_slugs: tuple[str, ...]  # its redirect pages, if a writer made them


@dataclass(frozen=True, slots=True)
class Redirect:
    """Another slug of a published article, for a writer to send to the page the article keeps."""

    article_id: str
    from_slug: str
    to_slug: str
    to_url: str


@dataclass(frozen=True, slots=True)
class SyncResult(Generic[Listed]):
    """One build's view of the history.

    published: Entries to write, newest first (by published, then id).
    embargoed: stored Entries whose `published` is still ahead, soonest release first.
    withdrawn: every released article now gone, by id (not only those withdrawn in this build,
        so a writer that starts from an empty output folder still knows them).
    redirects: other slugs of published articles, by from_slug.
    changed / unchanged: the published ids whose output must / need not be rendered again, sorted.
    """

    published: tuple[Entry[Listed], ...]
    embargoed: tuple[Entry[Listed], ...]
    withdrawn: tuple[Withdrawal, ...]
    redirects: tuple[Redirect, ...]
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    records: tuple[ArticleRecord, ...] = ()  # everything the store remembers after this build, by id


@dataclass(frozen=True, slots=True)
class PendingSync(Generic[Listed]):
    """A sync worked out but not yet recorded (Store.plan_sync), for Store.commit."""

    before: Mapping[str, ArticleRecord]
    after: Mapping[str, ArticleRecord]
    now: datetime
    data_version: int  # SQLite's count of other connections' commits (PostgreSQL: the history version) when `before` was read
    result: SyncResult[Listed]


def content_hash(article: Article) -> str:
    """sha256 over what the article publishes.

    Left out: the source (moving an input file is not an edit), `modified` (the store decides
    it), and guid, slug and url: the store fixes them at first release, so a new input value
    never reaches the output, and counting it would give every article a new revision when
    the site's base URL or the slug rule changes.
    """
    published_content = {
        "headline": article.headline,
        "published": article.published.isoformat(),
        "body": article.body,
        "sections": article.sections,
        "authors": article.authors,
        "images": article.images,
        "description": article.description,
        "keywords": article.keywords,
        "dateline": article.dateline,
        "language": article.language,
    }
    return hashlib.sha256(_canonical_json(published_content)).hexdigest()


def _fields_of(record: Any) -> dict[str, Any]:
    if not is_dataclass(record):
        raise TypeError(f"not JSON: {type(record).__name__}")
    return {field.name: getattr(record, field.name) for field in fields(record)}


def _canonical_json(document: dict[str, Any]) -> bytes:
    """Compact JSON with sorted keys, dataclasses as objects: the bytes every stored hash was made of.

    orjson writes what `json.dumps(..., ensure_ascii=False, sort_keys=True, separators=(",", ":"))`
    writes of `asdict()`ed records (tests/store/test_sqlite.py holds it to that), ten times faster;
    an integer beyond 64 bits, which orjson refuses, takes the json module's path.
    """
    try:
        # Records go through _fields_of so that their keys are sorted too (orjson keeps field order).
        return orjson.dumps(document, default=_fields_of, option=orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS)
    except TypeError:
        plain = {key: [asdict(item) for item in value] if key in ("authors", "images") else value for key, value in document.items()}
        return json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def as_stored(moment: datetime) -> datetime:
    """The datetime exactly as it reads back from the file (its wall time at a fixed offset, not
    a named zone), so the Entries of the build that stores a value equal those of every later
    build: what `datetime.fromisoformat(moment.isoformat())` gives, with a shared zone."""
    offset = moment.utcoffset()
    if offset is None:
        return moment.replace(fold=0)
    return moment.replace(tzinfo=fixed_zone(offset), fold=0)


def parse_time(text: str) -> datetime:
    """A stored time; ValueError for one without its offset."""
    moment = datetime.fromisoformat(text)
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError(f"time without an offset: {text!r}")
    return moment.replace(tzinfo=fixed_zone(offset))


_STATES: dict[str, ArticleState] = {"published": "published", "embargoed": "embargoed", "withdrawn": "withdrawn"}


def parse_state(text: str) -> ArticleState:
    if text not in _STATES:
        raise ValueError(f"unknown article state: {text!r}")
    return _STATES[text]




def row_from_record(record: ArticleRecord) -> tuple[str | int | None, ...]:
    """A record as one article row, in the column order both backends store (times as ISO text)."""
    return (
        record.id, record.content_hash, record.guid, record.slug, record.url,
        record.published.isoformat(), record.first_seen.isoformat(),
        None if record.first_released is None else record.first_released.isoformat(),
        record.modified.isoformat(), record.revision, record.state, record.state_since.isoformat(),
    )


def record_from_row(row: tuple[Any, ...], other_slugs: tuple[str, ...],
                    time_of: Callable[[str], datetime] | None = None) -> ArticleRecord:
    """The record of one stored article row; ValueError or TypeError for a damaged value.
    `time_of`: how each stored time is parsed (default parse_time())."""
    (article_id, digest, guid, slug, url, published, first_seen, first_released, modified,
     revision, state, state_since) = row
    parse = time_of or parse_time
    return ArticleRecord(
        id=article_id, content_hash=digest, guid=guid, slug=slug, url=url,
        published=parse(published), first_seen=parse(first_seen),
        first_released=None if first_released is None else parse(first_released),
        modified=parse(modified), revision=int(revision), state=parse_state(state),
        state_since=parse(state_since), other_slugs=other_slugs,
    )
