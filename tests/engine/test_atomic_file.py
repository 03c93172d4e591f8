"""output.atomic_file: a file written as it goes that takes its target's place whole, or not at
all (the input cache's index and the manifest, too big to hold as one bytes object first)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from wirefeed.errors import OutputError
from wirefeed.output import atomic_file


def test_the_file_replaces_its_target_once_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "index.pickle"
    target.write_bytes(b"old")
    with atomic_file(target) as handle:
        handle.write(b"new ")
        assert target.read_bytes() == b"old"  # not yet
        handle.write(b"bytes")
    assert target.read_bytes() == b"new bytes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [path.name for path in tmp_path.iterdir()] == ["index.pickle"]


def test_a_block_that_raises_leaves_the_target_as_it_was_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "index.pickle"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="disk full"):
        with atomic_file(target) as handle:
            handle.write(b"half of it")
            raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["index.pickle"]


def test_the_same_bytes_leave_the_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "index.pickle"
    target.write_bytes(b"x" * 3_000_000)  # more than one piece of the comparison
    before = target.stat()
    with atomic_file(target) as handle:
        handle.write(b"x" * 3_000_000)
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    with atomic_file(target) as handle:
        handle.write(b"x" * 2_999_999 + b"y")  # same size, another last byte
    assert target.read_bytes().endswith(b"xy") and target.stat().st_ino != before.st_ino


def test_a_missing_folder_is_made(tmp_path: Path) -> None:
    target = tmp_path / "new" / "manifest.json"
    with atomic_file(target) as handle:
        handle.write(b"{}")
    assert target.read_bytes() == b"{}"


def test_a_file_that_cannot_be_written_is_an_output_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "store").write_bytes(b"a file, not a folder")
    target = tmp_path / "store" / "manifest.json"
    with pytest.raises(OutputError, match=r"store/manifest.json: cannot write: "):
        with atomic_file(target) as handle:
            handle.write(b"{}")
