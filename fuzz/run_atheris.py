"""Run the atheris targets for a while and report: `python -m fuzz.run_atheris --seconds 300`.

For each target (the `.txt` and `.html` readers, sidecars, `check`) it seeds a scratch corpus
with the repository's files of that kind (the sample, the fixtures, the fuzz corpus, the built
output), runs libFuzzer for its share of the time (or `--runs` inputs), and prints how many
inputs it tried and the crash it saved to tests/fuzz_corpus/ (libFuzzer stops at the first one).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wirefeed.readers import READERS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fuzz_corpus"
SEED_FOLDERS = (ROOT / "input", ROOT / "output", ROOT / "tests" / "fixtures", ROOT / "tests" / "hostile" / "fixtures", CORPUS)
# Target -> the file names that seed it. Readers that share a parser are fuzzed once (`.htm` is `.html`).
SEEDS: dict[str, tuple[str, ...]] = {
    **{suffix: (f"*{suffix}",) for suffix in (".txt", ".html", ".xml", ".json", ".md") if suffix in READERS},
    "sidecar": ("*.toml",),
    "check": ("*.xml", "*.json", "*.jsonld", "*.html"),
}
# Fast targets first, so that the time they leave unused goes to the slow parsers (HTML, JSON-LD).
TARGETS = tuple(sorted(SEEDS, key=(".txt", ".md", "sidecar", "check", ".xml", ".json", ".html").index))
_EXECUTED = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
# A seed bigger than this is skipped: libFuzzer would cut it at -max_len anyway.
_MAX_LEN = 65536


def seed(corpus: Path, target: str) -> int:
    """Copy every file of the target's kind into `corpus`; the number copied."""
    paths = sorted({path for folder in SEED_FOLDERS for pattern in SEEDS[target] for path in folder.rglob(pattern) if path.is_file()})
    paths = [path for path in paths if path.stat().st_size <= _MAX_LEN]
    for index, path in enumerate(paths):
        (corpus / f"seed-{index}").write_bytes(path.read_bytes())
    return len(paths)


def fuzz_target(target: str, seconds: int, runs: int | None) -> tuple[int, list[str]]:
    """Inputs tried and crash files saved, for one target."""
    prefix = f"atheris-{target.lstrip('.')}-"
    before = set(CORPUS.glob(prefix + "*"))
    limit = [f"-runs={runs}"] if runs else []
    with tempfile.TemporaryDirectory(prefix="wirefeed-atheris-") as scratch:
        seeds = seed(Path(scratch), target)
        run = subprocess.run(
            [sys.executable, "-m", "fuzz.atheris_readers", f"-max_total_time={seconds}", *limit, f"-artifact_prefix={CORPUS}/{prefix}",
             f"-max_len={_MAX_LEN}", "-timeout=30", "-rss_limit_mb=4096", "-print_final_stats=1", scratch],
            cwd=ROOT, capture_output=True, text=True, errors="replace", check=False,
            env={**os.environ, "WIREFEED_FUZZ_TARGET": target},
        )
    crashes = sorted(path.name for path in set(CORPUS.glob(prefix + "*")) - before)
    executed = _EXECUTED.search(run.stderr)
    if executed is None:
        print(run.stderr[-4000:], file=sys.stderr)
        raise RuntimeError(f"atheris on {target} printed no statistics (see above)")
    print(f"atheris {target}: {executed.group(1)} inputs tried from {seeds} seeds, {len(crashes)} crashed{': ' + ', '.join(crashes) if crashes else ''}", flush=True)
    return int(executed.group(1)), crashes


def run_all(targets: list[str], seconds: int, runs: int | None) -> list[tuple[int, list[str]]]:
    """Fuzz each target in turn; time a fast target leaves unused goes to the ones after it."""
    results = []
    deadline = time.monotonic() + seconds
    for index, target in enumerate(targets):
        share = max(1, int(deadline - time.monotonic()) // (len(targets) - index))
        results.append(fuzz_target(target, share, runs))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=300, help="in all, shared between the targets")
    parser.add_argument("--runs", type=int, default=None, help="stop each target after this many inputs (if its time lasts)")
    parser.add_argument("--targets", default=",".join(TARGETS), help=f"comma-separated, of {', '.join(TARGETS)}")
    arguments = parser.parse_args(argv)
    targets = [target for target in arguments.targets.split(",") if target]
    unknown = sorted(set(targets) - set(TARGETS))
    if unknown:
        parser.error(f"unknown target {', '.join(unknown)}; expected one of {', '.join(TARGETS)}")
    CORPUS.mkdir(exist_ok=True)
    results = run_all(targets, arguments.seconds, arguments.runs)
    tried = sum(count for count, _ in results)
    crashed = sum(len(crashes) for _, crashes in results)
    print(f"atheris: {tried} inputs tried, {crashed} crashed")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
