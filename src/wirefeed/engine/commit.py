"""The history commits only what was published.

A build works out its new history (HistoryStore.plan_sync) before it writes anything, but records it
only once the new output is in place (HistoryCommit, called by the staging step right after
the swap; when recording fails the previous output is swapped back). So a build that cannot
publish leaves the store, the archive ledger and the manifest as they were, and an article
whose pages no file system could hold is refused before the history could keep its URL.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from wirefeed.errors import OutputError
from wirefeed.output import OutputDir
from wirefeed.store import HistoryStore, PendingSync
from wirefeed.site.archive import ArchiveLedger


class HistoryCommit:
    """Records a build's history once its output is in place: the record of the last build
    removed, the archive ledger and the file of articles kept through a bad edit
    (pipeline/kept.py) written, then the store's one transaction. When the store
    cannot be written, those files are put back and the error goes on (and the caller swaps
    the previous output back)."""

    def __init__(self, store: HistoryStore, pending: PendingSync[Any], ledger_path: Path, last_build: Path,
                 kept: tuple[Path, bytes | None]) -> None:
        self.store = store
        self.pending = pending
        self.ledger_path = ledger_path
        self.last_build = last_build
        self.kept = kept

    def __call__(self, ledger: ArchiveLedger) -> None:
        # The record of the last build no longer stands for the output once it is swapped (and
        # stands again, put back, when the previous output is swapped back).
        files = [(self.last_build, None), (self.ledger_path, ledger.to_json().encode("utf-8")), self.kept]
        before = [(path, _bytes_or_none(path)) for path, _ in files]
        try:
            for path, data in files:
                _write_or_remove(path, data)
            self.store.commit(self.pending)
        except BaseException:
            for path, data in before:
                _put_back(path, data)
            raise


def _write_or_remove(path: Path, data: bytes | None) -> None:
    if data is not None:
        OutputDir(path.parent).write_bytes(path.name, data)
    elif os.path.lexists(path):
        try:
            path.unlink()
        except OSError as error:
            raise OutputError(path, f"cannot remove: {error.strerror}") from None


def _bytes_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(path, f"cannot read: {error.strerror}") from None


def _put_back(path: Path, data: bytes | None) -> None:
    """Best effort: a file that cannot be put back is removed (the next build lays the archive
    pages out again from the history), never left newer than the history."""
    try:
        _write_or_remove(path, data)
    except (OSError, OutputError):
        path.unlink(missing_ok=True)
