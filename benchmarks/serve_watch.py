"""Watch-mode latency of `wirefeed serve --watch` (issue 21): one article edited in a site of N,
from the moment the edited file is closed to the moment the server first answers with the new
bytes of its page, and to the live-reload message that the whole rebuild is done (its feeds and
sitemaps written too). Whole-process figures: the watcher's debounce, the rebuild, the writes and
the HTTP round trips all count. Edits come a second apart (`--pause`), as a person saves.

    python benchmarks/serve_watch.py --articles 10000 --edits 5

The corpus is benchmarks/corpus.py's (seed 1), generated into a temporary folder; the server is
the `wirefeed` command in its own process, on a free loopback port, without pings.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
import threading
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


def primed_page(output: Path, story: Path, events: RebuildEvents) -> str:
    """The site path of `story`'s page, found by a first edit (not timed) that marks it: the
    generated stories repeat sentences and headlines, so a page is told by a word of its own."""
    marker = "wirefeedbenchprimed"
    start = time.perf_counter()
    story.write_text(story.read_text(encoding="utf-8").rstrip("\n") + f" {marker}\n", encoding="utf-8")
    events.after(start, timeout=600)
    # The page just written is among the newest files: no need to read 100,000 pages.
    pages = sorted((output / "articles").glob("*.html"), key=lambda page: page.stat().st_mtime_ns, reverse=True)
    for page in pages[:50]:
        if marker in page.read_text(encoding="utf-8"):
            return page.relative_to(output).as_posix()
    raise SystemExit(f"no page of {story} holds {marker!r}")


def fetched(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
        return str(response.read().decode("utf-8"))


class RebuildEvents:
    """The server's live-reload stream (`/__wirefeed/events`), read in a thread: when each
    message of a finished rebuild arrived."""

    def __init__(self, base: str) -> None:
        self.arrivals: list[float] = []
        self._response = urllib.request.urlopen(f"{base}/__wirefeed/events", timeout=120)  # noqa: S310 - loopback only
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        with contextlib.suppress(OSError, ValueError, AttributeError):  # AttributeError: closed while reading
            for line in self._response:
                if line.startswith(b"data: "):
                    self.arrivals.append(time.perf_counter())

    def after(self, start: float, timeout: float = 60) -> float:
        """Seconds from `start` to the first rebuild message after it."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            later = [arrival for arrival in self.arrivals if arrival > start]
            if later:
                return later[0] - start
            time.sleep(0.002)
        raise SystemExit("no rebuild message within a minute")

    def close(self) -> None:
        self._response.close()


def one_edit(story: Path, url: str, token: str, events: RebuildEvents) -> tuple[float, float]:
    """Seconds from the closed write to the first answer holding `token`, and to the message
    that the rebuild is done (every feed and sitemap written too)."""
    text = story.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    last = max(index for index, line in enumerate(lines) if line.strip())
    lines[last] = lines[last].rstrip("\n") + f" {token}\n"
    story.write_text("".join(lines), encoding="utf-8")
    start = time.perf_counter()
    while token not in fetched(url):
        time.sleep(0.002)
    served = time.perf_counter() - start
    return served, events.after(start)


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--articles", type=int, default=10_000)
    arguments.add_argument("--edits", type=int, default=5)
    arguments.add_argument("--pause", type=float, default=1.0, help="seconds between edits (default 1)")
    options = arguments.parse_args()
    with tempfile.TemporaryDirectory(prefix="wirefeed-watch-bench-") as scratch:
        site = Path(scratch)
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(options.articles), str(site / "input"), "--seed", "1"], check=True)
        story = sorted((site / "input").rglob("*.txt"))[len(list((site / "input").rglob("*.txt"))) // 2]
        process, base = started(site)
        try:
            events = RebuildEvents(base)
            url = f"{base}/{primed_page(site / 'output', story, events)}"
            times = []
            for number in range(options.edits):
                # A second apart, as a person saves: each edit times its own rebuild, not the tail of the one before.
                time.sleep(options.pause)
                times.append(one_edit(story, url, f"edit{number}marker", events))
            events.close()
        finally:
            process.terminate()
            process.wait(30)
    served, done = [served for served, _ in times], [done for _, done in times]
    print(f"| watch mode: one article edited at {options.articles:,}, its page served | median {statistics.median(served) * 1000:,.0f} ms "
          f"| min {min(served) * 1000:,.0f} ms | max {max(served) * 1000:,.0f} ms | {options.edits} edits |")
    print(f"| watch mode: one article edited at {options.articles:,}, the whole rebuild done | median {statistics.median(done) * 1000:,.0f} ms "
          f"| min {min(done) * 1000:,.0f} ms | max {max(done) * 1000:,.0f} ms | {options.edits} edits |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
