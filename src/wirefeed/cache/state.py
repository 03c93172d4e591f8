"""Every file a build keeps beside its store, named in one place, and the cache's tunables.

Beside `store.sqlite` (the publishing history) a build keeps:

    store.archives.json             the archive ledger (history: which page each archived item is on)
    store.kept.pickle               articles kept online through a rejected edit (pipeline/kept.py)
    store.outputs-<folder>.json     the manifest: the key each output was rendered from (one per output folder)
    store.outputs-<folder>.changes  the keys a build kept in memory changed since (engine/runner.py)
    store.inputs.pickle             the input cache's index (cache/inputs.py)
    store.inputs-<token>.blobs      the input cache's blob file: each article pickled
    store.last-build.json           what the last completed build was made from (cache/lastbuild.py)
    store.last-build.pickle         its result, and store.last-build-articles.pickle its articles
    store.lock                      the build lock (engine/lock.py)

The first two are history; the manifest and the rest are caches, which a build run with
`cache=False` neither reads nor writes.
"""

from __future__ import annotations

import glob
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BuildState", "CacheTunables"]


@dataclass(frozen=True, slots=True)
class CacheTunables:
    """The numbers the caches run by; tests set them to reach a path soon."""

    # A file changed within this long of being looked at may change again within the same
    # timestamp: what it gave is not kept for reuse, so it is read again next time.
    settled_ns: int = 2_000_000_000
    # Builds appended to the input cache's index before it is written whole again.
    appends: int = 50
    # Bytes of unused pickles the blob file may hold beyond as many as it uses before it is compacted.
    unused_blobs_allowed: int = 1 << 20


class _Beside:
    """A file beside the store: its name is the store's stem and `suffix` (with `whole_name`,
    the store's whole name and `suffix`: SQLite's journal)."""

    def __init__(self, suffix: str, *, whole_name: bool = False) -> None:
        self.suffix = suffix
        self.whole_name = whole_name

    def __get__(self, state: BuildState, owner: type | None = None) -> Path:
        store = state.store_file
        return store.with_name(f"{store.name if self.whole_name else store.stem}{self.suffix}")


@dataclass(frozen=True, slots=True)
class BuildState:
    """The files beside one store, and whether this build uses the caches among them."""

    store_file: Path
    tunables: CacheTunables = field(default_factory=CacheTunables)
    enabled: bool = True
    # A PostgreSQL history (`[store] url`): the files above stay beside store_file, on this machine.
    store_url: str | None = None

    archive_ledger = _Beside(".archives.json")
    kept = _Beside(".kept.pickle")
    input_cache = _Beside(".inputs.pickle")
    last_build = _Beside(".last-build.json")
    last_result = _Beside(".last-build.pickle")
    last_articles = _Beside(".last-build-articles.pickle")
    journal = _Beside("-journal", whole_name=True)

    def manifest(self, output_dir: Path) -> Path:
        """What was rendered into one output folder (a store may build several)."""
        return manifest_path(self.store_file, output_dir)

    def blob_file(self, token: str) -> Path:
        return blob_path(self.input_cache, token)

    def blob_files(self) -> list[Path]:
        return blob_files(self.input_cache)


def manifest_path(store_file: Path, output_dir: Path) -> Path:
    """What was rendered into one output folder, beside the store (a store may build several)."""
    folder = hashlib.sha256(str(output_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return store_file.with_name(f"{store_file.stem}.outputs-{folder}.json")


def manifest_changes_path(manifest: Path) -> Path:
    """Beside the manifest: the keys rebuilds kept in memory changed since it was written whole."""
    return manifest.with_suffix(".changes")


def blob_path(index: Path, token: str) -> Path:
    """`store.inputs-<token>.blobs` beside `store.inputs.pickle`: a compacted blob file gets a new
    name, so articles of an earlier build that still read the old one read what they expect."""
    return index.with_name(f"{index.stem}-{token}.blobs")


def blob_files(index: Path) -> list[Path]:
    return list(index.parent.glob(f"{glob.escape(index.stem)}-*.blobs"))
