"""`wirefeed serve` over real HTTP on loopback: the conditional GET matrix with httpx, feedparser
with etag and modified, newsboat reloading (its conditional fetch a 304), Chromium loading a
served page, traversal refused on the wire, and watch mode rebuilding on an edit and showing a
bad edit while the last good output stays served."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import feedparser
import httpx
import lxml.html
import pytest
import uvicorn
from starlette.types import Message, Receive, Scope, Send

from tests.conftest import sample_copy
from tests.test_browser import CHROMIUM_FLAGS, chromium
from wirefeed.pipeline import build
from wirefeed.serve import bound_socket, create_app, is_input_change
from wirefeed.serve.files import media_type

NOW = "2026-11-24T12:00:00+00:00"
ARTICLE = "articles/china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry.html"


@dataclass
class Served:
    url: str
    output: Path
    statuses: list[tuple[str, str, int]]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("serve")
    source = sample_copy(root)
    output = root / "output"
    build(source, output, now=datetime.fromisoformat(NOW))
    statuses: list[tuple[str, str, int]] = []
    app = create_app(output)

    async def recording(scope: Scope, receive: Receive, send: Send) -> None:
        async def send_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                statuses.append((scope["method"], scope["path"], message["status"]))
            await send(message)
        await app(scope, receive, send_status)

    sock = bound_socket("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(recording, log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield Served(f"http://127.0.0.1:{sock.getsockname()[1]}", output, statuses)
    server.should_exit = True
    thread.join(5)


@pytest.mark.parametrize(("path", "kind"), [
    ("/feed.xml", "application/rss+xml; charset=utf-8"),
    ("/feed.atom", "application/atom+xml; charset=utf-8"),
    ("/feed.json", "application/feed+json; charset=utf-8"),
    (f"/{ARTICLE.removesuffix('.html')}.jsonld", "application/ld+json; charset=utf-8"),
    (f"/{ARTICLE}", "text/html; charset=utf-8"),
    ("/", "text/html; charset=utf-8"),
    ("/sections/economy/", "text/html; charset=utf-8"),
    ("/sitemap.xml", "application/xml; charset=utf-8"),
    ("/news-sitemap.xml", "application/xml; charset=utf-8"),
])
def test_each_output_has_its_type_validators_and_conditional_answers(served: Served, path: str, kind: str) -> None:
    with httpx.Client(base_url=served.url, headers={"Accept-Encoding": "identity"}) as client:
        first = client.get(path)
        assert first.status_code == 200
        assert first.headers["content-type"] == kind
        file = served.output / (path.strip("/") or "index.html")
        file = file / "index.html" if file.is_dir() else file
        assert first.content == file.read_bytes()
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert etag.startswith('"') and not etag.startswith("W/")
        assert first.headers["cache-control"] == "no-cache"
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
        assert client.get(path, headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
        assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
        assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
        assert client.get(path, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200
        # If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
        assert client.get(path, headers={"If-None-Match": '"other"', "If-Modified-Since": modified}).status_code == 200
        head = client.head(path)
        assert (head.status_code, head.content, head.headers["etag"], head.headers["content-length"]) == (200, b"", etag, str(len(first.content)))


def test_compression_by_accept_encoding_with_its_own_etag(served: Served) -> None:
    with httpx.Client(base_url=served.url) as client:
        plain = client.get("/feed.xml", headers={"Accept-Encoding": "identity"})
        zipped = client.get("/feed.xml", headers={"Accept-Encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip" and zipped.headers["vary"] == "Accept-Encoding"
        assert zipped.content == plain.content  # httpx decoded it
        assert zipped.headers["etag"] == plain.headers["etag"][:-1] + '-gzip"'
        assert client.get("/feed.xml", headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["etag"]}).status_code == 304
        brotli = client.get("/feed.xml", headers={"Accept-Encoding": "br, gzip"})
        assert brotli.headers["content-encoding"] == "br" and brotli.content == plain.content
        raw = httpx.get(served.url + "/feed.xml", headers={"Accept-Encoding": "gzip"}).read()
        assert raw == plain.content
    with httpx.Client(base_url=served.url) as client, client.stream("GET", "/feed.xml", headers={"Accept-Encoding": "gzip"}) as stream:
        assert gzip.decompress(b"".join(stream.iter_raw())) == plain.content


def raw_status(served: Served, target: str) -> int:
    """The status for a request line sent as written (clients would normalize `..` away)."""
    host, port = served.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("ascii"))
        return int(connection.recv(4096).split(b" ", 2)[1])


def test_nothing_outside_the_folder_is_served(served: Served) -> None:
    secret = served.output.parent / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    (served.output / "link.txt").symlink_to(secret)
    try:
        for target in ("/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/articles/..%2f..%2fsecret.txt", "/link.txt",
                       "/.%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..\\secret.txt", "/nothing.html", "/articles/%00.html"):
            assert raw_status(served, target) == 404, target
        assert raw_status(served, "/feed.xml") == 200
    finally:
        (served.output / "link.txt").unlink()


def test_feedparser_sends_etag_and_modified_and_gets_a_304(served: Served) -> None:
    first = feedparser.parse(served.url + "/feed.xml")
    assert first.status == 200 and not first.bozo and first.entries
    again = feedparser.parse(served.url + "/feed.xml", etag=first.etag, modified=first.modified)
    assert again.status == 304 and again.entries == []


def test_newsboat_reloads_and_its_conditional_fetch_is_a_304(served: Served, tmp_path: Path) -> None:
    if shutil.which("newsboat") is None:
        pytest.fail("no newsboat: run `make test`, which installs it")
    (tmp_path / "urls").write_text(served.url + "/feed.xml\n", encoding="utf-8")
    (tmp_path / "config").write_text("", encoding="utf-8")
    command = ["newsboat", "-u", str(tmp_path / "urls"), "-c", str(tmp_path / "cache.db"), "-C", str(tmp_path / "config"), "-x", "reload"]
    environment = {**os.environ, "HOME": str(tmp_path), "http_proxy": "", "HTTP_PROXY": ""}
    before = len(served.statuses)
    for _ in range(3):
        subprocess.run(command, check=True, capture_output=True, timeout=60, env=environment)
    # newsboat 2.21 stores the ETag of a feed's first fetch only after the feed is in its cache
    # (newsboat issue 2734), so its second fetch is unconditional; the third sends If-None-Match.
    fetched = [status for method, path, status in served.statuses[before:] if path == "/feed.xml"]
    assert fetched in ([200, 200, 304], [200, 304, 304]), fetched  # the first form is 2.21's; a fixed newsboat gives the second


def test_chromium_loads_a_served_page(served: Served) -> None:
    browser = chromium()
    # The tests' flags resolve no host (not even 127.0.0.1), send the rest to a dead proxy, and their
    # virtual time stalls a page loaded over a real socket: here the loopback server is the point.
    flags = [flag for flag in CHROMIUM_FLAGS if not flag.startswith(("--proxy-server", "--proxy-bypass-list", "--virtual-time-budget", "--host-resolver-rules"))]
    flags.append("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")  # still no other host
    with tempfile.TemporaryDirectory(prefix="wirefeed-chromium-") as profile:
        run = subprocess.run([browser, *flags, f"--user-data-dir={profile}", "--dump-dom", f"{served.url}/{ARTICLE}"],
                             capture_output=True, timeout=120, check=False)
    dom = lxml.html.document_fromstring(run.stdout.decode("utf-8"))
    assert dom.xpath("string(//h1)") == "China-US working group to tackle tech and trade restrictions in semiconductor industry"


def test_media_types_by_name() -> None:
    assert media_type(Path("sections/economy/archive/3.xml")) == "application/rss+xml; charset=utf-8"
    assert media_type(Path("authors/wang-qi/archive/2.json")) == "application/feed+json; charset=utf-8"
    assert media_type(Path("articles/x.ninjs.json")) == "application/json"
    assert media_type(Path("static/logo.png")) == "image/png"


def test_what_the_watcher_counts_as_an_edit(tmp_path: Path) -> None:
    source, output = tmp_path / "input", tmp_path / "input" / "out"
    assert is_input_change(source / "story.txt", source, (output,))
    assert is_input_change(source / "templates" / "article.html", source, (output,))
    for path in (source / ".wirefeed" / "store.sqlite", output / "feed.xml", source / "out.wirefeed-next" / "feed.xml", source / "story.txt~",
                 tmp_path / "elsewhere.txt"):
        assert not is_input_change(path, source, (output,)), path


def started_server(tmp_path: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen([sys.executable, "-m", "wirefeed", "serve", "--port", "0", "--watch", "--no-ping"],
                               cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("serving "):
            return process, line.split(" at ")[1].split("/ ")[0]
    pytest.fail(f"serve did not start: {process.wait(10)}")


def wait_for(condition: object, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    pytest.fail("timed out")


def test_watch_mode_rebuilds_an_edit_and_shows_a_bad_one_while_serving_the_last_good_output(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    process, url = started_server(tmp_path)
    try:
        story = next(source.glob("*.txt"))
        page = httpx.get(f"{url}/{ARTICLE}").text
        assert 'new EventSource("/__wirefeed/events")' in page  # the page reloads itself on a rebuild
        with httpx.stream("GET", f"{url}/__wirefeed/events", timeout=60) as events:
            lines = events.iter_lines()
            first = json.loads(next(line for line in lines if line.startswith("data: ")).removeprefix("data: "))
            assert first == {"generation": 0, "changed": False, "errors": []}
            story.write_text(story.read_text(encoding="utf-8").replace("China-US working group", "China-US task force"), encoding="utf-8")
            rebuilt = json.loads(next(line for line in lines if line.startswith("data: ")).removeprefix("data: "))
            assert rebuilt == {"generation": 1, "changed": True, "errors": []}
            assert "China-US task force" in httpx.get(f"{url}/feed.xml").text
            sidecar = story.with_suffix(".toml")
            sidecar.write_text("autors = 3\n", encoding="utf-8")
            broken = json.loads(next(line for line in lines if line.startswith("data: ")).removeprefix("data: "))
        assert broken["generation"] == 2 and len(broken["errors"]) == 1
        assert broken["errors"][0].startswith(f"{story.name.removesuffix('.txt')}.toml: unknown key 'autors'") or "autors" in broken["errors"][0]
        assert broken["errors"][0].endswith("kept the last published version online")
        assert "China-US task force" in httpx.get(f"{url}/feed.xml").text  # the last good output, still served
    finally:
        process.terminate()
        process.wait(10)
