"""The publishing history (DESIGN: history): one interface, HistoryStore, and its backends.

records.py holds what the history keeps (ArticleRecord) and hands a build (SyncResult);
history.py the rules by which a build's articles change it; sqlite.py the embedded backend
(the default); postgres.py the PostgreSQL backend for many writers, chosen by `[store] url`
(url.py checks and names such a URL). A build opens either through HistoryPlace.

The records and the backends are imported when first named (PEP 562): a rebuild that finds
nothing changed needs only HistoryPlace and default_store_path, and importing the rest (the
records' dataclasses, sqlite3, the PostgreSQL driver's wrapper) was a tenth of its time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from wirefeed.lazy import attribute_from
from wirefeed.store.paths import default_store_path

if TYPE_CHECKING:
    from wirefeed.cache.ref import Listed
    from wirefeed.store.postgres import PostgresStore
    from wirefeed.store.records import (
        ArticleRecord, ArticleState, PendingSync, Redirect, SyncResult, Withdrawal, content_hash,
    )
    from wirefeed.store.sqlite import Store

__all__ = [
    "ArticleRecord", "ArticleState", "HistoryPlace", "HistoryStore", "PendingSync", "PostgresStore", "Redirect", "Store",
    "SyncResult", "Withdrawal",
    "content_hash", "default_store_path",
]

# Each name imported on first use, from the module that defines it.
_DEFINED_IN = {
    **dict.fromkeys(("ArticleRecord", "ArticleState", "PendingSync", "Redirect", "SyncResult", "Withdrawal", "content_hash"),
                    "wirefeed.store.records"),
    "PostgresStore": "wirefeed.store.postgres",
    "Store": "wirefeed.store.sqlite",
}


def __getattr__(name: str) -> Any:
    return attribute_from(__name__, name, _DEFINED_IN, globals())
class HistoryStore(Protocol):
    """What a build asks of the publishing history, whichever backend keeps it."""

    def records(self) -> tuple[ArticleRecord, ...]: ...

    def slugs(self) -> dict[str, str]: ...

    def first_seen(self) -> dict[str, datetime]: ...

    def states(self) -> dict[str, ArticleState]: ...

    def released_urls(self) -> dict[str, str]: ...

    def plan_sync(self, articles: Sequence[Listed], now: datetime, *, hashes: Mapping[str, str] | None = None) -> PendingSync[Listed]: ...

    def commit(self, pending: PendingSync[Any]) -> None: ...

    def sync(self, articles: Sequence[Listed], now: datetime, *, hashes: Mapping[str, str] | None = None) -> SyncResult[Listed]: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class HistoryPlace:
    """Where a build's history is kept: the SQLite file `store_file`, or with `url` a PostgreSQL
    database (its password in the environment variable `password_env`, else libpq's usual
    PGPASSWORD or ~/.pgpass). `wait` and `on_wait` are for another build holding it, as
    for engine/lock.py's build lock (SQLite's is that file lock itself)."""

    store_file: Path
    url: str | None = None
    password_env: str | None = None
    wait: bool = True
    on_wait: Callable[[Path], None] | None = None

    @contextmanager
    def opened(self) -> Iterator[HistoryStore]:
        """The store, open (and for PostgreSQL, locked against other builds) for the block."""
        if self.url is None:
            from wirefeed.store.sqlite import Store

            with Store.open(self.store_file) as store:
                yield store
        else:
            from wirefeed.store.postgres import PostgresStore

            with PostgresStore.open(self.url, password_env=self.password_env, wait=self.wait,
                                    on_wait=self.on_wait) as database:
                yield database
