"""The shipped nginx server block (deploy/nginx-wirefeed.conf) under Debian's nginx on loopback,
serving a built site: the same media types, validators, 304s, compression and refusals as
`wirefeed serve`. `make test` installs nginx when missing; a machine without it skips, saying so."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from tests.conftest import sample_copy
from wirefeed.pipeline import build

SNIPPET = Path(__file__).resolve().parents[1] / "deploy" / "nginx-wirefeed.conf"
ARTICLE = "articles/china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)

pytestmark = pytest.mark.skipif(NGINX is None, reason="no nginx on this machine (make test installs Debian's nginx as root)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def nginx_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("nginx")
    output = root / "output"
    build(sample_copy(root), output, now=datetime.fromisoformat("2026-11-24T12:00:00+00:00"))
    port = free_port()
    server = SNIPPET.read_text(encoding="utf-8").replace("listen 8080;", f"listen 127.0.0.1:{port};").replace(
        "root /srv/wirefeed/output;", f"root {output};")
    temp = "".join(f"{kind}_temp_path {root}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # the test's folders are readable by their owner only
    (root / "nginx.conf").write_text(
        f"{user}worker_processes 1;\nerror_log {root}/error.log;\npid {root}/nginx.pid;\nevents {{}}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}{server}\n}}\n", encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(root), "-c", str(root / "nginx.conf"), "-g", "daemon off;"],
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"nginx did not start: {process.stderr.read() if process.stderr else ''}")
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.mark.parametrize(("path", "kind"), [
    ("/feed.xml", "application/rss+xml; charset=utf-8"),
    ("/feed.atom", "application/atom+xml; charset=utf-8"),
    ("/feed.json", "application/feed+json; charset=utf-8"),
    (f"/{ARTICLE}.jsonld", "application/ld+json; charset=utf-8"),
    (f"/{ARTICLE}.html", "text/html; charset=utf-8"),
    ("/sections/economy/", "text/html; charset=utf-8"),
    ("/sitemap.xml", "application/xml; charset=utf-8"),
])
def test_the_nginx_snippet_sends_what_wirefeed_serve_sends(nginx_url: str, path: str, kind: str) -> None:
    with httpx.Client(base_url=nginx_url, headers={"Accept-Encoding": "identity"}) as client:
        first = client.get(path)
        assert (first.status_code, first.headers["content-type"], first.headers["cache-control"]) == (200, kind, "no-cache")
        assert re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', first.headers["etag"])
        assert client.get(path, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
        assert client.get(path, headers={"If-Modified-Since": first.headers["last-modified"]}).status_code == 304
        zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
        if len(first.content) >= 512:
            assert zipped.headers["content-encoding"] == "gzip" and zipped.headers["vary"] == "Accept-Encoding"
        assert zipped.content == first.content


def test_the_nginx_snippet_serves_nothing_outside_or_hidden(nginx_url: str) -> None:
    host, port = nginx_url.removeprefix("http://").split(":")
    for target in ("/../nginx.conf", "/%2e%2e/nginx.conf", "/.hidden", "/articles/.x.html"):
        with socket.create_connection((host, int(port)), timeout=10) as connection:
            connection.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("ascii"))
            status = int(connection.recv(4096).split(b" ", 2)[1])
        assert status in (400, 404), target
