"""A build's changes land all at once: staged beside the output folder, then swapped in.

Each file is written atomically, but a build killed halfway would still leave a mix of
new and old files (a feed listing a page not yet written). So a build that changes
anything writes into `<output>.wirefeed-next`, which starts as a copy of the current
output made of hard links (cheap, and a file is only ever replaced by a rename, never
changed in place), and the finished folder is exchanged with the output in one atomic
step (Linux `renameat2(RENAME_EXCHANGE)`). Killed before the exchange, the output is the
whole previous build; after it, the whole new one. Elsewhere the exchange is two renames,
and a build killed between them is undone when the next one starts.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wirefeed.errors import OutputError
from wirefeed.output import TEMP_PREFIX, OutputDir

NEXT_SUFFIX = ".wirefeed-next"
OLD_SUFFIX = ".wirefeed-old"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def next_folder(root: Path) -> Path:
    return root.with_name(root.name + NEXT_SUFFIX)


def old_folder(root: Path) -> Path:
    return root.with_name(root.name + OLD_SUFFIX)


def recover(root: Path) -> None:
    """Undo what a killed build left beside the output: a half-staged folder, a half-done swap."""
    if not root.exists() and old_folder(root).is_dir():
        # Killed between the two renames of the fallback swap: the old folder is the last whole build.
        os.rename(old_folder(root), root)
    for leftover in (next_folder(root), old_folder(root)):
        if leftover.is_dir():
            shutil.rmtree(leftover)


@contextmanager
def staged(output: OutputDir) -> Iterator[OutputDir]:
    """An OutputDir over a copy of `output` that replaces it, whole, when the block ends well."""
    root = output.root
    recover(root)
    stage = next_folder(root)
    try:
        linked = _link_copy(root, stage)
        staged_output = OutputDir(stage, private=True, empty=linked == 0)
        yield staged_output
        _exchange(stage, root)
    except OSError as error:
        raise OutputError(root, f"cannot stage the build beside the output folder: {error.strerror}") from None
    finally:
        # After the exchange this is the previous build; after a failure, the unfinished one.
        if stage.is_dir():
            shutil.rmtree(stage, ignore_errors=True)
    output.written.update(staged_output.written)


def _link_copy(source: Path, target: Path) -> int:
    """`target` as a copy of `source` whose files are hard links to the same data; how many files."""
    target.mkdir(parents=True)
    if not source.is_dir():
        return 0
    count = 0
    for folder, folders, files in os.walk(source):
        relative = os.path.relpath(folder, source)
        destination = target if relative == "." else target / relative
        for name in folders:
            (destination / name).mkdir()
        for name in files:
            if not name.startswith(TEMP_PREFIX):
                _link(os.path.join(folder, name), destination / name)
                count += 1
    return count


def _link(source: str, target: Path) -> None:
    if os.path.islink(source):
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target)
    except OSError as error:
        # A file system without hard links (or across devices): copy instead.
        if error.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copy2(source, target)


def _exchange(stage: Path, root: Path) -> None:
    """Put `stage` where `root` is, in one step where the system allows; `stage` then holds the old."""
    if not root.exists():
        os.rename(stage, root)
        return
    if _rename_exchange(stage, root):
        return
    os.rename(root, old_folder(root))
    os.rename(stage, root)
    shutil.rmtree(old_folder(root), ignore_errors=True)


def _rename_exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux 3.15+, glibc 2.28+); False where that is not possible."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(first))
