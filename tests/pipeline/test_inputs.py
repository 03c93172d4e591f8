"""Scanning the input folder: one listing of each folder gives the articles and their keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirefeed.cache.keys import input_key
from wirefeed.pipeline import discover, scan_inputs
import wirefeed.pipeline.scan as scan_module
from wirefeed.pipeline.scan import scan_names
from wirefeed.readers.sidecar import name_suffix, sidecar_name, sidecar_path


@pytest.mark.parametrize("by_descriptor", [True, False])
def test_one_scan_finds_the_articles_and_the_keys_input_key_gives(tmp_path: Path, by_descriptor: bool,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # Listed through each folder's descriptor (where the system allows) or through its path: the same.
    monkeypatch.setattr(scan_module, "_BY_DESCRIPTOR", by_descriptor)
    folder = tmp_path / "in"
    (folder / "2024" / "03").mkdir(parents=True)
    (folder / "static").mkdir()
    (folder / ".hidden").mkdir()
    for name in ("2024/03/b.txt", "2024/03/b.toml", "2024/03/a.html", "2024/c.txt", "static/x.txt", ".hidden/y.txt",
                 "2024/.z.txt", "2024/notes.rst", "top.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    (folder / "2024" / "03" / "linked.txt").symlink_to(folder / "top.txt")
    (folder / "2024" / "03" / "linked.toml").symlink_to(folder / "gone.toml")  # a sidecar link to nothing
    (folder / "2024" / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "2024" / "loop").symlink_to(folder / "2024")
    (folder / "2024" / "d.txt").mkdir()  # a folder with an article's name
    (folder / "top.toml").mkdir()  # a folder with a sidecar's name
    paths, keys = scan_inputs(folder)
    assert discover(folder) == paths
    assert [path.relative_to(folder).as_posix() for path in paths] == ["2024/03/a.html", "2024/03/b.txt", "2024/03/linked.txt", "2024/c.txt", "top.txt"]
    assert keys == [input_key(path) for path in paths]


def test_the_names_a_rebuild_scans_are_the_paths_as_strings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A build finds its inputs as names (scan_names), and a Path is made of each only when it
    # reads them: the two must name the same files the same way, from any spelling of the folder.
    folder = tmp_path / "in"
    (folder / "2024").mkdir(parents=True)
    for name in ("2024/a.txt", "2024/a.toml", "b.md", "c.", "d.TXT"):
        (folder / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(folder)
    for spelling in (Path("."), Path("./"), folder, Path("../in")):
        names, keys = scan_names(spelling)
        paths, path_keys = scan_inputs(spelling)
        assert names == [str(path) for path in paths]
        assert keys == path_keys
    assert scan_names(Path("."))[0] == ["2024/a.txt", "b.md", "d.TXT"]
    assert scan_names(Path("../in"))[0] == ["../in/2024/a.txt", "../in/b.md", "../in/d.TXT"]


def test_a_name_has_the_suffix_and_the_sidecar_path_gives_it() -> None:
    for name in ("a.txt", "a.", ".hidden", "a.b.md", "a", "a..toml", "..", "a.TXT"):
        assert name_suffix(name) == Path(name).suffix
        if name != "..":  # no file: Path.with_suffix refuses it
            assert sidecar_name(name) == Path(name).with_suffix(".toml").name == sidecar_path(Path("in", name)).name


def test_the_readers_of_the_formats_found_are_imported_ahead() -> None:
    # preload_readers: the module that each format's reader imports on first use, once each;
    # a suffix no reader takes imports nothing.
    from wirefeed.readers import preload_readers

    paths = [Path(name) for name in ("a.HTML", "b.md", "c.txt", "d", "e.rst", "f.xml", "g.htm", "h.json")]
    assert preload_readers(paths) == ["wirefeed.readers.html", "wirefeed.readers.json_input", "wirefeed.readers.markdown",
                                      "wirefeed.readers.wire"]
    assert preload_readers([Path("notes.rst")]) == []


def test_every_reader_has_the_module_it_imports_named_for_the_preload() -> None:
    # The suffixes come from READERS; a reader added there without its module would go unloaded.
    from wirefeed.readers import READERS, _READER_MODULES

    assert set(READERS.values()) == set(_READER_MODULES)
