"""The publishing history in PostgreSQL (the backend for many writers), through psycopg 3.

Many writers: several builds (other machines, other output folders) may share one history.
Each holds a session-level advisory lock (ADVISORY_LOCK_KEY) from the moment it opens the
store until it closes it, so everything a build reads from the history (states, slugs,
first-seen times, plan_sync) and its commit see no other build's change in between. A second
build waits in open() until the first has committed and closed (or died: the server drops a
dead session's locks), then starts from what the first recorded. Both finish, in turn; no
update is lost, and a GUID or first-seen time, once stored, never changes. (A SERIALIZABLE
transaction alone would instead fail the second build at its commit, after its output was
written.) The history version in `wirefeed_meta` is still checked at commit, as SQLite's
data_version is, against a writer that does not take the lock.

Like the SQLite backend, all a build records is one transaction: a build killed before its
commit leaves the history of the build before. Times are kept as the same ISO 8601 text as
in SQLite, offsets included, and ids are ordered bytewise (COLLATE "C"), so both backends
give the same records and the same output bytes. psycopg is imported only when a store is
opened: a plain `pip install wirefeed` pulls no database driver.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from wirefeed.errors import HistoryDatabaseError, HistoryUnavailableError
from wirefeed.store.backend import (
    ARTICLE_COLUMNS, StoreBackend, article_table_sql, changed_records, records_from_rows, upsert_article_sql,
)
from wirefeed.store.records import ArticleRecord, ArticleState, PendingSync, parse_state, parse_time, row_from_record
from wirefeed.store.url import describe_store_url

if TYPE_CHECKING:
    import psycopg

__all__ = ["ADVISORY_LOCK_KEY", "CONNECT_TIMEOUT_SECONDS", "MIGRATIONS", "PostgresStore", "SCHEMA_VERSION"]

# "wfst" and 1: the one advisory lock every wirefeed build of a database takes.
ADVISORY_LOCK_KEY = 0x7766737400000001
# How long a build tries to reach the server before it gives up (libpq's connect_timeout).
CONNECT_TIMEOUT_SECONDS = 10

# MIGRATIONS[n] takes a history from schema version n to n + 1 (kept in wirefeed_meta).
# Append new migrations; never edit one that has shipped.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        article_table_sql("wirefeed_article"),
        # Ordered by seq: the order the slugs were seen in (SQLite's rowid).
        """
        CREATE TABLE wirefeed_other_slug (
            seq        BIGSERIAL PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES wirefeed_article (id),
            slug       TEXT NOT NULL,
            seen_at    TEXT NOT NULL,
            UNIQUE (article_id, slug)
        )
        """,
        "INSERT INTO wirefeed_meta (name, value) VALUES ('history_version', 0)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_SELECT_ARTICLES = f'SELECT {", ".join(ARTICLE_COLUMNS)} FROM wirefeed_article ORDER BY id COLLATE "C"'
_UPSERT_ARTICLE = upsert_article_sql("wirefeed_article", "%s")
_INSERT_OTHER_SLUG = (
    "INSERT INTO wirefeed_other_slug (article_id, slug, seen_at) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING"
)
_HISTORY_VERSION = "SELECT value FROM wirefeed_meta WHERE name = 'history_version'"

Waiting = Callable[[Path], None]
_Value = TypeVar("_Value")


class PostgresStore(StoreBackend):
    """The publishing history in a PostgreSQL database. Open it with `PostgresStore.open(url)`."""

    def __init__(self, place: str, connection: psycopg.Connection[tuple[Any, ...]]) -> None:
        self.place = place  # the URL without its password, for messages
        self._connection = connection

    @classmethod
    def open(cls, url: str, *, password_env: str | None = None, wait: bool = True,
             on_wait: Waiting | None = None) -> PostgresStore:
        """Connect, take the history's lock (waiting for another build's, unless `wait` is
        False: LockedError), and create or migrate the tables. HistoryUnavailableError when
        the server cannot be reached or logged into."""
        place = describe_store_url(url)
        connection = _connect(url, place, password_env)
        try:
            _lock(connection, place, wait, on_wait)
            with _translated_errors(place, "cannot open the history"):
                _migrate(connection, place)
        except BaseException:
            connection.close()
            raise
        return cls(place, connection)

    def close(self) -> None:
        # The session's end releases its lock too, but only once the server has noticed it:
        # unlocked here first, so the next build's try for the lock right after succeeds.
        import psycopg

        try:
            if not self._connection.closed:
                self._connection.execute("SELECT pg_advisory_unlock_all()")
        except psycopg.Error:
            pass  # a broken connection: the server drops the lock with the session
        finally:
            self._connection.close()

    def records(self) -> tuple[ArticleRecord, ...]:
        """Everything the history remembers, by id."""
        with _translated_errors(self.place, "cannot read the history"), self._connection.transaction():
            return tuple(self._load_records().values())

    def slugs(self) -> dict[str, str]:
        """Slug -> id of every stored article, withdrawn ones too."""
        return dict(self._rows('SELECT slug, id FROM wirefeed_article ORDER BY id COLLATE "C"'))

    def first_seen(self) -> dict[str, datetime]:
        """Id -> when the history first saw each stored article."""
        return self._by_id("SELECT id, first_seen FROM wirefeed_article", parse_time)

    def states(self) -> dict[str, ArticleState]:
        """Id -> the state the last build left each article in."""
        return self._by_id("SELECT id, state FROM wirefeed_article", parse_state)

    def released_urls(self) -> dict[str, str]:
        """Id -> URL of every article ever released: the URL it keeps for good."""
        return dict(self._rows(
            'SELECT id, url FROM wirefeed_article WHERE first_released IS NOT NULL ORDER BY id COLLATE "C"'))

    def read_history(self) -> tuple[dict[str, ArticleRecord], int]:
        with _translated_errors(self.place, "cannot read the history"), self._connection.transaction():
            return self._load_records(), self._history_version()

    def commit(self, pending: PendingSync[Any]) -> None:
        """Record a plan_sync() in one transaction; StoreError, and nothing recorded, when
        another writer changed the history since it was read."""
        with _translated_errors(self.place, "cannot record this build"), self._connection.transaction():
            version = self._history_version(for_update=True)
            if version != pending.data_version:
                raise HistoryDatabaseError(self.place, "the history was changed by another writer during this build; build again")
            if _save_changes(self._connection, pending.before, pending.after, pending.now):
                self._connection.execute("UPDATE wirefeed_meta SET value = value + 1 WHERE name = 'history_version'")

    def _rows(self, query: str) -> list[tuple[Any, ...]]:
        with _translated_errors(self.place, "cannot read the history"):
            return self._connection.execute(query).fetchall()

    def _by_id(self, query: str, parse: Callable[[str], _Value]) -> dict[str, _Value]:
        """Id -> the parsed value of each (id, text) row of `query`; a damaged value is a HistoryDatabaseError."""
        try:
            return {article_id: parse(text) for article_id, text in self._rows(query)}
        except ValueError as error:
            raise HistoryDatabaseError(self.place, f"a stored value is damaged ({error})") from error

    def _history_version(self, *, for_update: bool = False) -> int:
        row = self._connection.execute(_HISTORY_VERSION + (" FOR UPDATE" if for_update else "")).fetchone()
        if row is None:
            raise HistoryDatabaseError(self.place, "the history's version row is missing; the database is damaged")
        return int(row[0])

    def _load_records(self) -> dict[str, ArticleRecord]:
        try:
            return records_from_rows(self._connection.execute(_SELECT_ARTICLES),
                                     self._connection.execute("SELECT article_id, slug FROM wirefeed_other_slug ORDER BY seq"))
        except (ValueError, TypeError) as error:
            raise HistoryDatabaseError(self.place, f"a stored value is damaged ({error})") from error


# ---------------------------------------------------------------------------------------------
# Opening: driver, connection, lock, schema


def _connect(url: str, place: str, password_env: str | None) -> psycopg.Connection[tuple[Any, ...]]:
    try:
        import psycopg
    except ImportError:
        raise HistoryUnavailableError(place, "store.url names a PostgreSQL history, but psycopg is not installed; "
                                             "install it with pip install 'wirefeed[postgres]'") from None
    extra: dict[str, Any] = {}
    if password_env is not None:
        password = os.environ.get(password_env)
        if password is None:
            raise HistoryUnavailableError(place, f"store.password_env names the environment variable {password_env}, which is not set")
        extra["password"] = password
    try:
        # autocommit: no transaction is left open between calls; each one is explicit below.
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS,
                               application_name="wirefeed", **extra)
    except psycopg.Error as error:
        raise HistoryUnavailableError(place, f"cannot connect to the history database: {_first_line(error)}") from None


def _lock(connection: psycopg.Connection[tuple[Any, ...]], place: str, wait: bool, on_wait: Waiting | None) -> None:
    from wirefeed.engine.lock import LockedError

    with _translated_errors(place, "cannot lock the history"):
        row = connection.execute("SELECT pg_try_advisory_lock(%s)", (ADVISORY_LOCK_KEY,)).fetchone()
        if row is not None and row[0]:
            return
        if not wait:
            raise LockedError(_lock_name(place))
        if on_wait is not None:
            on_wait(_lock_name(place))
        connection.execute("SELECT pg_advisory_lock(%s)", (ADVISORY_LOCK_KEY,))


def _lock_name(place: str) -> Path:
    # Named for a lock message, which takes a path: "postgresql://" would lose a slash in one.
    return Path(f"PostgreSQL history {place.partition('://')[2]}")


def _migrate(connection: psycopg.Connection[tuple[Any, ...]], place: str) -> None:
    # Under the advisory lock: no other wirefeed build migrates at the same time.
    with connection.transaction():
        connection.execute("CREATE TABLE IF NOT EXISTS wirefeed_meta (name TEXT NOT NULL PRIMARY KEY, value BIGINT NOT NULL)")
        row = connection.execute("SELECT value FROM wirefeed_meta WHERE name = 'schema_version'").fetchone()
        found = 0 if row is None else int(row[0])
        if found > len(MIGRATIONS):
            raise HistoryDatabaseError(place, f"written by a newer wirefeed: history schema version {found}, this wirefeed "
                                    f"reads versions up to {len(MIGRATIONS)}; upgrade wirefeed to use this history")
        for migration in MIGRATIONS[found:]:
            for statement in migration:
                connection.execute(statement)
        connection.execute(
            "INSERT INTO wirefeed_meta (name, value) VALUES ('schema_version', %s) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value", (len(MIGRATIONS),))


@contextmanager
def _translated_errors(place: str, doing: str) -> Iterator[None]:
    import psycopg

    try:
        yield
    except psycopg.OperationalError as error:
        # The server went away mid-build (restarted, network cut): its transaction is rolled back.
        raise HistoryDatabaseError(place, f"{doing}: the connection to the database failed: {_first_line(error)}") from None
    except psycopg.Error as error:
        raise HistoryDatabaseError(place, f"{doing}: {_first_line(error)}") from None


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


# ---------------------------------------------------------------------------------------------
# Saving one build's changes


def _save_changes(connection: psycopg.Connection[tuple[Any, ...]], before: Mapping[str, ArticleRecord],
                  after: Mapping[str, ArticleRecord], now: datetime) -> bool:
    """Write the records this build changed (in one pipeline: no round trip per row); whether any were."""
    changed = False
    with connection.pipeline():
        for old, new in changed_records(before, after):
            _save_record(connection, old, new, now)
            changed = True
    return changed


def _save_record(connection: psycopg.Connection[tuple[Any, ...]], old: ArticleRecord | None,
                 new: ArticleRecord, now: datetime) -> None:
    connection.execute(_UPSERT_ARTICLE, row_from_record(new))
    known = () if old is None else old.other_slugs
    for slug in new.other_slugs:
        if slug not in known:
            connection.execute(_INSERT_OTHER_SLUG, (new.id, slug, now.isoformat()))
