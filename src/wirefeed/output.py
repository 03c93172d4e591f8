"""The output folder: every file written atomically, every path kept inside it."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from wirefeed.errors import OutputError
from wirefeed.layout import check_relative_path

TEMP_PREFIX = ".wirefeed-tmp-"


class OutputDir:
    """Writes files under one root; a write is all or nothing, and never lands outside the root.

    `private`: nobody reads the root until it is finished and put in place whole (a staged
    build, see engine/staging.py), so a file is written straight to its name: a killed
    build's half-written file is thrown away with the unfinished folder. That saves a
    temporary name and a rename per file, about half the cost of creating it.
    `empty`: the root held no file when this OutputDir was made (a first build's stage), so
    no write needs to look for bytes already there.
    """

    def __init__(self, root: Path, *, private: bool = False, empty: bool = False) -> None:
        self.root = root
        self.private = private
        self.empty = empty
        self.written: set[str] = set()
        self._paths: dict[str, Path] = {}
        # Folders this OutputDir has made sure of, once each: True when it created the folder
        # (so no file in it can already hold the bytes), False when the folder was there.
        self._folders: dict[Path, bool] = {}
        self._resolved_root: Path | None = None

    def path_for(self, relative: str) -> Path:
        """The file for a site-relative path such as `articles/x.html`, refusing any escape."""
        path = self._paths.get(relative)
        if path is None:
            try:
                check_relative_path(relative)
            except ValueError as error:
                raise OutputError(self.root / relative.replace("\x00", "\\0"), f"refused: {error}") from None
            path = self._paths[relative] = self.root.joinpath(*PurePosixPath(relative).parts)
        return path

    def write_bytes(self, relative: str, data: bytes) -> Path:
        """Write `data` to `relative` through a temporary file and a rename.

        A file whose bytes are already the same is left alone, so an unchanged
        rebuild keeps every file's modification time (what web servers and
        rsync key their caching on).
        """
        target = self.path_for(relative)
        self.written.add(relative)
        created = self._folders.get(target.parent)
        if not created and not self.empty and _same_bytes(target, data):
            return target
        try:
            if created is None:
                created = self._prepare_folder(target)
            if self.private:
                _write_in_place(target, data)
            else:
                _atomic_write(target, data)
        except OSError as error:
            raise OutputError(target, f"cannot write: {error.strerror}") from None
        return target

    def _prepare_folder(self, target: Path) -> bool:
        """Make the target's folder, once per folder; True when it was not there before."""
        folder = target.parent
        created = not folder.is_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self._check_no_link_out(target)
        self._folders[folder] = created
        return created

    def _check_no_link_out(self, target: Path) -> None:
        """Refuse a folder on the way that is a symbolic link to outside the output folder.

        The path itself was checked, but a link planted in the output (`articles -> /etc`)
        would still carry the write out of it. Checked once per folder and OutputDir.
        """
        if self._resolved_root is None:
            self._resolved_root = self.root.resolve()
        if not target.parent.resolve().is_relative_to(self._resolved_root):
            raise OutputError(target, f"refused: {target.parent} leads outside the output folder {self.root}")

    def write_text(self, relative: str, text: str) -> Path:
        return self.write_bytes(relative, text.encode("utf-8"))


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


_temp_numbers = itertools.count()
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _write_in_place(target: Path, data: bytes) -> None:
    # A file already there may be a hard link shared with the published output (the staged
    # copy is made of links): it is unlinked, never truncated, so the published one keeps its bytes.
    try:
        handle = os.open(target, _NEW_FILE, 0o644)
    except FileExistsError:
        os.unlink(target)
        handle = os.open(target, _NEW_FILE, 0o644)
    try:
        os.fchmod(handle, 0o644)  # whatever the umask: the files are published for a web server to read
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


@contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """A new file that takes `target`'s place whole when the block ends, written as it goes:
    for a file too big to hold as one bytes object first (the input cache's index and the
    manifest: 99 and 57 MB at 100,000 articles, at the end of a build that holds the most then).
    When the block raises, `target` is left as it was (an OSError is raised as OutputError, as
    write_bytes raises it). When the file holds the very bytes of `target`, it is dropped and
    `target` keeps its modification time, as write_bytes leaves it."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _replacing(target, unless_same=True) as temp:
            yield temp
    except OSError as error:
        raise OutputError(target, f"cannot write: {error.strerror}") from None


def _atomic_write(target: Path, data: bytes) -> None:
    with _replacing(target, unless_same=False) as temp:
        temp.write(data)


@contextmanager
def _replacing(target: Path, *, unless_same: bool) -> Iterator[BinaryIO]:
    """A temporary file beside `target` that is renamed over it when the block ends (with
    `unless_same`, dropped instead when it holds `target`'s very bytes), and removed when the
    block raises."""
    temp_name, handle = _new_temp(target.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            yield temp
        if unless_same and _same_file(temp_name, target):
            os.unlink(temp_name)
        else:
            os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _same_file(written: str, target: Path) -> bool:
    try:
        if os.path.getsize(written) != target.stat().st_size:
            return False
        with open(written, "rb") as new, target.open("rb") as old:
            while True:
                piece = new.read(1 << 20)
                if piece != old.read(1 << 20):
                    return False
                if not piece:
                    return True
    except OSError:
        return False


def _new_temp(folder: Path) -> tuple[str, int]:
    """A temporary file of this process in `folder`, its name and open handle, readable by all
    (0644, whatever the umask: what it becomes is published, or read by whoever runs wirefeed).
    Named by a count (O_EXCL refuses any file already there), cheaper than mkstemp's random
    names; a killed build's leftovers are removed by the next one."""
    while True:
        temp_name = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{next(_temp_numbers)}")
        try:
            handle = os.open(temp_name, _NEW_FILE, 0o600)
        except FileExistsError:
            continue
        try:
            os.fchmod(handle, 0o644)
        except OSError:
            os.close(handle)
            os.unlink(temp_name)
            raise
        return temp_name, handle
