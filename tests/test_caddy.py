"""The shipped Caddyfile (deploy/Caddyfile) under Debian's Caddy on loopback, serving a built
site: the same media types, validators, 304s, compression and refusals as `wirefeed serve`.
`make test` installs caddy when missing; a machine without it skips, saying so."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy_support import MEDIA_TYPES, REFUSED_TARGETS, check_served_like_wirefeed, free_port, refused_status, sample_site, wait_for

SNIPPET = Path(__file__).resolve().parents[1] / "deploy" / "Caddyfile"
CADDY = shutil.which("caddy")

pytestmark = pytest.mark.skipif(CADDY is None, reason="no caddy on this machine (make test installs Debian's caddy as root)")


@pytest.fixture(scope="module")
def caddy_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert CADDY is not None
    root = tmp_path_factory.mktemp("caddy")
    output = sample_site(root)
    port = free_port()
    site = SNIPPET.read_text(encoding="utf-8").replace("example.com {", f"http://127.0.0.1:{port} {{").replace(
        "root * /srv/wirefeed/output", f"root * {output}")
    # No admin endpoint, no certificates, no state outside the test's folder.
    (root / "Caddyfile").write_text("{\n\tadmin off\n\tauto_https off\n}\n" + site, encoding="utf-8")
    environment = {"HOME": str(root), "XDG_DATA_HOME": str(root / "data"), "XDG_CONFIG_HOME": str(root / "config"), "PATH": "/usr/bin:/bin"}
    process = subprocess.Popen([CADDY, "run", "--config", str(root / "Caddyfile"), "--adapter", "caddyfile"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=environment)
    wait_for(process, port, "caddy")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.mark.parametrize(("path", "kind"), MEDIA_TYPES)
def test_the_caddyfile_sends_what_wirefeed_serve_sends(caddy_url: str, path: str, kind: str) -> None:
    # Caddy's ETag: the file's mtime and size in base 36, quoted.
    check_served_like_wirefeed(caddy_url, path, kind, etag=r'"[0-9a-z]+"')


@pytest.mark.parametrize("target", REFUSED_TARGETS)
def test_the_caddyfile_serves_nothing_outside_or_hidden(caddy_url: str, target: str) -> None:
    assert refused_status(caddy_url, target) in (400, 403, 404)
