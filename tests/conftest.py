"""Shared fixtures: the repository's paths, the sample site, and a quick way to write inputs."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import ParamSpec, TypeVar

import pytest

from wirefeed.config import load_site
from wirefeed.model import Site
from tests.postgres_server import PostgresServer, start_server

ROOT = Path(__file__).resolve().parent.parent
INPUT = ROOT / "input"
OUTPUT = ROOT / "output"
SEED = INPUT / "global-times-2021-03-11-china-us-semiconductor-working-group.txt"
CORPUS_PY = ROOT / "benchmarks" / "corpus.py"


def wirefeed(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The `wirefeed` command as a user runs it, in its own process."""
    return subprocess.run([sys.executable, "-m", "wirefeed", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def sample_copy(tmp_path: Path) -> Path:
    """A private copy of input/ (without its store), so a build never writes beside the repository's inputs."""
    shutil.copytree(INPUT, tmp_path / "input", ignore=shutil.ignore_patterns(".wirefeed"))
    return tmp_path / "input"


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative path (POSIX), with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


P = ParamSpec("P")
R = TypeVar("R")


def spied(real: Callable[P, R], note: Callable[P, object]) -> Callable[P, R]:
    """`real`, calling `note` with the same arguments first: a spy to monkeypatch in its place."""
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        note(*args, **kwargs)
        return real(*args, **kwargs)
    return call


def load_corpus_generator(name: str) -> ModuleType:
    """benchmarks/corpus.py as a module; benchmarks/ is not a package, so it is loaded by path
    under a name of its own, registered first because dataclasses look their module up there."""
    spec = importlib.util.spec_from_file_location(name, CORPUS_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module

SITE_TOML = """\
[site]
title = "Test Wire"
base_url = "https://news.example.com/"
description = "Test wire copy."
language = "en"
timezone = "Asia/Shanghai"

[publisher]
name = "Global Times"
url = "https://www.globaltimes.cn/"
logo = "static/logo.png"
logo_width = 600
logo_height = 60
"""


@pytest.fixture
def sample_site() -> Site:
    return load_site(INPUT / "wirefeed.toml")


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """An input folder with a valid wirefeed.toml and no articles yet."""
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "wirefeed.toml").write_text(SITE_TOML, encoding="utf-8")
    return folder


@pytest.fixture
def test_site(site_dir: Path) -> Site:
    return load_site(site_dir / "wirefeed.toml")


# ---------------------------------------------------------------------------------------------
# The publishing history's two backends: SQLite, and PostgreSQL on a server of the tests' own


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run (skips, saying why, where none can be started)."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def new_history(request: pytest.FixtureRequest) -> Callable[[], str | None]:
    """Gives a new, empty history for a site: None for the SQLite file beside its config, or
    the URL of a fresh PostgreSQL database for its `[store] url`. Tests that take it run
    against both backends."""
    if request.param == "sqlite":
        return lambda: None
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database
