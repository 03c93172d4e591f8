"""Incremental writing: render only the outputs whose inputs changed, remove the ones no longer made.

Every output is a Job: a path, a key naming everything its bytes depend on (the records it
shows, the site config, the templates, wirefeed's own code) and a function that renders it.
A manifest beside the store remembers the key each file was last rendered from; a job whose
key and file are unchanged is not rendered again, so a rebuild costs what changed.

Crash safety: before anything is written, the manifest is saved with the pending jobs' keys
cleared and the paths about to go still listed. A build killed halfway leaves that manifest,
and the next build renders every pending job again and removes what it must, whatever the
killed one got done. Each file itself is written atomically by OutputDir.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

import orjson

from wirefeed.cache.state import manifest_changes_path
from wirefeed.errors import OutputError
from wirefeed.output import TEMP_PREFIX, OutputDir, atomic_file
from wirefeed.engine.staging import recover, staged
from wirefeed.engine.parallel import chunked, collecting, renewed_share, run_chunks, should_fork, worker_count

MANIFEST_VERSION = 1


class Job(NamedTuple):
    """One output file: where it goes, what it depends on, how to render it.

    A named tuple, not a frozen dataclass: a plan makes a job for every output (33,034 at
    10,000 articles) whether or not it is rendered, and a tuple is made in half the time."""

    path: str
    key: str
    render: Callable[[], bytes]


class InBuildProcess:
    """A job's `render` that runs in the build's own process once the forked workers have ended
    (_render), for an output made of every article: a sitemap file of 50,000 entries.

    A forked worker shares the build's memory until either writes to a page, and reading an
    object writes to its page (its reference count): a worker that rendered the sitemap of
    30,000 articles copied 45 MB of pages, and at 100,000 the one that rendered both sitemap
    files held 160 MB of its own while the build held 780 MB, the tree's peak. The build's
    own process, alone by then, copies nothing."""

    __slots__ = ("_render",)

    def __init__(self, render: Callable[[], bytes]) -> None:
        self._render = render

    def __call__(self) -> bytes:
        return self._render()


@dataclass(frozen=True, slots=True)
class RunReport:
    """What a run produced: every output path, those rendered this time, and those removed."""

    written: tuple[str, ...]
    rendered: tuple[str, ...]
    removed: tuple[str, ...]


class Manifest:
    """The key each output file was last rendered from, in a JSON file outside the output folder,
    with the changes appended beside it since it was written whole (ManifestChanges)."""

    def __init__(self, path: Path | None, keys: Mapping[str, str]) -> None:
        self.path = path
        self.keys = dict(keys)

    @classmethod
    def load(cls, path: Path | None) -> Manifest:
        """The manifest at `path`; none, or a damaged one, means every output is rendered again."""
        if path is None:
            return cls(None, {})
        try:
            data = path.read_bytes()
            document = json.loads(data)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return cls(path, {})
        if not _is_manifest(document):
            return cls(path, {})
        keys: dict[str, str] = document["outputs"]
        if not _with_changes(keys, data, manifest_changes_path(path)):
            return cls(path, {})
        return cls(path, keys)

    def save(self, keys: dict[str, str]) -> None:
        """Save `keys`, which this manifest holds from now on: not a copy, as a build's are 330,000
        at 100,000 articles. A caller that changes the dict later changes this manifest's keys."""
        self.keys = keys
        self._write(keys)

    def save_cleared(self, paths: Iterable[str]) -> None:
        """Save the manifest with the keys of `paths` cleared, before their files change: a build
        killed after renders them again. What is saved is not held: this manifest's keys stay
        as they were until save() (a full build's 330,000 cleared keys at 100,000 articles were
        held through the render for nothing)."""
        self._write({**self.keys, **dict.fromkeys(paths, "")})

    def _write(self, keys: Mapping[str, str]) -> None:
        if self.path is None:
            return
        # Written whole or not at all, and identical bytes are left alone: an unchanged build touches nothing.
        with atomic_file(self.path) as handle:
            handle.writelines(manifest_pieces(keys))
        # Folded in now. Killed between the two steps, the changes name another manifest's
        # bytes, and load() trusts neither: every output is rendered again, none is left stale.
        manifest_changes_path(self.path).unlink(missing_ok=True)

    def put_back(self, keys: dict[str, str]) -> None:
        """Save `keys` again after a failed build; when even that fails (a full disk), remove the
        file, so that the next build compares every output instead of trusting stale keys."""
        try:
            self.save(keys)
        except (OSError, OutputError):
            self.keys = {}
            if self.path is not None:
                self.path.unlink(missing_ok=True)


# Outputs in each piece of a manifest that orjson writes (manifest_pieces).
_MANIFEST_PIECE = 20_000


def manifest_pieces(keys: Mapping[str, str]) -> Iterator[bytes]:
    """The bytes of the manifest of `keys`, as orjson writes {"outputs": keys, "version": ...}
    indented by two, its keys sorted and a line break at the end, in pieces of _MANIFEST_PIECE
    outputs: the 330,000 keys of 100,000 articles are 57 MB written at once, which was the
    build's peak of memory at its end. orjson, not the json module: its indented writer is pure
    Python, 0.15 s for 22,000 outputs. tests/engine/test_manifest.py holds the bytes equal."""
    paths = sorted(keys)
    if not paths:
        yield orjson.dumps({"outputs": {}, "version": MANIFEST_VERSION}, option=_MANIFEST_OPTIONS)
        return
    yield b'{\n  "outputs": {'
    for start in range(0, len(paths), _MANIFEST_PIECE):
        piece = orjson.dumps({path: keys[path] for path in paths[start : start + _MANIFEST_PIECE]}, option=orjson.OPT_INDENT_2)
        # b'{\n  "a": "b"\n}' as the lines of the nested object: a line break in JSON is only ever
        # one between its members (one inside a string is written \n).
        yield (b"," if start else b"") + piece[1:-2].replace(b"\n  ", b"\n    ")
    yield b'\n  },\n  "version": ' + str(MANIFEST_VERSION).encode("ascii") + b"\n}\n"


_MANIFEST_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_SORT_KEYS


class ManifestChanges:
    """The keys a build kept in memory (pipeline/warm.py) changes, appended beside the manifest
    instead of writing it whole: 330,000 keys at 100,000 articles took a quarter of a second
    for each edit of one article.

    The file is JSON lines: first the digest of the manifest's bytes they apply to, then one
    object of keys per line. An output's key is cleared ("") before its file is written and set
    once it is, so a rebuild killed halfway leaves the outputs it touched to be rendered again.
    A whole save of the manifest removes the file; changes that name other bytes, as a kill
    between the two steps leaves them, make load() trust no key at all."""

    def __init__(self, manifest: Path) -> None:
        self.path = manifest_changes_path(manifest)
        self._base = _digest(manifest.read_bytes())  # raises OSError when there is no manifest
        self._handle: BinaryIO | None = None

    def record(self, keys: Mapping[str, str]) -> None:
        """Append `keys` (each output's new key, or "" for one about to be written)."""
        if self._handle is None:
            self._handle = self.path.open("ab")
            if not self._handle.tell():
                self._handle.write(orjson.dumps({"version": MANIFEST_VERSION, "manifest": self._base}) + b"\n")
        self._handle.write(orjson.dumps(dict(keys)) + b"\n")
        self._handle.flush()  # in the file before the output it clears is written

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _with_changes(keys: dict[str, str], manifest: bytes, changes: Path) -> bool:
    """Apply to `keys` the changes beside the manifest, if any; False when they are not this
    manifest's (a kill between a whole save and the changes' removal). A torn last line (a
    rebuild killed while appending) is left out: the clearing lines before it stand."""
    try:
        lines = changes.read_bytes().split(b"\n")
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        header = json.loads(lines[0])
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    if header != {"version": MANIFEST_VERSION, "manifest": _digest(manifest)}:
        return False
    for line in lines[1:]:
        try:
            change = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError):
            break
        if not _is_keys(change):
            return False
        keys.update(change)
    return True


def _is_manifest(document: object) -> bool:
    if not isinstance(document, dict) or document.get("version") != MANIFEST_VERSION:
        return False
    return _is_keys(document.get("outputs"))


def _is_keys(value: object) -> bool:
    """Whether `value` maps output paths to keys, as the manifest and each of its changes do."""
    return isinstance(value, dict) and all(isinstance(key, str) and isinstance(text, str) for key, text in value.items())


# Jobs per chunk when rendering in several processes: an article's JSON-LD and page, planned one
# after the other, mostly land in the same chunk (they share one JSON-LD document).
_RENDER_CHUNK = 64


def _nothing() -> None:
    pass


def run_jobs(jobs: Sequence[Job], output: OutputDir, manifest: Manifest, *, also_remove: Iterable[str] = (),
             workers: int | None = None, render_all: bool = False, commit: Callable[[], None] = _nothing,
             render: Callable[[Sequence[Job], OutputDir], None] | None = None,
             prepare: Callable[[Sequence[Job], Path], None] | None = None) -> RunReport:
    """Render the jobs whose output is out of date, remove outputs no job makes any more.

    `also_remove`: outputs to take down even when the manifest does not list them (the pages
    of withdrawn articles, when the output folder came from elsewhere).
    `render_all`: render every job, whatever the manifest's keys say (a build without caches).
    `commit`: called once the new output is in place (the build records its history there);
    when it raises, the previous output and manifest are put back before the error goes on.
    `render`: renders the pending jobs into the stage instead of this process and its forked
    workers (an engine's, engine/engines.py); an error it raises leaves the output as it was.
    `prepare`: called with the pending jobs before this process renders them (not with `render`),
    and the stage's folder, for its temporary files (on the output's file system, not in a
    /tmp that may be memory): work they share is done there once (site/items.py), and the
    forked workers inherit it.
    """
    wanted = _by_path(jobs)
    recover(output.root)
    stale = list(jobs) if render_all else [job for job in jobs if manifest.keys.get(job.path) != job.key]
    unwanted = sorted((set(manifest.keys) | set(also_remove)) - set(wanted))
    if not stale and not unwanted:
        # Nothing to stage unless an output went missing: one listing tells.
        existing = _files_under(output.root)
        stale = [job for job in jobs if job.path not in existing]
    pending: list[Job] = []
    removed: list[str] = []
    before = manifest.keys  # not a copy: the manifest replaces its dict, and never changes it

    def recorded() -> None:
        commit()
        try:
            # Made only now, not held through the render beside `wanted` (20 MB at 100,000 articles).
            manifest.save({path: job.key for path, job in wanted.items()})
        except (OSError, OutputError):  # recorded: the next build then compares every output
            manifest.put_back({})

    try:
        if not stale and not unwanted:
            recorded()
        else:
            # A job rendered because its file is missing needs no clearing: missing, it is rendered again anyway.
            manifest.save_cleared([*(job.path for job in stale), *unwanted])
            existing = set()
            # Everything this build changes reaches the output folder in one step (see staging.py);
            # staging lists the output, which tells which outputs are missing.
            with staged(output, existing, on_swapped=recorded) as stage:
                pending = [job for job in jobs if render_all or before.get(job.path) != job.key or job.path not in existing]
                if render is None:
                    if prepare is not None and pending:
                        prepare(pending, stage.root)
                    _render(pending, stage, workers)
                else:
                    render(pending, stage)
                removed = [path for path in unwanted if _remove(stage, path)]
    except BaseException:
        manifest.put_back(before)
        raise
    return RunReport(
        written=tuple(sorted(wanted)),
        rendered=tuple(sorted(job.path for job in pending)),
        removed=tuple(removed),
    )


def _render(pending: Sequence[Job], output: OutputDir, workers: int | None) -> None:
    """Render and write each pending job; in forked processes too when there are many, but for
    those of InBuildProcess, which this process renders after them.

    Each process writes what it renders at once, so no process holds more than one output.
    """
    count = worker_count(workers)
    if not should_fork(len(pending), count, forced=workers is not None):
        _render_here(pending, output)
        return
    here = [job for job in pending if isinstance(job.render, InBuildProcess)]
    forked = [job for job in pending if not isinstance(job.render, InBuildProcess)] if here else pending
    chunks = chunked(forked, max(1, min(_RENDER_CHUNK, -(-len(forked) // (count * 4)))))

    def render_chunk(index: int) -> None:
        for job in chunks[index]:
            output.write_bytes(job.path, job.render())

    run_chunks(len(chunks), render_chunk, count, renew=renewed_share(len(chunks), count))
    output.written.update(job.path for job in forked)
    _render_here(here, output)


def _render_here(jobs: Sequence[Job], output: OutputDir) -> None:
    with collecting():
        for job in jobs:
            output.write_bytes(job.path, job.render())


def _files_under(root: Path) -> set[str]:
    """Every file under `root`, as output paths (`articles/x.html`): one listing of each folder
    instead of one look at each of 20,000 files. Linked folders are not entered, as a write
    would not enter them. Temporary files a killed build left behind (a finished write never
    leaves one) are removed on the way, not listed."""
    found: set[str] = set()
    folders = [("", str(root))]
    while folders:
        prefix, folder = folders.pop()
        try:
            listing = os.scandir(folder)
        except OSError:
            continue
        with listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.name.startswith(TEMP_PREFIX):
                    Path(entry.path).unlink(missing_ok=True)
                elif entry.is_file():
                    found.add(prefix + entry.name)
    return found


def _by_path(jobs: Sequence[Job]) -> dict[str, Job]:
    wanted: dict[str, Job] = {}
    for job in jobs:
        if job.path in wanted:
            # Two outputs at one path would overwrite each other in an order nobody chose.
            raise OutputError(job.path, "two outputs were planned at this path")
        wanted[job.path] = job
    return wanted


def _remove(output: OutputDir, relative: str) -> bool:
    """Delete one output file and the folders it leaves empty; False when it was not there."""
    target = output.path_for(relative)
    try:
        target.unlink()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:  # a page no file system could hold was never written
            return False
        raise OutputError(target, f"cannot remove: {error.strerror}") from None
    _remove_empty_folders(target.parent, output.root)
    return True


def _remove_empty_folders(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
