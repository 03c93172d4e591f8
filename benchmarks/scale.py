"""Scaling benchmark (issue 20): a full build on the local engine and on a Dask LocalCluster.

    make bench-scale                                            # N = 10,000
    .venv/bin/python benchmarks/scale.py --sizes 10000,100000

For each N the seeded corpus (benchmarks/corpus.py, the speed benchmark's) is generated once,
and each engine builds it from an empty output folder and an empty store, in a fresh process:

    local 1     the local engine, one process (WIREFEED_WORKERS=1)
    local 2     the local engine, two forked processes
    dask 1      a LocalCluster of one worker process (the build's own process only directs)
    dask 2      a LocalCluster of two worker processes

The cluster's start-up is timed apart from the build (a real cluster is up before a build). The
Dask overhead per article is (dask W build − local W build) / N: what shipping the inputs'
results and the publication between processes costs on top of the same work; measured both in
wall time and in CPU time of the whole process tree (cluster start-up and the workers' own
imports included), which on a machine shared with other work is the steadier of the two.
Each build's output must equal the local one's, byte for byte, or the run fails. The rows go
to stdout and to benchmarks/scale.csv with the commit, the machine and its load.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

HERE = Path(__file__).resolve().parent
CSV = HERE / "scale.csv"
NOW = "2026-06-01T00:00:00+00:00"
ENGINES = (("local", 1), ("local", 2), ("dask", 1), ("dask", 2))
FIELDS = ["commit", "date", "nproc", "load1", "n", "engine", "workers", "start_s", "build_s", "articles_per_s",
          "overhead_ms_per_article", "cpu_s", "cpu_overhead_ms_per_article"]

# What a child process runs: one build, timed, its result as one JSON line.
CHILD = """
import json, sys, time
from datetime import datetime
from pathlib import Path
from wirefeed.pipeline import build
engine_name, workers, input_dir, output_dir, store = sys.argv[1], int(sys.argv[2]), *map(Path, sys.argv[3:6])
started = time.perf_counter()
engine = None
if engine_name == "dask":
    from wirefeed.engine.dask_engine import DaskEngine
    engine = DaskEngine(workers=workers)
    engine.start()
ready = time.perf_counter()
result = build(input_dir, output_dir, now=datetime.fromisoformat(sys.argv[6]), store_path=store, workers=workers,
               engine=engine)
done = time.perf_counter()
if engine is not None:
    engine.close()
print(json.dumps({"start_s": ready - started, "build_s": done - ready, "articles": len(result.articles)}))
"""


def run_build(engine: str, workers: int, input_dir: Path, workspace: Path) -> dict[str, float]:
    output, store = workspace / f"out-{engine}-{workers}", workspace / f"store-{engine}-{workers}" / "store.sqlite"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(store.parent, ignore_errors=True)
    store.parent.mkdir(parents=True)
    environment = {**os.environ, "WIREFEED_WORKERS": str(workers)}
    before = _children_cpu()
    run = subprocess.run([sys.executable, "-c", CHILD, engine, str(workers), str(input_dir), str(output), str(store), NOW],
                         capture_output=True, text=True, env=environment, check=False)
    cpu = _children_cpu() - before
    if run.returncode != 0:
        raise SystemExit(f"{engine} {workers}: the build failed:\n{run.stderr[-3000:]}")
    measured: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    measured["digest"] = tree_digest(output)  # type: ignore[assignment]
    measured["cpu_s"] = cpu
    return measured


def _children_cpu() -> float:
    """User and system CPU seconds of every finished child process and its own children (the
    build, its forked workers, the cluster's nannies and workers): what the build cost the
    machine, which other people's load on it changes far less than the wall time."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def bench_size(count: int, workspace: Path, commit: str, counts: set[int]) -> list[dict[str, object]]:
    input_dir = workspace / f"input-{count}"
    corpus.write_corpus(count, input_dir, seed=1, html_share=corpus.default_html_share())
    rows: list[dict[str, object]] = []
    local: dict[int, dict[str, float]] = {}
    for engine, workers in [(engine, workers) for engine, workers in ENGINES if workers in counts]:
        print(f"n={count}: {engine} engine, {workers} worker(s) ...", file=sys.stderr, flush=True)
        measured = run_build(engine, workers, input_dir, workspace)
        if engine == "local":
            local[workers] = measured
        elif measured["digest"] != local[workers]["digest"]:
            raise SystemExit(f"n={count}: the dask build's output differs from the local build's")
        overhead = ("" if engine == "local"
                    else f"{(measured['build_s'] - local[workers]['build_s']) / count * 1000:.3f}")
        cpu_overhead = ("" if engine == "local"
                        else f"{(measured['cpu_s'] - local[workers]['cpu_s']) / count * 1000:.3f}")
        rows.append({
            "commit": commit, "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "nproc": os.cpu_count(), "load1": f"{os.getloadavg()[0]:.2f}", "n": count, "engine": engine,
            "workers": workers, "start_s": f"{measured['start_s']:.2f}", "build_s": f"{measured['build_s']:.2f}",
            "articles_per_s": f"{measured['articles'] / measured['build_s']:.0f}", "overhead_ms_per_article": overhead,
            "cpu_s": f"{measured['cpu_s']:.1f}", "cpu_overhead_ms_per_article": cpu_overhead,
        })
        shutil.rmtree(workspace / f"out-{engine}-{workers}", ignore_errors=True)
    shutil.rmtree(input_dir, ignore_errors=True)
    return rows


def _commit() -> str:
    run = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE, check=False)
    return run.stdout.strip() or "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="comma-separated corpus sizes (default 10000)")
    parser.add_argument("--workers", default="1,2", help="comma-separated process counts (default 1,2)")
    options = parser.parse_args(argv)
    counts = {int(count) for count in options.workers.split(",")}
    sizes = [int(size) for size in options.sizes.split(",")]
    commit = _commit()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
          file=sys.stderr)
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="wirefeed-scale-") as workspace:
        for count in sizes:
            rows += bench_size(count, Path(workspace), commit, counts)
    writer = csv.DictWriter(sys.stdout, FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    new_file = not CSV.exists()
    with CSV.open("a", newline="", encoding="utf-8") as handle:
        appender = csv.DictWriter(handle, FIELDS)
        if new_file:
            appender.writeheader()
        appender.writerows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
