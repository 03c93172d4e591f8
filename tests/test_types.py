"""Full type hints, checked: mypy --strict (settings in pyproject.toml) passes on the package and on the tests."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_mypy_strict_passes_on_the_package() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy", "src/wirefeed"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("Success: no issues found in ")


def test_mypy_strict_passes_on_the_tests() -> None:
    # pyproject.toml's mypy_path points at src/, so the tests are checked against the package's own types.
    run = subprocess.run([sys.executable, "-m", "mypy", "tests"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("Success: no issues found in ")
