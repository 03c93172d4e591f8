"""Each module imports on its own, in a fresh interpreter: no import cycle depends on who comes first."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

MODULES = sorted(
    path.relative_to(ROOT / "src").with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__")
    for path in (ROOT / "src" / "wirefeed").glob("*/__init__.py")
) + sorted(
    f"wirefeed.{path.stem}" for path in (ROOT / "src" / "wirefeed").glob("*.py") if path.stem not in ("__init__", "__main__")
)


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_first(module: str) -> None:
    run = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


# Every module, each imported first after wirefeed's modules are forgotten: in one interpreter,
# as 150 fresh ones would take half a minute. A cycle lies within wirefeed's own modules, which
# are all imported anew; the libraries stay loaded.
_EACH_IMPORTED_FIRST = """
import importlib, sys
failed = []
for module in sys.argv[1:]:
    for loaded in [name for name in sys.modules if name == "wirefeed" or name.startswith("wirefeed.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(module)
    except Exception as error:
        failed.append(f"{module}: {error!r}")
print("\\n".join(failed))
"""


def test_every_module_imports_first() -> None:
    modules = sorted(
        path.relative_to(ROOT / "src").with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__")
        for path in (ROOT / "src" / "wirefeed").rglob("*.py") if path.name != "__main__.py"
    )
    assert len(modules) > 140 and "wirefeed.cache.lastbuild" in modules
    run = subprocess.run([sys.executable, "-c", _EACH_IMPORTED_FIRST, *modules], capture_output=True, text=True, timeout=300)
    assert (run.returncode, run.stdout.strip()) == (0, ""), run.stderr


# What a build never needs unless it meets a file that is not UTF-8, prints an error or a progress
# bar, or is asked to check: the command starts without them (a rebuild that finds nothing
# changed takes a few tenths of a second, a tenth of which these imports were).
# psycopg: only a build whose history is in PostgreSQL loads it (an optional extra, wirefeed[postgres]).
# The wire readers and feedparser: only a build with an input to read (60 ms of imports).
_LAZY_MODULES = ("charset_normalizer", "rich", "wirefeed.check", "psycopg", "dask", "distributed", "wirefeed.engine.dask_engine",
                 "wirefeed.readers.wire", "wirefeed.readers.iptc7901", "feedparser")


def test_the_command_starts_without_what_only_some_runs_need() -> None:
    probe = f"import sys, wirefeed.cli; print(sorted(m for m in {_LAZY_MODULES!r} if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "[]\n"


@pytest.mark.parametrize("distribution", ["dask", "distributed", "psycopg"])
def test_a_plain_install_requires_neither_dask_nor_psycopg(distribution: str) -> None:
    # `pip install wirefeed` installs what wirefeed's metadata requires without an extra: the
    # cluster engine and the PostgreSQL driver come only with wirefeed[dask] / wirefeed[postgres].
    from importlib.metadata import requires

    from packaging.requirements import Requirement

    wanted = [Requirement(line) for line in requires("wirefeed") or []]
    named = [requirement for requirement in wanted if requirement.name == distribution]
    unconditional = [requirement for requirement in named
                     if requirement.marker is None or requirement.marker.evaluate({"extra": ""})]
    assert unconditional == []
    assert {str(requirement.marker) for requirement in named} <= {'extra == "test"', 'extra == "dask"', 'extra == "postgres"'}


# What a rebuild that finds nothing changed leaves unimported: it stats the inputs, checks the
# last build's record and stops (pipeline/build.py), and the readers, the history's planning,
# the site plan, the writers and Jinja cost more to import than the rest of it took.
# Nor the history's records and backends (wirefeed.store names them when first used): they
# were 13 ms of a 0.2 s rebuild. Nor `secrets` (for a new blob file's name) and `traceback` (for
# a worker's error that cannot be pickled): 4 ms.
_LONG_WAY_MODULES = ("jinja2", "wirefeed.readers.text", "wirefeed.normalize", "wirefeed.pipeline.publish",
                     "wirefeed.site.plan", "wirefeed.writers.html", "lxml", "feedgen",
                     "wirefeed.store.records", "wirefeed.store.sqlite", "wirefeed.store.postgres", "sqlite3",
                     "secrets", "traceback")


def test_a_rebuild_with_nothing_changed_imports_none_of_the_long_way(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "input", tmp_path / "in", ignore=shutil.ignore_patterns(".wirefeed"))
    command = ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--now", "2026-12-01T00:00:00Z"]
    probe = ("import sys, wirefeed.cli\n"
             f"sys.argv = ['wirefeed', *{command!r}]\n"
             "try:\n    wirefeed.cli.main()\nexcept SystemExit as done:\n    assert done.code == 0, done.code\n"
             f"print(sorted(m for m in {_LONG_WAY_MODULES!r} if m in sys.modules))")
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert first.stdout != "[]\n"  # the first build takes the long way
    again = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "0 rendered" in again.stderr
    assert again.stdout == "[]\n"


def test_the_public_names_resolve_and_normalize_stays_the_function() -> None:
    # wirefeed's names are imported on first use; the import system sets a subpackage on its
    # parent, which must not replace the function `wirefeed.normalize` once the subpackage loads.
    probe = ("import wirefeed, wirefeed.normalize.dating, wirefeed.pipeline.build\n"
             "assert all(getattr(wirefeed, name) is not None for name in wirefeed.__all__)\n"
             "from wirefeed.normalize import normalize\n"
             "assert wirefeed.normalize is normalize and callable(wirefeed.normalize)\n"
             "from wirefeed.pipeline.build import build\n"
             "assert wirefeed.build is build\n"
             "assert sorted(wirefeed._PUBLIC) == sorted(wirefeed.__all__)\n"  # the lazy table names each public name
             "print(sorted(set(wirefeed.__all__) - set(dir(wirefeed))))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "[]\n"
