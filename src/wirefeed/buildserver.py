"""The build server (`wirefeed build-server`): one site's last build kept in memory, so that a
`wirefeed build` started from a cold shell (a CMS hook after each save) costs what changed.

A cold `wirefeed build` of one edited article must load what the last build worked out (the
history's records, the input cache, the site plan, every output's key) before it can know what
the edit touches: 2 s at 10,000 articles, of which the edit itself is 20 ms. The server is the
dmypy / Gradle-daemon answer to that: it makes one full build, keeps it (pipeline/warm.py), and
answers each `wirefeed build` of the same input, output and history over a Unix socket. It finds
what changed by scanning the inputs (as every build does), rebuilds that, and sends back the
build's report; the command prints it as its own. Anything the kept build cannot take (an input
added or removed, the config, a template, a rejected edit, another process's build) is a full
build in the server, which keeps that one instead. The outputs and the history are the ones a
build in the command gives: tests/test_build_server.py compares them.

The command asks only when a server of this exact site runs: its socket is named after the
input folder, the output folder, the history file and this copy of wirefeed, and lies in a
folder only this user can enter ($XDG_RUNTIME_DIR/wirefeed, else /tmp/wirefeed-<uid>, refused
when anyone else could write there). Whatever goes wrong on the way (no server, a server that
stopped, one whose code changed, an error in its build) leaves the command to build itself, so
the server can only make a build faster, never change what it does.

This module is imported by every `wirefeed build`: the asking side uses only the standard
library, and imports `socket` only when a server's socket is there (`socket`, `tempfile`,
`signal` and `struct` were 7 ms of a 0.2 s rebuild that finds nothing changed); the serving
side imports the build when it starts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wirefeed.errors import shown

if TYPE_CHECKING:
    import socket

    from wirefeed.pipeline.result import BuildResult
    from wirefeed.pipeline.warm import KeptBuilds

__all__ = ["BuildReport", "ServerUnavailable", "ask_build_server", "run_build_server", "server_socket"]

_REQUEST_LIMIT = 64 * 1024  # a request is four paths and a time
_ANSWER_LIMIT = 256 * 1024 * 1024  # a report with every output's path, at 1,000,000 outputs
_REQUEST_SECONDS = 5.0  # for a request to arrive once connected: a client that stalls is dropped
_CONNECT_SECONDS = 2.0
_SOCKET_PATH_LIMIT = 107  # sockaddr_un's sun_path, less its closing NUL


class ServerUnavailable(Exception):
    """A build server cannot be started here (its folder is unsafe, the path too long, one runs)."""


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build tells its user: its problem lines (rejections, withdrawals, warnings, in that
    order) and its counts; the rendered outputs' paths only when asked (for WebSub pings)."""

    problems: tuple[str, ...]
    articles: int
    files: int
    rendered: int
    removed: int
    embargoed: int
    withdrawn: int
    rejected: int
    rendered_paths: tuple[str, ...] = ()

    @classmethod
    def of(cls, result: BuildResult, with_paths: bool = True) -> BuildReport:
        problems = (*(str(rejected) for rejected in result.rejected), *(str(withdrawal) for withdrawal in result.withdrawals),
                    *result.warnings)
        return cls(problems=tuple(problems), articles=len(result.articles), files=len(result.written),
                   rendered=len(result.rendered), removed=len(result.removed), embargoed=len(result.embargoed),
                   withdrawn=len(result.withdrawals), rejected=len(result.rejected),
                   rendered_paths=tuple(result.rendered) if with_paths else ())

    @classmethod
    def from_json(cls, data: Any) -> BuildReport:
        """The report an answer carries; ValueError when it is not one."""
        if not isinstance(data, dict) or set(data) != {field.name for field in fields(cls)}:
            raise ValueError("not a build report")
        counts = [data[field.name] for field in fields(cls) if field.type == "int"]
        texts = [*data["problems"], *data["rendered_paths"]]
        if not all(type(count) is int and count >= 0 for count in counts) or not all(isinstance(text, str) for text in texts):
            raise ValueError("not a build report")
        return cls(**{**data, "problems": tuple(data["problems"]), "rendered_paths": tuple(data["rendered_paths"])})


@dataclass(frozen=True, slots=True)
class _Site:
    """The site a server keeps: its input and output folders and history file, each absolute."""

    input_dir: str
    output_dir: str
    store_file: str

    @classmethod
    def of(cls, input_dir: Path, output_dir: Path, store_file: Path) -> _Site:
        return cls(os.path.realpath(input_dir), os.path.realpath(output_dir), os.path.realpath(store_file))


def server_socket(input_dir: Path, output_dir: Path, store_file: Path) -> Path | None:
    """Where the build server of this site (and this copy of wirefeed) listens; None when no
    safe folder for it can be had or the path would be too long for a socket."""
    folder = _run_folder()
    if folder is None:
        return None
    site = _Site.of(input_dir, output_dir, store_file)
    key = hashlib.sha256("\0".join((_package_folder(), site.input_dir, site.output_dir, site.store_file)).encode()).hexdigest()
    path = folder / f"build-{key[:24]}.sock"
    return path if len(os.fsencode(path)) <= _SOCKET_PATH_LIMIT else None


def _package_folder() -> str:
    return os.path.dirname(os.path.realpath(__file__))


def _run_folder(create: bool = False) -> Path | None:
    """This user's folder for sockets: $XDG_RUNTIME_DIR/wirefeed, else wirefeed-<uid> in the
    temporary folder ($TMPDIR, $TEMP or $TMP, else /tmp). Used only when it is a real folder of
    this user's that no one else may enter: in a shared /tmp another user could otherwise put a
    socket of theirs where the command looks."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        folder = Path(runtime) / "wirefeed"
    else:
        # The variables tempfile.gettempdir() looks at first, without its check that the folder
        # takes a new file (a file written and removed on every command: 5 ms with the import).
        # A folder that cannot be had is checked below, as the socket's folder is anyway.
        temporary = next((os.environ[name] for name in ("TMPDIR", "TEMP", "TMP") if os.environ.get(name)), "/tmp")
        folder = Path(temporary) / f"wirefeed-{os.getuid()}"
    if create:
        with contextlib.suppress(OSError):  # there already, or not to be had: told below
            folder.mkdir(mode=0o700)
    try:
        facts = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(facts.st_mode) or facts.st_uid != os.getuid() or facts.st_mode & 0o077:
        return None
    return folder


# ---- asking ---------------------------------------------------------------------------------


def ask_build_server(input_dir: Path, output_dir: Path, store_file: Path, now: datetime | None, *,
                     with_paths: bool = False) -> BuildReport | None:
    """The report of a build made by this site's build server, or None when none answers (the
    caller builds itself). Blocks for as long as the server's build takes."""
    path = server_socket(input_dir, output_dir, store_file)
    if path is None or not path.exists():
        return None
    import socket

    site = _Site.of(input_dir, output_dir, store_file)
    request = {**asdict(site), "now": now.isoformat() if now is not None else None, "with_paths": with_paths}
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(_CONNECT_SECONDS)
            connection.connect(os.fspath(path))
            connection.sendall(json.dumps(request).encode() + b"\n")
            connection.shutdown(socket.SHUT_WR)
            connection.settimeout(None)  # the server's build: a full one may take minutes
            answer = json.loads(_read_all(connection, _ANSWER_LIMIT))
        if not isinstance(answer, dict) or not answer.get("built"):
            return None
        report = BuildReport.from_json(answer["report"])
    except (OSError, ValueError, KeyError):
        return None
    return replace(report, problems=_with_folder(report.problems, site.input_dir + os.sep, _spelled(input_dir)))


def _spelled(folder: Path) -> str:
    """How a build's problem lines begin for the files in `folder`, spelled as it was given:
    `input/` (`input/story.txt:3: ...`), or nothing for `.`."""
    text = shown(folder)
    return "" if text == "." else text.rstrip(os.sep) + os.sep


def _with_folder(problems: tuple[str, ...], was: str, becomes: str) -> tuple[str, ...]:
    """The lines with the input folder spelled `becomes` where they begin with `was`. Every
    problem line of a build begins with the path of the input it is about (errors.py), so a
    server started with `.` (`was` empty) has every line begin with the folder."""
    return tuple(becomes + line[len(was):] if line.startswith(was) else line for line in problems)


def _read_all(connection: socket.socket, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := connection.recv(1 << 20):
        size += len(chunk)
        if size > limit:
            raise ValueError(f"more than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


# ---- serving --------------------------------------------------------------------------------


Say = Callable[[BuildReport], None]


def run_build_server(input_dir: Path, output_dir: Path, store_file: Path, builds: KeptBuilds, say: Say,
                     on_listening: Callable[[Path], None], *, now: datetime | None = None) -> None:
    """Make the first build (at `now`), then answer each `wirefeed build` of this site until SIGTERM or
    SIGINT; the socket is removed and the last build's caches saved on the way out. A build
    error at the first build raises as build() raises; ServerUnavailable when no socket can be
    had (an unsafe folder, a path too long, a server of this site already running)."""
    site = _Site.of(input_dir, output_dir, store_file)
    with _stopped_by_signals(), _listening(site) as (listener, path):
        code = _code_signature()
        say(BuildReport.of(builds.build(now=now)[0], with_paths=False))
        on_listening(path)
        while True:
            connection, _ = listener.accept()
            with connection:
                if not _answer(connection, site, builds, say, code):
                    return
            builds.settle()  # once the command has its answer


@contextlib.contextmanager
def _listening(site: _Site) -> Iterator[tuple[socket.socket, Path]]:
    folder = _run_folder(create=True)
    path = server_socket(Path(site.input_dir), Path(site.output_dir), Path(site.store_file))
    if folder is None or path is None:
        raise ServerUnavailable("no folder only this user may enter for the server's socket (set XDG_RUNTIME_DIR to a short private one)")
    import fcntl
    import socket

    # One server per site: the lock is held for the server's life, and a socket left by one
    # that was killed is replaced.
    with open(path.with_suffix(".lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ServerUnavailable(f"a build server of this site is already running ({path})") from None
        path.unlink(missing_ok=True)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
            listener.bind(os.fspath(path))
            listener.listen(16)
            try:
                yield listener, path
            finally:
                path.unlink(missing_ok=True)


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM stops the server as Ctrl-C does: through its finally clauses, which save the
    last rebuild's caches and remove the socket."""

    import signal

    def stop(_number: int, _frame: object) -> None:
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _answer(connection: socket.socket, site: _Site, builds: KeptBuilds, say: Say, code: dict[str, tuple[int, int]]) -> bool:
    """Answer one request; False when the server must stop (its code changed on disk)."""
    if not _same_user(connection):
        return True
    request = _request(connection, site)
    if request is None:
        return True
    if _code_signature() != code:
        # A server running code that is no longer on disk would build what the command
        # no longer builds: it stops, and the command builds itself.
        _send(connection, {"built": False, "why": "wirefeed's code changed; the build server stops"})
        return False
    now, with_paths = request
    try:
        result, _site = builds.build_changed(now)
    except Exception as error:  # noqa: BLE001  # the command builds itself and reports it
        _send(connection, {"built": False, "why": f"{type(error).__name__}: {error}"})
        return True
    report = BuildReport.of(result, with_paths)
    # The lines name the inputs as the server's folder was spelled to it; they travel with its
    # real path, which the asking command spells its own way again (ask_build_server).
    rooted = _with_folder(report.problems, _spelled(builds.input_dir), site.input_dir + os.sep)
    _send(connection, {"built": True, "report": asdict(replace(report, problems=rooted))})
    say(report)
    return True


def _same_user(connection: socket.socket) -> bool:
    """Whether the peer runs as this user (Linux says; elsewhere the folder's mode decides)."""
    import socket
    import struct

    if not hasattr(socket, "SO_PEERCRED"):
        return True
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return bool(uid == os.getuid())


def _request(connection: socket.socket, site: _Site) -> tuple[datetime | None, bool] | None:
    """The build time and whether paths are wanted, when the request is well formed and for this site."""
    connection.settimeout(_REQUEST_SECONDS)
    try:
        data = json.loads(_read_all(connection, _REQUEST_LIMIT))
        if not isinstance(data, dict) or _Site(data["input_dir"], data["output_dir"], data["store_file"]) != site:
            raise ValueError("not a request for this site")
        now = None if data["now"] is None else datetime.fromisoformat(data["now"])
        if now is not None and now.utcoffset() is None:
            raise ValueError("a time with no UTC offset")
        with_paths = data["with_paths"]
        if not isinstance(with_paths, bool):
            raise ValueError("with_paths is no boolean")
    except (OSError, ValueError, KeyError, TypeError) as error:
        with contextlib.suppress(OSError):
            _send(connection, {"built": False, "why": f"a bad request: {error}"})
        return None
    connection.settimeout(None)
    return now, with_paths


def _send(connection: socket.socket, answer: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # a command that went away builds nothing more
        connection.sendall(json.dumps(answer).encode())


def _code_signature() -> dict[str, tuple[int, int]]:
    """Each of wirefeed's source files with its size and modification time."""
    signature: dict[str, tuple[int, int]] = {}
    for folder, _folders, files in os.walk(_package_folder()):
        for name in files:
            if name.endswith((".py", ".html", ".xml", ".json", ".toml")):
                facts = os.stat(os.path.join(folder, name))
                signature[os.path.join(folder, name)] = (facts.st_size, facts.st_mtime_ns)
    return signature
