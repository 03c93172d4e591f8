"""Two builds of wirefeed, run in turns on one corpus: is a change (a restructuring) slower?

    .venv/bin/python benchmarks/alternate.py OLD_WIREFEED NEW_WIREFEED CORPUS [--rounds 6]

OLD_WIREFEED and NEW_WIREFEED are the `wirefeed` commands of two installs (for example a
worktree of the old commit with its own .venv; compile each one's bytecode first, as
`make bench` does, or where PYTHONDONTWRITEBYTECODE is set each run compiles its modules
again); CORPUS is a folder that benchmarks/corpus.py wrote. Each round runs both, in an order that swaps every round, so a stretch of load from
other work on the machine falls on both alike. Each build gets a fresh copy of the corpus, an
empty output folder and an empty history, then:

    full          the first build
    no change     the same command again, 2.5 s later (past the 2 s in which an input's times
                  cannot be trusted, as a cron job's rebuild would be)
    one changed   after a sentence is added to one story

The two outputs of the last round must be equal, byte for byte, or the run fails. Prints the
minimum, median and maximum of each, whole-process wall times.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCENARIOS = ("full", "no change", "one changed")
NOW = "2026-12-01T00:00:00Z"  # a fixed build time: the edit and its dates are the same for both
SETTLE_SECONDS = 2.5


def timed_build(wirefeed: str, work: Path) -> float:
    started = time.monotonic()
    subprocess.run([wirefeed, "build", str(work / "in"), "-o", str(work / "out"), "--now", NOW],
                   check=True, capture_output=True)
    return time.monotonic() - started


def one_round(wirefeed: str, corpus: Path, story: Path, work: Path) -> list[float]:
    """The three scenarios' times for one install, from a fresh copy of the corpus."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(corpus, work / "in", ignore=shutil.ignore_patterns(".wirefeed"))
    times = [timed_build(wirefeed, work)]
    time.sleep(SETTLE_SECONDS)
    times.append(timed_build(wirefeed, work))
    edited = work / "in" / story
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence for the edit.\n", encoding="utf-8")
    time.sleep(SETTLE_SECONDS)
    times.append(timed_build(wirefeed, work))
    return times


def differing_files(left: Path, right: Path) -> list[str]:
    """Paths (relative) that are in one output only or differ in bytes."""
    comparison = filecmp.dircmp(left, right)
    found = [*comparison.left_only, *comparison.right_only, *comparison.funny_files]
    found += [name for name in comparison.common_files if not filecmp.cmp(left / name, right / name, shallow=False)]
    for name in comparison.common_dirs:
        found += [f"{name}/{inner}" for inner in differing_files(left / name, right / name)]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=6)
    options = parser.parse_args()
    installs = {"old": options.old, "new": options.new}
    story = sorted(options.corpus.rglob("*.txt"))[0].relative_to(options.corpus)
    times: dict[tuple[str, str], list[float]] = {(name, kind): [] for name in installs for kind in SCENARIOS}
    with tempfile.TemporaryDirectory(prefix="wirefeed-alternate-") as workspace:
        for round_number in range(options.rounds):
            order = list(installs) if round_number % 2 == 0 else list(reversed(installs))
            for name in order:
                for kind, seconds in zip(SCENARIOS, one_round(installs[name], options.corpus, story, Path(workspace) / name)):
                    times[(name, kind)].append(seconds)
        differing = differing_files(Path(workspace) / "old" / "out", Path(workspace) / "new" / "out")
    for (name, kind), values in times.items():
        print(f"{name:4} {kind:12} min {min(values):6.2f}  median {statistics.median(values):6.2f}  "
              f"max {max(values):6.2f}  s ({len(values)} runs)")
    if differing:
        print(f"the outputs differ in {len(differing)} files, such as {differing[:5]}", file=sys.stderr)
        return 1
    print("the outputs of the last round are the same bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
