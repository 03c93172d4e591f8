"""The PostgreSQL history: many writers at once, the same bytes as SQLite, and what goes wrong.

The history scenarios and crash tests run against both backends elsewhere (tests/store/
test_sqlite.py, tests/pipeline/test_history_scenarios.py); these are about PostgreSQL itself.
All run against the tests' own server (tests/postgres_server.py), never a mock.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import psycopg
import pytest

from tests.conftest import files_of
from tests.postgres_server import PostgresServer
from tests.test_history_support import Newsroom, Story
from wirefeed.cache.state import CacheTunables
from wirefeed.engine.lock import LockedError
from wirefeed.pipeline import build
from wirefeed.errors import HistoryDatabaseError, HistoryUnavailableError
from wirefeed.store import ArticleRecord, PostgresStore
from wirefeed.store.postgres import ADVISORY_LOCK_KEY, SCHEMA_VERSION

SHARED = Story("shared", "Chip talks open in Beijing", "2026-03-10 09:00")
ONLY_A = Story("only-a", "Exports rise in February", "2026-03-10 15:00")
ONLY_B = Story("only-b", "New fab planned in Shenzhen", "2026-03-10 16:00")
T1, T2, T3, T4 = "2026-03-11T01:00:00+00:00", "2026-03-11T02:00:00+00:00", "2026-03-11T03:00:00+00:00", "2026-03-11T04:00:00+00:00"


def records_of(url: str) -> dict[str, ArticleRecord]:
    with PostgresStore.open(url) as store:
        return {record.id: record for record in store.records()}


def build_command(room: Newsroom, now: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "wirefeed", "build", str(room.input), "-o", str(room.output), "--now", now, "--no-ping", *extra]


def waiting_for_lock(url: str) -> int:
    """How many sessions wait for the history's advisory lock."""
    with psycopg.connect(url, autocommit=True) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database())").fetchone()
    assert row is not None
    return int(row[0])


def two_builds_at_once(url: str, rooms: tuple[Newsroom, Newsroom], nows: tuple[str, str]) -> list[subprocess.CompletedProcess[str]]:
    """Two `wirefeed build` processes against one history, both started while a third session
    holds the history's lock, which is let go once both wait for it: they run at the same time."""
    with psycopg.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (ADVISORY_LOCK_KEY,))
        processes = [subprocess.Popen(build_command(room, now), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for room, now in zip(rooms, nows)]
        deadline = time.monotonic() + 120
        while waiting_for_lock(url) < 2 and time.monotonic() < deadline and all(p.poll() is None for p in processes):
            time.sleep(0.1)
        assert waiting_for_lock(url) == 2, [p.communicate() for p in processes]
        holder.execute("SELECT pg_advisory_unlock(%s)", (ADVISORY_LOCK_KEY,))
    done = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr))
    return done


def test_two_builds_at_once_against_one_history_are_serialized_and_lose_no_update(
        tmp_path: Path, postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    room_a = Newsroom(tmp_path / "a", store_url=url)
    room_b = Newsroom(tmp_path / "b", store_url=url)
    room_a.write(SHARED, ONLY_A)
    room_b.write(SHARED, ONLY_B)

    first = two_builds_at_once(url, (room_a, room_b), (T1, T2))
    assert [run.returncode for run in first] == [0, 0], [run.stderr for run in first]
    assert all("PostgreSQL history wirefeed@/history_" in run.stderr and "waiting for another wirefeed build" in run.stderr
               for run in first)
    after_first = records_of(url)
    assert sorted(after_first) == ["only-a", "only-b", "shared"]
    shared = after_first["shared"]
    assert shared.revision == 1
    # The build that ran second withdrew the other's own story (gone from its inputs), after it.
    [withdrawn] = [record for record in after_first.values() if record.state == "withdrawn"]
    ran_first_now = T1 if withdrawn.id == "only-a" else T2
    assert shared.first_seen == after_first[withdrawn.id].first_seen == datetime.fromisoformat(ran_first_now)

    # Both edit the shared story at once, differently: each edit is a revision, none is lost.
    room_a.write(replace(SHARED, body=("Edited by the first desk.",)))
    room_b.write(replace(SHARED, body=("Edited by the second desk.",)))
    second = two_builds_at_once(url, (room_a, room_b), (T3, T4))
    assert [run.returncode for run in second] == [0, 0], [run.stderr for run in second]
    after_second = records_of(url)
    assert after_second["shared"].revision == 3
    for article_id, record in after_first.items():
        assert (after_second[article_id].guid, after_second[article_id].first_seen) == (record.guid, record.first_seen)
    # Each output folder shows its own desk's edit of the one story, under the one GUID.
    for room, desk in ((room_a, b"first desk"), (room_b, b"second desk")):
        page = room.read("articles/chip-talks-open-in-beijing.html")
        assert desk in page and shared.guid.encode() in room.read("feed.atom")


def test_a_postgresql_history_gives_the_bytes_an_sqlite_one_gives(tmp_path: Path, postgres_server: PostgresServer) -> None:
    rooms = [Newsroom(tmp_path / "sqlite"), Newsroom(tmp_path / "postgres", store_url=postgres_server.new_database())]
    for room in rooms:
        room.write(SHARED, ONLY_A, ONLY_B)
        room.build(T1)
        room.write(replace(SHARED, headline="Chip talks end with a deal"), ONLY_A)
        room.remove("only-b")
        room.build(T2)
    assert files_of(rooms[0].output) == files_of(rooms[1].output)
    assert not rooms[1].store.exists()


def test_an_unreachable_database_is_one_line_exit_2_and_nothing_written(tmp_path: Path) -> None:
    nowhere = tmp_path / "no-server"
    nowhere.mkdir()
    room = Newsroom(tmp_path / "site", store_url=f"postgresql://wirefeed@/news?host={nowhere}&port=5432")
    room.write(SHARED)
    run = subprocess.run(build_command(room, T1), capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    [line] = run.stderr.splitlines()
    assert line.startswith("postgresql://wirefeed@/news: cannot connect to the history database: ")
    assert line.endswith("; nothing was written")
    assert not room.output.exists()
    # Only the build's lock file (engine/lock.py): no cache, no ledger, no history file.
    assert [path.name for path in (room.input / ".wirefeed").iterdir()] == ["store.lock"]


def test_a_missing_password_variable_is_named(tmp_path: Path, postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    with pytest.raises(HistoryUnavailableError) as raised:
        PostgresStore.open(url, password_env="WIREFEED_TEST_NO_SUCH_VARIABLE")
    assert str(raised.value) == (f"postgresql://wirefeed@/{url.split('/')[3].split('?')[0]}: store.password_env names the "
                                 "environment variable WIREFEED_TEST_NO_SUCH_VARIABLE, which is not set")
    os.environ["WIREFEED_TEST_PASSWORD"] = "not needed by a trust login, but handed to libpq"
    try:
        with PostgresStore.open(url, password_env="WIREFEED_TEST_PASSWORD") as store:
            assert store.records() == ()
    finally:
        del os.environ["WIREFEED_TEST_PASSWORD"]


def test_a_build_told_not_to_wait_for_the_history_is_a_locked_error(postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    with PostgresStore.open(url):
        with pytest.raises(LockedError) as raised:
            PostgresStore.open(url, wait=False)
    assert str(raised.value).startswith("PostgreSQL history wirefeed@/history_")
    with PostgresStore.open(url, wait=False) as store:  # the first one's close let the lock go
        assert store.records() == ()


def test_a_history_from_a_newer_schema_is_refused(postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    PostgresStore.open(url).close()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("UPDATE wirefeed_meta SET value = 99 WHERE name = 'schema_version'")
    with pytest.raises(HistoryDatabaseError, match=f"history schema version 99, this wirefeed reads versions up to {SCHEMA_VERSION}"):
        PostgresStore.open(url)


def test_a_commit_after_another_writer_changed_the_history_is_refused(postgres_server: PostgresServer) -> None:
    from tests.store.test_sqlite import NOW1, make_article

    url = postgres_server.new_database()
    with PostgresStore.open(url) as store:
        pending = store.plan_sync([make_article()], NOW1)
        # A writer that does not take the lock (an older tool, a hand edit) changes the history.
        with psycopg.connect(url, autocommit=True) as other:
            other.execute("UPDATE wirefeed_meta SET value = value + 1 WHERE name = 'history_version'")
        with pytest.raises(HistoryDatabaseError, match="changed by another writer during this build; build again"):
            store.commit(pending)
        assert store.records() == ()


@pytest.mark.parametrize(("store_table", "message"), [
    ('url = "mysql://db.example/news"',
     "store.url: expected a PostgreSQL URL such as postgresql://wirefeed@db.example/news, got 'mysql://db.example/news'"),
    ('url = "postgresql://wirefeed:secret@db.example/news"',
     "store.url: expected no password in the URL: keep it out of the config, in PGPASSWORD or ~/.pgpass "
     "(libpq's usual places) or in the environment variable that store.password_env names"),
    ('url = "postgresql://db.example/news?password=secret"',
     "store.url: expected no password in the URL: keep it out of the config, in PGPASSWORD or ~/.pgpass "
     "(libpq's usual places) or in the environment variable that store.password_env names"),
    ('url = "postgresql://db.example:port/news"',
     "store.url: expected a PostgreSQL URL such as postgresql://wirefeed@db.example/news "
     "(Port could not be cast to integer value as 'port')"),
    ('password_env = "PGPASSWORD"', "store.password_env: expected only beside store.url (a PostgreSQL history)"),
    ('url = "postgresql://db.example/news"\npassword_env = "NOT A NAME"',
     "store.password_env: expected the name of an environment variable, such as WIREFEED_PGPASSWORD, got 'NOT A NAME'"),
])
def test_a_wrong_store_setting_names_its_key_and_exits_2(tmp_path: Path, store_table: str, message: str) -> None:
    room = Newsroom(tmp_path / "site")
    config = room.input / "wirefeed.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"\n[store]\n{store_table}\n", encoding="utf-8")
    run = subprocess.run(build_command(room, T1), capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert f"{config}: {message}" in run.stderr
    assert "secret" not in run.stderr
    assert not room.output.exists()


def test_a_rebuild_sees_what_another_writer_changed_in_the_history(tmp_path: Path, postgres_server: PostgresServer) -> None:
    # The whole-build shortcut keys on files here; another writer changes none of them.
    url = postgres_server.new_database()
    room_a, room_b = Newsroom(tmp_path / "a", store_url=url), Newsroom(tmp_path / "b", store_url=url)
    room_a.write(SHARED, ONLY_A)
    room_b.write(SHARED)
    settled = CacheTunables(settled_ns=0)  # inputs just written count as settled: the shortcut may be recorded
    build(room_a.input, room_a.output, now=datetime.fromisoformat(T1), tunables=settled)
    build(room_a.input, room_a.output, now=datetime.fromisoformat(T2), tunables=settled)  # unchanged
    room_b.build(T3)  # withdraws only-a, gone from its inputs
    assert records_of(url)["only-a"].state == "withdrawn"
    # The same inputs as before, but not the same history.
    result = build(room_a.input, room_a.output, now=datetime.fromisoformat(T4), tunables=settled)
    assert [article.id for article in result.articles] == ["only-a", "shared"]
    only_a = records_of(url)["only-a"]
    assert (only_a.state, only_a.revision) == ("published", 2)


def test_a_damaged_stored_time_is_a_history_error_naming_the_database(postgres_server: PostgresServer) -> None:
    from tests.store.test_sqlite import NOW1, make_article

    url = postgres_server.new_database()
    with PostgresStore.open(url) as store:
        store.sync([make_article()], NOW1)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("UPDATE wirefeed_article SET first_seen = 'yesterday'")
    with PostgresStore.open(url) as store:
        with pytest.raises(HistoryDatabaseError) as raised:
            store.first_seen()
    assert str(raised.value).startswith(f"{url.split('?')[0]}: a stored value is damaged (")
