"""The output folder: every file written atomically, every path kept inside it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath

from wirefeed.errors import OutputError
from wirefeed.layout import check_relative_path

TEMP_PREFIX = ".wirefeed-tmp-"


class OutputDir:
    """Writes files under one root; a write is all or nothing, and never lands outside the root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: set[str] = set()

    def path_for(self, relative: str) -> Path:
        """The file for a site-relative path such as `articles/x.html`, refusing any escape."""
        try:
            check_relative_path(relative)
        except ValueError as error:
            raise OutputError(self.root / relative.replace("\x00", "\\0"), f"refused: {error}") from None
        return self.root.joinpath(*PurePosixPath(relative).parts)

    def write_bytes(self, relative: str, data: bytes) -> Path:
        """Write `data` to `relative` through a temporary file and a rename.

        A file whose bytes are already the same is left alone, so an unchanged
        rebuild keeps every file's modification time (what web servers and
        rsync key their caching on).
        """
        target = self.path_for(relative)
        self.written.add(relative)
        if _same_bytes(target, data):
            return target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._check_no_link_out(target)
            _atomic_write(target, data)
        except OSError as error:
            raise OutputError(target, f"cannot write: {error.strerror}") from None
        return target

    def _check_no_link_out(self, target: Path) -> None:
        """Refuse a folder on the way that is a symbolic link to outside the output folder.

        The path itself was checked, but a link planted in the output (`articles -> /etc`)
        would still carry the write out of it.
        """
        if not target.parent.resolve().is_relative_to(self.root.resolve()):
            raise OutputError(target, f"refused: {target.parent} leads outside the output folder {self.root}")

    def write_text(self, relative: str, text: str) -> Path:
        return self.write_bytes(relative, text.encode("utf-8"))


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def _atomic_write(target: Path, data: bytes) -> None:
    handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
