"""The staged output: mirroring the output into the stage, and keeping the previous build as the next stage."""

from __future__ import annotations

import errno
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

import wirefeed.engine.staging as staging
from tests.conftest import load_corpus_generator
from wirefeed import build
from wirefeed.output import TEMP_PREFIX
from wirefeed.engine.staging import mirror, next_folder

corpus = load_corpus_generator("wirefeed_bench_corpus")
NOW = datetime.fromisoformat("2026-11-24T12:00:00+00:00")
SEED = 3


def entries(root: Path) -> dict[str, tuple[str, int | str]]:
    """Every entry under `root`: folders, files by inode, links by target."""
    found: dict[str, tuple[str, int | str]] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[name] = ("link", os.readlink(path))
        elif path.is_dir():
            found[name] = ("folder", 0)
        else:
            found[name] = ("file", path.stat().st_ino)
    return found


def contents(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def linked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names staging links (or copies) anew."""
    made: list[str] = []
    real = staging._link

    def counting(entry: os.DirEntry[str], source_folder: int | None, target_folder: int | None, target: str) -> None:
        made.append(entry.name)
        real(entry, source_folder, target_folder, target)

    monkeypatch.setattr(staging, "_link", counting)
    return made


def test_mirror_links_only_what_the_target_does_not_already_share(tmp_path: Path, linked: list[str]) -> None:
    source, target = tmp_path / "output", tmp_path / "stage"
    (source / "sub" / "deep").mkdir(parents=True)
    (source / "a.html").write_text("a")
    (source / "sub" / "b.xml").write_text("new b")
    (source / "sub" / "deep" / "c.json").write_text("c")
    (source / f"{TEMP_PREFIX}1-2").write_text("half a write")
    os.symlink("a.html", source / "link.html")
    # The stage as a killed or earlier build left it.
    (target / "sub").mkdir(parents=True)
    os.link(source / "a.html", target / "a.html")  # already shared: kept
    (target / "sub" / "b.xml").write_text("old b")  # an older file of that name: replaced
    (target / "sub" / "deep").write_text("a file where a folder belongs")
    (target / "gone").mkdir()
    (target / "gone" / "x.html").write_text("x")
    (target / "stray.html").write_text("stray")

    assert mirror(source, target) == 4
    wanted = {name: value for name, value in entries(source).items() if not name.startswith(TEMP_PREFIX)}
    assert entries(target) == wanted
    assert (target / "sub" / "b.xml").read_text() == "new b"
    assert sorted(linked) == ["b.xml", "c.json", "link.html"]
    # Mirrored again, nothing is linked anew but the symbolic link.
    linked.clear()
    found: set[str] = set()
    assert mirror(source, target, found) == 4
    assert linked == ["link.html"]
    # The source's files, as output paths; a link to a file is one, a half write is not.
    assert found == {"a.html", "link.html", "sub/b.xml", "sub/deep/c.json"}
    assert entries(target) == wanted


def test_mirror_of_no_output_is_an_empty_stage(tmp_path: Path) -> None:
    target = tmp_path / "stage"
    (target / "articles").mkdir(parents=True)
    (target / "articles" / "x.html").write_text("x")
    (target / "index.html").write_text("i")
    assert mirror(tmp_path / "output", target) == 0
    assert list(target.iterdir()) == []


def test_a_stage_that_is_a_file_is_replaced(tmp_path: Path) -> None:
    source, target = tmp_path / "output", tmp_path / "stage"
    source.mkdir()
    (source / "index.html").write_text("i")
    target.write_text("not a folder")
    assert mirror(source, target) == 1
    assert (target / "index.html").read_text() == "i"


def newsroom(root: Path) -> Path:
    site = root / "input"
    corpus.write_corpus(80, site, seed=SEED, corpus_format="wire", html_share=0.0)
    return site


def edit(site: Path, revision: int) -> None:
    story = corpus.draw_story(SEED, 40, corpus.staff(SEED), 0.0)
    corpus.write_story_input(site, corpus.revised(story, revision))


def test_a_small_rebuild_keeps_the_previous_build_as_the_next_stage(tmp_path: Path, linked: list[str]) -> None:
    site, output = newsroom(tmp_path / "kept"), tmp_path / "kept" / "output"
    twin_site, twin_output = newsroom(tmp_path / "twin"), tmp_path / "twin" / "output"
    for where, folder in ((site, output), (twin_site, twin_output)):
        build(where, folder, now=NOW, workers=1)
    # A first build has no previous output to keep.
    assert not next_folder(output).exists()

    for revision in (1, 2, 3):
        for where in (site, twin_site):
            edit(where, revision)
        if revision == 3:  # what a person or a killed build may leave in the kept folder
            spare = next_folder(output)
            (spare / "stray.html").write_text("stray")
            index = spare / "index.html"
            index.unlink()
            index.write_text("an older home page")
            shutil.rmtree(spare / "sections")
        linked.clear()
        before = contents(output)
        build(site, output, now=NOW, workers=1)
        made = list(linked)
        # The twin starts each build from nothing beside its output, as before the stage was kept.
        shutil.rmtree(next_folder(twin_output), ignore_errors=True)
        build(twin_site, twin_output, now=NOW, workers=1)
        assert contents(output) == contents(twin_output)

        spare = next_folder(output)
        assert spare.is_dir()
        files = contents(output)
        # The kept folder is the previous build: every file whose bytes this build did not
        # change is the output's own (the same inode); the changed ones are the previous versions.
        assert contents(spare) == before
        changed = {name for name, data in files.items() if before.get(name) != data}
        shared = {name for name, (kind, inode) in entries(spare).items() if kind == "file" and entries(output)[name] == (kind, inode)}
        assert changed and shared == set(files) - changed
        if revision == 1:  # the stage was made from scratch: every file linked
            assert len(made) == len(files)
        elif revision == 2:  # from the kept folder: only the files the last build changed
            assert 0 < len(made) < len(files) / 4
        else:
            assert "index.html" in made and "stray.html" not in os.listdir(spare)


def test_a_rebuild_of_most_files_does_not_keep_the_previous_build(tmp_path: Path) -> None:
    site, output = newsroom(tmp_path), tmp_path / "output"
    build(site, output, now=NOW, workers=1)
    edit(site, 1)
    build(site, output, now=NOW, workers=1)
    assert next_folder(output).is_dir()
    config = site / "wirefeed.toml"
    text = config.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("description = "))
    config.write_text(text.replace(line, 'description = "Every page changes."'), encoding="utf-8")
    build(site, output, now=NOW, workers=1)
    assert not next_folder(output).exists()


def _small_output(root: Path) -> Path:
    source = root / "output"
    (source / "sub").mkdir(parents=True)
    (source / "a.html").write_text("a")
    (source / "sub" / "b.xml").write_text("b")
    os.symlink("a.html", source / "link.html")
    return source


@pytest.mark.parametrize("by_folders", [True, False])
def test_mirror_links_by_the_folders_descriptors_or_by_paths_alike(tmp_path: Path, by_folders: bool,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    source, target = _small_output(tmp_path), tmp_path / "stage"
    monkeypatch.setattr(staging, "_AT_FOLDERS", by_folders)
    assert mirror(source, target) == 3
    assert entries(target) == entries(source)  # the same inodes: hard links
    assert os.readlink(target / "link.html") == "a.html"


def test_mirror_copies_where_the_file_system_cannot_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, target = _small_output(tmp_path), tmp_path / "stage"

    def no_hard_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "link", no_hard_links)
    assert mirror(source, target) == 3
    assert contents(target) == contents(source)
    assert (target / "a.html").stat().st_ino != (source / "a.html").stat().st_ino  # copies
    assert os.readlink(target / "link.html") == "a.html"
