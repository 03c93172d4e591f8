"""SIGKILL at any moment of a build: output/ is the whole previous build or the whole new one.

A 2,000-article site is built once (A). Then the site's description changes, so every page
and feed changes, and the rebuild is killed with SIGKILL (its whole process group, forked
workers included) at 20 moments spread over its run. After each kill the output folder must
hold exactly A's files or exactly the finished rebuild's (B), and a build run after the last
kill must complete and give B.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

ARTICLES = 2_000
KILLS = 20
NOW = "2026-11-24T12:00:00+00:00"
DESCRIPTION = 'description = "Global Times wire copy: economy, business and technology news from China."'


def run_build(site: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "wirefeed", "build", "input", "-o", "output", "--now", NOW],
        cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def completed_build(site: Path) -> float:
    started = time.monotonic()
    process = run_build(site)
    assert process.wait(timeout=600) == 0
    return time.monotonic() - started


def digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def restore(site: Path, snapshot: Path) -> None:
    """The site as it was after build A, with the changed config: the state every rebuild starts from."""
    for name in ("output", "input/.wirefeed"):
        shutil.rmtree(site / name, ignore_errors=True)
        shutil.copytree(snapshot / name, site / name, symlinks=True)
    for leftover in site.glob("output.wirefeed-*"):
        shutil.rmtree(leftover)


def make_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(ARTICLES), str(site / "input"), "--seed", "7", "--html-share", "0"],
                   check=True, capture_output=True, timeout=300)
    return site


def change_every_page(site: Path) -> None:
    config = site / "input" / "wirefeed.toml"
    text = config.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("description = "))
    config.write_text(text.replace(line, 'description = "Rebuilt after a change of every page."'), encoding="utf-8")


def test_a_killed_build_leaves_the_previous_or_the_new_output_whole(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    completed_build(site)
    before = digests(site / "output")
    change_every_page(site)
    snapshot = tmp_path / "snapshot"
    for name in ("output", "input/.wirefeed"):
        shutil.copytree(site / name, snapshot / name, symlinks=True)
    duration = completed_build(site)
    after = digests(site / "output")
    assert len(before) > 2 * ARTICLES and set(before) == set(after)
    assert sum(before[name] != after[name] for name in before) > 2 * ARTICLES

    outcomes = []
    for kill in range(1, KILLS + 1):
        restore(site, snapshot)
        process = run_build(site)
        time.sleep(duration * kill / (KILLS + 1))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        state = digests(site / "output")
        mixed = sorted(name for name in set(state) | set(after) if state.get(name) != after.get(name) and state.get(name) != before.get(name))
        assert state in (before, after), f"kill {kill} at {duration * kill / (KILLS + 1):.2f} s left a mixed output: {mixed[:5]} of {len(mixed)}"
        outcomes.append("new" if state == after else "previous")

    # Both outcomes were seen: the kills really fell before and after the swap.
    assert "previous" in outcomes
    completed_build(site)
    assert digests(site / "output") == after
    assert not list(site.glob("output.wirefeed-*"))
