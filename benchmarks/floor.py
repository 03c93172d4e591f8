"""The speed benchmark's floor (benchmarks/bench.py): what no build can beat.

    python benchmarks/floor.py INPUT_DIR OUTPUT_DIR

Reads each article and writes a page-sized file and two small ones for it into a new folder.
A module of its own, importing only what it uses, so that the benchmark's imports are not
charged to the floor.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def floor(input_dir: Path, output_dir: Path) -> None:
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


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: floor.py INPUT_DIR OUTPUT_DIR")
    floor(Path(sys.argv[1]), Path(sys.argv[2]))
