"""What the tests of the shipped server configurations (deploy/) share: a free loopback port, a
server process waited for, and the checks that it sends what `wirefeed serve` sends."""

from __future__ import annotations

import re
import socket
import subprocess
import time
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from tests.conftest import sample_copy
from wirefeed.pipeline import build

ARTICLE = "articles/china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry"
NOW = datetime.fromisoformat("2026-11-24T12:00:00+00:00")
# Each output kind and the Content-Type `wirefeed serve` gives it.
MEDIA_TYPES = [
    ("/feed.xml", "application/rss+xml; charset=utf-8"),
    ("/feed.atom", "application/atom+xml; charset=utf-8"),
    ("/feed.json", "application/feed+json; charset=utf-8"),
    (f"/{ARTICLE}.jsonld", "application/ld+json; charset=utf-8"),
    (f"/{ARTICLE}.html", "text/html; charset=utf-8"),
    ("/sections/economy/", "text/html; charset=utf-8"),
    ("/sitemap.xml", "application/xml; charset=utf-8"),
]
# Request targets that must not reach a file: outside the root (plain and encoded) or hidden.
REFUSED_TARGETS = ("/../server.conf", "/%2e%2e/server.conf", "/.hidden", "/articles/.x.html")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def sample_site(root: Path) -> Path:
    """The sample built into `root`/output (with a hidden file to be refused); the output folder."""
    output = root / "output"
    build(sample_copy(root), output, now=NOW)
    (output / ".hidden").write_text("not for the web\n", encoding="utf-8")
    (root / "server.conf").write_text("secret\n", encoding="utf-8")
    return output


def wait_for(process: subprocess.Popen[str], port: int, name: str) -> None:
    """Until `port` takes connections; the test fails with the server's own words if it exits."""
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{name} did not start: {process.stderr.read() if process.stderr else ''}")
            time.sleep(0.05)


def check_served_like_wirefeed(base_url: str, path: str, kind: str, etag: str) -> None:
    """The media type, no-cache, a strong ETag of the form `etag` (a regex), 304 for both
    validators, and gzip with Vary for a body worth compressing, with the same bytes inside."""
    with httpx.Client(base_url=base_url, headers={"Accept-Encoding": "identity"}) as client:
        first = client.get(path)
        assert (first.status_code, first.headers["content-type"], first.headers["cache-control"]) == (200, kind, "no-cache")
        assert re.fullmatch(etag, first.headers["etag"])
        assert client.get(path, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
        assert client.get(path, headers={"If-Modified-Since": first.headers["last-modified"]}).status_code == 304
        zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
        if len(first.content) >= 512:
            assert zipped.headers["content-encoding"] == "gzip" and zipped.headers["vary"] == "Accept-Encoding"
        assert zipped.content == first.content


def refused_status(base_url: str, target: str) -> int:
    """The status for a raw request target, sent as is (an HTTP client would clean the path)."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("ascii"))
        return int(connection.recv(4096).split(b" ", 2)[1])
