"""The manifest (engine/runner.py): saved whole by a build, changed by appended lines by a
build kept in memory (ManifestChanges), and read back with those lines applied only while they
are the changes of the very bytes saved."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirefeed.cache.state import manifest_changes_path
from wirefeed.engine import runner
from wirefeed.engine.runner import MANIFEST_VERSION, Manifest, ManifestChanges, manifest_pieces

KEYS = {"articles/a.html": "k-a", "articles/b.html": "k-b", "index.html": "k-index"}


@pytest.fixture()
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "store.outputs-0123456789abcdef.json"
    Manifest(path, {}).save(KEYS)
    return path


def _recorded(saved: Path, *changes: dict[str, str]) -> None:
    """Each of `changes` appended beside the manifest, as a rebuild kept in memory does."""
    appended = ManifestChanges(saved)
    for keys in changes:
        appended.record(keys)
    appended.close()


def _appended(saved: Path, data: bytes) -> None:
    with manifest_changes_path(saved).open("ab") as handle:
        handle.write(data)


def test_changes_appended_are_read_back_in_order(saved: Path) -> None:
    _recorded(saved, {"articles/a.html": ""}, {"articles/a.html": "k-a2", "index.html": "k-index2"})
    assert Manifest.load(saved).keys == {"articles/a.html": "k-a2", "articles/b.html": "k-b", "index.html": "k-index2"}
    lines = manifest_changes_path(saved).read_bytes().splitlines()
    assert len(lines) == 3 and lines[1] == b'{"articles/a.html":""}'


def test_a_key_cleared_before_a_kill_stays_cleared(saved: Path) -> None:
    _recorded(saved, {"articles/a.html": ""})
    _appended(saved, b'{"articles/a.html":"k-')  # the new key's line torn by the kill: the clearing before it stands
    assert Manifest.load(saved).keys == {**KEYS, "articles/a.html": ""}


def test_a_whole_save_folds_the_changes_in_and_removes_them(saved: Path) -> None:
    _recorded(saved, {"index.html": "k-index2"})
    manifest = Manifest.load(saved)
    manifest.save(manifest.keys)
    assert not manifest_changes_path(saved).exists()
    assert Manifest.load(saved).keys == {**KEYS, "index.html": "k-index2"}


def test_changes_of_other_bytes_make_every_key_untrusted(saved: Path) -> None:
    _recorded(saved, {"index.html": "k-index2"})
    left = manifest_changes_path(saved).read_bytes()
    # A kill between a whole save and the removal of the changes: they name the bytes before.
    Manifest(saved, {}).save({**KEYS, "articles/b.html": "k-b2"})
    manifest_changes_path(saved).write_bytes(left)
    assert Manifest.load(saved).keys == {}


@pytest.mark.parametrize("damaged", [b"not json\n", b'{"version": 1}\n', b'{"version": 2, "manifest": "x"}\n'])
def test_a_damaged_header_makes_every_key_untrusted(saved: Path, damaged: bytes) -> None:
    manifest_changes_path(saved).write_bytes(damaged + b'{"index.html":"k-index2"}\n')
    assert Manifest.load(saved).keys == {}


def test_a_change_that_is_not_keys_makes_every_key_untrusted(saved: Path) -> None:
    _recorded(saved, {"index.html": "k-index2"})
    _appended(saved, b'["index.html"]\n')
    assert Manifest.load(saved).keys == {}


def test_no_manifest_to_change_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        ManifestChanges(tmp_path / "store.outputs-0123456789abcdef.json")


# The whole document as Manifest.save wrote it before it was written in pieces.
def _whole(keys: dict[str, str]) -> bytes:
    return orjson.dumps({"version": MANIFEST_VERSION, "outputs": keys},
                        option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_SORT_KEYS)


@settings(max_examples=300, deadline=None)
@given(keys=st.dictionaries(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12),
                            st.text(alphabet="0123456789abcdef:", max_size=8), max_size=40),
       piece=st.integers(min_value=1, max_value=7))
def test_the_manifest_written_in_pieces_is_the_bytes_orjson_writes_whole(keys: dict[str, str], piece: int) -> None:
    with patch.object(runner, "_MANIFEST_PIECE", piece):
        assert b"".join(manifest_pieces(keys)) == _whole(keys)


def test_a_manifest_of_several_pieces_reads_back_as_its_keys(tmp_path: Path) -> None:
    keys = {f"articles/{number:05}.html": f"k-{number}" for number in range(45_001)}  # three pieces
    path = tmp_path / "store.outputs-0123456789abcdef.json"
    Manifest(path, {}).save(keys)
    assert path.read_bytes() == _whole(keys)
    assert Manifest.load(path).keys == keys


def test_saving_the_same_keys_again_leaves_the_file_as_it_was(saved: Path) -> None:
    before = saved.stat()
    Manifest(saved, {}).save(dict(reversed(KEYS.items())))
    after = saved.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(path.name for path in saved.parent.iterdir()) == [saved.name]  # no temporary file left


def test_keys_cleared_before_a_render_are_saved_but_not_held(saved: Path) -> None:
    """save_cleared(): what a build killed during its render finds (those outputs rendered
    again), while the manifest keeps the keys it had until the run records its new ones."""
    manifest = Manifest.load(saved)
    kept = manifest.keys
    manifest.save_cleared(["articles/a.html", "articles/new.html"])
    assert manifest.keys is kept and kept == KEYS
    assert Manifest.load(saved).keys == {**KEYS, "articles/a.html": "", "articles/new.html": ""}
