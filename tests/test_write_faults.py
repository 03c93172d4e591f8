"""A write that fails at any step of a build (a full disk, an I/O error, a name too long, a
permission refused) leaves the previous output and history exactly as they were, exits 3, and
the next build succeeds.

Each step a build writes through is wrapped to fail at its first, middle or last call of a
rebuild that changes pages, adds one and removes one. (A fault in a cache written after the
history is recorded fails nothing: the build is published, the next one reads more.)
Recording the history fails in either backend: the SQLite file, or a PostgreSQL database.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import wirefeed.output
import wirefeed.store
import wirefeed.store.postgres
import wirefeed.store.sqlite
import wirefeed.engine.staging
from tests.conftest import files_of
from tests.pipeline.test_history_scenarios import ALPHA, BETA, GAMMA, edit_and_grow
from tests.test_history_support import Newsroom
from wirefeed import cli

T1, T2 = "2026-03-11T00:00:00+00:00", "2026-03-12T03:00:00+00:00"
ERRNOS = (errno.ENOSPC, errno.EIO, errno.ENAMETOOLONG, errno.EACCES)


# (module, function name, how the fault is raised): every step that writes the output or the history.
STEPS: dict[str, tuple[Any, str]] = {
    "stage a file": (wirefeed.output, "_write_in_place"),
    "write a file beside the store": (wirefeed.output, "_new_temp"),  # each file written whole or not at all
    "link the output into the stage": (wirefeed.engine.staging, "_link"),
    "make a folder": (os, "mkdir"),
    "swap the stage in": (wirefeed.engine.staging, "_rename_exchange"),
    "record the history": (wirefeed.store.sqlite, "_save_changes"),
    "record the history in PostgreSQL": (wirefeed.store.postgres, "_save_changes"),
}


class Fault:
    """Wraps one function: counts its calls, and raises at call `at` (1-based; 0: never)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, step: str, code: int, at: int) -> None:
        owner, name = STEPS[step]
        self.real: Callable[..., Any] = getattr(owner, name)
        self.calls = 0
        self.code = code
        self.at = at
        raisers: dict[str, Callable[[str], Exception]] = {"record the history": sqlite3.OperationalError,
                                                          "record the history in PostgreSQL": _postgres_error}
        self.database = raisers.get(step)
        monkeypatch.setattr(owner, name, self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if self.calls == self.at:
            if self.database is not None:
                raise self.database(os.strerror(self.code))
            raise OSError(self.code, os.strerror(self.code))
        return self.real(*args, **kwargs)


def _postgres_error(message: str) -> Exception:
    import psycopg

    return psycopg.errors.DiskFull(message)


def _watch_commits(patch: pytest.MonkeyPatch) -> list[bool]:
    """A list that gets an item when the store (either backend) records a build."""
    done: list[bool] = []
    for backend in (wirefeed.store.Store, wirefeed.store.PostgresStore):
        real = backend.commit

        def commit(store: Any, pending: wirefeed.store.PendingSync[Any], real: Callable[..., None] = real) -> None:
            real(store, pending)
            done.append(True)

        patch.setattr(backend, "commit", commit)
    return done


def state(room: Newsroom) -> tuple[dict[str, bytes], dict[str, bytes], list[tuple[Any, ...]]]:
    """The output, the files beside the store (but the append-only blob file and the lock), the history's rows."""
    beside = {name: data for name, data in files_of(room.store.parent).items()
              if not name.endswith((".blobs", ".lock")) and name != room.store.name}
    return files_of(room.output), beside, history_rows(room)


def history_rows(room: Newsroom) -> list[tuple[Any, ...]]:
    """Every row of the history's articles and other slugs, from whichever backend keeps it."""
    if room.store_url is not None:
        import psycopg

        with psycopg.connect(room.store_url) as database:
            return (database.execute('SELECT * FROM wirefeed_article ORDER BY id COLLATE "C"').fetchall()
                    + database.execute("SELECT * FROM wirefeed_other_slug ORDER BY seq").fetchall()
                    + database.execute("SELECT * FROM wirefeed_meta ORDER BY name").fetchall())
    with sqlite3.connect(room.store) as connection:
        return connection.execute("SELECT * FROM article ORDER BY id").fetchall() + connection.execute("SELECT * FROM other_slug").fetchall()


def cli_build(room: Newsroom, now: str) -> Any:
    return CliRunner().invoke(cli.main, ["build", str(room.input), "-o", str(room.output), "--now", now])


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    room = prepared(tmp_path_factory.mktemp("reference"))
    assert cli_build(room, T2).exit_code == 0
    return files_of(room.output)


def prepared(folder: Path, store_url: str | None = None) -> Newsroom:
    room = Newsroom(folder / "site", store_url=store_url)
    room.write(ALPHA, BETA)
    room.build(T1)
    edit_and_grow(room)
    return room


def calls_of(step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_history: Callable[[], str | None]) -> int:
    room = prepared(tmp_path / "count", new_history())
    with monkeypatch.context() as patch:
        counter = Fault(patch, step, errno.EIO, 0)
        assert cli_build(room, T2).exit_code == 0
    return counter.calls


@pytest.mark.parametrize("step", list(STEPS))
def test_a_failed_write_at_any_step_changes_nothing_and_the_next_build_succeeds(
        step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, expected: dict[str, bytes], request: pytest.FixtureRequest) -> None:
    new_history: Callable[[], str | None] = lambda: None  # noqa: E731
    if step == "record the history in PostgreSQL":
        new_history = request.getfixturevalue("postgres_server").new_database
    calls = calls_of(step, tmp_path, monkeypatch, new_history)
    assert calls >= 1, f"the rebuild never calls {step}"
    failures: list[int] = []
    # Each error at the first call; the middle and the last call with two of them.
    trials = [(1, code) for code in ERRNOS] + [(at, code) for at in sorted({(calls + 1) // 2, calls} - {1}) for code in ERRNOS[:2]]
    for trial, (at, code) in enumerate(trials):
        room = prepared(tmp_path / f"trial-{trial}", new_history())
        before = state(room)
        with monkeypatch.context() as patch:
            recorded = _watch_commits(patch)
            fault = Fault(patch, step, code, at)
            run = cli_build(room, T2)
        assert fault.calls >= at
        failures.append(run.exit_code)
        if run.exit_code == 0:
            # Past the history's commit only caches are written (the input cache, the record of
            # the last build, the manifest): one that fails costs the next build time, no more.
            # (And making a folder that is there already fails harmlessly.)
            assert recorded
            assert files_of(room.output) == expected
            assert cli_build(room, T2).exit_code == 0
            assert files_of(room.output) == expected
            continue
        assert not recorded, (at, code, run.output)
        assert run.exit_code == 3, (step, at, os.strerror(code), run.output)
        assert run.output.rstrip().endswith(
            "nothing was changed: the output and the publishing history are as the last build left them"), run.output
        assert "Traceback" not in run.output
        assert state(room) == before, (step, at, os.strerror(code))
        assert not list(room.output.parent.glob("output.wirefeed-*"))
        again = cli_build(room, T2)
        assert again.exit_code == 0, again.output
        assert files_of(room.output) == expected
    assert 3 in failures, f"no fault in {step} failed the build"


def test_an_unchanged_site_stays_published_when_the_disk_is_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    room = Newsroom(tmp_path / "site")
    room.write(ALPHA, BETA, GAMMA)
    room.build(T1)
    before = state(room)
    Fault(monkeypatch, "stage a file", errno.ENOSPC, 1)
    Fault(monkeypatch, "write a file beside the store", errno.ENOSPC, 1)
    assert cli_build(room, T1).exit_code == 0
    assert state(room) == before
