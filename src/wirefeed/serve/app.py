"""The HTTP side of `wirefeed serve`: an ASGI app (Starlette) over an output folder.

GET and HEAD with strong ETags and Last-Modified, 304 for If-None-Match and If-Modified-Since
(RFC 9110: If-None-Match wins when both are sent), gzip or brotli by Accept-Encoding with
`Vary: Accept-Encoding`, Cache-Control, and 404 for any path outside the folder. In watch mode
every HTML page carries a small script that listens to `/__wirefeed/events` and reloads the page
when a rebuild changed the output, or shows the rebuild's error lines on it.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from wirefeed.serve.files import Representation, brotli_available, file_for, file_key, representation

EVENTS_PATH = "/__wirefeed/events"
_CACHED_FILES = 4096
_NOT_FOUND = b"404: no such file in this site\n"
# Shown on every page in watch mode: it reloads on a new build and lists a build's errors.
_LIVE_SCRIPT = b"""<script>(function(){var s=new EventSource("/__wirefeed/events");var g=null;
s.onmessage=function(m){var d=JSON.parse(m.data);if(g!==null&&d.generation!==g&&d.changed){location.reload();return}g=d.generation;
var o=document.getElementById("wirefeed-errors");if(!d.errors.length){if(o)o.remove();return}
if(!o){o=document.createElement("pre");o.id="wirefeed-errors";o.style.cssText="position:fixed;bottom:0;left:0;right:0;margin:0;padding:1em;background:#fee;color:#900;font:13px monospace;white-space:pre-wrap;z-index:99999";document.body.appendChild(o)}
o.textContent=d.errors.join("\\n")}})();</script>
"""


@dataclass
class LiveState:
    """What watch mode tells the pages: the build's number, whether it changed the output, and
    the error lines of the last build (a bad edit keeps the last good output served)."""

    generation: int = 0
    changed: bool = False
    errors: tuple[str, ...] = ()
    _condition: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def publish(self, changed: bool, errors: tuple[str, ...]) -> None:
        async with self._condition:
            self.generation += 1
            self.changed, self.errors = changed, errors
            self._condition.notify_all()

    def message(self) -> bytes:
        data = {"generation": self.generation, "changed": self.changed, "errors": list(self.errors)}
        return b"data: " + json.dumps(data).encode("utf-8") + b"\n\n"

    async def next_message(self, seen: int, timeout: float) -> bytes | None:
        """The message of the next build after `seen`; None after `timeout` seconds without one."""
        async with self._condition:
            try:
                await asyncio.wait_for(self._condition.wait_for(lambda: self.generation != seen), timeout)
            except TimeoutError:
                return None
            return self.message()


class OutputFiles:
    """An output folder's representations, kept while the file stays the same."""

    def __init__(self, root: Path, live: LiveState | None) -> None:
        self.root = root
        self.live = live
        self._cache: OrderedDict[Path, tuple[tuple[int, int, int, int], Representation]] = OrderedDict()

    def get(self, url_path: str) -> Representation | None:
        path = file_for(self.root, url_path)
        if path is None:
            return None
        try:
            stat = path.stat()
            key = file_key(stat)
            cached = self._cache.get(path)
            if cached is not None and cached[0] == key:
                self._cache.move_to_end(path)
                return cached[1]
            body = path.read_bytes()
        except OSError:  # replaced by a rebuild between the two looks: a 404 now, the new file next time
            return None
        if self.live is not None and path.suffix == ".html":
            body = _with_live_script(body)
        found = representation(path, body, stat)
        self._cache[path] = (key, found)
        if len(self._cache) > _CACHED_FILES:
            self._cache.popitem(last=False)
        return found


def create_app(output_dir: Path, live: LiveState | None = None) -> Starlette:
    """The ASGI app serving `output_dir` (and, with `live`, the watch mode's event stream)."""
    files = OutputFiles(output_dir, live)
    encodings = ("br", "gzip") if brotli_available() else ("gzip",)

    async def serve_file(request: Request) -> Response:
        found = files.get(request.url.path)
        if found is None:
            return Response(_NOT_FOUND, status_code=404, media_type="text/plain; charset=utf-8")
        return _response(request, found, _chosen_encoding(request.headers.get("accept-encoding", ""), found, encodings))

    async def events(request: Request) -> StreamingResponse:
        assert live is not None
        return StreamingResponse(_event_stream(request, live), media_type="text/event-stream", headers={"Cache-Control": "no-store"})

    routes = [Route(EVENTS_PATH, events)] if live is not None else []
    routes.append(Route("/{path:path}", serve_file, methods=["GET", "HEAD"]))
    return Starlette(routes=routes)


async def _event_stream(request: Request, live: LiveState) -> AsyncIterator[bytes]:
    # The first message tells a new page the current build; each later one, a rebuild.
    yield live.message()
    seen = live.generation
    while not await request.is_disconnected():
        message = await live.next_message(seen, timeout=15)
        if message is None:
            yield b": keep-alive\n\n"
            continue
        seen = live.generation
        yield message


def _response(request: Request, found: Representation, encoding: str | None) -> Response:
    etag = found.etag_for(encoding)
    headers = {"ETag": etag, "Last-Modified": found.last_modified, "Cache-Control": found.cache_control}
    if found.compressible():
        headers["Vary"] = "Accept-Encoding"
    if _not_modified(request, found, etag):
        return Response(status_code=304, headers=headers)
    body = found.body if encoding is None else found.encoded_body(encoding)
    if encoding is not None:
        headers["Content-Encoding"] = encoding
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(body))
        return Response(status_code=200, headers=headers, media_type=found.media_type)
    return Response(body, status_code=200, headers=headers, media_type=found.media_type)


def _not_modified(request: Request, found: Representation, etag: str) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        # Weak comparison (RFC 9110 13.1.2): W/"x" matches "x"; any representation's tag matches.
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags or found.etag in tags or any(tag.startswith(found.etag[:-1] + "-") for tag in tags)
    since = request.headers.get("if-modified-since")
    if since is None:
        return False
    try:
        return found.mtime <= int(parsedate_to_datetime(since).timestamp())
    except (TypeError, ValueError, IndexError, OverflowError):
        return False  # a date that does not parse is ignored, as RFC 9110 says


def _chosen_encoding(accept: str, found: Representation, offered: tuple[str, ...]) -> str | None:
    if not found.compressible():
        return None
    accepted = {}
    for item in accept.split(","):
        name, _, params = item.strip().partition(";")
        quality = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            accepted[name.strip().lower()] = float(quality)
        except ValueError:
            continue
    return next((encoding for encoding in offered if accepted.get(encoding, accepted.get("*", 0)) > 0), None)


def _with_live_script(page: bytes) -> bytes:
    at = page.rfind(b"</body>")
    return page + _LIVE_SCRIPT if at < 0 else page[:at] + _LIVE_SCRIPT + page[at:]
