"""Sharing a build's work with forked worker processes, results in the order of the work.

A build reads and normalizes thousands of files and renders thousands of outputs, each
independent of the others: `run_chunks` splits them into chunks that the build's own process
and `workers - 1` forked children take one at a time from a shared counter (so a slow chunk
does not leave a core idle), and returns every chunk's result in chunk order, whichever
process did it. Forking shares the build's records without copying or pickling them; only
each result travels back, pickled through a pipe.

`WIREFEED_WORKERS` (or a build's `workers=`) sets the number of processes; 1 runs everything
in this process, as the tests do for the reference output that parallel builds must match.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

WORKERS_VARIABLE = "WIREFEED_WORKERS"
# Below this many items a second process costs more than it saves.
MIN_PARALLEL_ITEMS = 200


# Allocations between two collections of the youngest generation while a build runs (Python's
# default is 700).
_BUILD_GC_THRESHOLD = 50_000


@contextmanager
def few_collections() -> Iterator[None]:
    """No collection of cyclic garbage in the build's own process while it plans and waits, and
    collections every _BUILD_GC_THRESHOLD allocations while it reads or renders (collecting()).

    A build makes millions of small objects that live until it ends (10,000 articles and their
    parts, jobs, keys) and almost no cycles: a one-change rebuild at 10,000 articles spent
    0.13 s of its 1.55 s in 39 collections that found 393 objects to free, walking the same
    survivors again and again. What makes cycles is reading (lxml, trafilatura) and rendering
    (Jinja), and that runs under collecting(), here and in every forked worker; what the rest
    leaves is collected once collection is back on, after the build.
    """
    threshold = gc.get_threshold()
    enabled = gc.isenabled()
    frozen = gc.get_freeze_count()  # a caller's own freeze (before its forks) is left as it is
    gc.set_threshold(_BUILD_GC_THRESHOLD, *threshold[1:])
    gc.disable()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not frozen:
            gc.unfreeze()  # what collecting() froze: the oldest generation again
        if enabled:
            gc.enable()


@contextmanager
def collecting() -> Iterator[None]:
    """Collection back on (inside few_collections()) for work that makes cyclic garbage: reading
    and rendering. What exists when it starts is frozen first (it stays frozen until the build
    ends): the build's records are not what the first collection should walk."""
    if gc.isenabled():
        yield
        return
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        gc.disable()


def worker_count(requested: int | None = None) -> int:
    """Processes to use: `requested`, else $WIREFEED_WORKERS, else the CPUs this process may use."""
    if requested is None:
        value = os.environ.get(WORKERS_VARIABLE, "").strip()
        requested = int(value) if value.isdigit() else None
    if requested is None:
        try:
            requested = len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            requested = os.cpu_count() or 1
    return max(1, requested)


def should_fork(items: int, workers: int, *, forced: bool) -> bool:
    return workers > 1 and items > 1 and (forced or items >= MIN_PARALLEL_ITEMS) and _can_fork()


def _can_fork() -> bool:
    import multiprocessing  # 5 ms to import, and only a build that reads or renders forks

    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()


def run_chunks(chunk_count: int, do_chunk: Callable[[int], T], workers: int,
               on_done: Callable[[int], None] | None = None, *, renew: int | None = None) -> list[T]:
    """[do_chunk(0), ..., do_chunk(chunk_count - 1)], shared among `workers` processes.

    `on_done(index)` is called in this process for each chunk done: as this process does it,
    or, for a child's, as the child's results arrive. An exception in any process is raised
    here, after every child has ended.
    `renew`: this process does no chunk itself; `workers` children do, each at most `renew`
    chunks before it ends and a new one is forked in its place (see _run_renewed).
    """
    if workers <= 1 or chunk_count <= 1 or not _can_fork():
        in_order: list[T] = []
        with collecting():
            for index in range(chunk_count):
                in_order.append(do_chunk(index))
                if on_done:
                    on_done(index)
        return in_order
    advance = counter(shared=True)

    def take() -> int:
        return advance(1)

    sys.stdout.flush()
    sys.stderr.flush()
    # What exists now is shared with the children: frozen, no collection in a child writes to it,
    # so its pages stay shared instead of being copied into each child (Python's gc.freeze advice).
    gc.freeze()
    try:
        if renew is not None:
            return _run_renewed(chunk_count, do_chunk, workers, renew, advance, on_done)
        return _run_forked(chunk_count, do_chunk, workers, on_done, take)
    finally:
        gc.unfreeze()


# How many times each renewed worker is replaced by a fresh fork over one run (_run_renewed):
# what a worker copied of the build's memory, by reading the objects on a page, ends with it.
# Few: the bound below already ends a worker that copied much, and each fork costs its page
# faults again (a tenth of a 10,000 build's CPU was system time with 32; in turns with 32 and
# the 32 MB bound, 4 took 0.90 of the wall time and 3.5 s of system time against 5.2 s, and the
# tree's peak PSS was 209-214 MB against 197-202 MB).
RENEWALS = 4


# A renewed worker also ends, its share done or not, once it has touched this much memory of its
# own: the pages it copied from the build's process by reading the objects on them, and those it
# allocated. Counted by its minor page faults (one system call to read, where a look at its
# memory map took 6 ms): a worker that renders the listings of 100,000 articles reads most of
# them, and grew to 150 MB before its share was done. At 40,000 articles, 32 MB against 64 MB
# took the tree's peak PSS from 495 MB to 428-441 MB in the same time; 16 MB forked so often
# that system time nearly doubled.
_OWN_BYTES_AT_MOST = 32 << 20


def renewed_share(chunk_count: int, workers: int) -> int:
    """The chunks each renewed worker does before it ends, for RENEWALS forks of each over the run."""
    return max(1, -(-chunk_count // (workers * RENEWALS)))


def counter(*, shared: bool) -> Callable[[int], int]:
    """A count from 0 that `advance(n)` moves on by `n`, giving the count before: with `shared`,
    one count for this process and the children it forks after (in memory they share, under a
    lock), so no two of them are ever given the same value."""
    if not shared:
        count = 0

        def advance_here(step: int) -> int:
            nonlocal count
            before, count = count, count + step
            return before

        return advance_here
    import multiprocessing  # 5 ms to import, and only a build that forks needs it

    value = multiprocessing.get_context("fork").Value("q", 0)

    def advance(step: int) -> int:
        with value.get_lock():
            before = int(value.value)
            value.value = before + step
        return before

    return advance


def _run_forked(chunk_count: int, do_chunk: Callable[[int], T], workers: int, on_done: Callable[[int], None] | None,
                take: Callable[[], int]) -> list[T]:
    children = [_fork_child(take, chunk_count, do_chunk) for _ in range(min(workers, chunk_count) - 1)]
    results: dict[int, Any] = {}
    error: BaseException | None = None
    try:
        with collecting():
            while (index := take()) < chunk_count:
                results[index] = do_chunk(index)
                if on_done:
                    on_done(index)
    except BaseException as raised:
        error = raised
    for pid, read_end in children:
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        error, _ = _gathered(pid, payload, results, error)
    return _in_order(results, chunk_count, error)


def _run_renewed(chunk_count: int, do_chunk: Callable[[int], T], workers: int, renew: int,
                 advance: Callable[[int], int], on_done: Callable[[int], None] | None = None) -> list[T]:
    """run_chunks() by children that each do at most `renew` chunks and end, this process
    forking a new one in its place while chunks are left, and doing none itself.

    Why: a forked child shares this process's memory until either of them writes to a page,
    and reading a Python object writes to it (its reference count). A child that renders a
    large site's outputs one after the other touches, by the end, most of what this process
    holds, and each page it touched is a copy of its own; this process, rendering alongside,
    copies them too. A child that ends after a share of the work takes its copies with it,
    and this process, which only forks and waits, leaves its pages shared. A child that reads
    inputs leaves behind what reading made besides its results (the heap it fragmented, the
    caches of the libraries it ran), which this process would otherwise keep to the end."""
    import selectors

    results: dict[int, Any] = {}
    error: BaseException | None = None
    pipes: dict[int, tuple[int, bytearray]] = {}  # read end -> (child pid, what it sent so far)

    def take() -> int:
        return advance(1)

    def left() -> bool:
        return advance(0) < chunk_count

    with selectors.DefaultSelector() as selector:
        def fork_one() -> None:
            pid, read_end = _fork_child(take, chunk_count, do_chunk, limit=renew)
            pipes[read_end] = (pid, bytearray())
            selector.register(read_end, selectors.EVENT_READ)

        for _ in range(min(workers, chunk_count)):
            fork_one()
        while pipes:
            for key, _events in selector.select():
                read_end = int(key.fd)
                pid, received = pipes[read_end]
                data = os.read(read_end, 1 << 20)
                if data:
                    received += data
                    continue
                selector.unregister(read_end)
                os.close(read_end)
                del pipes[read_end]
                error, arrived = _gathered(pid, bytes(received), results, error)
                if on_done is not None and error is None:
                    for index in arrived:
                        on_done(index)
                if error is None and left():
                    fork_one()
    return _in_order(results, chunk_count, error)


def _fork_child(take: Callable[[], int], chunk_count: int, do_chunk: Callable[[int], Any],
                limit: int | None = None) -> tuple[int, int]:
    """A forked child that takes chunks (at most `limit`) and sends back their results: its pid
    and the read end of its pipe."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: take chunks until none is left (or its limit), send the results, end
        os.close(read_end)
        _child(take, chunk_count, do_chunk, write_end, limit)
    os.close(write_end)
    return pid, read_end


def _gathered(pid: int, payload: bytes, results: dict[int, Any],
              error: BaseException | None) -> tuple[BaseException | None, list[int]]:
    """Wait for the child `pid`, which sent `payload`, and put its results into `results`: the
    first error so far (`error`, else the child's), and the indexes of the chunks it did."""
    os.waitpid(pid, 0)
    try:
        status, value = pickle.loads(payload)
    except Exception:  # the child died before it could answer
        status, value = "error", RuntimeError("a build worker process ended without its results")
    if status == "ok":
        results.update(value)
        return error, sorted(value)
    return (value if error is None else error), []


def _in_order(results: dict[int, T], chunk_count: int, error: BaseException | None) -> list[T]:
    if error is not None:
        raise error
    return [results[index] for index in range(chunk_count)]


def _child(take: Callable[[], int], chunk_count: int, do_chunk: Callable[[int], Any], write_end: int,
           limit: int | None = None) -> None:
    code = 0
    gc.enable()  # forked from a build's process, which collects nothing itself (few_collections())
    try:
        done: dict[int, Any] = {}
        grown = _growth() if limit is not None else None
        while (limit is None or len(done) < limit) and (index := take()) < chunk_count:
            done[index] = do_chunk(index)
            if grown is not None and grown() > _OWN_BYTES_AT_MOST:
                break
        payload = pickle.dumps(("ok", done), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as error:  # handed to the parent, which raises it
        try:
            payload = pickle.dumps(("error", error), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            import traceback  # here: only an error that cannot be pickled needs it (1.4 ms to import)

            payload = pickle.dumps(("error", RuntimeError("".join(traceback.format_exception(error)))))
        code = 1
    try:
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(code)


def _growth() -> Callable[[], int]:
    """How much memory this process has touched since now, in bytes, as its minor page faults
    tell (each is a page first touched: copied from the parent on a write, or newly allocated)."""
    import resource  # here: only a forked worker on a system that forks asks

    page = resource.getpagesize()
    start = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    return lambda: (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - start) * page


def chunked(items: Sequence[T], chunk_size: int) -> list[Sequence[T]]:
    return [items[start : start + chunk_size] for start in range(0, len(items), chunk_size)]
