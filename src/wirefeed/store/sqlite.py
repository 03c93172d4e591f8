"""The publishing history in one SQLite file (the embedded backend of store/).

The file uses SQLite's rollback journal, not WAL: a build is the only writer, so WAL's
concurrent readers buy nothing, while the rollback journal leaves one self-contained file
between builds (easy to back up or copy) and also works on network drives, where WAL's
shared memory does not. Either journal gives the property that matters: a build that dies
before its commit leaves the previous history, which the next open restores.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from wirefeed.errors import StoreError
from wirefeed.store.backend import (
    ARTICLE_COLUMNS, StoreBackend, article_table_sql, changed_records, records_from_rows, upsert_article_sql,
)
from wirefeed.store.records import ArticleRecord, ArticleState, PendingSync, parse_state, parse_time, row_from_record

__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT_SECONDS", "MIGRATIONS", "SCHEMA_VERSION", "Store"]

# Written into the SQLite header ("wfst"), so a store is told apart from any other database.
APPLICATION_ID = 0x77667374

# How long a build waits for another build that holds the store before giving up.
BUSY_TIMEOUT_SECONDS = 10.0



# ---------------------------------------------------------------------------------------------
# Schema. MIGRATIONS[n] takes a store from version n to n + 1; the version is PRAGMA user_version.
# Append new migrations; never edit one that has shipped.

Migration = Callable[[sqlite3.Connection], None]

_CREATE_HISTORY_TABLES = (
    article_table_sql("article"),
    # Ordered by rowid: the order the slugs were seen in.
    """
    CREATE TABLE other_slug (
        article_id TEXT NOT NULL REFERENCES article (id),
        slug       TEXT NOT NULL,
        seen_at    TEXT NOT NULL,
        UNIQUE (article_id, slug)
    )
    """,
)


def _create_history_tables(connection: sqlite3.Connection) -> None:
    for statement in _CREATE_HISTORY_TABLES:
        connection.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (_create_history_tables,)
SCHEMA_VERSION = len(MIGRATIONS)

_SELECT_ARTICLES = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM article ORDER BY id"
_UPSERT_ARTICLE = upsert_article_sql("article", "?")
_INSERT_OTHER_SLUG = "INSERT OR IGNORE INTO other_slug (article_id, slug, seen_at) VALUES (?, ?, ?)"


# ---------------------------------------------------------------------------------------------
# The store


class Store(StoreBackend):
    """The publishing history in one SQLite file. Open it with `Store.open(path)`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection

    @classmethod
    def open(cls, path: Path, *, any_thread: bool = False) -> Store:
        """Open the store at `path`, creating it (and its folders) or migrating it as needed.
        `any_thread`: the connection may be used from another thread than this one, one at a
        time (`wirefeed serve` rebuilds in a worker thread of its own)."""
        connection = _connect(path, any_thread)
        try:
            with _translated_errors(path, "cannot open the store"):
                _configure(connection)
                _require_intact(connection, path)
                _migrate(connection, path)
        except BaseException:
            connection.close()
            raise
        return cls(path, connection)

    def close(self) -> None:
        self._connection.close()

    def records(self) -> tuple[ArticleRecord, ...]:
        """Everything the store remembers, by id."""
        with _translated_errors(self.path, "cannot read the store"):
            # One read transaction: the two tables come from the same committed build.
            with _transaction(self._connection, "DEFERRED"):
                return tuple(self._load_records().values())

    def slugs(self) -> dict[str, str]:
        """Slug -> id of every stored article, withdrawn ones too (no slug is ever given twice).

        Read on their own: making 10,000 whole records to look at two of their fields took a
        tenth of a one-change rebuild.
        """
        with _translated_errors(self.path, "cannot read the store"):
            return dict(self._connection.execute("SELECT slug, id FROM article ORDER BY id"))

    def first_seen(self) -> dict[str, datetime]:
        """Id -> when the history first saw each stored article (an undated page is published then)."""
        with _translated_errors(self.path, "cannot read the store"):
            return {article_id: parse_time(seen) for article_id, seen in self._connection.execute("SELECT id, first_seen FROM article")}

    def states(self) -> dict[str, ArticleState]:
        """Id -> the state the last build left each article in."""
        with _translated_errors(self.path, "cannot read the store"):
            return {article_id: parse_state(state) for article_id, state in self._connection.execute("SELECT id, state FROM article")}

    def released_urls(self) -> dict[str, str]:
        """Id -> URL of every article ever released: the URL it keeps for good."""
        with _translated_errors(self.path, "cannot read the store"):
            return dict(self._connection.execute("SELECT id, url FROM article WHERE first_released IS NOT NULL ORDER BY id"))

    def data_version(self) -> int:
        """SQLite's count on this connection of other connections' commits: a rebuild kept in
        memory (pipeline/warm.py) stands on its records only while it stays the same."""
        with _translated_errors(self.path, "cannot read the store"):
            return _pragma_int(self._connection, "data_version")

    def read_history(self) -> tuple[dict[str, ArticleRecord], int]:
        with _translated_errors(self.path, "cannot read the store"):
            with _transaction(self._connection, "DEFERRED"):
                return self._load_records(), _pragma_int(self._connection, "data_version")

    def commit(self, pending: PendingSync[Any]) -> None:
        """Record a plan_sync() in one transaction; StoreError, and nothing recorded, when
        another connection changed the store since it was read."""
        with _translated_errors(self.path, "cannot record this build"):
            with _transaction(self._connection, "IMMEDIATE"):
                if _pragma_int(self._connection, "data_version") != pending.data_version:
                    raise StoreError(self.path, "the store was changed by another process during this build; build again")
                _save_changes(self._connection, pending.before, pending.after, pending.now)

    def _load_records(self) -> dict[str, ArticleRecord]:
        try:
            return records_from_rows(self._connection.execute(_SELECT_ARTICLES),
                                     self._connection.execute("SELECT article_id, slug FROM other_slug ORDER BY rowid"))
        except (ValueError, TypeError) as error:
            raise StoreError(self.path, f"a stored value is damaged ({error})") from error


# ---------------------------------------------------------------------------------------------
# Opening: connection, integrity, schema version


def _connect(path: Path, any_thread: bool = False) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(path, f"cannot create the store's folder: {error.strerror}") from error
    with _translated_errors(path, "cannot open the store"):
        # isolation_level=None: the module starts no transactions of its own; every write
        # transaction is an explicit BEGIN IMMEDIATE ... COMMIT below.
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=not any_thread)


def _configure(connection: sqlite3.Connection) -> None:
    # journal_mode is remembered by the file: set it so a store once switched to WAL comes back.
    connection.execute("PRAGMA journal_mode = DELETE")
    # FULL syncs the journal before the database is touched: a power cut cannot tear a commit.
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")


def _require_intact(connection: sqlite3.Connection, path: Path) -> None:
    # quick_check reads every page; on a store of thousands of rows that is milliseconds,
    # and it stops a build from writing a new history on top of a damaged one.
    problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise StoreError(path, f"the store is damaged ({'; '.join(problems[:3])}); {_DAMAGED_ADVICE}")


_DAMAGED_ADVICE = (
    "restore it from a backup, or move it aside to start a new history "
    "(every article will then count as new)"
)


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    if _schema_version_of(connection, path) == len(MIGRATIONS):
        return
    with _transaction(connection, "IMMEDIATE"):
        # Read again under the write lock: another build may have migrated it meanwhile.
        found = _schema_version_of(connection, path)
        for migration in MIGRATIONS[found:]:
            migration(connection)
        # Both pragmas write the file header inside this transaction, so a failed
        # migration leaves the store at the version it had.
        connection.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _schema_version_of(connection: sqlite3.Connection, path: Path) -> int:
    application_id = _pragma_int(connection, "application_id")
    version = _pragma_int(connection, "user_version")
    is_blank = application_id == 0 and version == 0 and not _has_tables(connection)
    if application_id != APPLICATION_ID and not is_blank:
        raise StoreError(path, "an SQLite database, but not a wirefeed store")
    if version > len(MIGRATIONS):
        raise StoreError(
            path,
            f"written by a newer wirefeed: store schema version {version}, this wirefeed "
            f"reads versions up to {len(MIGRATIONS)}; upgrade wirefeed to use this store",
        )
    return version


def _pragma_int(connection: sqlite3.Connection, name: str) -> int:
    row = connection.execute(f"PRAGMA {name}").fetchone()
    return int(row[0])


def _has_tables(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None


@contextmanager
def _transaction(connection: sqlite3.Connection, mode: Literal["DEFERRED", "IMMEDIATE"]) -> Iterator[None]:
    # Writers use IMMEDIATE, which takes the write lock at once, so a second build waits (or
    # fails) before it has read a history that the first is about to change.
    connection.execute(f"BEGIN {mode}")
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        # Also after a failed COMMIT (a full disk), so the connection never stays mid-transaction.
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


@contextmanager
def _translated_errors(path: Path, doing: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise StoreError(path, f"{doing}: {_explain(error)}") from error


def _explain(error: sqlite3.Error) -> str:
    kind = getattr(error, "sqlite_errorname", "")
    if kind in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
        return f"the file is not a readable store ({error}); {_DAMAGED_ADVICE}"
    if kind.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"{error} (another wirefeed build is using the store)"
    return str(error)


# ---------------------------------------------------------------------------------------------
# Sync: what the history becomes after one build (pure functions), then what is written


def _save_changes(
    connection: sqlite3.Connection,
    before: Mapping[str, ArticleRecord],
    after: Mapping[str, ArticleRecord],
    now: datetime,
) -> None:
    for old, new in changed_records(before, after):
        _save_record(connection, old, new, now)


def _save_record(
    connection: sqlite3.Connection, old: ArticleRecord | None, new: ArticleRecord, now: datetime
) -> None:
    connection.execute(_UPSERT_ARTICLE, row_from_record(new))
    known = () if old is None else old.other_slugs
    for slug in new.other_slugs:
        if slug not in known:
            connection.execute(_INSERT_OTHER_SLUG, (new.id, slug, now.isoformat()))
