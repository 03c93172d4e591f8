"""What both history backends share (sqlite.py, postgres.py): the article table, a sync as a
plan and a commit, and closing as a context manager. Each backend reads and writes its own way."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from types import TracebackType
from typing import Any, Self

from wirefeed.cache.ref import Listed, resolved
from wirefeed.store.history import by_id, next_records, sync_result
from wirefeed.store.records import ArticleRecord, PendingSync, SyncResult, as_stored, content_hash, parse_time, record_from_row

__all__ = ["ARTICLE_COLUMNS", "StoreBackend", "article_table_sql", "changed_records", "records_from_rows", "upsert_article_sql"]

ARTICLE_COLUMNS = (
    "id", "content_hash", "guid", "slug", "url", "published", "first_seen", "first_released",
    "modified", "revision", "state", "state_since",
)


def article_table_sql(table: str) -> str:
    """The article table, the same in both backends: times as ISO 8601 text with their offset."""
    return f"""
    CREATE TABLE {table} (
        id             TEXT NOT NULL PRIMARY KEY,
        content_hash   TEXT NOT NULL,
        guid           TEXT NOT NULL,
        slug           TEXT NOT NULL,
        url            TEXT NOT NULL,
        published      TEXT NOT NULL,
        first_seen     TEXT NOT NULL,
        first_released TEXT,
        modified       TEXT NOT NULL,
        revision       INTEGER NOT NULL CHECK (revision >= 1),
        state          TEXT NOT NULL CHECK (state IN ('published', 'embargoed', 'withdrawn')),
        state_since    TEXT NOT NULL
    )
    """


def upsert_article_sql(table: str, placeholder: str) -> str:
    """Insert one article row, or replace every column of the row with its id."""
    return (
        f"INSERT INTO {table} ({', '.join(ARTICLE_COLUMNS)}) "
        f"VALUES ({', '.join(placeholder for _ in ARTICLE_COLUMNS)}) "
        "ON CONFLICT (id) DO UPDATE SET "
        + ", ".join(f"{column} = excluded.{column}" for column in ARTICLE_COLUMNS[1:])
    )


def records_from_rows(articles: Iterable[tuple[Any, ...]], other_slugs: Iterable[tuple[str, str]]) -> dict[str, ArticleRecord]:
    """Records by id from article rows (in ARTICLE_COLUMNS order) and (article id, slug) rows,
    oldest slug first; ValueError or TypeError for a damaged value."""
    slugs: dict[str, list[str]] = {}
    for article_id, slug in other_slugs:
        slugs.setdefault(article_id, []).append(slug)
    # Most rows share their times (a build's own time is each new article's first seen, first
    # released and state since): each text is parsed once, and the records share the datetime.
    times: dict[str, datetime] = {}

    def time_of(text: str) -> datetime:
        moment = times.get(text)
        if moment is None:
            moment = times[text] = parse_time(text)
        return moment

    return {row[0]: record_from_row(row, tuple(slugs.get(row[0], ())), time_of) for row in articles}


def changed_records(before: Mapping[str, ArticleRecord],
                    after: Mapping[str, ArticleRecord]) -> Iterator[tuple[ArticleRecord | None, ArticleRecord]]:
    """(old, new) of each record a sync changed, by id: unchanged ones are not written, so a
    build with nothing new leaves the history as it was."""
    for article_id in sorted(after):
        old, new = before.get(article_id), after[article_id]
        if new is not old and new != old:
            yield old, new


class StoreBackend(ABC):
    """A history backend: it reads the records with their version and commits a plan."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def read_history(self) -> tuple[dict[str, ArticleRecord], int]:
        """Every record by id, and the history's version (for commit()), read in one transaction."""

    @abstractmethod
    def commit(self, pending: PendingSync[Any]) -> None:
        """Record a plan_sync() in one transaction; StoreError, and nothing recorded, when
        another writer changed the history since it was read."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def sync(self, articles: Sequence[Listed], now: datetime, *, hashes: Mapping[str, str] | None = None) -> SyncResult[Listed]:
        """Record one build's articles at `now` and return what the writers should publish.

        `hashes`: content_hash() of articles by id, where the caller kept them from an earlier
        build (the input cache); the others are computed here.
        All of it is one transaction: if the build dies before the commit, the store keeps the
        history of the build before, and the next open rolls the half-written one back.
        """
        pending = self.plan_sync(articles, now, hashes=hashes)
        self.commit(pending)
        return pending.result

    def plan_sync(self, articles: Sequence[Listed], now: datetime, *, hashes: Mapping[str, str] | None = None) -> PendingSync[Listed]:
        """What sync() would record and return, without recording it: a build commits it with
        commit() only once its outputs are in place, so a build that fails to publish leaves
        the history as it was."""
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError(f"now must be timezone-aware, got {now.isoformat()}")
        incoming = by_id(articles)
        known = hashes or {}
        digests = {article_id: known.get(article_id) or content_hash(resolved(article)) for article_id, article in incoming.items()}
        now = as_stored(now)
        before, version = self.read_history()
        after = next_records(before, incoming, digests, now)
        return PendingSync(before, after, now, version, sync_result(before, after, incoming))
