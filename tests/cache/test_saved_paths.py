"""The last build's output paths as a rebuild that finds nothing changed gives them (cache/lastbuild.py SavedPaths)."""

from __future__ import annotations

import pickle

from wirefeed.cache.lastbuild import SavedPaths

PATHS = ("index.html", "articles/a b/index.html", "authors/zhang-hui/feed.xml")


def test_saved_paths_read_as_the_paths_they_were_joined_from() -> None:
    saved = SavedPaths("\0".join(PATHS), len(PATHS))
    assert saved == PATHS and PATHS == saved and list(saved) == list(PATHS)
    assert (saved[1], saved[-1], saved[1:]) == (PATHS[1], PATHS[-1], PATHS[1:])
    assert saved != PATHS[:2] and saved != [*PATHS, "sitemap.xml"] and saved != "\0".join(PATHS)
    assert "feed.xml" not in saved and "index.html" in saved
    assert repr(saved) == "SavedPaths(3 paths)"


def test_saved_paths_are_counted_from_the_record_without_splitting() -> None:
    # The count is the one put() recorded: `wirefeed build` prints it, and never splits the string.
    assert len(SavedPaths("index.html\0feed.xml", 7)) == 7


def test_no_saved_paths_is_empty_not_one_empty_path() -> None:
    empty = SavedPaths("", 0)
    assert len(empty) == 0 and empty == () and list(empty) == []


def test_saved_paths_pickle_as_the_same_paths() -> None:
    saved = SavedPaths("\0".join(PATHS), len(PATHS))
    assert pickle.loads(pickle.dumps(saved)) == PATHS
