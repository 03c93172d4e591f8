"""Readers: one module per input format, chosen by file suffix from one registry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wirefeed.errors import InputError
from wirefeed.model import Draft
from wirefeed.readers.sidecar import apply_sidecar, sidecar_path
from wirefeed.readers.text import read_text

Reader = Callable[[Path, bytes], Draft]

READERS: dict[str, Reader] = {
    ".txt": read_text,
}

# A news article is kilobytes; a file this big is a mistake (a video, a database dump) and is
# refused before it is read into memory.
MAX_INPUT_BYTES = 20 * 1024 * 1024


def is_article(path: Path) -> bool:
    """Whether `path` is a file wirefeed reads as an article."""
    return path.suffix.lower() in READERS


def read(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> Draft:
    """Read one article file (and its sidecar) into a Draft."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(path, None, f"no reader for {path.suffix or 'files without a suffix'}; expected one of {', '.join(sorted(READERS))}")
    draft = reader(path, _bytes(path, max_bytes))
    return apply_sidecar(draft, sidecar_path(path))


def _bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, None, f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit for an article")
        return path.read_bytes()
    except OSError as error:
        raise InputError(path, None, f"cannot read the file: {error.strerror}") from None
