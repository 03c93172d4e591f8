"""What the fast-path tests share: a generated corpus of 48 inputs, and helpers to compare whole trees.

Imported by tests/cache/, tests/engine/, tests/site/ and tests/pipeline/; it holds no tests itself.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.conftest import load_corpus_generator

__all__ = ["NOW", "_articles", "_history_copy", "_tree", "corpus"]

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)


def _tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _history_copy(store: Path, to: Path) -> Path:
    """The store and its archive ledger (the publishing history), without manifest or input cache."""
    to.mkdir()
    shutil.copy(store, to / store.name)
    ledger = store.with_name(f"{store.stem}.archives.json")
    if ledger.exists():
        shutil.copy(ledger, to / ledger.name)
    return to / store.name


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "input"
    load_corpus_generator("wirefeed_fast_paths_corpus").write_corpus(48, folder, seed=3, html_share=0.1)
    return folder


def _articles(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.suffix in (".txt", ".html"))
