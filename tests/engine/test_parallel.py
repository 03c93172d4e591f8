"""Forked workers give the bytes of one process, and a build keeps the garbage collector quiet."""

from __future__ import annotations

import gc
import os
import importlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import spied
from tests.fast_paths_support import NOW, _articles, _tree, corpus  # noqa: F401 (corpus: a fixture)
from wirefeed.engine.parallel import collecting, few_collections, run_chunks
from wirefeed.engine.runner import InBuildProcess, Job, Manifest, run_jobs
from wirefeed.output import OutputDir
from wirefeed.errors import ConfigError
from wirefeed.config import load_site
from wirefeed.pipeline import build
from wirefeed.pipeline.inputs import discover, read_inputs

build_module = importlib.import_module("wirefeed.pipeline.build")
inputs_module = importlib.import_module("wirefeed.pipeline.inputs")


def test_a_parallel_build_writes_the_bytes_of_a_single_process_build(corpus: Path, tmp_path: Path) -> None:
    one = build(corpus, tmp_path / "one", now=NOW, store_path=tmp_path / "one.sqlite", workers=1)
    two = build(corpus, tmp_path / "two", now=NOW, store_path=tmp_path / "two.sqlite", workers=2)
    assert one.ok and two.ok and len(one.articles) > 40
    assert [article.id for article in one.articles] == [article.id for article in two.articles]
    assert one.written == two.written and one.rendered == two.rendered
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_rejected_inputs_come_back_from_workers_in_order(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)
    for path in _articles(folder)[::7]:
        path.write_text("only a headline\n", encoding="utf-8")
    one = build(folder, tmp_path / "one", now=NOW, store_path=tmp_path / "one.sqlite", workers=1)
    two = build(folder, tmp_path / "two", now=NOW, store_path=tmp_path / "two.sqlite", workers=3)
    assert one.rejected and [str(error) for error in one.rejected] == [str(error) for error in two.rejected]
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_a_build_collects_only_while_it_reads_or_renders_and_puts_the_collector_back(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = gc.get_threshold()
    assert gc.isenabled()
    planning: list[tuple[tuple[int, int, int], bool]] = []
    reading: list[bool] = []
    real = build_module.scan_names
    monkeypatch.setattr(build_module, "scan_names", spied(real, lambda folder, output=None: planning.append((gc.get_threshold(), gc.isenabled()))))
    real_read = inputs_module.read_one
    monkeypatch.setattr(inputs_module, "read_one", spied(real_read, lambda *args: reading.append(gc.isenabled())))
    build(corpus, tmp_path / "out", now=NOW, store_path=tmp_path / "site.sqlite", workers=1)
    assert planning == [((50_000, *before[1:]), False)]
    assert reading and all(reading)
    assert gc.get_threshold() == before and gc.isenabled() and gc.get_freeze_count() == 0
    # Also when the build fails: a store inside the output folder is refused.
    with pytest.raises(ConfigError):
        build(corpus, tmp_path / "out", now=NOW, store_path=tmp_path / "out" / "site.sqlite", workers=1)
    assert gc.get_threshold() == before and gc.isenabled()


def test_inside_a_build_the_work_of_chunks_is_collected_here_and_in_forked_workers() -> None:
    with few_collections():
        assert not gc.isenabled()
        assert run_chunks(3, lambda index: gc.isenabled(), 1) == [True, True, True]
        assert not gc.isenabled()
        # Forked workers and this process, which does chunks too.
        assert run_chunks(6, lambda index: gc.isenabled(), 2) == [True] * 6
        assert run_chunks(6, lambda index: gc.isenabled(), 2, renew=1) == [True] * 6
        assert not gc.isenabled()
        with collecting():
            assert gc.isenabled() and gc.get_freeze_count() > 0  # what the build made until now: frozen
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_callers_own_freeze_is_left_as_it_is() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with few_collections(), collecting():
            pass
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()


def test_what_exists_when_workers_fork_is_frozen_for_them_and_thawed_after() -> None:
    frozen = run_chunks(4, lambda index: gc.get_freeze_count() > 0, 2)
    assert frozen == [True, True, True, True]
    assert gc.get_freeze_count() == 0
    # In one process nothing is forked, so nothing is frozen.
    assert run_chunks(2, lambda index: gc.get_freeze_count(), 1) == [0, 0]


def _pid_of_chunk(index: int) -> tuple[int, int]:
    return index, os.getpid()


def test_renewed_workers_give_every_result_in_order_and_are_replaced_after_their_share() -> None:
    # 40 chunks, 2 workers, each ending after 3 chunks: at least 14 children, none of them this process.
    results = run_chunks(40, _pid_of_chunk, 2, renew=3)
    assert [index for index, _ in results] == list(range(40))
    pids = [pid for _, pid in results]
    assert os.getpid() not in pids
    assert len(set(pids)) >= 14
    assert max(pids.count(pid) for pid in set(pids)) <= 3


def _fails_at_seven(index: int) -> int:
    if index == 7:
        raise ValueError("chunk 7 is bad")
    return index


def test_an_error_in_a_renewed_worker_is_raised_here() -> None:
    with pytest.raises(ValueError, match="chunk 7 is bad"):
        run_chunks(30, _fails_at_seven, 2, renew=2)


def renewals_asked(monkeypatch: pytest.MonkeyPatch, where: str) -> list[int | None]:
    """The `renew` of each run_chunks() call made through the name `where`, as the calls come."""
    from wirefeed.engine import parallel

    asked: list[int | None] = []
    real = parallel.run_chunks

    def noting(chunk_count: int, do_chunk: Any, workers: int, on_done: Any = None, *, renew: int | None = None) -> Any:
        asked.append(renew)
        return real(chunk_count, do_chunk, workers, on_done, renew=renew)

    monkeypatch.setattr(where, noting)
    return asked


def test_the_render_renews_its_workers(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A full build of the corpus renders with fresh forks (engine/runner.py), and the bytes stay
    # those of a single-process build.
    asked = renewals_asked(monkeypatch, "wirefeed.engine.runner.run_chunks")
    build(corpus, tmp_path / "parallel", now=NOW, workers=2, store_path=tmp_path / "parallel.sqlite")
    build(corpus, tmp_path / "single", now=NOW, workers=1, store_path=tmp_path / "single.sqlite")
    assert any(renew is not None and renew >= 1 for renew in asked)
    assert _tree(tmp_path / "parallel") == _tree(tmp_path / "single")


def test_renewed_workers_report_each_chunk_here_once_as_their_results_arrive() -> None:
    done: list[int] = []
    results = run_chunks(25, _pid_of_chunk, 2, done.append, renew=4)
    assert sorted(done) == list(range(25))
    assert [index for index, _ in results] == list(range(25))


def test_inputs_are_read_by_renewed_workers_with_progress_that_only_grows(corpus: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # The build's own process reads nothing (what reading leaves behind ends with each reader),
    # and the progress counts chunks as their results arrive, in whatever order the readers end
    # (here each reader ends after one chunk: no memory to spare).
    from wirefeed.engine import parallel

    monkeypatch.setattr(parallel, "_OWN_BYTES_AT_MOST", -1)
    asked = renewals_asked(monkeypatch, "wirefeed.pipeline.inputs.run_chunks")
    paths = discover(corpus)
    seen: list[tuple[int, int]] = []
    found = read_inputs(paths, load_site(corpus / "wirefeed.toml"), lambda done, total: seen.append((done, total)), workers=2)
    single = read_inputs(paths, load_site(corpus / "wirefeed.toml"), workers=1)
    assert asked[0] is not None and asked[0] >= 1
    assert [article.resolve() for article in found.articles] == [article.resolve() for article in single.articles]
    assert [str(error) for error in found.rejected] == [str(error) for error in single.rejected]
    assert seen[-1] == (len(paths), len(paths))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_renewed_worker_ends_early_once_it_has_touched_its_share_of_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    # With no memory to spare, each worker ends after its first chunk, whatever its share.
    from wirefeed.engine import parallel

    monkeypatch.setattr(parallel, "_OWN_BYTES_AT_MOST", -1)
    results = run_chunks(12, _pid_of_chunk, 2, renew=6)
    assert [index for index, _ in results] == list(range(12))
    assert len({pid for _, pid in results}) == 12
    monkeypatch.setattr(parallel, "_OWN_BYTES_AT_MOST", 1 << 40)
    assert len({pid for _, pid in run_chunks(12, _pid_of_chunk, 2, renew=6)}) <= 4


# Run in a fresh interpreter (this one has imported every reader already): read the corpus with
# two renewed readers, each ending after one chunk, and tell which reader modules the forked
# readers imported themselves and which the build's process holds.
_READERS_PROBE = """
import os, sys
from pathlib import Path
from wirefeed.config import load_site
from wirefeed.engine import parallel
from wirefeed.pipeline.inputs import discover, read_inputs

parent = os.getpid()
forked = os.open(sys.argv[2], os.O_WRONLY | os.O_APPEND)


def watch(event, args):
    if event == "import" and os.getpid() != parent and args[0].startswith(("wirefeed.readers", "extruct", "trafilatura")):
        os.write(forked, (args[0] + "\\n").encode())


sys.addaudithook(watch)
parallel._OWN_BYTES_AT_MOST = -1
corpus = Path(sys.argv[1])
found = read_inputs(discover(corpus), load_site(corpus / "wirefeed.toml"), workers=2)
print(len(found.articles), sorted(m for m in ("wirefeed.readers.html", "wirefeed.readers.wire") if m in sys.modules))
"""


def test_forked_readers_import_no_reader_the_build_could_import_once(corpus: Path, tmp_path: Path) -> None:
    # The build's process imports the readers of its inputs' formats before it forks readers,
    # so that each fork has them: each used to import them itself (the HTML reader's libraries
    # take a third of a second), and a build forks readers one after another.
    import subprocess
    import sys

    imported = tmp_path / "imported-by-forks.txt"
    imported.write_text("", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", _READERS_PROBE, str(corpus), str(imported)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split(" ", 1) == [str(len(_articles(corpus))), "['wirefeed.readers.html', 'wirefeed.readers.wire']\n"]
    assert imported.read_text(encoding="utf-8") == ""


def test_an_output_of_every_article_is_rendered_in_the_builds_own_process_after_the_workers(tmp_path: Path) -> None:
    """InBuildProcess (a sitemap file): a forked worker that renders it reads every article and
    copies most of the build's memory; the build's own process renders it once they have ended."""
    rendered: list[str] = []

    def by_whom(path: str) -> Callable[[], bytes]:
        def render() -> bytes:
            rendered.append(path)  # seen here only for what this process renders
            return str(os.getpid()).encode("ascii")
        return render

    jobs = [Job(f"pages/{number}.html", "k", by_whom(f"pages/{number}.html")) for number in range(40)]
    jobs.insert(7, Job("sitemap.xml", "k", InBuildProcess(by_whom("sitemap.xml"))))
    output = tmp_path / "output"
    report = run_jobs(jobs, OutputDir(output), Manifest(None, {}), workers=2)
    assert sorted(report.rendered) == sorted(job.path for job in jobs)
    assert (output / "sitemap.xml").read_text() == str(os.getpid())
    assert rendered[-1:] == ["sitemap.xml"]  # after the workers' jobs, whatever this process did of them
    assert {(output / job.path).read_text() for job in jobs} - {str(os.getpid())}  # the rest: forked workers
