"""One build at a time per publishing history and per output folder.

Two builds of one site at once (a cron job and a CMS hook, say) would both read the history,
both stage beside the output and swap in turn, each deleting what the other wrote. A build
therefore holds an OS file lock (flock) on a file beside the store and one beside the output
folder for its whole run. The kernel drops a lock when its holder ends, however it ends
(SIGKILL included), so a lock never outlives its build and never needs removing by hand.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from wirefeed.errors import WirefeedError

OUTPUT_LOCK_SUFFIX = ".wirefeed-lock"


class LockedError(WirefeedError):
    """Another build holds a lock this one needs, and this one was told not to wait."""

    def __init__(self, lock_path: Path) -> None:
        self.lock_path = lock_path
        super().__init__(str(self))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.lock_path,))

    def __str__(self) -> str:
        return f"{self.lock_path}: another wirefeed build is running on this site; nothing was done (without --no-wait a build waits for it)"


def store_lock_path(store_file: Path) -> Path:
    """`.wirefeed/store.lock` beside `.wirefeed/store.sqlite`."""
    return store_file.with_name(f"{store_file.stem}.lock")


def output_lock_path(output_dir: Path) -> Path:
    """`.output.wirefeed-lock` beside `output/` (hidden, as it is no output): a build with
    another store into the same folder waits too."""
    folder = output_dir if output_dir.name else output_dir.absolute()
    return folder.with_name(f".{folder.name}{OUTPUT_LOCK_SUFFIX}")


Waiting = Callable[[Path], None]


@contextmanager
def build_lock(store_file: Path, output_dir: Path, *, wait: bool = True, on_wait: Waiting | None = None) -> Iterator[None]:
    """Hold the store's and the output folder's locks for the block.

    Taken in one order (sorted paths), so two builds that share one of the two never wait
    for each other in a circle. Without `wait`, LockedError when either is held; with it,
    `on_wait(lock file)` is called once before waiting.
    """
    paths = sorted({store_lock_path(store_file), output_lock_path(output_dir)}, key=lambda path: str(path.absolute()))
    with ExitStack() as held:
        for path in paths:
            held.enter_context(_locked(path, wait, on_wait))
        yield


@contextmanager
def _locked(path: Path, wait: bool, on_wait: Waiting | None) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            if not wait:
                raise LockedError(path) from None
            if on_wait is not None:
                on_wait(path)
            fcntl.flock(handle, fcntl.LOCK_EX)
        # Nothing is written into the file: an unchanged rebuild touches no file beside the store.
        yield
    finally:
        os.close(handle)  # releases the lock
