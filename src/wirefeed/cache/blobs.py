"""An append-only file of byte strings, each read back from its place: where the input cache
keeps each article's pickle, so that a build holds places in memory instead of the pickles.

At 100,000 articles the pickles were about 500 MB in the build's own process, and a forked
worker that unpickled one copied the memory page it lay on into itself as well.

Every process appends through a descriptor of its own (opened with O_APPEND, so two processes
never write over each other) and learns where its bytes landed from that descriptor's offset.
Reads use one descriptor opened when the BlobFile is made: it keeps the file readable for the
articles that refer to it even after a later build has replaced the file with a compacted one.
"""

from __future__ import annotations

import errno
import os
import weakref
from pathlib import Path
from typing import Any, NamedTuple


class BlobPlace(NamedTuple):
    """Where one byte string lies in a BlobFile."""

    offset: int
    length: int

    @property
    def end(self) -> int:
        return self.offset + self.length


# The BlobFile of each path in this process, so that a StoredBlob unpickled here (sent back by
# a worker) refers to the same open file instead of opening one more.
_open_files: weakref.WeakValueDictionary[str, BlobFile] = weakref.WeakValueDictionary()


class BlobFile:
    """One blob file, created empty when missing, readable for as long as this object lives."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._reader = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
        self._writer: tuple[int, int] | None = None  # (process id, descriptor)
        self._writers: list[int] = []
        # Closed when the last article that may read through it is gone.
        weakref.finalize(self, _close_all, [self._reader], self._writers)
        _open_files[str(path)] = self

    @classmethod
    def at(cls, path: str) -> BlobFile:
        """This process's BlobFile of `path`, opened when it has none."""
        known = _open_files.get(path)
        return known if known is not None else cls(Path(path))

    def append(self, data: bytes) -> BlobPlace:
        descriptor = self._writer_descriptor()
        written = os.write(descriptor, data)
        if written != len(data):  # a full disk: the place of a part would be no place at all
            raise OSError(errno.ENOSPC, f"wrote {written} of {len(data)} bytes", str(self.path))
        # With O_APPEND the descriptor's offset is now the end of what this write added.
        return BlobPlace(os.lseek(descriptor, 0, os.SEEK_CUR) - written, written)

    def read(self, place: BlobPlace) -> bytes:
        data = os.pread(self._reader, place.length, place.offset)
        if len(data) != place.length:
            raise OSError(errno.EIO, f"{place.length} bytes expected at {place.offset}, found {len(data)}", str(self.path))
        return data

    def size(self) -> int:
        return os.fstat(self._reader).st_size

    def _writer_descriptor(self) -> int:
        # A descriptor inherited through fork shares its offset with the parent: each process opens its own.
        pid = os.getpid()
        if self._writer is None or self._writer[0] != pid:
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
            self._writers.append(descriptor)
            self._writer = (pid, descriptor)
        return self._writer[1]


def _close_all(readers: list[int], writers: list[int]) -> None:
    for descriptor in readers + writers:
        try:
            os.close(descriptor)
        except OSError:
            pass


class StoredBlob(NamedTuple):
    """A byte string in a BlobFile: read when needed (an ArticleRef's pickle source: cache/ref.py)."""

    file: BlobFile
    place: BlobPlace

    def read(self) -> bytes:
        return self.file.read(self.place)

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent by path: the receiving process reads through its own BlobFile of that path.
        return _stored_blob, (str(self.file.path), tuple(self.place))


def _stored_blob(path: str, place: tuple[int, int]) -> StoredBlob:
    return StoredBlob(BlobFile.at(path), BlobPlace(*place))
