"""The speed benchmark's bookkeeping (benchmarks/bench.py, report.py): tools take turns run by run,
min / median / max and the ratios over Hugo, Pelican and the floor, and history.csv rows old and new."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
import bench  # noqa: E402
import report  # noqa: E402
from measuring import Run  # noqa: E402

OLD_HEADER = (
    "commit,date,nproc,cpu,ram_gb,python,load1,seed,html_share,corpus,store,n,scenario,runs,wall_median_s,wall_min_s,"
    "articles_per_s,peak_mb,vs_pelican,vs_floor,others_cpu,peak_pss_mb"
)
OLD_ROW = "825ad04,2026-11-24T14:45:02Z,2,AMD EPYC,23.5,3.11.7,0.20,1,0.1,ea6c20fdc8b7,yes,1000,floor,3,0.313,0.242,3197,23,0.123,1.000,0.03,"


def _scenario(name: str, *walls: float, count: int = 1000) -> report.Scenario:
    return report.Scenario(name, count, "digest", [Run(wall_s=wall, peak_mb=10.0, others_cpu=0.5) for wall in walls])


def test_the_tools_take_turns_run_by_run() -> None:
    order: list[str] = []

    def step(name: str) -> bench.Step:
        def run() -> Run:
            order.append(name)
            return Run(wall_s=1.0, peak_mb=1.0, others_cpu=0.0)
        return (_scenario(name), run)

    steps = [step(report.FLOOR), step(report.WIREFEED_FULL), step(report.HUGO_FULL), step(report.PELICAN_FULL)]
    rounds: list[int] = []
    bench.run_rounds(2, steps, before_round=rounds.append)
    assert order == ["floor", "wirefeed full", "hugo full", "pelican full"] * 2
    assert rounds == [1, 2]
    assert [len(scenario.runs) for scenario, _ in steps] == [2, 2, 2, 2]


def test_table_gives_min_median_max_and_the_ratios(capsys: pytest.CaptureFixture[str]) -> None:
    results = [
        _scenario(report.FLOOR, 1.0, 2.0, 3.0),
        _scenario(report.WIREFEED_FULL, 12.0, 10.0, 20.0),
        _scenario(report.HUGO_FULL, 5.0, 8.0, 9.0),
        _scenario(report.PELICAN_FULL, 30.0, 40.0, 35.0),
    ]
    report.print_table(results)
    report.print_full_build_ratios(results)
    lines = capsys.readouterr().out.splitlines()
    wirefeed = next(line for line in lines if "  wirefeed full " in line and "over" not in line).split()
    # N, name (2 words), median, min, max, articles/s, peak, PSS, x hugo, x pelican, x floor, others
    assert wirefeed[3:6] == ["12.00", "10.00", "20.00"]
    assert wirefeed[9:12] == ["1.50", "0.34", "6.00"]
    assert lines[-1] == "   1,000  wirefeed full over hugo full: 1.50 (2.00); over pelican full: 0.34 (0.33); over floor: 6.00 (10.00)"


def test_history_keeps_old_rows_and_adds_the_new_columns(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    history.write_text(f"{OLD_HEADER}\n{OLD_ROW}\n", encoding="utf-8")
    results = [_scenario(report.WIREFEED_FULL, 12.0, 10.0, 20.0), _scenario(report.HUGO_FULL, 5.0, 8.0, 9.0)]
    machine = report.Machine(nproc=2, cpu="Test CPU", ram_gb=24.0, python="3.11.7", load1=1.5)
    context = report.RunContext(seed=1, html_share=0.1, store=True, hugo="0.111.3")
    report.append_history(results, context, machine, history)
    with history.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == report.HISTORY_FIELDS
    assert {key: rows[0][key] for key in ("commit", "scenario", "wall_median_s", "peak_pss_mb", "wall_max_s", "vs_hugo", "hugo")} == {
        "commit": "825ad04", "scenario": "floor", "wall_median_s": "0.313", "peak_pss_mb": "", "wall_max_s": "", "vs_hugo": "", "hugo": "",
    }
    assert {key: rows[1][key] for key in ("scenario", "wall_median_s", "wall_min_s", "wall_max_s", "vs_hugo", "vs_pelican", "hugo")} == {
        "scenario": "wirefeed full", "wall_median_s": "12.000", "wall_min_s": "10.000", "wall_max_s": "20.000",
        "vs_hugo": "1.500", "vs_pelican": "", "hugo": "0.111.3",
    }
    assert rows[2]["scenario"] == "hugo full" and rows[2]["vs_hugo"] == "1.000"


def test_a_memory_sample_across_a_fork_or_an_exit_is_left_out() -> None:
    """benchmarks/measuring.py: PSS read process by process is a moment's sum only when no
    process forked or ended meanwhile (each page's share depends on how many hold it)."""
    from benchmarks.measuring import consistent_sum

    assert consistent_sum([10, 11, 12], [300, 250, 250], [10, 11, 12]) == 800
    assert consistent_sum([10, 11, 12], [300, 250, 375], [10, 12]) == 0  # 11 ended while 12 was read
    assert consistent_sum([10, 11, 12], [300, 0, 375], [10, 11, 12]) == 0  # 11 ended, not yet waited for
    assert consistent_sum([10, 11], [300, 250], [10, 11, 13]) == 0  # 13 forked meanwhile


def test_the_tree_sampler_measures_a_running_process_and_its_child_and_stops() -> None:
    import subprocess
    import sys

    from benchmarks.measuring import TreeSampler

    # A parent holding 40 MB, and a child it forked that shares them.
    script = "import os, time; data = b'x' * (40 << 20); pid = os.fork(); time.sleep(1.0); pid and os.waitpid(pid, 0)"
    process = subprocess.Popen([sys.executable, "-c", script])
    sampler = TreeSampler(process.pid)
    sampler.start()
    process.wait()
    sampler.stop()
    assert 40 << 20 < sampler.peak_pss_bytes < 120 << 20  # the 40 MB once, shared, with two interpreters
    assert sampler.peak_bytes > sampler.peak_pss_bytes  # resident memory counts the shared pages twice
