"""The few calls of Dask's that the engine makes, typed: Dask's own types are partial (many of
its functions carry no annotations), so they are called here only, and the rest of wirefeed
sees plain typed functions (pyproject.toml lets this one module call untyped functions)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any, TypeVar

import dask.bag
from distributed import Client, Future, LocalCluster, as_completed

__all__ = ["DaskClient", "TaskError"]

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
F = TypeVar("F")


class TaskError(Exception):
    """A task failed on the cluster (its worker died too often, or the task raised): `cause`."""

    def __init__(self, cause: BaseException) -> None:
        self.cause = cause
        super().__init__(str(cause))


class DaskClient:
    """A distributed.Client, and the LocalCluster it started if any."""

    def __init__(self, client: Client, cluster: LocalCluster | None = None) -> None:
        self._client = client
        self._cluster = cluster

    @classmethod
    def local(cls, workers: int) -> DaskClient:
        """A LocalCluster of `workers` processes of one thread each: rendering holds the GIL,
        so processes are what run side by side."""
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
        return cls(Client(cluster, set_as_default=False), cluster)

    @classmethod
    def connect(cls, address: str, timeout: float) -> DaskClient:
        """A client of the scheduler at `address`; OSError, TimeoutError or ValueError when it cannot be reached."""
        return cls(Client(address, timeout=timeout, set_as_default=False))

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def worker_count(self) -> int:
        return max(1, len(self._client.scheduler_info().get("workers", {})))

    def run_on_workers(self, function: Callable[[], T]) -> dict[str, T]:
        """function() on every worker, by worker address."""
        found: dict[str, T] = self._client.run(function)
        return found

    def each_completed(self, function: Callable[..., T], arguments: Sequence[tuple[Any, ...]],
                       take: Callable[[int, T], None], shared: object = None) -> None:
        """take(index, function(*arguments[index])) as the tasks finish; with `shared`, it is
        sent to every worker once and given to each task as its first argument.
        A task that fails (after Dask's retries) raises TaskError; what `take` raises goes on as it is."""
        handles: list[Future[Any]] = []
        if shared is not None:
            handles = self._client.scatter([shared], broadcast=True, hash=False)
        futures: list[Future[Any]] = [self._client.submit(function, *handles, *each, pure=False) for each in arguments]
        index_of = {future.key: index for index, future in enumerate(futures)}
        try:
            finished = as_completed(futures, with_results=True, loop=self._client.loop)
            while True:
                try:
                    future, result = next(finished)
                except StopIteration:
                    return
                except Exception as error:
                    raise TaskError(error) from error
                take(index_of[future.key], result)
                future.release()
        finally:
            # On an error, the tasks not yet run are dropped rather than left to run for nothing.
            self._client.cancel(futures)
            for future in futures + handles:
                future.release()

    def fold_by(self, elements: Sequence[T], partitions: int, expand: Callable[[T], list[tuple[K, V]]],
                fold: Callable[[F | None, tuple[K, V]], F], merge: Callable[[F | None, F | None], F]) -> list[tuple[K, F]]:
        """dask.bag's foldby of the (key, value) pairs that `expand` makes of each element: each
        partition folds its pairs by key (fold, from None), then the partitions' folds are merged."""
        folded = (dask.bag.from_sequence(elements, npartitions=partitions).map(expand).flatten()
                  .foldby(itemgetter(0), fold, None, merge, None))
        try:
            found: list[tuple[K, F]] = self._client.compute(folded).result()
        except Exception as error:
            raise TaskError(error) from error
        return found
