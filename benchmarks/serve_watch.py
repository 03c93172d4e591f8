"""Watch-mode latency of `wirefeed serve --watch` (issue 21): one article edited in a site of N,
from the moment the edited file is closed to the moment the server first answers with the new
bytes of its page. Whole-process figures: the watcher's debounce, the rebuild, the swap and the
HTTP round trips all count.

    python benchmarks/serve_watch.py --articles 10000 --edits 5

The corpus is benchmarks/corpus.py's (seed 1), generated into a temporary folder; the server is
the `wirefeed` command in its own process, on a free loopback port, without pings.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent


def started(site: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen([sys.executable, "-m", "wirefeed", "serve", "input", "-o", "output", "--watch", "--port", "0", "--no-ping"],
                               cwd=site, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("serving "):
            return process, line.split(" at ")[1].split("/ ")[0]
    raise SystemExit(f"serve did not start (exit {process.wait()})")


def page_of(output: Path, sentence: str) -> str:
    """The site path of the page whose text holds `sentence`."""
    for page in sorted((output / "articles").rglob("*.html")):
        if sentence in page.read_text(encoding="utf-8"):
            return page.relative_to(output).as_posix()
    raise SystemExit(f"no page holds {sentence!r}")


def fetched(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        return str(response.read().decode("utf-8"))


def one_edit(story: Path, url: str, token: str) -> float:
    """Seconds from the closed write to the first answer holding `token`."""
    text = story.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    last = max(index for index, line in enumerate(lines) if line.strip())
    lines[last] = lines[last].rstrip("\n") + f" {token}\n"
    story.write_text("".join(lines), encoding="utf-8")
    start = time.perf_counter()
    while token not in fetched(url):
        time.sleep(0.002)
    return time.perf_counter() - start


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--articles", type=int, default=10_000)
    arguments.add_argument("--edits", type=int, default=5)
    options = arguments.parse_args()
    with tempfile.TemporaryDirectory(prefix="wirefeed-watch-bench-") as scratch:
        site = Path(scratch)
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(options.articles), str(site / "input"), "--seed", "1"], check=True)
        story = sorted((site / "input").rglob("*.txt"))[len(list((site / "input").rglob("*.txt"))) // 2]
        process, base = started(site)
        try:
            body_line = [line for line in story.read_text(encoding="utf-8").splitlines() if len(line) > 60][-1][:60]
            url = f"{base}/{page_of(site / 'output', body_line)}"
            times = [one_edit(story, url, f"edit{number}marker") for number in range(options.edits)]
        finally:
            process.terminate()
            process.wait(30)
    print(f"| watch mode: one article edited at {options.articles:,} | median {statistics.median(times) * 1000:,.0f} ms "
          f"| min {min(times) * 1000:,.0f} ms | max {max(times) * 1000:,.0f} ms | {options.edits} edits |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
