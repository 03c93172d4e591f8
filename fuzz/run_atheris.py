"""Run the atheris target for a while and report: `python -m fuzz.run_atheris --seconds 300`.

Seeds a scratch corpus with every article the repository has (the sample, the wire fixtures,
the hostile fixtures, the fuzz corpus), runs libFuzzer on it, and prints how many inputs it
tried and which crashes it saved to tests/fuzz_corpus/.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from wirefeed.readers import READERS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fuzz_corpus"
SEED_FOLDERS = (ROOT / "input", ROOT / "tests" / "fixtures", ROOT / "tests" / "hostile" / "fixtures", CORPUS)
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")


def seed(corpus: Path) -> int:
    """Copy every article file into `corpus`, each prefixed with the byte that picks its reader."""
    suffixes = sorted(READERS)
    count = 0
    for folder in SEED_FOLDERS:
        for path in sorted(folder.rglob("*")):
            suffix = ".html" if path.suffix == ".html" else ".txt"
            if path.is_file() and suffix in suffixes and path.suffix in (".txt", ".html", ""):
                (corpus / f"seed-{count}").write_bytes(bytes([suffixes.index(suffix)]) + path.read_bytes())
                count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=300)
    arguments = parser.parse_args(argv)
    CORPUS.mkdir(exist_ok=True)
    before = set(CORPUS.glob("atheris-*"))
    with tempfile.TemporaryDirectory(prefix="wirefeed-atheris-") as scratch:
        seeds = seed(Path(scratch))
        run = subprocess.run(
            [sys.executable, "-m", "fuzz.atheris_readers", f"-max_total_time={arguments.seconds}", f"-artifact_prefix={CORPUS}/atheris-",
             "-max_len=65536", "-timeout=30", "-rss_limit_mb=4096", scratch],
            cwd=ROOT, capture_output=True, text=True, errors="replace", check=False,
        )
    crashes = sorted(path.name for path in set(CORPUS.glob("atheris-*")) - before)
    done = _DONE.search(run.stderr)
    if done is None:
        print(run.stderr[-4000:], file=sys.stderr)
        print("atheris: did not finish normally (see above)")
        return 1
    print(f"atheris: {done.group(1)} inputs tried in {done.group(2)} s from {seeds} seeds, {len(crashes)} crashed{': ' + ', '.join(crashes) if crashes else ''}")
    return 1 if crashes or run.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
