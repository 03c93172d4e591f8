"""Measuring one process tree for the speed benchmark (benchmarks/bench.py): wall time, peak memory, others' CPU.

A command is measured under a fresh wrapper process (this file, run as
`measuring.py --child REPORT -- COMMAND...`), so that neither the benchmark's own memory nor its
start-up is charged to it. See measure() and run_child().
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = "/usr/bin/time"
SAMPLE_SECONDS = 0.1  # often enough for builds of a second or more, rare enough not to steal a core
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


class BenchError(Exception):
    """A step of the benchmark failed: which command, and the end of what it printed."""


@dataclass(frozen=True, slots=True)
class Run:
    wall_s: float
    peak_mb: float
    others_cpu: float  # the share of the machine's CPU that other processes used meanwhile: noise
    peak_pss_mb: float = 0.0  # the tree's summed proportional set size: a page shared by n processes counts 1/n in each


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
            proportional = [_proportional_bytes(pid) for pid in measured]
            self.peak_pss_bytes = max(self.peak_pss_bytes, consistent_sum(tree, proportional, _process_tree(self.root_pid)))

    def stop(self) -> None:
        self._stopped.set()
        self.join()


def consistent_sum(tree: list[int], proportional: list[int], tree_after: list[int]) -> int:
    """The summed PSS of a sample taken process by process, or 0 when a process forked or
    ended while it was taken. A page's share in each process depends on how many share it, so
    a sample across such a change is not any moment's sum: a worker read just before it ended
    and its sibling just after, which then held the ended one's share too, counted that share
    twice (a 100,000-article build's renewed workers showed peaks 60 to 120 MB over the rest).
    An ended process not yet waited for is still listed, with no PSS at all."""
    if tree_after != tree or not all(proportional):
        return 0
    return sum(proportional)


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
        raise BenchError(f"{' '.join(command)} left no measurement:\n{log_tail(log)}") from None
    if result["returncode"] != 0:
        raise BenchError(f"{' '.join(command)} exited {result['returncode']}:\n{log_tail(log)}")
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


def log_tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def main(argv: Sequence[str]) -> int:
    if argv[:1] != ["--child"] or argv[2:3] != ["--"] or len(argv) < 4:
        print("usage: measuring.py --child REPORT -- COMMAND...", file=sys.stderr)
        return 2
    return run_child(Path(argv[1]), argv[3:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
