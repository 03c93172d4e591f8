"""A folder opened as a descriptor, for the system calls that take one (`os.scandir` of a
descriptor, whose entries' `stat` is then `fstatat`; `linkat`, `symlinkat`): each call looks up
one name in the folder instead of walking a whole path (pipeline/scan.py, engine/staging.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["opened_folder"]

_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


@contextmanager
def opened_folder(path: str) -> Iterator[int]:
    """The folder at `path` as a descriptor, closed when the block ends."""
    descriptor = os.open(path, _FOLDER_FLAGS)
    try:
        yield descriptor
    finally:
        os.close(descriptor)
