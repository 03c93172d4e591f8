"""The shipped nginx server block (deploy/nginx-wirefeed.conf) under Debian's nginx on loopback,
serving a built site: the same media types, validators, 304s, compression and refusals as
`wirefeed serve`. `make test` installs nginx when missing; a machine without it skips, saying so."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy_support import MEDIA_TYPES, REFUSED_TARGETS, check_served_like_wirefeed, free_port, refused_status, sample_site, wait_for

SNIPPET = Path(__file__).resolve().parents[1] / "deploy" / "nginx-wirefeed.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)

pytestmark = pytest.mark.skipif(NGINX is None, reason="no nginx on this machine (make test installs Debian's nginx as root)")


@pytest.fixture(scope="module")
def nginx_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert NGINX is not None
    root = tmp_path_factory.mktemp("nginx")
    output = sample_site(root)
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
    wait_for(process, port, "nginx")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.mark.parametrize(("path", "kind"), MEDIA_TYPES)
def test_the_nginx_snippet_sends_what_wirefeed_serve_sends(nginx_url: str, path: str, kind: str) -> None:
    # nginx's ETag: the file's mtime and size in hex.
    check_served_like_wirefeed(nginx_url, path, kind, etag=r'"[0-9a-f]+-[0-9a-f]+"')


@pytest.mark.parametrize("target", REFUSED_TARGETS)
def test_the_nginx_snippet_serves_nothing_outside_or_hidden(nginx_url: str, target: str) -> None:
    assert refused_status(nginx_url, target) in (400, 403, 404)
