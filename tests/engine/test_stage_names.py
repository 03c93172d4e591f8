"""A build stages in a folder of its own (`<output>.wirefeed-next-<pid>`); what a killed build left is cleared, never read as input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import wirefeed.engine.runner
from tests.pipeline.test_history_scenarios import ALPHA, BETA
from tests.test_history_support import Newsroom


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_build_stages_in_a_folder_of_its_own_and_leaves_none_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    room = Newsroom(tmp_path / "site")
    room.write(ALPHA, BETA)
    room.build("2026-03-11T00:00:00+00:00")
    stages: list[str] = []
    real = wirefeed.engine.runner._render

    def render(pending: Any, output: Any, workers: Any) -> None:
        stages.append(output.root.name)
        real(pending, output, workers)

    monkeypatch.setattr(wirefeed.engine.runner, "_render", render)
    room.write(BETA.__class__(**{**BETA.__dict__, "headline": "Exports rise again"}))
    room.build("2026-03-11T01:00:00+00:00")
    assert stages == [f"output.wirefeed-next-{os.getpid()}"]
    assert not list(room.output.parent.glob("output.wirefeed-next-*"))


def test_the_stage_of_a_killed_build_is_cleared_and_never_read_as_input(tmp_path: Path) -> None:
    room = Newsroom(tmp_path / "site")
    room.write(ALPHA)
    room.output = room.input / "out"
    leftover = room.input / f"out.wirefeed-next-{dead_pid()}"
    (leftover / "articles").mkdir(parents=True)
    (leftover / "articles" / "stray.txt").write_text(BETA.text(), encoding="utf-8")
    result = room.build("2026-03-11T00:00:00+00:00")
    assert [article.id for article in result.articles] == ["alpha"]
    assert not leftover.exists()
