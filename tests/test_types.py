"""Full type hints, checked: mypy --strict (settings in pyproject.toml) passes on the package and on the tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

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


def test_the_package_says_it_is_typed(tmp_path: Path) -> None:
    """PEP 561: a library caller's mypy reads wirefeed's own annotations only when the package
    ships a py.typed marker; checked in a wheel built from a copy of this tree, as pip would
    install it (a copy: setuptools would otherwise reuse whatever an earlier build left in build/)."""
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(tree)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    [wheel] = tmp_path.glob("wirefeed-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "wirefeed/py.typed" in names
    assert "wirefeed/templates/article.html" in names
