"""Speed benchmark: wirefeed against a bare Python floor and Pelican, on one seeded corpus (issue 6).

    make bench                                     # N = 1,000 and 10,000, three runs each
    .venv/bin/python benchmarks/bench.py --sizes 1000,10000,100000 --runs 3
    .venv/bin/python benchmarks/bench.py --sizes 10000 --only wirefeed --profile

For each N the corpus (benchmarks/corpus.py) is generated into a temporary folder, as wirefeed
input and as the same stories in Pelican Markdown, and then, in the same run on the same disk:

    floor                        read the N inputs, write three small files each into a new folder
    wirefeed full                `wirefeed build` from an empty output folder and an empty store
    wirefeed no change           the same build again, nothing changed
    wirefeed one changed         again, after one article gained a paragraph
    pelican full                 Pelican's build of the same stories into an empty folder
    pelican cached, one changed  Pelican with its content cache warm, after one article changed

Each is a fresh process, timed by wall clock; the table gives the median and the minimum over
the runs (timed inside a small wrapper process, so its start-up is not counted). Peak memory is
that of the whole process tree: the larger of the kernel's ru_maxrss for the tree (from
/usr/bin/time where there is one, else from os.wait4 in the wrapper) and the summed resident
memory of every process in the tree sampled every 100 ms, which is what counts once a build
uses a process pool. "PSS MB" is the tree's summed proportional set size, sampled the same way:
a page a forked worker still shares with its parent counts once, not once in each process. The machine may be shared: "others CPU" is the share of its CPU that other
processes used during the worst run (from /proc/stat), to tell a slow build from a busy machine.
Each run appends its rows to benchmarks/history.csv with the commit, the machine and the
corpus's digest. Cleared outputs are renamed aside and deleted only after the last run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (beside this file, not a package)

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
HISTORY = BENCH_DIR / "history.csv"
DEFAULT_SIZES = (1000, 10000)
DEFAULT_RUNS = 3
GNU_TIME = "/usr/bin/time"
SAMPLE_SECONDS = 0.1  # often enough for builds of a second or more, rare enough not to steal a core
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
# What the measurement depends on: a change here makes a row's commit "-dirty".
MEASURED_PATHS = ("src", "pyproject.toml", "benchmarks/corpus.py", "benchmarks/bench.py", "benchmarks/pelican")

FLOOR = "floor"
WIREFEED_FULL = "wirefeed full"
WIREFEED_UNCHANGED = "wirefeed no change"
WIREFEED_ONE = "wirefeed one changed"
PELICAN_FULL = "pelican full"
PELICAN_CACHED_ONE = "pelican cached, one changed"

HISTORY_FIELDS = (
    "commit", "date", "nproc", "cpu", "ram_gb", "python", "load1", "seed", "html_share", "corpus", "store",
    "n", "scenario", "runs", "wall_median_s", "wall_min_s", "articles_per_s", "peak_mb", "vs_pelican", "vs_floor", "others_cpu",
    "peak_pss_mb",
)


class BenchError(Exception):
    """A step of the benchmark failed: which command, and the end of what it printed."""


# --- Measuring one process tree -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    wall_s: float
    peak_mb: float
    others_cpu: float  # the share of the machine's CPU that other processes used meanwhile: noise
    peak_pss_mb: float = 0.0  # the tree's summed proportional set size: a page shared by n processes counts 1/n in each




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


class TreeSampler(threading.Thread):
    """Samples the summed resident memory of a process and all its descendants until stopped."""

    def __init__(self, root_pid: int, *, count_root: bool = True) -> None:
        super().__init__(daemon=True)
        self.root_pid = root_pid
        self.count_root = count_root  # False when the root is /usr/bin/time, not part of what is measured
        self.peak_bytes = 0
        self.peak_pss_bytes = 0
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(SAMPLE_SECONDS):
            tree = _process_tree(self.root_pid)
            measured = tree if self.count_root else tree[1:]
            self.peak_bytes = max(self.peak_bytes, sum(_resident_bytes(pid) for pid in measured))
            self.peak_pss_bytes = max(self.peak_pss_bytes, sum(_proportional_bytes(pid) for pid in measured))

    def stop(self) -> None:
        self._stopped.set()
        self.join()


def _process_tree(root_pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, parent in _parent_pids():
        children.setdefault(parent, []).append(pid)
    tree, pending = [], [root_pid]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, ()))
    return tree


def _parent_pids() -> Iterator[tuple[int, int]]:
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        # The command name may hold spaces and brackets: the parent's pid is the second field after the last ")".
        yield int(entry.name), int(stat.rsplit(")", 1)[1].split()[1])


def _resident_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
    except (OSError, IndexError, ValueError):
        return 0


def _proportional_bytes(pid: int) -> int:
    """The process's PSS: its private pages and its share of those it shares with others.

    Summed RSS counts each page a forked worker shares with its parent once per process; the
    summed PSS of a tree counts it once, which is what the machine gives up. 0 where the kernel
    has no smaps_rollup (before Linux 4.14).
    """
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def child_environment() -> dict[str, str]:
    """The environment the timed tools run in: this one, but free to cache compiled bytecode.

    With PYTHONDONTWRITEBYTECODE set (as on some CI machines) every start compiles wirefeed's
    modules again, about 0.1 s a build that no installed copy pays.
    """
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def measure(command: Sequence[str], log: Path) -> Run:
    """Run `command` to its end with its output in `log`; its wall time and the peak memory of its tree.

    The command runs under a fresh child (this file with --child; see run_child): a child forked
    from this process would start with this process's resident memory, and the kernel's ru_maxrss
    would report that instead of the command's.
    """
    report = log.with_suffix(".json")
    # Flush what earlier steps wrote (a corpus, a deleted output folder) so that its write-back
    # is not charged to this run.
    os.sync()
    with log.open("wb") as output:
        wrapper = [sys.executable, str(Path(__file__).resolve()), "--child", str(report), "--", *command]
        subprocess.run(wrapper, stdout=output, stderr=subprocess.STDOUT, check=False, env=child_environment())
    try:
        result = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BenchError(f"{' '.join(command)} left no measurement:\n{_tail(log)}") from None
    if result["returncode"] != 0:
        raise BenchError(f"{' '.join(command)} exited {result['returncode']}:\n{_tail(log)}")
    peak_bytes = max(result["maxrss_kb"] * 1024, result["tree_peak_bytes"])
    others_cpu = result["others_cpu_s"] / (result["wall_s"] * len(os.sched_getaffinity(0)))
    return Run(wall_s=result["wall_s"], peak_mb=peak_bytes / 2**20, others_cpu=min(1.0, others_cpu),
               peak_pss_mb=result.get("tree_peak_pss_bytes", 0) / 2**20)


def run_child(report: Path, command: Sequence[str]) -> int:
    """Inside the wrapper: run `command`, then write its wall time, exit code and memory to `report`.

    A process's ru_maxrss starts at the resident size of the process that forked it (the kernel
    keeps the high-water mark across exec), so the command is started by /usr/bin/time, a few
    hundred kilobytes, when there is one; else by this wrapper, whose ~20 MB are then a floor.
    """
    maxrss_file = report.with_suffix(".maxrss")
    timer = [GNU_TIME, "--format", "%M", "--output", str(maxrss_file)] if Path(GNU_TIME).is_file() else []
    busy_before = _machine_busy_seconds()
    start = time.perf_counter()
    process = subprocess.Popen([*timer, *command])
    sampler = TreeSampler(process.pid, count_root=not timer)
    sampler.start()
    # wait4 rather than wait: its rusage is the child's, and Linux folds into ru_maxrss the largest
    # of the child's own reaped descendants, so one call covers the whole tree (as /usr/bin/time does).
    _, status, usage = os.wait4(process.pid, 0)
    wall_s = time.perf_counter() - start
    sampler.stop()
    others_cpu_s = max(0.0, _machine_busy_seconds() - busy_before - usage.ru_utime - usage.ru_stime)
    returncode = os.waitstatus_to_exitcode(status)
    process.returncode = returncode
    maxrss_kb = _timer_maxrss_kb(maxrss_file) if timer else usage.ru_maxrss
    result = {
        "wall_s": wall_s, "returncode": returncode, "maxrss_kb": maxrss_kb,
        "tree_peak_bytes": sampler.peak_bytes, "tree_peak_pss_bytes": sampler.peak_pss_bytes, "others_cpu_s": others_cpu_s,
    }
    report.write_text(json.dumps(result), encoding="utf-8")
    return 0


def _timer_maxrss_kb(maxrss_file: Path) -> int:
    # GNU time writes "Command exited with non-zero status N" above the number when the command fails.
    lines = maxrss_file.read_text(encoding="utf-8").split()
    return int(lines[-1]) if lines and lines[-1].isdigit() else 0


def _machine_busy_seconds() -> float:
    """CPU time every process on the machine has used since boot (the `cpu` line of /proc/stat, idle and iowait left out)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _expect_count(log: Path, pattern: str, count: int) -> None:
    """Fail when a tool says it built another number of articles than the corpus holds (a rejected story)."""
    match = re.search(pattern, log.read_text(encoding="utf-8", errors="replace"))
    if match and int(match.group(1).replace(",", "")) != count:
        raise BenchError(f"expected {count} articles, the log says {match.group(0)!r}:\n{_tail(log)}")


# --- The floor --------------------------------------------------------------------------------------


def floor(input_dir: Path, output_dir: Path) -> None:
    """What no build can beat: read each article, write a page-sized file and two small ones for it."""
    articles = output_dir / "articles"
    articles.mkdir(parents=True)
    for path in sorted(input_dir.rglob("*")):
        if path.suffix not in (".txt", ".html"):
            continue
        data = path.read_bytes()
        (articles / f"{path.stem}.html").write_bytes(data)
        summary = json.dumps({"id": path.stem, "bytes": len(data)})
        (articles / f"{path.stem}.jsonld").write_text(summary, encoding="utf-8")
        (articles / f"{path.stem}.json").write_text(summary, encoding="utf-8")


# --- The tools --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Wirefeed:
    """How to call this checkout's wirefeed, and which of the options the benchmark uses it has."""

    executable: tuple[str, ...]
    has_store_option: bool  # --store FILE: the publishing history (absent before the store was wired in)
    has_now_option: bool  # --now TIME: a fixed build time, so the clock never changes the output

    @classmethod
    def detect(cls) -> Wirefeed:
        executable = _venv_tool("wirefeed") or (sys.executable, "-m", "wirefeed")
        # Also the warm-up: the modules the command imports are compiled and cached before any timing.
        help_text = subprocess.run([*executable, "build", "--help"], capture_output=True, text=True, check=True, env=child_environment()).stdout
        return cls(executable=executable, has_store_option="--store" in help_text, has_now_option="--now" in help_text)

    def command(self, input_dir: Path, output_dir: Path, state_dir: Path) -> list[str]:
        command = [*self.executable, "build", str(input_dir), "-o", str(output_dir)]
        if self.has_store_option:
            command += ["--store", str(state_dir / "store.sqlite")]
        if self.has_now_option:
            command += ["--now", corpus.BUILD_TIME]
        return command


def _venv_tool(name: str) -> tuple[str, ...] | None:
    script = Path(sys.executable).parent / name
    return (str(script),) if script.is_file() else None


def pelican_command(pelican_dir: Path, output_dir: Path, cache_dir: Path | None = None) -> list[str]:
    executable = _venv_tool("pelican") or (sys.executable, "-m", "pelican")
    command = [*executable, str(pelican_dir / "content"), "-s", str(pelican_dir / "pelicanconf.py"), "-o", str(output_dir), "-q"]
    if cache_dir is not None:
        command += ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f"CACHE_PATH={json.dumps(str(cache_dir))}"]
    return command


def pelican_available() -> bool:
    try:
        import pelican  # noqa: F401
    except ImportError:
        return False
    return True


# --- One size ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Workspace:
    """The folders of one N: the two corpora, and what the builds write."""

    root: Path
    trash: Path  # where cleared folders wait, on the same file system, until every timing is done

    def clear(self, path: Path) -> None:
        """Make `path` absent without deleting anything yet.

        On the disk of the machines this was written on, creating files stays several times slower
        for a minute or more after tens of thousands were deleted (the floor: 1.1 s after a rename,
        15 s right after an rm -rf of its previous output), which would be charged to whatever runs
        next. Renaming is one metadata update; the trash is deleted once all runs are over.
        """
        if path.exists():
            self.trash.mkdir(parents=True, exist_ok=True)
            path.rename(self.trash / f"{time.monotonic_ns()}-{path.name}")

    @property
    def wire(self) -> Path:
        return self.root / "wire"

    @property
    def pelican(self) -> Path:
        return self.root / "pelican"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def state(self) -> Path:
        return self.root / "state"  # wirefeed's store and what it keeps beside it

    @property
    def cache(self) -> Path:
        return self.root / "pelican-cache"

    def log(self, scenario: str) -> Path:
        return self.root / f"{scenario.replace(' ', '-').replace(',', '')}.log"


@dataclass(frozen=True, slots=True)
class Options:
    sizes: tuple[int, ...]
    runs: int
    seed: int
    html_share: float
    pelican: bool
    pelican_cached: bool
    wirefeed: bool
    profile: bool


def bench_size(count: int, options: Options, workspace: Workspace, tool: Wirefeed) -> list[Scenario]:
    corpus_files = _generate(count, options, workspace)
    digest = corpus.corpus_digest(workspace.wire)
    results = [run_floor(Scenario(FLOOR, count, digest), options, workspace)]
    if options.wirefeed:
        results += run_wirefeed(count, digest, options, workspace, tool, corpus_files)
    if options.pelican:
        results += run_pelican(count, digest, options, workspace)
    if options.profile:
        profile_wirefeed(count, workspace, tool, corpus_files)
    return results


def _generate(count: int, options: Options, workspace: Workspace) -> set[Path]:
    """Write both corpora; return every path of the wirefeed one (what a reset keeps)."""
    start = time.perf_counter()
    corpus.write_corpus(count, workspace.wire, seed=options.seed, html_share=options.html_share)
    if options.pelican:
        corpus.write_corpus(count, workspace.pelican, seed=options.seed, corpus_format="pelican")
    _progress(f"[{count:,}] corpus generated in {time.perf_counter() - start:.1f} s")
    return set(workspace.wire.rglob("*"))


def run_floor(scenario: Scenario, options: Options, workspace: Workspace) -> Scenario:
    for _ in range(options.runs):
        workspace.clear(workspace.output)
        command = [sys.executable, str(Path(__file__).resolve()), "--floor", str(workspace.wire), str(workspace.output)]
        _record(scenario, measure(command, workspace.log(FLOOR)))
    workspace.clear(workspace.output)
    return scenario


def run_wirefeed(
    count: int, digest: str, options: Options, workspace: Workspace, tool: Wirefeed, corpus_files: set[Path]
) -> list[Scenario]:
    command = tool.command(workspace.wire, workspace.output, workspace.state)
    full = Scenario(WIREFEED_FULL, count, digest)
    for _ in range(options.runs):
        _reset_wirefeed(workspace, corpus_files)
        _record(full, _measure_wirefeed(command, workspace.log(WIREFEED_FULL), count))
    unchanged = Scenario(WIREFEED_UNCHANGED, count, digest)
    for _ in range(options.runs):
        _record(unchanged, _measure_wirefeed(command, workspace.log(WIREFEED_UNCHANGED), count))
    one = Scenario(WIREFEED_ONE, count, digest)
    story = _story_to_edit(count, options)
    for revision in range(1, options.runs + 1):
        corpus.write_story_input(workspace.wire, corpus.revised(story, revision))
        _record(one, _measure_wirefeed(command, workspace.log(WIREFEED_ONE), count))
    corpus.write_story_input(workspace.wire, story)
    return [full, unchanged, one]


def _measure_wirefeed(command: Sequence[str], log: Path, count: int) -> Run:
    run = measure(command, log)
    _expect_count(log, r"built ([\d,]+) articles?", count)
    return run


def _reset_wirefeed(workspace: Workspace, corpus_files: set[Path]) -> None:
    """An empty output and no publishing history, wherever this wirefeed keeps it."""
    workspace.clear(workspace.output)
    workspace.clear(workspace.state)
    # Without --store, wirefeed keeps its history beside the config: anything the corpus did not write goes.
    for path in sorted(workspace.wire.rglob("*"), reverse=True):
        if path.is_dir() and path not in corpus_files and not any(path.iterdir()):
            path.rmdir()
        elif path.is_file() and path not in corpus_files:
            path.unlink()


def _story_to_edit(count: int, options: Options) -> corpus.Story:
    """A story from the middle of the corpus: neither the newest (in every feed) nor the oldest."""
    return corpus.draw_story(options.seed, count // 2, corpus.staff(options.seed), options.html_share)


def run_pelican(count: int, digest: str, options: Options, workspace: Workspace) -> list[Scenario]:
    full = Scenario(PELICAN_FULL, count, digest)
    log = workspace.log(PELICAN_FULL)
    for _ in range(options.runs):
        workspace.clear(workspace.output)
        _record(full, measure(pelican_command(workspace.pelican, workspace.output), log))
        _expect_count(log, r"Processed ([\d,]+) articles", count)
    if not options.pelican_cached:
        return [full]
    return [full, _run_pelican_cached(Scenario(PELICAN_CACHED_ONE, count, digest), options, workspace)]


def _run_pelican_cached(scenario: Scenario, options: Options, workspace: Workspace) -> Scenario:
    command = pelican_command(workspace.pelican, workspace.output, workspace.cache)
    log = workspace.log(PELICAN_CACHED_ONE)
    workspace.clear(workspace.output)
    workspace.clear(workspace.cache)
    measure(command, log)  # fills the cache; not timed
    story = _story_to_edit(scenario.count, options)
    for revision in range(1, options.runs + 1):
        corpus.write_story_pelican(workspace.pelican, corpus.revised(story, revision))
        _record(scenario, measure(command, log))
    corpus.write_story_pelican(workspace.pelican, story)
    return scenario


def _record(scenario: Scenario, run: Run) -> None:
    scenario.runs.append(run)
    _progress(f"[{scenario.count:,}] {scenario.name}, run {len(scenario.runs)}: {run.wall_s:.2f} s, {run.peak_mb:.0f} MB, others' CPU {run.others_cpu:.0%}")


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- Profiling --------------------------------------------------------------------------------------


def profile_wirefeed(count: int, workspace: Workspace, tool: Wirefeed, corpus_files: set[Path], top: int = 10) -> None:
    """One more full build under py-spy; print the functions with the most samples, own and inclusive."""
    py_spy = _venv_tool("py-spy") or ((found,) if (found := shutil.which("py-spy")) else None)
    if py_spy is None:
        raise BenchError("--profile needs py-spy: .venv/bin/pip install py-spy")
    _reset_wirefeed(workspace, corpus_files)
    raw = workspace.root / "profile.txt"
    command = [*py_spy, "record", "--format", "raw", "--rate", "200", "--subprocesses", "--output", str(raw), "--"]
    subprocess.run([*command, *tool.command(workspace.wire, workspace.output, workspace.state)], check=True, capture_output=True)
    print_profile(raw, f"a full wirefeed build of {count:,} articles", top)


def print_profile(raw: Path, what: str, top: int = 10) -> None:
    own_lines, own, inclusive, total = _profile_counts(raw)
    print(f"\nProfile of {what} ({total:,} samples at 200 Hz over all its processes; with --workdir, raw stacks in {raw}):")
    for title, counts in (("own time, by line", own_lines), ("own time, by function", own), ("inclusive time, wirefeed's functions", inclusive)):
        print(f"  top {top} by {title}:")
        for frame, samples in counts.most_common(top):
            print(f"    {100 * samples / total:5.1f}%  {frame}")


def _profile_counts(raw: Path) -> tuple[Counter[str], Counter[str], Counter[str], int]:
    """py-spy's raw format is one `frame;frame;... count` line per distinct stack, outermost first."""
    own_lines: Counter[str] = Counter()
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, samples_text = line.rpartition(" ")
        samples = int(samples_text)
        innermost = stack.rsplit(";", 1)[-1]
        frames = [_function(frame) for frame in stack.split(";")]
        total += samples
        own_lines[innermost] += samples
        own[frames[-1]] += samples
        for frame in set(frames):  # a recursive function counts once per stack
            if frame.startswith("wirefeed/") or "(wirefeed/" in frame:
                inclusive[frame] += samples
    return own_lines, own, inclusive, total


def _function(frame: str) -> str:
    # `render (wirefeed/writers/html.py:42)` -> `render (wirefeed/writers/html.py)`: by function, not by line.
    return re.sub(r":\d+\)$", ")", frame)


# --- Reporting --------------------------------------------------------------------------------------


def print_table(results: Sequence[Scenario]) -> None:
    header = (f"{'N':>8}  {'scenario':<28} {'median s':>9} {'min s':>8} {'articles/s':>11} {'peak MB':>8} {'PSS MB':>7} "
              f"{'x pelican':>10} {'x floor':>8} {'others CPU':>11}")
    print(header)
    print("-" * len(header))
    for scenario in results:
        vs_pelican, vs_floor = _ratios(scenario, results)
        print(
            f"{scenario.count:>8,}  {scenario.name:<28} {scenario.median_s:>9.2f} {scenario.min_s:>8.2f} "
            f"{scenario.articles_per_s:>11,.0f} {scenario.peak_mb:>8.0f} {scenario.peak_pss_mb:>7.0f} {_ratio_text(vs_pelican):>10} {_ratio_text(vs_floor):>8} {scenario.others_cpu:>11.0%}"
        )


def _ratios(scenario: Scenario, results: Sequence[Scenario]) -> tuple[float | None, float | None]:
    """Median time over Pelican's full build and over the floor, at the same N."""
    baselines = {other.name: other.median_s for other in results if other.count == scenario.count}
    pelican = baselines.get(PELICAN_FULL)
    floor_s = baselines.get(FLOOR)
    return (scenario.median_s / pelican if pelican else None, scenario.median_s / floor_s if floor_s else None)


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


def append_history(results: Sequence[Scenario], options: Options, tool: Wirefeed, machine: Machine, history: Path) -> None:
    common = {
        "commit": git_commit(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "nproc": machine.nproc, "cpu": machine.cpu, "ram_gb": f"{machine.ram_gb:.1f}", "python": machine.python,
        "load1": f"{machine.load1:.2f}",
        "seed": options.seed, "html_share": options.html_share, "store": "yes" if tool.has_store_option else "no",
    }
    _upgrade_history(history)
    is_new = not history.exists()
    with history.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HISTORY_FIELDS)
        if is_new:
            writer.writeheader()
        for scenario in results:
            vs_pelican, vs_floor = _ratios(scenario, results)
            writer.writerow({
                **common, "n": scenario.count, "corpus": scenario.corpus, "scenario": scenario.name, "runs": len(scenario.runs),
                "wall_median_s": f"{scenario.median_s:.3f}", "wall_min_s": f"{scenario.min_s:.3f}",
                "articles_per_s": f"{scenario.articles_per_s:.0f}", "peak_mb": f"{scenario.peak_mb:.0f}",
                "vs_pelican": "" if vs_pelican is None else f"{vs_pelican:.3f}",
                "vs_floor": "" if vs_floor is None else f"{vs_floor:.3f}",
                "others_cpu": f"{scenario.others_cpu:.2f}", "peak_pss_mb": f"{scenario.peak_pss_mb:.0f}",
            })


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


# --- Command line -----------------------------------------------------------------------------------


def parse_options(argv: Sequence[str] | None) -> tuple[Options, argparse.Namespace]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="numbers of articles, comma-separated (default: 1000,10000)")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="timed runs of each scenario (default: 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--html-share", type=float, default=None, help="share of HTML pages (default: 0.1 once wirefeed reads .html, else 0)")
    parser.add_argument("--only", choices=("wirefeed", "pelican"), help="skip the other tool (the floor always runs)")
    parser.add_argument("--no-pelican-cache", action="store_true", help="skip Pelican's cached scenario (it needs one untimed build to warm up)")
    parser.add_argument("--profile", action="store_true", help="after the timed runs, profile one full wirefeed build with py-spy")
    parser.add_argument("--workdir", type=Path, help="where the corpora and outputs go (default: a new temporary folder, removed at the end)")
    parser.add_argument("--history", type=Path, default=HISTORY, help="CSV file the results are appended to")
    parser.add_argument("--no-history", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    html_share = corpus.default_html_share() if args.html_share is None else args.html_share
    if html_share > 0 and not corpus.html_is_readable():
        parser.error("--html-share > 0, but this wirefeed has no .html reader")
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    with_pelican = args.only != "wirefeed"
    if with_pelican and not pelican_available():
        parser.error("Pelican is not installed: .venv/bin/pip install -e '.[bench]' (or --only wirefeed)")
    options = Options(
        sizes=tuple(int(size) for size in args.sizes.split(",")),
        runs=args.runs,
        seed=args.seed,
        html_share=html_share,
        pelican=with_pelican,
        pelican_cached=with_pelican and not args.no_pelican_cache,
        wirefeed=args.only != "pelican",
        profile=args.profile,
    )
    return options, args


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # The processes the benchmark runs as children of itself; handled before parse_options, which
    # imports wirefeed (to see whether it reads .html) and would make the floor pay for that.
    if arguments[:1] == ["--floor"]:
        floor(Path(arguments[1]), Path(arguments[2]))
        return 0
    if arguments[:1] == ["--child"]:
        return run_child(Path(arguments[1]), arguments[3:])  # --child REPORT -- COMMAND...
    options, args = parse_options(arguments)
    tool = Wirefeed.detect()
    machine = Machine.here()
    root = args.workdir or Path(tempfile.mkdtemp(prefix="wirefeed-bench-"))
    trash = root / "trash"
    results: list[Scenario] = []
    try:
        for count in options.sizes:
            workspace = Workspace(root / str(count), trash)
            workspace.clear(workspace.root)  # a --workdir used before
            results += bench_size(count, options, workspace, tool)
    except BenchError as error:
        print(f"bench failed: {error}", file=sys.stderr)
        return 1
    finally:
        _progress("removing the benchmark's files")
        _remove(root if args.workdir is None else trash)
    print(f"\n{machine}; commit {git_commit()}; seed {options.seed}, HTML share {options.html_share:g}, wirefeed store {'on' if tool.has_store_option else 'absent'}")
    print_table(results)
    if not args.no_history:
        append_history(results, options, tool, machine, args.history)
        print(f"\nappended {len(results)} rows to {args.history}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
