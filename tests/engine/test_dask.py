"""The Dask engine (engine/dask_engine.py) on a LocalCluster of two worker processes: the same
output folder and publishing history as the local engine, byte for byte, for the sample input,
a generated corpus and the history scenarios; a worker killed mid-build; a scheduler that
cannot be reached."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import dask
import pytest
from click.testing import CliRunner

from tests.conftest import INPUT, files_of, load_corpus_generator
from tests.test_history_support import Story, moment
from wirefeed.cli import main
from wirefeed.engine.dask_engine import DaskEngine
from wirefeed.engine.engines import EngineFailed, EngineUnavailable
from wirefeed.pipeline import BuildResult, build
from wirefeed.pipeline.inputs import discover
from wirefeed.site.channels import channels_of
from wirefeed.config import load_site

corpus = load_corpus_generator("wirefeed_bench_corpus_dask")

ALPHA = Story("alpha", "Chip talks open in Beijing", "2026-03-10 09:00", authors=("Wang Qi",))
BETA = Story("beta", "Exports rise in February", "2026-03-10 15:00", sections=("Business",), authors=("Li Xuanmin",))
GAMMA = Story("gamma", "New fab planned in Shenzhen", "2026-03-12 10:00", sections=("Economy", "Technology"),
              authors=("Chen Qingqing",))
CORPUS_SIZE = 240


@pytest.fixture(scope="module")
def engine() -> Iterator[DaskEngine]:
    with DaskEngine(workers=2) as started:
        started.start()
        yield started


def history(state: Path) -> dict[str, object]:
    """What a build keeps beside its store besides its caches: the history's rows (an SQL dump),
    the archive ledger and the output manifest."""
    with sqlite3.connect(state / "store.sqlite") as connection:
        dump = list(connection.iterdump())
    [manifest] = state.glob("store.outputs-*.json")
    return {"store": dump, "archives": (state / "store.archives.json").read_bytes(), "manifest": manifest.read_bytes()}


class Twins:
    """One input folder built twice, into two outputs with two histories: by the local engine
    and by the Dask engine. (One folder: the config's own path is part of every output's key.)"""

    def __init__(self, root: Path, engine: DaskEngine) -> None:
        self.input = root / "input"
        self.local = root / "local"
        self.dask = root / "dask"
        self.engine = engine

    def change(self, edit: Callable[[Path], None]) -> None:
        edit(self.input)

    def build(self, now: str, *, cache: bool = True) -> tuple[BuildResult, BuildResult]:
        local = build(self.input, self.local / "output", now=moment(now), workers=2, store_path=self.local / "store.sqlite")
        distributed = build(self.input, self.dask / "output", now=moment(now), engine=self.engine,
                            store_path=self.dask / "store.sqlite", cache=cache)
        return local, distributed

    def assert_same(self) -> None:
        local, distributed = files_of(self.local / "output"), files_of(self.dask / "output")
        assert sorted(local) == sorted(distributed)
        assert [path for path in local if local[path] != distributed[path]] == []
        assert history(self.local) == history(self.dask)


def twins_of(root: Path, engine: DaskEngine, make_input: Callable[[Path], None]) -> Twins:
    twins = Twins(root, engine)
    make_input(twins.input)
    return twins


def write_stories(*stories: Story) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        for story in stories:
            (folder / f"{story.id}.txt").write_text(story.text(), encoding="utf-8")
            (folder / f"{story.id}.toml").write_text(story.sidecar(), encoding="utf-8")
    return write


def copy_input(folder: Path) -> None:
    """The project's input/ without the history and caches a `make run` leaves in it."""
    shutil.copytree(INPUT, folder, ignore=shutil.ignore_patterns(".wirefeed"))


def newsroom(folder: Path) -> None:
    from tests.conftest import SITE_TOML

    folder.mkdir(parents=True)
    shutil.copytree(INPUT / "static", folder / "static")
    (folder / "wirefeed.toml").write_text(SITE_TOML, encoding="utf-8")


def generated(folder: Path) -> None:
    corpus.write_corpus(CORPUS_SIZE, folder, seed=3, html_share=corpus.default_html_share())


# ---------------------------------------------------------------------------------------------
# Byte-identical


def test_the_sample_input_builds_the_same_bytes_and_history(tmp_path: Path, engine: DaskEngine) -> None:
    twins = twins_of(tmp_path, engine, copy_input)
    local, distributed = twins.build("2026-03-20T00:00:00+00:00")
    assert len(distributed.articles) == len(local.articles) >= 1
    twins.assert_same()


def test_a_generated_corpus_and_its_rebuild_give_the_same_bytes_and_history(tmp_path: Path, engine: DaskEngine) -> None:
    twins = twins_of(tmp_path, engine, generated)
    local, distributed = twins.build("2026-06-01T00:00:00+00:00")
    assert len(distributed.articles) == len(local.articles) > CORPUS_SIZE // 2
    assert distributed.rejected == local.rejected
    twins.assert_same()

    def edit(folder: Path) -> None:
        paths = discover(folder)
        paths[0].unlink()
        for path in paths[1:4]:
            path.write_bytes(path.read_bytes().replace(b"the ", b"THE ", 1))

    twins.change(edit)
    local, distributed = twins.build("2026-06-01T06:00:00+00:00")
    assert distributed.rendered == local.rendered and distributed.removed == local.removed
    assert len(distributed.rendered) > 3
    twins.assert_same()


def test_the_history_scenarios_give_the_same_bytes_and_history_at_every_step(tmp_path: Path, engine: DaskEngine) -> None:
    twins = twins_of(tmp_path, engine, newsroom)

    def remove_alpha(folder: Path) -> None:
        for name in ("alpha.txt", "alpha.toml"):
            (folder / name).unlink()

    steps: list[tuple[Callable[[Path], None], str]] = [
        (write_stories(ALPHA, BETA, GAMMA), "2026-03-12T01:00:00+00:00"),  # add; GAMMA under embargo
        (write_stories(replace(ALPHA, body=("The group agreed a timetable.",))), "2026-03-12T01:30:00+00:00"),  # edit
        (write_stories(replace(BETA, headline="Exports rise again")), "2026-03-12T01:45:00+00:00"),  # new headline
        (lambda folder: None, "2026-03-12T02:00:00+00:00"),  # GAMMA's embargo ends
        (remove_alpha, "2026-03-12T03:00:00+00:00"),  # remove
    ]
    embargoed = []
    for edit, now in steps:
        twins.change(edit)
        local, distributed = twins.build(now)
        assert (distributed.embargoed, distributed.withdrawn) == (local.embargoed, local.withdrawn)
        embargoed.append([article.id for article in distributed.embargoed])
        twins.assert_same()
    assert embargoed == [["gamma"], ["gamma"], ["gamma"], [], []]
    assert distributed.withdrawn == ("alpha",)


@pytest.mark.parametrize("shared_disk", [True, False], ids=["workers write", "bytes sent back"])
def test_a_build_without_caches_gives_the_same_bytes(tmp_path: Path, engine: DaskEngine, shared_disk: bool) -> None:
    twins = twins_of(tmp_path, engine, newsroom)
    twins.change(write_stories(ALPHA, BETA, GAMMA))
    engine.shared_disk = shared_disk
    try:
        local, distributed = twins.build("2026-03-13T00:00:00+00:00", cache=False)
    finally:
        engine.shared_disk = True
    assert distributed.rendered == distributed.written
    assert len(distributed.written) > 30
    twins.assert_same()


def test_an_input_rejected_deep_in_a_parser_is_the_same_one_error_on_both_engines(tmp_path: Path, engine: DaskEngine) -> None:
    # Importing distributed made every exception pickle with its traceback (tblib), and the
    # input cache pickles an InputError: one raised from a RecursionError 50,000 frames deep
    # could not be pickled, in a Dask worker nor in this process once it had imported Dask.
    twins = twins_of(tmp_path, engine, newsroom)

    def deep_sidecar(folder: Path) -> None:
        write_stories(ALPHA, BETA)(folder)
        (folder / "alpha.toml").write_text("keywords = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")

    twins.change(deep_sidecar)
    local, distributed = twins.build("2026-03-13T00:00:00+00:00")
    message = f"{twins.input}/alpha.toml: not valid TOML: arrays or tables nested too deeply"
    assert [str(error) for error in local.rejected] == [str(error) for error in distributed.rejected] == [message]
    twins.assert_same()


def test_the_channels_folded_by_dask_are_the_channels_of_the_site(tmp_path: Path, engine: DaskEngine) -> None:
    generated(tmp_path / "input")
    result = build(tmp_path / "input", tmp_path / "output", now=moment("2026-06-01T00:00:00+00:00"), workers=1)
    site = load_site(tmp_path / "input" / "wirefeed.toml")
    expected = channels_of(result.articles, site)
    assert len(expected) > 10
    assert engine.channels(result.articles, site) == expected


# ---------------------------------------------------------------------------------------------
# Faults


def killing_a_worker(engine: DaskEngine) -> tuple[Callable[[int, int], None], list[int]]:
    """A progress callback that kills one worker process once the first chunk is read."""
    killed: list[int] = []

    def progress(done: int, total: int) -> None:
        if not killed and done < total:
            pid = sorted(engine.worker_processes().values())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    return progress, killed


def test_a_worker_killed_mid_build_has_its_work_done_again_by_another(tmp_path: Path) -> None:
    generated(tmp_path / "input")
    now = moment("2026-06-01T00:00:00+00:00")
    reference = build(tmp_path / "input", tmp_path / "local" / "output", now=now, workers=1,
                      store_path=tmp_path / "local" / "store.sqlite")
    with DaskEngine(workers=2) as engine:
        progress, killed = killing_a_worker(engine)
        result = build(tmp_path / "input", tmp_path / "dask" / "output", now=now, engine=engine, progress=progress,
                       store_path=tmp_path / "dask" / "store.sqlite")
        assert killed and killed[0] not in engine.worker_processes().values()
    assert result.written == reference.written
    assert files_of(tmp_path / "dask" / "output") == files_of(tmp_path / "local" / "output")
    assert history(tmp_path / "dask") == history(tmp_path / "local")


def test_a_build_whose_worker_dies_without_retries_fails_and_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "input"
    generated(folder)
    now = moment("2026-06-01T00:00:00+00:00")
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), DaskEngine(workers=2) as engine:
        build(folder, tmp_path / "output", now=now, engine=engine)
        before, kept = files_of(tmp_path / "output"), history(folder / ".wirefeed")
        for path in discover(folder)[:60]:
            path.write_bytes(path.read_bytes().replace(b"the ", b"THE ", 1))
        progress, killed = killing_a_worker(engine)
        with pytest.raises(EngineFailed, match="the Dask cluster failed while reading the inputs"):
            build(folder, tmp_path / "output", now=moment("2026-06-02T00:00:00+00:00"), engine=engine, progress=progress)
    assert killed
    assert files_of(tmp_path / "output") == before
    assert history(folder / ".wirefeed") == kept


def test_an_unreachable_scheduler_is_one_line_and_exit_code_2_with_nothing_written(tmp_path: Path) -> None:
    copy_input(tmp_path / "input")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "input"), "-o", str(tmp_path / "output"),
                                       "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.output.startswith("usage error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert result.output.count("\n") == 1 and result.output.endswith("; nothing was written\n")
    assert not (tmp_path / "output").exists()
    assert not (tmp_path / "input" / ".wirefeed").exists()


def test_the_library_says_the_same_of_an_unreachable_scheduler(tmp_path: Path) -> None:
    copy_input(tmp_path / "input")
    with pytest.raises(EngineUnavailable, match=r"^cannot reach the Dask scheduler at tcp://127.0.0.1:9: "):
        build(tmp_path / "input", tmp_path / "output", engine=DaskEngine("tcp://127.0.0.1:9", timeout=1))
    assert not (tmp_path / "output").exists()
    assert not (tmp_path / "input" / ".wirefeed").exists()


def test_without_dask_installed_the_dask_engine_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    copy_input(tmp_path / "input")
    # None in sys.modules makes `import distributed` fail, as when it is not installed.
    probe = ("import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None; "
             "from wirefeed.cli import main; main()")
    run = subprocess.run([sys.executable, "-c", probe, "build", str(tmp_path / "input"), "-o", str(tmp_path / "output"),
                          "--engine", "dask"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr == ("usage error: the dask engine needs dask[distributed], which is not installed (dask): "
                          "pip install 'wirefeed[dask]'; nothing was written\n")
    assert not (tmp_path / "output").exists()
