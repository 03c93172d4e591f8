"""The history commits only what was published.

A build works out its new history (Store.plan_sync) before it writes anything, but records it
only once the new output is in place (HistoryCommit, called by the staging step right after
the swap; when recording fails the previous output is swapped back). So a build that cannot
publish leaves the store, the archive ledger and the manifest as they were, and an article
whose pages no file system could hold is refused before the history could keep its URL.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from wirefeed.errors import InputError, OutputError
from wirefeed.layout import MAX_PATH_BYTES, check_writable, fits_under, url_path_in_site
from wirefeed.model import Article, Site
from wirefeed.output import OutputDir
from wirefeed.store import PendingSync, Store
from wirefeed.writers import ArchiveLedger
from wirefeed.writers.staging import next_folder

# Room left in a path for the stage folder's name beyond `<output>.wirefeed-next`.
_STAGE_NAME_ROOM = 32


class HistoryCommit:
    """Records a build's history once its output is in place: the archive ledger, then the
    store's one transaction. When the store cannot be written, the ledger is put back and the
    error goes on (and the caller swaps the previous output back)."""

    def __init__(self, store: Store, pending: PendingSync, ledger_path: Path, last_build: Path) -> None:
        self.store = store
        self.pending = pending
        self.ledger_path = ledger_path
        self.last_build = last_build

    def __call__(self, ledger: ArchiveLedger) -> None:
        # The record of the last build no longer stands for the output once it is swapped.
        self.last_build.unlink(missing_ok=True)
        before = _bytes_or_none(self.ledger_path)
        folder = OutputDir(self.ledger_path.parent)
        folder.write_text(self.ledger_path.name, ledger.to_json())
        try:
            self.store.commit(self.pending)
        except BaseException:
            _put_back(folder, self.ledger_path, before)
            raise


def _bytes_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(path, f"cannot read: {error.strerror}") from None


def _put_back(folder: OutputDir, path: Path, data: bytes | None) -> None:
    """Best effort: a ledger that cannot be put back is removed (the next build lays the
    archive pages out again from the history), never left newer than the history."""
    try:
        if data is None:
            path.unlink(missing_ok=True)
        else:
            folder.write_bytes(path.name, data)
    except (OSError, OutputError):
        path.unlink(missing_ok=True)


def without_unwritable_pages(articles: Sequence[Article], released_urls: Mapping[str, str], site: Site,
                             output_dir: Path) -> tuple[list[Article], list[InputError]]:
    """The articles whose page and JSON-LD can be written under `output_dir`, and an error for
    each other one, checked at the URL it will be published under: the one the history keeps
    for an article released before (a store written before this check may hold a URL no file
    system takes: that article is refused, so withdrawn, and the rest of the site builds)."""
    root_bytes = len(os.fsencode(str(next_folder(output_dir.absolute())))) + _STAGE_NAME_ROOM
    kept: list[Article] = []
    refused: list[InputError] = []
    for article in articles:
        stored = released_urls.get(article.id)
        url = stored or article.url
        page = url_path_in_site(url, site)
        reason = None if page is None else _unwritable(page, root_bytes, output_dir)
        if reason is None:
            kept.append(article)
        elif stored is not None:
            refused.append(InputError(article.source.path, "url", (
                f"the URL {url} it was first published under, kept by the publishing history, cannot be written: "
                f"{reason}; the article is withdrawn")))
        else:
            refused.append(InputError(article.source.path, "url", f"url {url!r} cannot be published: {reason}"))
    return kept, refused


def _unwritable(page: str, root_bytes: int, output_dir: Path) -> str | None:
    try:
        check_writable(page)
    except ValueError as error:
        return str(error)
    if not fits_under(root_bytes, page):
        return f"its page's path under {output_dir} would be over the {MAX_PATH_BYTES:,}-byte limit of a path"
    return None
