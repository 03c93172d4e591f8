"""Folders: one opened as a descriptor, for the system calls that take one (`os.scandir` of a
descriptor, whose entries' `stat` is then `fstatat`; `linkat`, `symlinkat`), so each call looks
up one name in the folder instead of walking a whole path (pipeline/scan.py, engine/staging.py);
and wirefeed's folder in the user's cache (the language model's copy, compiled templates)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["opened_folder", "user_cache_folder"]


def user_cache_folder() -> Path:
    """wirefeed's folder in the user's cache: `$XDG_CACHE_HOME/wirefeed`, else
    `~/.cache/wirefeed` (RuntimeError when no home folder can be found)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wirefeed"

_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


@contextmanager
def opened_folder(path: str) -> Iterator[int]:
    """The folder at `path` as a descriptor, closed when the block ends."""
    descriptor = os.open(path, _FOLDER_FLAGS)
    try:
        yield descriptor
    finally:
        os.close(descriptor)
