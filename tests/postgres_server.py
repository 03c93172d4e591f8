"""A real PostgreSQL server for the tests, started in a temporary folder and stopped afterwards.

`initdb` makes a cluster in a fresh temporary folder; `pg_ctl start` runs it listening on a
Unix socket in that folder only (no TCP port), with trust authentication for its one user.
Each test gets a database of its own. The server binaries are Debian's `postgresql` package
(`make test` installs it): on PATH, or in /usr/lib/postgresql/<version>/bin. PostgreSQL
refuses to run as root, so under root the server runs as the `postgres` user that package
creates. Where neither is possible the tests that need the server are skipped, saying why.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

USER = "wirefeed"
PORT = 5432  # names the socket file only: nothing listens on TCP


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, the newest version where several are installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0)
    return versions[-1].parent if versions else None


class PostgresServer:
    """One running server; `new_database()` gives the URL of a fresh, empty database on it."""

    def __init__(self, binaries: Path, run_as: str | None) -> None:
        self.binaries = binaries
        self.run_as = run_as
        self.folder = Path(tempfile.mkdtemp(prefix="wirefeed-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._numbers = itertools.count(1)
        if run_as is not None:
            os.chown(self.folder, pwd.getpwnam(run_as).pw_uid, pwd.getpwnam(run_as).pw_gid)

    def start(self) -> None:
        self._run("initdb", "--no-sync", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C")
        options = f"-k {self.folder} -c listen_addresses='' -p {PORT} -c fsync=off -c max_connections=50"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@/{database}?host={self.folder}&port={PORT}"

    def new_database(self) -> str:
        import psycopg

        name = f"history_{next(self._numbers)}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.binaries / program), *args]
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.folder)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr}{done.stdout}{log}")


def start_server() -> PostgresServer:
    """A started server, or pytest.skip with the reason none can be had here."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: pip install -e '.[test]' installs it for the PostgreSQL history tests")
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin: "
                    "apt-get install postgresql (make test does) to run the PostgreSQL history tests")
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres user to run the PostgreSQL server as")
        run_as = "postgres"
    server = PostgresServer(binaries, run_as)
    server.start()
    return server
