"""The publishing history (DESIGN: history): one interface, HistoryStore, and its backends.

records.py holds what the history keeps (ArticleRecord) and hands a build (SyncResult);
history.py the rules by which a build's articles change it; sqlite.py the embedded backend
(the default). A PostgreSQL backend for many writers will sit beside it, behind the same interface.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from wirefeed.model import Article
from wirefeed.store.records import (
    ArticleRecord, ArticleState, PendingSync, Redirect, SyncResult, Withdrawal, content_hash, default_store_path,
)
from wirefeed.store.sqlite import Store

__all__ = [
    "ArticleRecord", "ArticleState", "HistoryStore", "PendingSync", "Redirect", "Store", "SyncResult", "Withdrawal",
    "content_hash", "default_store_path",
]


class HistoryStore(Protocol):
    """What a build asks of the publishing history, whichever backend keeps it."""

    def records(self) -> tuple[ArticleRecord, ...]: ...

    def slugs(self) -> dict[str, str]: ...

    def first_seen(self) -> dict[str, datetime]: ...

    def states(self) -> dict[str, ArticleState]: ...

    def released_urls(self) -> dict[str, str]: ...

    def plan_sync(self, articles: Sequence[Article], now: datetime, *, hashes: Mapping[str, str] | None = None) -> PendingSync: ...

    def commit(self, pending: PendingSync) -> None: ...
