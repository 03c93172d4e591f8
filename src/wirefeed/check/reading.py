"""Reading a file to check as safely as a build reads an input: regular files only, size-bounded.

`wirefeed check` is pointed at anyone's files. A named pipe would block the read forever and
a device such as /dev/zero never ends, so anything but a regular file is refused before it is
read, and its descriptor is opened without blocking. A regular file over the limit is refused
from its size alone, and the read stops one byte past the limit in case the file grew: memory
stays bounded by the limit (about five times it at the parse, for an XML feed).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

from wirefeed.model import DEFAULT_MAX_INPUT_BYTES
from wirefeed.readers.bounded import read_bounded

# The default --max-bytes: the build's own input limit, well past any real feed or page.
DEFAULT_MAX_CHECK_BYTES: Final = DEFAULT_MAX_INPUT_BYTES


class RefusedFile(Exception):
    """A file that is not read: not a regular file, too big, or unreadable. The message says which."""


def read_for_check(path: Path, max_bytes: int = DEFAULT_MAX_CHECK_BYTES) -> bytes:
    """The file's bytes, or RefusedFile with a one-line reason."""
    try:
        _refuse_special(os.stat(path).st_mode)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(descriptor)
            _refuse_special(status.st_mode)  # swapped for a pipe since the stat
            _refuse_size(status.st_size, max_bytes)
            data = read_bounded(handle, status.st_size, max_bytes)
    except OSError as error:
        raise RefusedFile(error.strerror or str(error)) from None
    _refuse_size(len(data), max_bytes)
    return data


def _refuse_special(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise RefusedFile("a folder, not a file")
    if not stat.S_ISREG(mode):
        raise RefusedFile("not a regular file (a pipe, a device or a socket): refused, it could block or never end")


def _refuse_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise RefusedFile(f"{size:,} bytes, over the {max_bytes:,}-byte limit (raise it with --max-bytes)")
