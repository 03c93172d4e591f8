"""Finding the inputs and reading them: one listing of each folder, then every changed input
read and normalized, in forked workers when there are many (engine/parallel.py)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from wirefeed.cache.blobs import BlobFile
from wirefeed.cache.inputs import InputCache, ReadFacts
from wirefeed.cache.ref import ArticleRef
from wirefeed.cache.keys import InputKey, bytes_digest, input_key
from wirefeed.engine.engines import Engine
from wirefeed.engine.parallel import chunked, counter, run_chunks, should_fork, worker_count
from wirefeed.errors import InputError, Withdrawal
from wirefeed.model import Article, Site
from wirefeed.pipeline.articles import InputResult, articles_of
from wirefeed.normalize.language import identifier_shared
from wirefeed.readers import forget_resolved_folders, preload_readers
from wirefeed.pipeline.scan import Progress, discover, scan_inputs
from wirefeed.pipeline.versions import newest_versions

__all__ = ["InputsRead", "Progress", "discover", "read_articles", "read_inputs", "read_one", "scan_inputs"]

READ_CHUNK = 100


@dataclass(slots=True)
class InputsRead:
    """What reading the inputs gave: the articles and errors in the order of the paths; by
    article id its input cache entry's name and ReadFacts (the first one read, for an id that
    two inputs give: the one pipeline.identity keeps); the input each error came from (an
    error may name its sidecar); and the withdrawals apart. Of several versions of one wire
    story, only the newest is kept (pipeline/versions.py). The articles are the input cache's
    handles (cache/ref.py), resolved only where they are rendered."""

    articles: list[ArticleRef]
    rejected: list[InputError]
    facts: dict[str, tuple[str, ReadFacts]]
    rejected_inputs: list[Path]
    withdrawals: list[Withdrawal]


def read_articles(paths: Sequence[Path], site: Site, progress: Progress | None = None, *, root: Path | None = None,
                  workers: int | None = None, cache: InputCache | None = None,
                  keys: Sequence[InputKey | None] | None = None) -> tuple[list[Article], list[InputError]]:
    """Read and normalize each path; collect the errors instead of stopping at the first.

    With more than one worker, forked processes share the paths in chunks; the articles
    and errors come back in the order of `paths` all the same. With a cache, only the
    files changed since it was saved are read (`keys`: their input_key, when already taken).
    `root`, the input folder, is where no input may lead out of through a symbolic link.
    """
    found = read_inputs(paths, site, progress, root=root, workers=workers, cache=cache, keys=keys)
    return [article.resolve() for article in found.articles], [*found.rejected, *found.withdrawals]


def read_inputs(inputs: Sequence[Path | str], site: Site, progress: Progress | None = None, *, root: Path | None = None,
                workers: int | None = None, cache: InputCache | None = None,
                keys: Sequence[InputKey | None] | None = None, engine: Engine | None = None) -> InputsRead:
    """read_articles(), with what the build needs besides (InputsRead); `engine`: what reads the
    changed inputs (default: this process and its forked workers). `inputs`: the paths, or
    their names as str(Path) spells them (a scan's: a Path is made only of each input read, and
    making 10,000 took 40 ms of a rebuild that reads one)."""
    names = [os.fspath(path) for path in inputs]
    known: list[ReadFacts | None] = [None] * len(names)
    if cache is not None:
        if keys is None:
            keys = [input_key(Path(name)) for name in names]
        known = [cache.get(name, key) for name, key in zip(names, keys)]
    unread = [index for index, facts in enumerate(known) if facts is None]
    paths = {index: Path(names[index]) for index in unread}
    # An input too new for its times to be trusted is kept with a digest of its bytes, taken
    # now; one whose bytes cannot be digested is read again every build until it settles, so it
    # keeps its pickle in the cache's index, not in the blob file (which it would grow each time).
    # Here the readers take those digests, each just before its read, in parallel (after a
    # copy of 10,000 inputs every one is too new: 0.9 s when the parent took them in turn);
    # an engine's workers may not share this disk, so for one the parent takes them first.
    unsettled = (frozenset() if keys is None or cache is None
                 else frozenset(paths[index] for index in unread if not cache.settled(keys[index])))
    unread_paths = [paths[index] for index in unread]
    if engine is None:
        blobs = cache.blob_file() if cache is not None and unread else None
        read = _read_all(unread_paths, site, progress, workers, root, blobs, unsettled)
        fresh = iter(_read_digested(cache, unread_paths, read, unsettled))
    else:
        unkept = cache.remember_bytes(unsettled) if cache is not None else frozenset()
        blobs = cache.blob_file() if cache is not None and len(unkept) < len(unread) else None
        fresh = iter(engine.read(unread_paths, site, root, blobs, unkept, progress))
    articles: list[ArticleRef] = []
    rejected: list[InputError] = []
    rejected_inputs: list[Path] = []
    read_from: list[tuple[str, ReadFacts]] = []  # of each article, its cache entry's name and ReadFacts
    for index, (name, facts) in enumerate(zip(names, known)):
        if facts is None:
            facts = next(fresh)
            if cache is not None and keys is not None:
                cache.put(name, keys[index], facts)
        parts = facts.parts()
        for part_index, part in enumerate(parts):
            result = part.result()
            if isinstance(result, InputError):
                rejected.append(result)
                rejected_inputs.append(paths.get(index) or Path(name))
            else:
                articles.append(result)
                # An article of a file of several has no entry of its own to be reused from.
                read_from.append((name if len(parts) == 1 else f"{name}#{part_index}", part))
    settled = newest_versions(articles, read_from, rejected, rejected_inputs)
    by_id: dict[str, tuple[str, ReadFacts]] = {}
    for article, origin in zip(settled.articles, settled.origins):
        by_id.setdefault(article.id, origin)
    return InputsRead(settled.articles, settled.rejected, by_id, settled.rejected_inputs, settled.withdrawals)


def _read_digested(cache: InputCache | None, paths: Sequence[Path], read: Sequence[Digested],
                   unsettled: frozenset[Path]) -> Iterator[ReadFacts]:
    """What each path gave; the bytes digest its reader took of one in `unsettled`, handed to the cache."""
    for path, (facts, digest) in zip(paths, read):
        if cache is not None and path in unsettled:
            cache.took_bytes(path, digest)
        yield facts


# What a reader gives back of a path: what it gave, and for an input too new to trust its times
# the digest of its bytes taken before the read (None: they could not be read, or were too many).
Digested = tuple[ReadFacts, int | None]


def _read_all(paths: Sequence[Path], site: Site, progress: Progress | None, workers: int | None,
              root: Path | None, blobs: BlobFile | None = None,
              unsettled: frozenset[Path] = frozenset()) -> list[Digested]:
    """Each path read (ReadFacts) with, for one in `unsettled`, the digest of its bytes taken just
    before the read; such a path whose digest cannot be taken keeps its pickle in the cache's
    index instead of `blobs` (it is read again each build until it settles)."""
    forget_resolved_folders()
    count = worker_count(workers)
    if not should_fork(len(paths), count, forced=workers is not None):
        count = 1
    chunk_size = READ_CHUNK if count == 1 else max(1, min(READ_CHUNK, -(-len(paths) // (count * 4))))
    chunks = chunked(paths, chunk_size)

    def read_chunk(index: int) -> list[Digested]:
        return [_read_taking_digest(path, site, root, blobs, path in unsettled) for path in chunks[index]]

    finished = counter(shared=False)

    def done(_index: int) -> None:
        chunks_done = finished(1) + 1
        if progress:
            progress(min(len(paths), chunks_done * chunk_size), len(paths))

    # Forked readers share the language model the parent loads, rather than each loading one,
    # and the readers' modules it imports (preload_readers), rather than each importing them.
    # This process reads nothing itself: reading leaves more behind than its results (a heap
    # fragmented by the pages parsed, the libraries' caches), 100 MB at 10,000 inputs, which the
    # build's process would hold to its end. Each reader ends once it has touched its share of
    # memory (engine/parallel.py), and takes what it left with it.
    if count > 1:
        preload_readers(paths)
    with identifier_shared() if count > 1 else contextlib.nullcontext():
        results = [result for chunk in run_chunks(len(chunks), read_chunk, count, done, renew=len(chunks)) for result in chunk]
    if progress and paths:
        progress(len(paths), len(paths))
    return results


def _read_taking_digest(path: Path, site: Site, root: Path | None, blobs: BlobFile | None, digested: bool) -> Digested:
    digest = bytes_digest(path, site.max_input_bytes) if digested else None
    # An input whose bytes cannot be digested is read again next build: its pickle is kept apart.
    return ReadFacts.of(read_one(path, site, root), None if digested and digest is None else blobs), digest


def read_one(path: Path, site: Site, root: Path | None) -> InputResult:
    """One input read and normalized: its article (or articles), or the error that rejects it."""
    return articles_of(path, site, root)
