"""Run the atheris target on each reader for a while and report: `python -m fuzz.run_atheris --seconds 300`.

For each registered reader (`.txt`, `.html`) it seeds a scratch corpus with the repository's
files of that kind (the sample, the fixtures, the fuzz corpus), runs libFuzzer for its share of
the time, and prints how many inputs it tried and the crash it saved to tests/fuzz_corpus/
(libFuzzer stops at the first one).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from wirefeed.readers import READERS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fuzz_corpus"
SEED_FOLDERS = (ROOT / "input", ROOT / "tests" / "fixtures", ROOT / "tests" / "hostile" / "fixtures", CORPUS)
# Readers that share a parser are fuzzed once (`.htm` is `.html`).
FUZZED_SUFFIXES = tuple(suffix for suffix in (".txt", ".html") if suffix in READERS)
_EXECUTED = re.compile(r"stat::number_of_executed_units:\s*(\d+)")


def seed(corpus: Path, suffix: str) -> int:
    """Copy every file of the reader's kind into `corpus`; the number copied."""
    paths = [path for folder in SEED_FOLDERS for path in sorted(folder.rglob(f"*{suffix}")) if path.is_file()]
    for index, path in enumerate(paths):
        (corpus / f"seed-{index}").write_bytes(path.read_bytes())
    return len(paths)


def fuzz_reader(suffix: str, seconds: int) -> tuple[int, list[str]]:
    """Inputs tried and crash files saved, for one reader."""
    prefix = f"atheris{suffix.replace('.', '-')}-"
    before = set(CORPUS.glob(prefix + "*"))
    with tempfile.TemporaryDirectory(prefix="wirefeed-atheris-") as scratch:
        seeds = seed(Path(scratch), suffix)
        run = subprocess.run(
            [sys.executable, "-m", "fuzz.atheris_readers", f"-max_total_time={seconds}", f"-artifact_prefix={CORPUS}/{prefix}",
             "-max_len=65536", "-timeout=30", "-rss_limit_mb=4096", "-print_final_stats=1", scratch],
            cwd=ROOT, capture_output=True, text=True, errors="replace", check=False,
            env={**os.environ, "WIREFEED_FUZZ_READER": suffix},
        )
    crashes = sorted(path.name for path in set(CORPUS.glob(prefix + "*")) - before)
    executed = _EXECUTED.search(run.stderr)
    if executed is None:
        print(run.stderr[-4000:], file=sys.stderr)
        raise RuntimeError(f"atheris on {suffix} printed no statistics (see above)")
    print(f"atheris {suffix}: {executed.group(1)} inputs tried from {seeds} seeds, {len(crashes)} crashed{': ' + ', '.join(crashes) if crashes else ''}")
    return int(executed.group(1)), crashes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=300, help="in all, shared between the readers")
    arguments = parser.parse_args(argv)
    CORPUS.mkdir(exist_ok=True)
    results = [fuzz_reader(suffix, arguments.seconds // len(FUZZED_SUFFIXES)) for suffix in FUZZED_SUFFIXES]
    tried = sum(count for count, _ in results)
    crashed = sum(len(crashes) for _, crashes in results)
    print(f"atheris: {tried} inputs tried, {crashed} crashed")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
