"""Speed benchmark: wirefeed against a bare Python floor, Hugo and Pelican, on one seeded corpus (issues 6, 19).

    make bench                                     # N = 1,000 and 10,000, three runs each
    .venv/bin/python benchmarks/bench.py --sizes 1000,10000,100000 --runs 3
    .venv/bin/python benchmarks/bench.py --sizes 10000 --only wirefeed --profile

For each N the corpus (benchmarks/corpus.py) is generated into a temporary folder, as wirefeed
input and as the same stories in Hugo and in Pelican Markdown, and then, in the same run on the
same disk:

    floor                        read the N inputs, write three small files each into a new folder (floor.py)
    wirefeed full                `wirefeed build` from an empty output folder and an empty store
    hugo full                    Hugo's build of the same stories (site in benchmarks/hugo/) into an empty folder
    pelican full                 Pelican's build of the same stories into an empty folder
    wirefeed no change           the same wirefeed build again, nothing changed
    wirefeed one changed         again, after one article gained a paragraph
    hugo again, one changed      `hugo` again over its last output, after the same edit: Hugo keeps no
                                 state between runs, so this renders and writes the whole site again
    pelican cached, one changed  Pelican with its content cache warm, after the same edit
    wirefeed served, one changed the same `wirefeed build` command after a new edit, with
                                 `wirefeed build-server` of the site running (started after the
                                 rounds above, untimed; its memory is printed apart)
    wirefeed served, no change   the same command again, nothing changed, the server running

The tools take turns run by run: the full builds go floor, wirefeed, Hugo, Pelican, then the
next round, so that a stretch of load from other work on the machine falls on every tool
alike, not on all the runs of one; the one-change rounds go the same way, each round after
a new edit. Each is a fresh process, timed by wall clock in a small wrapper process
(measuring.py), so that its start-up is not counted; the table gives the median, minimum and
maximum over the runs and each scenario's median over Hugo's, Pelican's and the floor's full
builds at the same N. Peak memory is that of the whole process tree: the larger of the
kernel's ru_maxrss for the tree (from /usr/bin/time where there is one, else from os.wait4
in the wrapper) and the summed resident memory of every process in the tree sampled every
100 ms, which is what counts once a build uses a process pool. "PSS MB" is the tree's summed
proportional set size, sampled the same way: a page a forked worker still shares with its
parent counts once, not once in each process. The machine may be shared: "others CPU" is the
share of its CPU that other processes used during the worst run (from /proc/stat), to tell a
slow build from a busy machine. Each run appends its rows to benchmarks/history.csv with the
commit, the machine, Hugo's version and the corpus's digest. Cleared outputs are renamed aside
and deleted only after the last run.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Beside this file, not a package.
import corpus  # noqa: E402
from measuring import BenchError, Run, child_environment, log_tail, measure  # noqa: E402
from report import (  # noqa: E402
    FLOOR, HUGO_FULL, HUGO_ONE, PELICAN_CACHED_ONE, PELICAN_FULL, WIREFEED_FULL, WIREFEED_ONE, WIREFEED_SERVED_ONE,
    WIREFEED_SERVED_UNCHANGED, WIREFEED_UNCHANGED,
    Machine, RunContext, Scenario, append_history, git_commit, print_full_build_ratios, print_table,
)
from tools import Hugo, Wirefeed, pelican_available, pelican_command, pelican_version, venv_tool  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent
HISTORY = BENCH_DIR / "history.csv"
FLOOR_PY = BENCH_DIR / "floor.py"
DEFAULT_SIZES = (1000, 10000)
DEFAULT_RUNS = 3
WIREFEED, HUGO, PELICAN = "wirefeed", "hugo", "pelican"


def _expect_count(log: Path, pattern: str, count: int) -> None:
    """Fail when a tool says it built another number of articles than the corpus holds (a rejected story)."""
    match = re.search(pattern, log.read_text(encoding="utf-8", errors="replace"))
    if match and int(match.group(1).replace(",", "")) != count:
        raise BenchError(f"expected {count} articles, the log says {match.group(0)!r}:\n{log_tail(log)}")


def _expect_pages(folder: Path, count: int, log: Path) -> None:
    """Fail when a build wrote another number of article pages than the corpus has stories (Hugo says only its total)."""
    written = sum(1 for _ in folder.glob("*.html"))
    if written != count:
        raise BenchError(f"expected {count} article pages in {folder}, found {written}:\n{log_tail(log)}")


# --- One size ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Workspace:
    """The folders of one N: the corpora, and what each tool's builds write."""

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
    def hugo(self) -> Path:
        return self.root / "hugo"

    def output(self, tool: str) -> Path:
        """Each tool its own output folder: its rebuilds start from its own last full build."""
        return self.root / f"output-{tool}"

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
    hugo: Hugo | None  # None: not asked for, or not installed
    profile: bool


# A timed run of one scenario: the scenario, and what runs (and checks) it, returning its measurement.
Step = tuple[Scenario, Callable[[], Run]]


def run_rounds(runs: int, steps: Sequence[Step], before_round: Callable[[int], None] | None = None) -> None:
    """Each step once per round, in order, `runs` rounds: the tools take turns run by run."""
    for number in range(1, runs + 1):
        if before_round is not None:
            before_round(number)
        for scenario, step in steps:
            _record(scenario, step())


@dataclass(slots=True)
class SizeBench:
    """The scenarios of one N and how each runs."""

    count: int
    options: Options
    workspace: Workspace
    tool: Wirefeed
    corpus_files: set[Path]  # every path of the wirefeed corpus: what a reset keeps
    digest: str

    def scenario(self, name: str) -> Scenario:
        return Scenario(name, self.count, self.digest)

    def full_builds(self) -> list[Step]:
        return self._steps(
            (True, FLOOR, self.floor),
            (self.options.wirefeed, WIREFEED_FULL, self.wirefeed_full),
            (self.options.hugo is not None, HUGO_FULL, self.hugo_full),
            (self.options.pelican, PELICAN_FULL, self.pelican_full),
        )

    def one_change_rebuilds(self) -> list[Step]:
        return self._steps(
            (self.options.wirefeed, WIREFEED_ONE, self.wirefeed_again),
            (self.options.hugo is not None, HUGO_ONE, self.hugo_again),
            (self.options.pelican_cached, PELICAN_CACHED_ONE, self.pelican_cached),
        )

    def _steps(self, *candidates: tuple[bool, str, Callable[[], Run]]) -> list[Step]:
        """A step for each scenario whose tool runs in this benchmark."""
        return [(self.scenario(name), step) for wanted, name, step in candidates if wanted]

    # The steps.

    def floor(self) -> Run:
        output = self.workspace.output(FLOOR)
        self.workspace.clear(output)
        return measure([sys.executable, str(FLOOR_PY), str(self.workspace.wire), str(output)], self.workspace.log(FLOOR))

    def wirefeed_full(self) -> Run:
        _reset_wirefeed(self.workspace, self.corpus_files)
        return self.wirefeed_again()

    def wirefeed_again(self) -> Run:
        log = self.workspace.log(WIREFEED)
        run = measure(self.tool.command(self.workspace.wire, self.workspace.output(WIREFEED), self.workspace.state), log)
        _expect_count(log, r"built ([\d,]+) articles?", self.count)
        return run

    def hugo_full(self) -> Run:
        self.workspace.clear(self.workspace.output(HUGO))
        return self.hugo_again()

    def hugo_again(self) -> Run:
        assert self.options.hugo is not None
        log, output = self.workspace.log(HUGO), self.workspace.output(HUGO)
        run = measure(self.options.hugo.command(self.workspace.hugo, output), log)
        _expect_pages(output / "articles", self.count, log)
        return run

    def pelican_full(self) -> Run:
        output = self.workspace.output(PELICAN)
        self.workspace.clear(output)
        log = self.workspace.log(PELICAN_FULL)
        run = measure(pelican_command(self.workspace.pelican, output), log)
        _expect_count(log, r"Processed ([\d,]+) articles", self.count)
        return run

    def warm_pelican_cache(self) -> None:
        """One untimed cached build from an empty output and cache, before Pelican's one-change rounds."""
        self.workspace.clear(self.workspace.output(PELICAN))
        self.workspace.clear(self.workspace.cache)
        self.pelican_cached()

    def pelican_cached(self) -> Run:
        command = pelican_command(self.workspace.pelican, self.workspace.output(PELICAN), self.workspace.cache)
        return measure(command, self.workspace.log(PELICAN_CACHED_ONE))

    def served_rounds(self) -> list[Step]:
        """wirefeed's one-change and no-change rounds with its build server running: started
        untimed (its first build is a full one), stopped after them."""
        command = [*self.tool.executable, "build-server", str(self.workspace.wire), "-o", str(self.workspace.output(WIREFEED)),
                   "--store", str(self.workspace.state / "store.sqlite"), "--now", corpus.BUILD_TIME]
        log = self.workspace.log("wirefeed-build-server")
        with open(log, "w", encoding="utf-8") as written:
            server = subprocess.Popen(command, stderr=written, env=child_environment())
        try:
            _wait_for_line(log, "listening on", server)
            one = [(self.scenario(WIREFEED_SERVED_ONE), self.wirefeed_served)]
            run_rounds(self.options.runs, one, before_round=lambda number: self.edit(self.options.runs + number))
            unchanged = [(self.scenario(WIREFEED_SERVED_UNCHANGED), self.wirefeed_served)]
            run_rounds(self.options.runs, unchanged)
            _progress(f"[{self.count:,}] the build server's memory: {_pss_mb(server.pid):.0f} MB PSS")
        finally:
            server.terminate()
            server.wait(timeout=120)
        return [*one, *unchanged]

    def wirefeed_served(self) -> Run:
        run = self.wirefeed_again()
        if "by the build server" not in self.workspace.log(WIREFEED).read_text(encoding="utf-8"):
            raise BenchError(f"the build server did not make the build: {log_tail(self.workspace.log(WIREFEED))}")
        return run

    def edit(self, revision: int) -> None:
        """The same story gains a paragraph in every corpus; revision 0 puts it back as it was."""
        story = corpus.draw_story(self.options.seed, self.count // 2, corpus.staff(self.options.seed), self.options.html_share)
        edited = corpus.revised(story, revision) if revision else story
        corpus.write_story_input(self.workspace.wire, edited)
        if self.options.hugo:
            corpus.write_story_hugo(self.workspace.hugo, edited)
        if self.options.pelican:
            corpus.write_story_pelican(self.workspace.pelican, edited)


def bench_size(count: int, options: Options, workspace: Workspace, tool: Wirefeed) -> list[Scenario]:
    corpus_files = _generate(count, options, workspace)
    bench = SizeBench(count, options, workspace, tool, corpus_files, corpus.corpus_digest(workspace.wire))
    full = bench.full_builds()
    run_rounds(options.runs, full)
    unchanged: list[Step] = [(bench.scenario(WIREFEED_UNCHANGED), bench.wirefeed_again)] if options.wirefeed else []
    run_rounds(options.runs, unchanged)  # right after wirefeed's last full build
    if options.pelican_cached:
        bench.warm_pelican_cache()
    # The edited story is neither the newest (in every feed) nor the oldest: from the middle of the corpus.
    one = bench.one_change_rebuilds()
    run_rounds(options.runs, one, before_round=bench.edit)
    served: list[Step] = []
    if options.wirefeed and tool.has_build_server:
        served = bench.served_rounds()
    bench.edit(0)
    if options.profile:
        profile_wirefeed(count, workspace, tool, corpus_files)
    return [scenario for scenario, _ in (*full, *unchanged, *one, *served)]


def _generate(count: int, options: Options, workspace: Workspace) -> set[Path]:
    """Write the corpora; return every path of the wirefeed one (what a reset keeps)."""
    start = time.perf_counter()
    corpus.write_corpus(count, workspace.wire, seed=options.seed, html_share=options.html_share)
    if options.hugo:
        corpus.write_corpus(count, workspace.hugo, seed=options.seed, corpus_format="hugo")
    if options.pelican:
        corpus.write_corpus(count, workspace.pelican, seed=options.seed, corpus_format="pelican")
    _progress(f"[{count:,}] corpus generated in {time.perf_counter() - start:.1f} s")
    return set(workspace.wire.rglob("*"))


def _reset_wirefeed(workspace: Workspace, corpus_files: set[Path]) -> None:
    """An empty output and no publishing history, wherever this wirefeed keeps it."""
    workspace.clear(workspace.output(WIREFEED))
    workspace.clear(workspace.state)
    # Without --store, wirefeed keeps its history beside the config: anything the corpus did not write goes.
    for path in sorted(workspace.wire.rglob("*"), reverse=True):
        if path.is_dir() and path not in corpus_files and not any(path.iterdir()):
            path.rmdir()
        elif path.is_file() and path not in corpus_files:
            path.unlink()


def _wait_for_line(log: Path, text: str, process: subprocess.Popen[bytes], seconds: float = 3600) -> None:
    deadline = time.monotonic() + seconds
    while text not in log.read_text(encoding="utf-8"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise BenchError(f"the build server did not start: {log_tail(log)}")
        time.sleep(0.1)


def _pss_mb(pid: int) -> float:
    """A process's proportional set size, from /proc (0 where there is none)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="utf-8")
    except OSError:
        return 0.0
    found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else 0.0


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
    py_spy = venv_tool("py-spy") or ((found,) if (found := shutil.which("py-spy")) else None)
    if py_spy is None:
        raise BenchError("--profile needs py-spy: .venv/bin/pip install py-spy")
    _reset_wirefeed(workspace, corpus_files)
    raw = workspace.root / "profile.txt"
    command = [*py_spy, "record", "--format", "raw", "--rate", "200", "--subprocesses", "--output", str(raw), "--"]
    subprocess.run([*command, *tool.command(workspace.wire, workspace.output(WIREFEED), workspace.state)], check=True, capture_output=True)
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


# --- Command line -----------------------------------------------------------------------------------


def parse_options(argv: Sequence[str] | None) -> tuple[Options, argparse.Namespace]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="numbers of articles, comma-separated (default: 1000,10000)")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="timed runs of each scenario (default: 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--html-share", type=float, default=None, help="share of HTML pages (default: 0.1 once wirefeed reads .html, else 0)")
    parser.add_argument("--only", choices=(WIREFEED, HUGO, PELICAN), help="skip the other tools (the floor always runs)")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo")
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
    with_pelican = args.only in (None, PELICAN)
    if with_pelican and not pelican_available():
        parser.error("Pelican is not installed: .venv/bin/pip install -e '.[bench]' (or --only wirefeed)")
    options = Options(
        sizes=tuple(int(size) for size in args.sizes.split(",")),
        runs=args.runs,
        seed=args.seed,
        html_share=html_share,
        pelican=with_pelican,
        pelican_cached=with_pelican and not args.no_pelican_cache,
        wirefeed=args.only in (None, WIREFEED),
        hugo=_hugo(args.only in (None, HUGO) and not args.no_hugo),
        profile=args.profile,
    )
    return options, args


def _hugo(wanted: bool) -> Hugo | None:
    if not wanted:
        return None
    hugo = Hugo.find()
    if hugo is None:
        _progress("hugo is not installed: the Hugo rows are skipped (make bench installs Debian's hugo when run as root)")
    return hugo


def main(argv: Sequence[str] | None = None) -> int:
    options, args = parse_options(sys.argv[1:] if argv is None else argv)
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
    hugo_version = options.hugo.version if options.hugo else ""
    tools = ", ".join(part for part in (f"Hugo {hugo_version}" if hugo_version else "", f"Pelican {pelican_version()}" if options.pelican else "") if part)
    print(f"\n{machine}; commit {git_commit()}; seed {options.seed}, HTML share {options.html_share:g}, "
          f"wirefeed store {'on' if tool.has_store_option else 'absent'}; {tools or 'wirefeed only'}")
    print_table(results)
    print("\nFull builds, wirefeed's time over the others' (medians; minima in brackets):")
    print_full_build_ratios(results)
    if not args.no_history:
        context = RunContext(seed=options.seed, html_share=options.html_share, store=tool.has_store_option, hugo=hugo_version)
        append_history(results, context, machine, args.history)
        print(f"\nappended {len(results)} rows to {args.history}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
