"""One build at a time: real `wirefeed build` processes against one site, and a lock holder killed with SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, files_of

NOW = "2026-11-24T12:00:00+00:00"
ARTICLES = 200


def make_site(folder: Path) -> Path:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(ARTICLES), str(folder / "input"), "--seed", "11", "--html-share", "0"],
                   check=True, capture_output=True, timeout=300)
    return folder


def build_process(site: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "wirefeed", "build", "input", "-o", "output", "--now", NOW, *extra],
                            cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def lock_holder(site: Path) -> subprocess.Popen[str]:
    """A process that takes the site's build lock, says so, and sleeps holding it."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from wirefeed.engine.lock import build_lock\n"
        "with build_lock(Path('input/.wirefeed/store.sqlite'), Path('output')):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(600)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], cwd=site, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_two_builds_at_once_give_the_output_of_one(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    reference = tmp_path / "reference"
    shutil.copytree(site, reference)
    assert build_process(reference).wait(timeout=300) == 0
    for round_number in range(2):
        config = site / "input" / "wirefeed.toml"
        # Every page changes each round, so both builds stage and swap every file.
        config.write_text(config.read_text(encoding="utf-8").replace('title = "', f'title = "{round_number}', 1), encoding="utf-8")
        (reference / "input" / "wirefeed.toml").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
        assert build_process(reference).wait(timeout=300) == 0
        expected = files_of(reference / "output")
        first, second = build_process(site), build_process(site)
        assert first.wait(timeout=300) == 0 and second.wait(timeout=300) == 0
        assert files_of(site / "output") == expected


def test_a_second_build_waits_for_the_lock_or_with_no_wait_exits_4(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    holder = lock_holder(site)
    try:
        refused = build_process(site, "--no-wait")
        _, stderr = refused.communicate(timeout=120)
        assert refused.returncode == 4
        assert stderr.splitlines() == [
            f".output.wirefeed-lock: another wirefeed build is running on this site; "
            "nothing was done (without --no-wait a build waits for it)"]
        assert not (site / "output").exists()
        waiting = build_process(site)
        assert waiting.stderr is not None
        assert waiting.stderr.readline() == f".output.wirefeed-lock: waiting for another wirefeed build of this site to finish\n"
        time.sleep(1)
        assert waiting.poll() is None and not (site / "output").exists()
    finally:
        holder.kill()
        holder.wait()
    assert waiting.wait(timeout=300) == 0
    assert (site / "output" / "feed.xml").is_file()


def test_a_lock_holder_killed_with_sigkill_leaves_no_lock(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    holder = lock_holder(site)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    after = build_process(site, "--no-wait")
    _, stderr = after.communicate(timeout=300)
    assert after.returncode == 0, stderr
    assert (site / "output" / "feed.xml").is_file()


def test_a_build_killed_mid_run_leaves_no_lock(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    killed = subprocess.Popen([sys.executable, "-m", "wirefeed", "build", "input", "-o", "output", "--now", NOW],
                              cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(0.5)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait()
    after = build_process(site, "--no-wait")
    _, stderr = after.communicate(timeout=300)
    assert after.returncode == 0, stderr
