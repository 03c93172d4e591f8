"""The publishing history: which articles were published when, at which revision, under which URL.

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
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, is_dataclass, replace
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import orjson

from wirefeed.errors import InputError, StoreError
from wirefeed.model import Article, Entry, revised

ArticleState = Literal["published", "embargoed", "withdrawn"]

# Written into the SQLite header ("wfst"), so a store is told apart from any other database.
APPLICATION_ID = 0x77667374

# How long a build waits for another build that holds the store before giving up.
BUSY_TIMEOUT_SECONDS = 10.0


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
class SyncResult:
    """One build's view of the history.

    published: Entries to write, newest first (by published, then id).
    embargoed: stored Entries whose `published` is still ahead, soonest release first.
    withdrawn: every released article now gone, by id (not only those withdrawn in this build,
        so a writer that starts from an empty output folder still knows them).
    redirects: other slugs of published articles, by from_slug.
    changed / unchanged: the published ids whose output must / need not be rendered again, sorted.
    """

    published: tuple[Entry, ...]
    embargoed: tuple[Entry, ...]
    withdrawn: tuple[Withdrawal, ...]
    redirects: tuple[Redirect, ...]
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    records: tuple[ArticleRecord, ...] = ()  # everything the store remembers after this build, by id


@dataclass(frozen=True, slots=True)
class PendingSync:
    """A sync worked out but not yet recorded (Store.plan_sync), for Store.commit."""

    before: Mapping[str, ArticleRecord]
    after: Mapping[str, ArticleRecord]
    now: datetime
    data_version: int  # SQLite's count of other connections' commits when `before` was read
    result: SyncResult


def default_store_path(config_dir: Path) -> Path:
    """Where the store lives by default: next to the site config, so rebuilding output/ keeps it."""
    return config_dir / ".wirefeed" / "store.sqlite"


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
    writes of `asdict()`ed records (tests/test_store.py holds it to that), ten times faster;
    an integer beyond 64 bits, which orjson refuses, takes the json module's path.
    """
    try:
        # Records go through _fields_of so that their keys are sorted too (orjson keeps field order).
        return orjson.dumps(document, default=_fields_of, option=orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS)
    except TypeError:
        plain = {key: [asdict(item) for item in value] if key in ("authors", "images") else value for key, value in document.items()}
        return json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Schema. MIGRATIONS[n] takes a store from version n to n + 1; the version is PRAGMA user_version.
# Append new migrations; never edit one that has shipped.

Migration = Callable[[sqlite3.Connection], None]

_CREATE_HISTORY_TABLES = (
    """
    CREATE TABLE article (
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
    """,
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

_ARTICLE_COLUMNS = (
    "id", "content_hash", "guid", "slug", "url", "published", "first_seen", "first_released",
    "modified", "revision", "state", "state_since",
)
_SELECT_ARTICLES = f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM article ORDER BY id"
_UPSERT_ARTICLE = (
    f"INSERT INTO article ({', '.join(_ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _ARTICLE_COLUMNS)}) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{column} = excluded.{column}" for column in _ARTICLE_COLUMNS[1:])
)
_INSERT_OTHER_SLUG = "INSERT OR IGNORE INTO other_slug (article_id, slug, seen_at) VALUES (?, ?, ?)"


# ---------------------------------------------------------------------------------------------
# The store


class Store:
    """The publishing history in one SQLite file. Open it with `Store.open(path)`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open the store at `path`, creating it (and its folders) or migrating it as needed."""
        connection = _connect(path)
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

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

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
            return {article_id: _parse_time(seen) for article_id, seen in self._connection.execute("SELECT id, first_seen FROM article")}

    def released_urls(self) -> dict[str, str]:
        """Id -> URL of every article ever released: the URL it keeps for good."""
        with _translated_errors(self.path, "cannot read the store"):
            return dict(self._connection.execute("SELECT id, url FROM article WHERE first_released IS NOT NULL ORDER BY id"))

    def sync(self, articles: Sequence[Article], now: datetime, *, hashes: Mapping[str, str] | None = None) -> SyncResult:
        """Record one build's articles at `now` and return what the writers should publish.

        `hashes`: content_hash() of articles by id, where the caller kept them from an earlier
        build (the input cache); the others are computed here.
        All of it is one transaction: if the build dies before the commit, the store keeps the
        history of the build before, and the next open rolls the half-written one back.
        """
        pending = self.plan_sync(articles, now, hashes=hashes)
        self.commit(pending)
        return pending.result

    def plan_sync(self, articles: Sequence[Article], now: datetime, *, hashes: Mapping[str, str] | None = None) -> PendingSync:
        """What sync() would record and return, without recording it: a build commits it with
        commit() only once its outputs are in place, so a build that fails to publish leaves
        the history as it was."""
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError(f"now must be timezone-aware, got {now.isoformat()}")
        incoming = _by_id(articles)
        known = hashes or {}
        digests = {article_id: known.get(article_id) or content_hash(article) for article_id, article in incoming.items()}
        now = _as_stored(now)
        with _translated_errors(self.path, "cannot read the store"):
            with _transaction(self._connection, "DEFERRED"):
                before = self._load_records()
                version = _pragma_int(self._connection, "data_version")
        after = _next_records(before, incoming, digests, now)
        return PendingSync(before, after, now, version, _sync_result(before, after, incoming))

    def commit(self, pending: PendingSync) -> None:
        """Record a plan_sync() in one transaction; StoreError, and nothing recorded, when
        another connection changed the store since it was read."""
        with _translated_errors(self.path, "cannot record this build"):
            with _transaction(self._connection, "IMMEDIATE"):
                if _pragma_int(self._connection, "data_version") != pending.data_version:
                    raise StoreError(self.path, "the store was changed by another process during this build; build again")
                _save_changes(self._connection, pending.before, pending.after, pending.now)

    def _load_records(self) -> dict[str, ArticleRecord]:
        other_slugs: dict[str, list[str]] = {}
        for article_id, slug in self._connection.execute(
            "SELECT article_id, slug FROM other_slug ORDER BY rowid"
        ):
            other_slugs.setdefault(article_id, []).append(slug)
        try:
            return {
                row[0]: _record_from_row(row, tuple(other_slugs.get(row[0], ())))
                for row in self._connection.execute(_SELECT_ARTICLES)
            }
        except (ValueError, TypeError) as error:
            raise StoreError(self.path, f"a stored value is damaged ({error})") from error


# ---------------------------------------------------------------------------------------------
# Opening: connection, integrity, schema version


def _connect(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(path, f"cannot create the store's folder: {error.strerror}") from error
    with _translated_errors(path, "cannot open the store"):
        # isolation_level=None: the module starts no transactions of its own; every write
        # transaction is an explicit BEGIN IMMEDIATE ... COMMIT below.
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)


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


def _by_id(articles: Sequence[Article]) -> dict[str, Article]:
    incoming: dict[str, Article] = {}
    for article in articles:
        earlier = incoming.setdefault(article.id, article)
        if earlier is not article:
            raise InputError(
                article.source.path, None,
                f"article id {article.id!r} is also the id of {earlier.source.path}; ids must be unique",
            )
    return incoming


def _next_records(
    before: Mapping[str, ArticleRecord],
    incoming: Mapping[str, Article],
    hashes: Mapping[str, str],
    now: datetime,
) -> dict[str, ArticleRecord]:
    after = {article_id: _withdrawn(record, now) for article_id, record in before.items() if article_id not in incoming}
    for article_id, article in incoming.items():
        after[article_id] = _advanced(before.get(article_id), article, hashes[article_id], now)
    return after


def _withdrawn(record: ArticleRecord, now: datetime) -> ArticleRecord:
    if record.state == "withdrawn":
        return record
    return replace(record, state="withdrawn", state_since=now)


def _advanced(record: ArticleRecord | None, article: Article, digest: str, now: datetime) -> ArticleRecord:
    state: ArticleState = "embargoed" if article.published > now else "published"
    if record is None or record.first_released is None:
        return _unreleased_replaced(record, article, digest, state, now)
    return _released_advanced(record, article, digest, state, now)


def _unreleased_replaced(
    record: ArticleRecord | None, article: Article, digest: str, state: ArticleState, now: datetime
) -> ArticleRecord:
    # Nothing of an article that was never released has been public, so it has no history to
    # keep: the latest input replaces it whole (slug included) and its first public version
    # is revision 1, however often it was edited under embargo.
    return ArticleRecord(
        id=article.id,
        content_hash=digest,
        guid=article.guid,
        slug=article.slug,
        url=article.url,
        published=_as_stored(article.published),
        first_seen=now if record is None else record.first_seen,
        first_released=now if state == "published" else None,
        modified=_as_stored(article.modified),
        revision=1,
        state=state,
        state_since=_state_since(record, state, now),
    )


def _released_advanced(
    record: ArticleRecord, article: Article, digest: str, state: ArticleState, now: datetime
) -> ArticleRecord:
    is_reinstated = record.state == "withdrawn"
    other_slugs = _with_other_slug(record, article.slug)
    if digest == record.content_hash and not is_reinstated:
        if state == record.state and other_slugs is record.other_slugs:
            # Most records of a rebuild: unchanged, so not copied (10,000 copies were a tenth of a sync).
            return record
        return replace(record, state=state, state_since=_state_since(record, state, now), other_slugs=other_slugs)
    return replace(
        record,
        state=state,
        state_since=_state_since(record, state, now),
        other_slugs=other_slugs,
        content_hash=digest,
        published=_as_stored(article.published),
        modified=_revised_modified(record, article, now),
        revision=record.revision + 1,
    )


def _revised_modified(record: ArticleRecord, article: Article, now: datetime) -> datetime:
    # An `Updated:` line later than the last revision says when the edit was made; an input
    # that still carries an older date was edited without saying so, and now is the best answer.
    if article.modified > record.modified:
        return _as_stored(article.modified)
    return now


def _with_other_slug(record: ArticleRecord, input_slug: str) -> tuple[str, ...]:
    if input_slug == record.slug or input_slug in record.other_slugs:
        return record.other_slugs
    return (*record.other_slugs, input_slug)


def _state_since(record: ArticleRecord | None, state: ArticleState, now: datetime) -> datetime:
    if record is None or record.state != state:
        return now
    return record.state_since


def _save_changes(
    connection: sqlite3.Connection,
    before: Mapping[str, ArticleRecord],
    after: Mapping[str, ArticleRecord],
    now: datetime,
) -> None:
    # Unchanged records are not written: a build with nothing new leaves the file as it was.
    for article_id in sorted(after):
        old, new = before.get(article_id), after[article_id]
        if new is not old and new != old:
            _save_record(connection, old, new, now)


def _save_record(
    connection: sqlite3.Connection, old: ArticleRecord | None, new: ArticleRecord, now: datetime
) -> None:
    connection.execute(_UPSERT_ARTICLE, _row_from_record(new))
    known = () if old is None else old.other_slugs
    for slug in new.other_slugs:
        if slug not in known:
            connection.execute(_INSERT_OTHER_SLUG, (new.id, slug, now.isoformat()))


# ---------------------------------------------------------------------------------------------
# The result handed to the writers


def _sync_result(
    before: Mapping[str, ArticleRecord], after: Mapping[str, ArticleRecord], incoming: Mapping[str, Article]
) -> SyncResult:
    published = [record for record in after.values() if record.state == "published"]
    embargoed = [record for record in after.values() if record.state == "embargoed"]
    changed = {record.id for record in published if _needs_render(before.get(record.id), record)}
    return SyncResult(
        published=tuple(_entry(record, incoming[record.id]) for record in _newest_first(published)),
        embargoed=tuple(
            _entry(record, incoming[record.id])
            for record in sorted(embargoed, key=lambda record: (record.published, record.id))
        ),
        withdrawn=_withdrawals(after.values()),
        redirects=_redirects(after.values()),
        changed=tuple(sorted(changed)),
        unchanged=tuple(sorted(record.id for record in published if record.id not in changed)),
        records=tuple(after[article_id] for article_id in sorted(after)),
    )


def _needs_render(old: ArticleRecord | None, new: ArticleRecord) -> bool:
    # New, out of embargo, reinstated or edited. A released article's content changes only
    # with its revision; one never released was not in the published list before.
    return old is None or old.state != "published" or old.revision != new.revision


def _newest_first(records: Iterable[ArticleRecord]) -> list[ArticleRecord]:
    # Two stable sorts: by id, then newest first, so equal publication times fall back to id
    # without turning datetimes into numbers.
    by_id = sorted(records, key=lambda record: record.id)
    return sorted(by_id, key=lambda record: record.published, reverse=True)


def _entry(record: ArticleRecord, article: Article) -> Entry:
    kept = revised(article, guid=record.guid, slug=record.slug, url=record.url, modified=record.modified)
    return Entry(article=kept, first_seen=record.first_seen, revision=record.revision)


def _withdrawals(records: Iterable[ArticleRecord]) -> tuple[Withdrawal, ...]:
    # One that was never released had no pages, so there is nothing to take down.
    gone = (r for r in records if r.state == "withdrawn" and r.first_released is not None)
    return tuple(
        Withdrawal(id=r.id, slug=r.slug, url=r.url, withdrawn_at=r.state_since, other_slugs=r.other_slugs)
        for r in sorted(gone, key=lambda record: record.id)
    )


def _redirects(records: Iterable[ArticleRecord]) -> tuple[Redirect, ...]:
    everything = list(records)
    # A slug that is some article's own page is never overwritten by a redirect.
    own_slugs = {record.slug for record in everything}
    claims: dict[str, Redirect] = {}
    # When two articles were given the same other slug, the one seen first keeps it.
    # Only records with other slugs claim any: sorting those few, not every record by its time.
    published = sorted(
        (record for record in everything if record.state == "published" and record.other_slugs),
        key=lambda record: (record.first_seen, record.id),
    )
    for record in published:
        for slug in record.other_slugs:
            if slug not in own_slugs:
                claims.setdefault(slug, Redirect(record.id, slug, record.slug, record.url))
    return tuple(claims[slug] for slug in sorted(claims))


# ---------------------------------------------------------------------------------------------
# Rows and times


def _row_from_record(record: ArticleRecord) -> tuple[str | int | None, ...]:
    return (
        record.id,
        record.content_hash,
        record.guid,
        record.slug,
        record.url,
        record.published.isoformat(),
        record.first_seen.isoformat(),
        None if record.first_released is None else record.first_released.isoformat(),
        record.modified.isoformat(),
        record.revision,
        record.state,
        record.state_since.isoformat(),
    )


def _record_from_row(row: tuple[Any, ...], other_slugs: tuple[str, ...]) -> ArticleRecord:
    (article_id, digest, guid, slug, url, published, first_seen, first_released, modified,
     revision, state, state_since) = row
    return ArticleRecord(
        id=article_id,
        content_hash=digest,
        guid=guid,
        slug=slug,
        url=url,
        published=_parse_time(published),
        first_seen=_parse_time(first_seen),
        first_released=None if first_released is None else _parse_time(first_released),
        modified=_parse_time(modified),
        revision=int(revision),
        state=_parse_state(state),
        state_since=_parse_time(state_since),
        other_slugs=other_slugs,
    )


def _parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time without an offset: {text!r}")
    return moment


_STATES: dict[str, ArticleState] = {"published": "published", "embargoed": "embargoed", "withdrawn": "withdrawn"}


def _parse_state(text: str) -> ArticleState:
    if text not in _STATES:
        raise ValueError(f"unknown article state: {text!r}")
    return _STATES[text]


def _as_stored(moment: datetime) -> datetime:
    # The datetime exactly as it reads back from the file (a fixed offset, not a named zone),
    # so the Entries of the build that stores a value equal those of every later build.
    return datetime.fromisoformat(moment.isoformat())
