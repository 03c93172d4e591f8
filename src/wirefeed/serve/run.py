"""`wirefeed serve`: serve an output folder over HTTP (uvicorn), and with watch mode rebuild it
whenever an input, sidecar, template or the config changes (watchfiles).

A rebuild runs in a worker thread while the server goes on answering from the output in place;
the build's own swap puts the new output in at once. A bad edit is printed, sent to the open
pages, and the last good output stays served (a rejected edit keeps the article's last good
version, as every build does).
"""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from wirefeed.serve.app import LiveState, create_app

# What the build writes inside the input folder (its history, caches, lock) and what editors
# leave beside a file: no reason to rebuild.
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp")


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """A rebuild's outcome: whether the output changed, and its error lines (rejections, a bad config)."""

    changed: bool
    errors: tuple[str, ...]
    settle: Callable[[], None] | None = None  # what the rebuild left to do once the pages are told


# A rebuild, given the files that changed (it may stand on the last build: pipeline/warm.py).
Rebuild = Callable[[Collection[Path]], Rebuilt]


def bound_socket(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: any free one), made before the server starts so its address is known."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(sock: socket.socket, output_dir: Path, watched: Path | None, rebuild: Rebuild, skip: tuple[Path, ...] = ()) -> None:
    """Serve `output_dir` on `sock` until interrupted; with `watched`, rebuild on its changes."""
    import uvicorn

    live = LiveState() if watched is not None else None
    if watched is not None:
        # The rebuild runs in a thread beside the server: its page is written first, and the
        # server should answer for it while the feeds are still being rendered, not after the
        # 5 ms turns Python gives a thread that holds the interpreter.
        sys.setswitchinterval(0.0005)
    config = uvicorn.Config(create_app(output_dir, live), log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)

    async def run() -> None:
        tasks = [asyncio.create_task(server.serve(sockets=[sock]))]
        if watched is not None and live is not None:
            tasks.append(asyncio.create_task(_rebuild_on_change(watched, skip, rebuild, live)))
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        for task in done:
            task.result()

    asyncio.run(run())


async def _rebuild_on_change(watched: Path, skip: tuple[Path, ...], rebuild: Rebuild, live: LiveState) -> None:
    from watchfiles import awatch

    def relevant(_change: object, name: str) -> bool:
        return is_input_change(Path(name), watched, skip)

    # A save is taken once 5 ms pass without another change (an editor writes a file in a few
    # steps, microseconds apart), changes within 50 ms together. 5 ms, not watchfiles' 50: the
    # rebuild of one edit takes 20 ms (pipeline/warm.py), and waiting was most of the latency.
    async for changes in awatch(watched, watch_filter=relevant, debounce=50, step=5):
        outcome = await asyncio.to_thread(rebuild, frozenset(Path(name) for _change, name in changes))
        await live.publish(outcome.changed, outcome.errors)
        if outcome.settle is not None:
            await asyncio.to_thread(outcome.settle)


def is_input_change(path: Path, watched: Path, skip: tuple[Path, ...]) -> bool:
    """Whether a change at `path` can change the site: not in a hidden folder (the history, the
    caches), not in the output or its stage folders, not an editor's scratch file."""
    try:
        parts = path.resolve().relative_to(watched.resolve()).parts
    except ValueError:
        return False
    if any(part.startswith(".") for part in parts) or path.name.endswith(_IGNORED_SUFFIXES):
        return False
    resolved = path.resolve()
    return not any(_in_output(resolved, folder) for folder in skip)


def _in_output(path: Path, output: Path) -> bool:
    """In the output folder, or in one of its stage folders beside it (`output.wirefeed-next`)."""
    return any(folder == output or (folder.parent == output.parent and folder.name.startswith(output.name + ".wirefeed-"))
               for folder in (path, *path.parents))
