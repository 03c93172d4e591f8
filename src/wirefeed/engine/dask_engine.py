"""A build's map and reduce steps on a Dask cluster (engine/engines.py says which steps).

- read: the changed inputs in chunks, `client.map` of dask_tasks.read_chunk; each worker sends
  back what the input cache keeps (ReadFacts), and the driver, which owns the cache, puts the
  pickles in its blob file. The inputs must be readable by every worker at the same path (a
  shared file system): the build lists them on the driver.
- channels: a dask.bag of each article's names, `foldby` the channel's folder (the slug of the
  name): each partition folds its articles' positions per channel and the partitions' folds are
  merged, a tree reduction of a few numbers per channel instead of a shuffle of the articles.
- render: the build's publication is scattered to every worker once; each plans the same jobs
  (SitePlan, plan_jobs) and renders the chunks of pending paths it is given; the driver writes
  the bytes into the same stage as the local engine, and the same swap puts them in place.

A worker that dies mid-build has its tasks run again on another (Dask's own retries, up to
`distributed.scheduler.allowed-failures`); a task that fails on every try stops the build before
the swap (EngineFailed), leaving the output and the history as they were.
"""

from __future__ import annotations

import math
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from wirefeed.cache.blobs import BlobFile, StoredBlob
from wirefeed.cache.inputs import ReadFacts
from wirefeed.engine.dask_client import DaskClient, TaskError
from wirefeed.engine.dask_tasks import (
    RenderRecipe, StageAddress, channels_from_folds, errors_pickled_as_their_own, fold_member, merge_folds, namings,
    read_chunk, render_chunk, render_chunk_into,
)
from wirefeed.engine.engines import EngineFailed, EngineUnavailable, Progress, Render
from wirefeed.engine.parallel import chunked, worker_count
from wirefeed.errors import WirefeedError
from wirefeed.model import ListedArticle, Site
from wirefeed.site.channels import CHANNEL_KINDS, Channel

if TYPE_CHECKING:
    from wirefeed.engine.runner import Job
    from wirefeed.output import OutputDir
    from wirefeed.site.archive import ArchiveLedger
    from wirefeed.site.plan import Publication

__all__ = ["DaskEngine"]

# This process imported distributed (dask_client): its own reads and writes of the input cache
# must pickle wirefeed's errors as before (see errors_pickled_as_their_own).
errors_pickled_as_their_own()

T = TypeVar("T")

# Chunks per worker process, at most: enough that a slow chunk or a lost worker leaves the others
# work to take, few enough that Dask's cost per task (about a millisecond) stays small.
CHUNKS_PER_WORKER = 4
READ_CHUNK = 100
RENDER_CHUNK = 64
CONNECT_TIMEOUT = 10.0


class DaskEngine:
    """The Dask engine: a client of the scheduler at `scheduler`, or of a LocalCluster of
    `workers` processes (default: as the local engine, $WIREFEED_WORKERS, else every CPU)
    started on first use. Kept by the caller, it serves any number of builds; close() (or a
    `with` block) stops what it started."""

    def __init__(self, scheduler: str | None = None, *, workers: int | None = None,
                 timeout: float = CONNECT_TIMEOUT, shared_disk: bool | None = None) -> None:
        self.scheduler = scheduler
        # Whether the workers see the stage at the driver's paths (a LocalCluster does; a remote
        # cluster when the output lies on a shared file system): then they write the outputs they
        # render into it themselves, instead of sending the bytes back to the driver to write.
        self.shared_disk = scheduler is None if shared_disk is None else shared_disk
        self.workers = worker_count(workers)
        self.timeout = timeout
        self._client: DaskClient | None = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    def start(self) -> None:
        if self._client is not None:
            return
        if self.scheduler is None:
            try:
                self._client = DaskClient.local(self.workers)
            except (OSError, RuntimeError, TimeoutError) as error:  # no process or port to be had
                raise EngineUnavailable(f"cannot start a Dask LocalCluster of {self.workers} workers: {_reason(error)}") from None
            return
        try:
            self._client = DaskClient.connect(self.scheduler, self.timeout)
        except (OSError, TimeoutError, ValueError) as error:
            raise EngineUnavailable(f"cannot reach the Dask scheduler at {self.scheduler}: {_reason(error)}") from None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> DaskClient:
        self.start()
        assert self._client is not None
        return self._client

    def worker_processes(self) -> dict[str, int]:
        """The process id of each worker, by address (a test kills one)."""
        return self.client.run_on_workers(os.getpid)

    # -----------------------------------------------------------------------------------------

    def read(self, paths: Sequence[Path], site: Site, root: Path | None, blobs: BlobFile | None,
             unsettled: frozenset[Path], progress: Progress | None) -> list[ReadFacts]:
        chunks = chunked(paths, self._chunk_size(len(paths), READ_CHUNK))
        results: dict[int, list[ReadFacts]] = {}

        def take(index: int, chunk: list[ReadFacts]) -> None:
            results[index] = chunk
            if progress:
                progress(sum(len(chunks[done]) for done in results), len(paths))

        self._run("reading the inputs", read_chunk, [(chunk, site, root) for chunk in chunks], take)
        read = [facts for index in range(len(chunks)) for facts in results[index]]
        return [_into_blobs(facts, path, blobs, unsettled) for path, facts in zip(paths, read)]

    def channels(self, articles: Sequence[ListedArticle], site: Site) -> list[Channel]:
        names = [(position, [list(kind.names(article, site)) for kind in CHANNEL_KINDS])
                 for position, article in enumerate(articles)]
        partitions = max(1, min(len(names), self.client.worker_count() * CHUNKS_PER_WORKER))
        try:
            folds = self.client.fold_by(names, partitions, namings, fold_member, merge_folds)
        except TaskError as error:
            raise _failed("grouping the channels", error.cause) from error
        return channels_from_folds(articles, site, folds)

    def renderer(self, publication: Publication, site: Site, ledger: ArchiveLedger,
                 channels: Sequence[Channel]) -> Render:
        def render(pending: Sequence[Job], stage: OutputDir) -> None:
            if not pending:
                return
            chunks = chunked([job.path for job in pending], self._chunk_size(len(pending), RENDER_CHUNK))
            recipe = _recipe(publication, site, ledger, channels)
            if self.shared_disk:
                address = StageAddress(str(stage.root), stage.private, stage.empty)
                self._run("rendering the outputs", render_chunk_into, [(chunk, address) for chunk in chunks],
                          lambda _, written: stage.written.update(written), shared=recipe)
            else:
                self._run("rendering the outputs", render_chunk, [(chunk,) for chunk in chunks],
                          lambda _, rendered: _write_all(stage, rendered), shared=recipe)

        return render

    # -----------------------------------------------------------------------------------------

    def _chunk_size(self, items: int, largest: int) -> int:
        return max(1, min(largest, math.ceil(items / (self.client.worker_count() * CHUNKS_PER_WORKER))))

    def _run(self, doing: str, function: Callable[..., T], arguments: Sequence[tuple[Any, ...]],
             take: Callable[[int, T], None], shared: object = None) -> None:
        try:
            self.client.each_completed(function, arguments, take, shared)
        except TaskError as error:
            if isinstance(error.cause, WirefeedError):
                raise error.cause from None
            raise _failed(doing, error.cause) from error


def _recipe(publication: Publication, site: Site, ledger: ArchiveLedger, channels: Sequence[Channel]) -> RenderRecipe:
    """What a worker needs to plan the build's jobs, each article whole: a worker may not share
    the driver's disk, where the input cache keeps the rest of an article (cache/ref.py)."""
    wholes = {article.id: publication.resolve(article) for article in publication.articles}
    shipped = tuple(replace(channel, articles=tuple(wholes[article.id] for article in channel.articles))
                    for channel in channels)
    articles = tuple(wholes[article.id] for article in publication.articles)
    return RenderRecipe(uuid.uuid4().hex, replace(publication, articles=articles), site, ledger, shipped)


def _write_all(stage: OutputDir, rendered: Sequence[tuple[str, bytes]]) -> None:
    for path, data in rendered:
        stage.write_bytes(path, data)


def _into_blobs(facts: ReadFacts, path: Path, blobs: BlobFile | None, unsettled: frozenset[Path]) -> ReadFacts:
    """The article's pickle moved into the cache's blob file, as a local read puts it there."""
    if blobs is None or path in unsettled or facts.listed is None or not isinstance(facts.blob, bytes):
        return facts
    return facts._replace(blob=StoredBlob(blobs, blobs.append(facts.blob)))


def _failed(doing: str, error: BaseException) -> EngineFailed:
    return EngineFailed(f"the Dask cluster failed while {doing}: {_reason(error)}")


def _reason(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
