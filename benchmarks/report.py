"""Reporting for the speed benchmark (benchmarks/bench.py): the scenarios' figures, the table, the ratios, history.csv."""

from __future__ import annotations

import csv
import os
import platform
import statistics
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from measuring import Run

REPO = Path(__file__).resolve().parent.parent
# What the measurement depends on: a change here makes a row's commit "-dirty".
MEASURED_PATHS = (
    "src", "pyproject.toml", "benchmarks/corpus.py", "benchmarks/bench.py", "benchmarks/measuring.py", "benchmarks/pelican", "benchmarks/hugo",
)

FLOOR = "floor"
WIREFEED_FULL = "wirefeed full"
WIREFEED_UNCHANGED = "wirefeed no change"
WIREFEED_ONE = "wirefeed one changed"
WIREFEED_SERVED_ONE = "wirefeed served, one changed"
WIREFEED_SERVED_UNCHANGED = "wirefeed served, no change"
HUGO_FULL = "hugo full"
HUGO_ONE = "hugo again, one changed"
PELICAN_FULL = "pelican full"
PELICAN_CACHED_ONE = "pelican cached, one changed"
RATIO_BASES = (HUGO_FULL, PELICAN_FULL, FLOOR)  # the table's "x hugo", "x pelican" and "x floor"

# Columns are only ever added at the end: _upgrade_history gives older files the new ones, empty.
HISTORY_FIELDS = (
    "commit", "date", "nproc", "cpu", "ram_gb", "python", "load1", "seed", "html_share", "corpus", "store",
    "n", "scenario", "runs", "wall_median_s", "wall_min_s", "articles_per_s", "peak_mb", "vs_pelican", "vs_floor", "others_cpu",
    "peak_pss_mb", "wall_max_s", "vs_hugo", "hugo",
)


@dataclass(slots=True)
class Scenario:
    """The runs of one scenario at one N."""

    name: str
    count: int
    corpus: str  # the corpus's digest: rows compare only when it is the same
    runs: list[Run] = field(default_factory=list)

    @property
    def median_s(self) -> float:
        return statistics.median(run.wall_s for run in self.runs)

    @property
    def min_s(self) -> float:
        return min(run.wall_s for run in self.runs)

    @property
    def max_s(self) -> float:
        return max(run.wall_s for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)

    @property
    def peak_pss_mb(self) -> float:
        return max(run.peak_pss_mb for run in self.runs)

    @property
    def articles_per_s(self) -> float:
        return self.count / self.median_s

    @property
    def others_cpu(self) -> float:
        """The worst run's: a number taken while other work loaded the machine is not to be trusted."""
        return max(run.others_cpu for run in self.runs)


def print_table(results: Sequence[Scenario]) -> None:
    header = (f"{'N':>8}  {'scenario':<28} {'median s':>9} {'min s':>7} {'max s':>7} {'articles/s':>11} {'peak MB':>8} {'PSS MB':>7} "
              f"{'x hugo':>7} {'x pelican':>10} {'x floor':>8} {'others CPU':>11}")
    print(header)
    print("-" * len(header))
    for scenario in results:
        ratios = " ".join(f"{_ratio_text(ratio):>{width}}" for ratio, width in zip(_ratios(scenario, results), (7, 10, 8)))
        print(
            f"{scenario.count:>8,}  {scenario.name:<28} {scenario.median_s:>9.2f} {scenario.min_s:>7.2f} {scenario.max_s:>7.2f} "
            f"{scenario.articles_per_s:>11,.0f} {scenario.peak_mb:>8.0f} {scenario.peak_pss_mb:>7.0f} {ratios} {scenario.others_cpu:>11.0%}"
        )


def print_full_build_ratios(results: Sequence[Scenario]) -> None:
    """wirefeed's full build over each other full build at the same N: on the medians, and on the minima
    (the run least disturbed by other work on the machine)."""
    for count in sorted({scenario.count for scenario in results}):
        at_count = {scenario.name: scenario for scenario in results if scenario.count == count}
        wirefeed = at_count.get(WIREFEED_FULL)
        if wirefeed is None:
            continue
        parts = [
            f"over {name}: {wirefeed.median_s / other.median_s:.2f} ({wirefeed.min_s / other.min_s:.2f})"
            for name in (HUGO_FULL, PELICAN_FULL, FLOOR) if (other := at_count.get(name))
        ]
        print(f"{count:>8,}  wirefeed full " + "; ".join(parts))


def _ratios(scenario: Scenario, results: Sequence[Scenario]) -> tuple[float | None, ...]:
    """Median time over Hugo's full build, Pelican's and the floor, at the same N."""
    baselines = {other.name: other.median_s for other in results if other.count == scenario.count}
    return tuple(scenario.median_s / base if (base := baselines.get(name)) else None for name in RATIO_BASES)


def _ratio_text(ratio: float | None) -> str:
    return "" if ratio is None else f"{ratio:.2f}"


@dataclass(frozen=True, slots=True)
class Machine:
    nproc: int
    cpu: str
    ram_gb: float
    python: str
    load1: float  # the load average when the run began: other work on the machine makes numbers noisy

    @classmethod
    def here(cls) -> Machine:
        return cls(
            nproc=len(os.sched_getaffinity(0)), cpu=_cpu_model(), ram_gb=_ram_gb(),
            python=platform.python_version(), load1=os.getloadavg()[0],
        )

    def __str__(self) -> str:
        return f"{self.nproc} cores, {self.cpu}, {self.ram_gb:.0f} GB RAM, Python {self.python}, load {self.load1:.2f} at start"


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _ram_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 2**20
    return 0.0


def git_commit() -> str:
    """The short commit, with `-dirty` when the code under measurement has uncommitted changes."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", *MEASURED_PATHS)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit}-dirty" if dirty else commit


@dataclass(frozen=True, slots=True)
class RunContext:
    """What a history row records besides its scenario: the corpus's settings and the tools' versions."""

    seed: int
    html_share: float
    store: bool  # whether this wirefeed kept its history in the --store given
    hugo: str  # Hugo's version, "" when Hugo did not run


def append_history(results: Sequence[Scenario], context: RunContext, machine: Machine, history: Path) -> None:
    common = {
        "commit": git_commit(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "nproc": machine.nproc, "cpu": machine.cpu, "ram_gb": f"{machine.ram_gb:.1f}", "python": machine.python,
        "load1": f"{machine.load1:.2f}",
        "seed": context.seed, "html_share": context.html_share, "store": "yes" if context.store else "no", "hugo": context.hugo,
    }
    _upgrade_history(history)
    is_new = not history.exists()
    with history.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HISTORY_FIELDS)
        if is_new:
            writer.writeheader()
        for scenario in results:
            vs_hugo, vs_pelican, vs_floor = _ratios(scenario, results)
            writer.writerow({
                **common, "n": scenario.count, "corpus": scenario.corpus, "scenario": scenario.name, "runs": len(scenario.runs),
                "wall_median_s": f"{scenario.median_s:.3f}", "wall_min_s": f"{scenario.min_s:.3f}", "wall_max_s": f"{scenario.max_s:.3f}",
                "articles_per_s": f"{scenario.articles_per_s:.0f}", "peak_mb": f"{scenario.peak_mb:.0f}",
                "vs_pelican": _ratio_cell(vs_pelican), "vs_floor": _ratio_cell(vs_floor), "vs_hugo": _ratio_cell(vs_hugo),
                "others_cpu": f"{scenario.others_cpu:.2f}", "peak_pss_mb": f"{scenario.peak_pss_mb:.0f}",
            })


def _ratio_cell(ratio: float | None) -> str:
    return "" if ratio is None else f"{ratio:.3f}"


def _upgrade_history(history: Path) -> None:
    """Give a history file written before a column was added that column, empty in its old rows."""
    if not history.exists():
        return
    with history.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) == HISTORY_FIELDS:
            return
        rows = list(reader)
    with history.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HISTORY_FIELDS, restval="")
        writer.writeheader()
        writer.writerows(rows)
