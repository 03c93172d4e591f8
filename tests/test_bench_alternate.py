"""benchmarks/alternate.py: two installs in turns, failing when their outputs differ."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import alternate  # noqa: E402


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_equal_outputs_have_no_differing_file(tmp_path: Path) -> None:
    files = {"index.html": "<p>a</p>", "articles/one.html": "one", "feed.xml": "<rss/>"}
    assert alternate.differing_files(write_tree(tmp_path / "a", files), write_tree(tmp_path / "b", files)) == []


def test_a_changed_byte_a_missing_file_and_an_extra_one_are_each_named(tmp_path: Path) -> None:
    old = write_tree(tmp_path / "a", {"index.html": "x", "articles/one.html": "one", "articles/gone.html": "g"})
    new = write_tree(tmp_path / "b", {"index.html": "x", "articles/one.html": "onE", "articles/new.html": "n"})
    assert sorted(alternate.differing_files(old, new)) == ["articles/gone.html", "articles/new.html", "articles/one.html"]
