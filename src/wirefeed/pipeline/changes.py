"""What changed under an input folder since it was last asked, as the kernel tells it (inotify):
the build server's way to know an edit without scanning every input (80 ms at 10,000).

The kernel queues an event while the write that causes it is still in its system call, so a
`wirefeed build` started after an editor's save finds that save already queued: reading the
queue when the build is asked for misses nothing. Whatever the queue cannot say for sure (it
overflowed, a folder came or went, a watch was dropped) makes take() answer None, and the
server scans instead. So does every folder the watches cannot reach: an input or folder that
is a symbolic link (its target may change out of sight), a platform without inotify, or a
system out of watches. Events on network file systems made on other machines never reach the
kernel here: `wirefeed build-server --scan` looks at every input each time instead.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["InputWatch"]


class InputWatch:
    """The inotify watches on every folder of an input tree, and the paths changed in them."""

    def __init__(self, notify: Any, folders: dict[int, str], output_names: tuple[str, ...]) -> None:
        self._notify = notify
        self._folders = folders  # watch descriptor -> its folder's absolute path
        self._output_names = output_names
        self._lost = False  # something happened that the queue cannot say: take() answers None once

    @classmethod
    def start(cls, input_dir: Path, output_dir: Path, also: Iterable[Path] = ()) -> InputWatch | None:
        """Watches on `input_dir` and each folder under it (the hidden ones, and the output and
        its stages, left out), and on the folders in `also` (a templates folder elsewhere);
        None where inotify cannot be had or cannot be trusted with this tree."""
        try:
            from inotify_simple import INotify, flags  # Linux only
        except (ImportError, OSError):
            return None
        # Absolute, not resolved: the paths reported are compared with the inputs' names as the
        # build has them (a resolved path elsewhere would only make every take() a scan).
        output = os.path.abspath(output_dir)
        folders = _folders(os.path.abspath(input_dir), output)
        if folders is None:
            return None
        for extra in also:
            if extra.is_dir():
                more = _folders(os.path.abspath(extra), output)
                if more is None:
                    return None
                folders.extend(more)
        mask = (flags.MODIFY | flags.ATTRIB | flags.CLOSE_WRITE | flags.CREATE | flags.DELETE | flags.MOVED_FROM
                | flags.MOVED_TO | flags.DELETE_SELF | flags.MOVE_SELF | flags.DONT_FOLLOW)
        try:
            notify = INotify(nonblocking=True)
        except OSError:
            return None
        watched: dict[int, str] = {}
        try:
            for folder in folders:
                watched[notify.add_watch(folder, mask)] = folder
        except OSError:  # out of watches (fs.inotify.max_user_watches), or a folder gone
            notify.close()
            return None
        names = (os.path.basename(output), os.path.basename(output) + ".wirefeed-")
        return cls(notify, watched, names)

    def take(self) -> list[Path] | None:
        """The files changed since the last take() (or start()), each once; None when the
        queue cannot say what changed (the caller scans)."""
        from inotify_simple import flags

        changed: dict[str, None] = {}
        with contextlib.suppress(BlockingIOError):
            while events := list(self._notify.read(timeout=0)):
                for event in events:
                    if event.mask & flags.Q_OVERFLOW:
                        self._lost = True  # events were dropped
                    elif event.name and self._ignored(event.name):
                        continue
                    elif event.mask & (flags.IGNORED | flags.DELETE_SELF | flags.MOVE_SELF | flags.ISDIR) or event.wd not in self._folders:
                        self._lost = True  # a folder came, went or moved
                    else:
                        changed[os.path.join(self._folders[event.wd], event.name)] = None
        if self._lost:
            self._lost = False
            return None
        return [Path(path) for path in changed]

    def _ignored(self, name: str) -> bool:
        """A hidden file (the history, the caches, the lock) or the output folder and its stages
        inside the input folder: what a build writes itself, never an input."""
        return name.startswith(".") or name == self._output_names[0] or name.startswith(self._output_names[1])

    def close(self) -> None:
        self._notify.close()


def _folders(root: str, output: str) -> list[str] | None:
    """Every folder a build may read under `root` (the site's templates and static ones too),
    hidden folders and the output and its stages left out; None when a folder or file in them
    is a symbolic link (its target may change where no watch sees it)."""
    found: list[str] = []
    waiting = [root]
    stages = os.path.basename(output) + ".wirefeed-"
    while waiting:
        folder = waiting.pop()
        found.append(folder)
        with os.scandir(folder) as listing:
            for entry in listing:
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink():
                    return None
                if entry.is_dir() and entry.path != output and not (folder == os.path.dirname(output) and entry.name.startswith(stages)):
                    waiting.append(entry.path)
    return sorted(found)
