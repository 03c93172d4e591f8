"""`wirefeed build-server` and the `wirefeed build` commands it answers (wirefeed/buildserver.py).

A real server process on a real Unix socket, and real commands: two copies of one site, the
"served" one built through the server, the "cold" one by `wirefeed build --no-server` after the
same edits at the same --now. After each step both hold the same output bytes and history.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import spied
from tests.fast_paths_support import NOW, _articles, _tree, corpus  # noqa: F401 - corpus is a fixture
from wirefeed.buildserver import BuildReport, server_socket
from wirefeed.pipeline.changes import InputWatch

WIREFEED = [sys.executable, "-m", "wirefeed"]
SERVED = "; by the build server"


@pytest.fixture()
def run_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private $XDG_RUNTIME_DIR with a short path (a socket's path holds 107 bytes at most)."""
    folder = Path(tempfile.mkdtemp(prefix="xdg", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


class Server:
    """A `wirefeed build-server` process, stopped by SIGTERM on the way out."""

    def __init__(self, input_dir: Path, output_dir: Path, *extra: str) -> None:
        self.process = subprocess.Popen([*WIREFEED, "build-server", str(input_dir), "-o", str(output_dir), "--now", NOW.isoformat(), *extra],
                                        stderr=subprocess.PIPE, text=True)
        assert self.process.stderr is not None
        self.first: list[str] = []
        for line in self.process.stderr:
            self.first.append(line)
            if "listening on" in line:
                return
        raise AssertionError(f"the server stopped before listening: {''.join(self.first)}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


class Sites:
    def __init__(self, corpus: Path, root: Path) -> None:
        self.root = root
        for side in ("served", "cold"):
            shutil.copytree(corpus, self.input(side))
        subprocess.run([*WIREFEED, "build", str(self.input("cold")), "-o", str(self.output("cold")), "--now", NOW.isoformat()],
                       check=True, capture_output=True)

    def input(self, side: str) -> Path:
        return self.root / side / "input"

    def output(self, side: str) -> Path:
        return self.root / side / "output"

    def edit(self, relative: str, text: str) -> None:
        for side in ("served", "cold"):
            path = self.input(side) / relative
            path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f" {text}\n", encoding="utf-8")

    def build(self, side: str, now: datetime, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*WIREFEED, "build", str(self.input(side)), "-o", str(self.output(side)), "--now", now.isoformat(), *extra],
                              capture_output=True, text=True, timeout=120)

    def both(self, now: datetime, code: int = 0) -> str:
        """Build both copies at `now`; the served one's report (checked to be the server's)."""
        served = self.build("served", now)
        cold = self.build("cold", now, "--no-server")
        assert (served.returncode, cold.returncode) == (code, code), served.stderr + cold.stderr
        assert served.stderr.endswith(SERVED + "\n"), served.stderr
        # The same report, the server's mark aside (the copies' folders differ).
        assert served.stderr.replace(SERVED, "").replace(str(self.root / "served"), "SITE") == cold.stderr.replace(str(self.root / "cold"), "SITE")
        assert _tree(self.output("served")) == _tree(self.output("cold"))
        assert _records(self.input("served")) == _records(self.input("cold"))
        return served.stderr


def _records(input_dir: Path) -> list[str]:
    connection = sqlite3.connect(input_dir / ".wirefeed" / "store.sqlite")
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture()
def sites(corpus: Path, tmp_path: Path, run_folder: Path) -> Sites:  # noqa: F811 - the fixture imported above
    return Sites(corpus, tmp_path)


def _story(sites: Sites, index: int = 3) -> str:
    stories = [path for path in _articles(sites.input("served")) if path.suffix == ".txt"]
    return stories[index].relative_to(sites.input("served")).as_posix()


@pytest.mark.parametrize("how", ["told by the kernel", "--scan"])
def test_builds_made_by_the_server_are_the_commands_own(sites: Sites, how: str) -> None:
    server = Server(sites.input("served"), sites.output("served"), *(["--scan"] if how == "--scan" else []))
    try:
        assert "built 48 articles" in "".join(server.first)
        later = NOW + timedelta(hours=1)
        # Nothing changed since the server's first build.
        assert sites.both(NOW).endswith(f", 0 rendered){SERVED}\n")
        # One article's text edited: its page, its JSON-LD and ninjs, the feeds and pages that list it, the sitemap.
        sites.edit(_story(sites), "The ministry said more on Friday.")
        assert "articles into" in sites.both(later)
        # Two more in a row, then one of them again.
        sites.edit(_story(sites, 5), "Officials declined to comment.")
        sites.both(later)
        sites.edit(_story(sites), "A second paragraph followed.")
        sites.both(later + timedelta(minutes=5))
        # A new input, first rejected (no date line), then good: the server makes full builds, and keeps the good one.
        for side in ("served", "cold"):
            lines = (sites.input(side) / _story(sites)).read_text(encoding="utf-8").split("\n")
            lines[1] += " (added)"  # a wire story's second line is its headline, its third the date
            (sites.input(side) / "added-story.txt").write_text("\n".join(lines[:2] + lines[3:]), encoding="utf-8")
        rejected = sites.both(later + timedelta(minutes=10), code=1)
        assert "added-story.txt: no publication date found" in rejected and "rejected 1" in rejected
        for side in ("served", "cold"):
            (sites.input(side) / "added-story.txt").write_text("\n".join(lines), encoding="utf-8")
        assert "built 49 articles" in sites.both(later + timedelta(minutes=10))
        sites.edit("added-story.txt", "Edited once added.")
        sites.both(later + timedelta(minutes=15))
    finally:
        assert server.stop() == 0
    assert server_socket(sites.input("served"), sites.output("served"), sites.input("served") / ".wirefeed" / "store.sqlite") is not None
    assert list(Path(os.environ["XDG_RUNTIME_DIR"], "wirefeed").glob("*.sock")) == []
    # With the server gone, the command builds itself, and finds what the server left complete.
    alone = sites.build("served", NOW + timedelta(hours=1, minutes=15))
    assert alone.returncode == 0 and SERVED not in alone.stderr
    assert alone.stderr.endswith("0 rendered)\n"), alone.stderr


def test_problem_lines_name_the_inputs_as_the_command_spelled_its_folder(sites: Sites) -> None:
    """The server was started with the folder's absolute path; the command names it `input`
    from the site's folder: its lines say `input/...`, as its own build would."""
    site = sites.root / "served"
    lines = (sites.input("served") / _story(sites)).read_text(encoding="utf-8").split("\n")
    (sites.input("served") / "undated.txt").write_text("\n".join(lines[:2] + lines[3:]), encoding="utf-8")
    server = Server(sites.input("served"), sites.output("served"))
    try:
        assert any(line.startswith(f"{sites.input('served')}/undated.txt: no publication date found") for line in server.first)

        def build(*extra: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([*WIREFEED, "build", "input", "-o", "output", "--now", NOW.isoformat(), *extra],
                                  capture_output=True, text=True, timeout=120, cwd=site)

        served, alone = build(), build("--no-server")
        assert served.returncode == alone.returncode == 1
        assert served.stderr.endswith(SERVED + "\n") and SERVED not in alone.stderr
        assert served.stderr.splitlines()[0].startswith("input/undated.txt: no publication date found")
        assert served.stderr.replace(SERVED, "") == alone.stderr
    finally:
        assert server.stop() == 0


def test_a_config_error_is_the_commands_own_and_the_server_goes_on(sites: Sites) -> None:
    server = Server(sites.input("served"), sites.output("served"))
    try:
        config = sites.input("served") / "wirefeed.toml"
        good = config.read_text(encoding="utf-8")
        config.write_text(good + "\n[site\n", encoding="utf-8")
        broken = sites.build("served", NOW)
        assert broken.returncode == 2 and broken.stderr.startswith("config error: ") and SERVED not in broken.stderr
        config.write_text(good, encoding="utf-8")
        # The config changed on disk (and back): the server makes a full build, with the same outputs.
        sites.both(NOW)
    finally:
        assert server.stop() == 0


def test_options_the_server_does_not_serve_build_in_the_command(sites: Sites) -> None:
    server = Server(sites.input("served"), sites.output("served"))
    try:
        for option in ("--no-server", "--no-cache", "--no-wait"):
            alone = sites.build("served", NOW, option)
            assert alone.returncode == 0 and SERVED not in alone.stderr, option
        # Another output folder is another site: no server of it runs.
        other = subprocess.run([*WIREFEED, "build", str(sites.input("served")), "-o", str(sites.root / "other"), "--now", NOW.isoformat()],
                               capture_output=True, text=True, timeout=120)
        assert other.returncode == 0 and SERVED not in other.stderr
        # The builds above wrote the history and the caches behind the server's back: it notices, and builds in full.
        sites.edit(_story(sites), "After the others.")
        sites.both(NOW)
    finally:
        assert server.stop() == 0


def test_a_second_server_of_the_same_site_is_refused(sites: Sites) -> None:
    server = Server(sites.input("served"), sites.output("served"))
    try:
        second = subprocess.run([*WIREFEED, "build-server", str(sites.input("served")), "-o", str(sites.output("served"))],
                                capture_output=True, text=True, timeout=120)
        assert second.returncode == 2
        assert "usage error: a build server of this site is already running" in second.stderr
    finally:
        assert server.stop() == 0


def test_a_run_folder_others_may_enter_is_not_used(sites: Sites, run_folder: Path) -> None:
    (run_folder / "wirefeed").mkdir(mode=0o700)
    os.chmod(run_folder / "wirefeed", 0o777)
    started = subprocess.run([*WIREFEED, "build-server", str(sites.input("served")), "-o", str(sites.output("served"))],
                             capture_output=True, text=True, timeout=120)
    assert started.returncode == 2
    assert "usage error: no folder only this user may enter for the server's socket" in started.stderr
    assert server_socket(sites.input("served"), sites.output("served"), Path("store.sqlite")) is None


def test_a_postgresql_history_is_refused(sites: Sites) -> None:
    config = sites.input("served") / "wirefeed.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[store]\nurl = "postgresql://localhost/wirefeed"\n', encoding="utf-8")
    started = subprocess.run([*WIREFEED, "build-server", str(sites.input("served")), "-o", str(sites.output("served"))],
                             capture_output=True, text=True, timeout=120)
    assert started.returncode == 2
    assert "the build server keeps a history in SQLite only" in started.stderr


def test_a_stale_socket_is_no_server(sites: Sites, run_folder: Path) -> None:
    (run_folder / "wirefeed").mkdir(mode=0o700)
    path = server_socket(sites.input("served"), sites.output("served"), sites.input("served") / ".wirefeed" / "store.sqlite")
    assert path is not None
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as left:
        left.bind(os.fspath(path))  # bound, never listening: what a killed server leaves
    alone = sites.build("served", NOW)
    assert alone.returncode == 0 and SERVED not in alone.stderr


def test_a_report_from_the_socket_is_checked() -> None:
    good = {"problems": ["a warning"], "articles": 2, "files": 9, "rendered": 3, "removed": 0, "embargoed": 0,
            "withdrawn": 0, "rejected": 1, "rendered_paths": ["index.html"]}
    assert BuildReport.from_json(good) == BuildReport(("a warning",), 2, 9, 3, 0, 0, 0, 1, ("index.html",))
    for bad in ({**good, "articles": -1}, {**good, "files": "9"}, {**good, "problems": [3]}, {**good, "extra": 1}, [good]):
        with pytest.raises(ValueError, match="not a build report"):
            BuildReport.from_json(bad)


# ---- what the kernel tells (pipeline/changes.py) ----------------------------------------------


def _watched_tree(root: Path) -> Path:
    (root / "input" / "2021").mkdir(parents=True)
    (root / "input" / "2021" / "story.txt").write_text("one\n", encoding="utf-8")
    (root / "input" / "wirefeed.toml").write_text("", encoding="utf-8")
    return root / "input"


def test_the_watch_names_each_changed_file_once(tmp_path: Path) -> None:
    folder = _watched_tree(tmp_path)
    watch = InputWatch.start(folder, folder / "output")
    assert watch is not None
    try:
        assert watch.take() == []
        story = folder / "2021" / "story.txt"
        story.write_text("two\n", encoding="utf-8")
        story.write_text("three\n", encoding="utf-8")
        (folder / "2021" / "story.txt.json").write_text("{}", encoding="utf-8")
        assert watch.take() == [story, folder / "2021" / "story.txt.json"]
        assert watch.take() == []
        # What a build writes itself: its history (a hidden folder) and its output inside the input.
        (folder / ".wirefeed").mkdir()
        (folder / ".wirefeed" / "store.sqlite").write_bytes(b"")
        (folder / "output").mkdir()
        (folder / "output" / "index.html").write_bytes(b"")
        (folder / "output.wirefeed-next").mkdir()
        assert watch.take() == []
        # A replacement saved by renaming over the old file.
        (folder / "2021" / "new.tmp").write_text("four\n", encoding="utf-8")
        os.replace(folder / "2021" / "new.tmp", story)
        assert watch.take() == [folder / "2021" / "new.tmp", story]
    finally:
        watch.close()


def test_a_new_or_removed_folder_makes_the_watch_unsure(tmp_path: Path) -> None:
    folder = _watched_tree(tmp_path)
    watch = InputWatch.start(folder, tmp_path / "output")
    assert watch is not None
    try:
        (folder / "2022").mkdir()
        assert watch.take() is None
        assert watch.take() == []  # unsure once: the caller scans, and the watch goes on
        shutil.rmtree(folder / "2021")
        assert watch.take() is None
    finally:
        watch.close()


def test_a_tree_with_a_link_is_not_watched(tmp_path: Path) -> None:
    folder = _watched_tree(tmp_path)
    (tmp_path / "elsewhere.txt").write_text("x\n", encoding="utf-8")
    (folder / "2021" / "linked.txt").symlink_to(tmp_path / "elsewhere.txt")
    assert InputWatch.start(folder, tmp_path / "output") is None


def test_told_by_the_kernel_the_server_scans_no_input(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from wirefeed.pipeline.warm import KeptBuilds, WarmSite

    shutil.copytree(corpus, tmp_path / "input")
    builds = KeptBuilds(tmp_path / "input", tmp_path / "output", watch=True)
    try:
        builds.build(now=NOW)
        scans: list[int] = []
        scan = WarmSite.changes
        monkeypatch.setattr(WarmSite, "changes", spied(scan, lambda self: scans.append(1)))
        story = sorted((tmp_path / "input").rglob("*.txt"))[3]
        story.write_text(story.read_text(encoding="utf-8").rstrip("\n") + " One more sentence.\n", encoding="utf-8")
        result, _ = builds.build_changed(NOW)
        assert scans == [] and len(result.rendered) > 0
        assert builds.build_changed(NOW)[0].rendered == ()
        assert scans == []
        # A file no build knows (here the config's neighbour) is left to a scan, which finds nothing to build.
        (tmp_path / "input" / "notes.md.bak").write_text("x", encoding="utf-8")
        assert builds.build_changed(NOW)[0].rendered == ()
        assert scans == [1]
    finally:
        builds.close()


def test_with_an_input_rejected_nothing_changed_is_no_full_build(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    import wirefeed.pipeline.publish as publish
    from wirefeed.pipeline.warm import KeptBuilds

    shutil.copytree(corpus, tmp_path / "input")
    (tmp_path / "input" / "broken.txt").write_text("SLUG\nA headline with no date line\n\nText.\n", encoding="utf-8")
    builds = KeptBuilds(tmp_path / "input", tmp_path / "output", watch=True)
    try:
        first, _ = builds.build(now=NOW)
        assert len(first.rejected) == 1 and builds._warm is None  # nothing kept: not every input was published
        long_ways: list[int] = []
        anew = publish.build_anew
        monkeypatch.setattr(publish, "build_anew", spied(anew, lambda *args, **kwargs: long_ways.append(1)))
        again, _ = builds.build_changed(NOW)
        assert (long_ways, again.rendered, len(again.rejected)) == ([], (), 1)
        # An edit is built (the long way: nothing is kept to stand on), and the rejection stays.
        story = sorted((tmp_path / "input").rglob("*.txt"))[3]
        story.write_text(story.read_text(encoding="utf-8").rstrip("\n") + " One more sentence.\n", encoding="utf-8")
        edited, _ = builds.build_changed(NOW)
        assert long_ways == [1] and len(edited.rendered) > 0 and len(edited.rejected) == 1
    finally:
        builds.close()


def test_without_a_runtime_folder_the_socket_lies_in_the_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    temporary = Path(tempfile.mkdtemp(prefix="tmp", dir="/tmp"))  # short: a socket's path holds 107 bytes at most
    try:
        monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
        for name in ("TEMP", "TMP"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("TMPDIR", str(temporary))
        store = tmp_path / "store.sqlite"
        assert server_socket(tmp_path / "in", tmp_path / "out", store) is None  # no folder of this user's there yet
        folder = temporary / f"wirefeed-{os.getuid()}"
        folder.mkdir(mode=0o700)
        path = server_socket(tmp_path / "in", tmp_path / "out", store)
        assert path is not None and path.parent == folder and path.name.startswith("build-") and path.suffix == ".sock"
        monkeypatch.delenv("TMPDIR")
        monkeypatch.setenv("TMP", str(temporary))  # the last of the three tempfile looks at
        assert server_socket(tmp_path / "in", tmp_path / "out", store) == path
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def test_a_server_without_a_folder_for_its_socket_says_so(sites: Sites) -> None:
    # A temporary folder that does not exist: the server's folder cannot be made in it.
    env = {name: value for name, value in os.environ.items() if name not in ("XDG_RUNTIME_DIR", "TEMP", "TMP")}
    env["TMPDIR"] = "/nonexistent-wirefeed-folder"
    started = subprocess.run([*WIREFEED, "build-server", str(sites.input("served")), "-o", str(sites.output("served"))],
                             capture_output=True, text=True, timeout=120, env=env)
    assert started.returncode == 2
    assert "usage error: no folder only this user may enter for the server's socket" in started.stderr
    assert "Traceback" not in started.stderr
