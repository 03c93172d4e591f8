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

    def __init__(self, lock_path: Path, holder: str) -> None:
        self.lock_path = lock_path
        self.holder = holder
        super().__init__(str(self))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.lock_path, self.holder))

    def __str__(self) -> str:
        return f"{self.lock_path}: another wirefeed build{self.holder} is running on this site; nothing was done (without --no-wait a build waits for it)"


def store_lock_path(store_file: Path) -> Path:
    """`.wirefeed/store.lock` beside `.wirefeed/store.sqlite`."""
    return store_file.with_name(f"{store_file.stem}.lock")


def output_lock_path(output_dir: Path) -> Path:
    """`.output.wirefeed-lock` beside `output/` (hidden, as it is no output): a build with
    another store into the same folder waits too."""
    folder = output_dir if output_dir.name else output_dir.absolute()
    return folder.with_name(f".{folder.name}{OUTPUT_LOCK_SUFFIX}")


Waiting = Callable[[Path, str], None]


@contextmanager
def build_lock(store_file: Path, output_dir: Path, *, wait: bool = True, on_wait: Waiting | None = None) -> Iterator[None]:
    """Hold the store's and the output folder's locks for the block.

    Taken in one order (sorted paths), so two builds that share one of the two never wait
    for each other in a circle. Without `wait`, LockedError when either is held; with it,
    `on_wait(lock file, holder)` is called once before waiting.
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
            holder = _holder(handle)
            if not wait:
                raise LockedError(path, holder) from None
            if on_wait is not None:
                on_wait(path, holder)
            fcntl.flock(handle, fcntl.LOCK_EX)
        # Who holds it, for the message a waiting build prints; the lock, not this text, is what counts.
        try:
            os.ftruncate(handle, 0)
            os.pwrite(handle, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError:  # a full disk: the lock is held all the same
            pass
        yield
    finally:
        os.close(handle)  # releases the lock


def _holder(handle: int) -> str:
    try:
        text = os.pread(handle, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {text})" if text.isdigit() else ""
