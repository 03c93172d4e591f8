"""WebSub publish pings against a hub on loopback that records exactly what it receives: one
`hub.mode=publish` POST per changed feed after a build, none when nothing changed or with
--no-ping, retries with backoff when the hub fails, and a failing hub is a warning, never a
failed build."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest

from tests.conftest import sample_copy, wirefeed
from wirefeed.config import load_site
from wirefeed.site.websub import PingPolicy, changed_feed_urls, ping_hub

NOW = "2026-11-24T12:00:00+00:00"


class RecordingHub(ThreadingHTTPServer):
    """A hub that answers each POST with the next status of `statuses` (then 204) and keeps it."""

    def __init__(self, statuses: list[int]) -> None:
        super().__init__(("127.0.0.1", 0), _HubHandler)
        self.statuses = statuses
        self.received: list[tuple[str, str, dict[str, list[str]]]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hub"


class _HubHandler(BaseHTTPRequestHandler):
    server: RecordingHub

    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("ascii")
        self.server.received.append((self.path, self.headers["Content-Type"], urllib.parse.parse_qs(body)))
        status = self.server.statuses.pop(0) if self.server.statuses else 204
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


@pytest.fixture
def hub() -> Iterator[RecordingHub]:
    server = RecordingHub([])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def with_hub(tmp_path: Path, hub_url: str) -> Path:
    source = sample_copy(tmp_path)
    config = source / "wirefeed.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'\n[websub]\nhub = "{hub_url}"\n', encoding="utf-8")
    return source


SAMPLE_FEEDS = [
    f"https://wire.example.com/{folder}{name}"
    for folder in ("", "sections/economy/", "sections/source/")
    for name in ("feed.atom", "feed.json", "feed.xml")
]


def test_a_build_pings_the_hub_once_for_each_changed_feed(tmp_path: Path, hub: RecordingHub) -> None:
    with_hub(tmp_path, hub.url)
    run = wirefeed("build", "--now", NOW, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[-1] == f"WebSub: {hub.url} told of 9 changed feeds"
    assert [(path, kind) for path, kind, _ in hub.received] == [("/hub", "application/x-www-form-urlencoded")] * 9
    assert [form for _, _, form in hub.received] == [{"hub.mode": ["publish"], "hub.url": [url]} for url in sorted(SAMPLE_FEEDS)]
    # The feeds name the hub they ping: RSS/Atom rel="hub" and JSON Feed's hubs.
    assert f'"hubs": [\n    {{\n      "type": "WebSub",\n      "url": "{hub.url}"' in (tmp_path / "output" / "feed.json").read_text(encoding="utf-8")


def test_each_of_several_hubs_is_named_by_every_feed_and_pinged_and_a_down_one_does_not_stop_the_next(
        tmp_path: Path, hub: RecordingHub) -> None:
    down = RecordingHub([503] * 3)
    thread = threading.Thread(target=down.serve_forever, daemon=True)
    thread.start()
    try:
        source = sample_copy(tmp_path)
        config = source / "wirefeed.toml"
        config.write_text(config.read_text(encoding="utf-8") + f'\n[websub]\nhub = ["{down.url}", "{hub.url}"]\n', encoding="utf-8")
        run = wirefeed("build", "--now", NOW, cwd=tmp_path)
    finally:
        down.shutdown()
        down.server_close()
    assert run.returncode == 0, run.stderr
    assert len(down.received) == 3  # three attempts at the first feed, then taken as down
    assert [form for _, _, form in hub.received] == [{"hub.mode": ["publish"], "hub.url": [url]} for url in sorted(SAMPLE_FEEDS)]
    assert run.stderr.splitlines()[-2:] == [f"WebSub: {down.url} told of 0 changed feeds", f"WebSub: {hub.url} told of 9 changed feeds"]
    output = tmp_path / "output"
    for name in ("feed.xml", "feed.atom", "sections/economy/feed.xml"):
        parsed = feedparser.parse((output / name).read_bytes())
        assert not parsed.bozo, name
        assert [link["href"] for link in parsed.feed.links if link["rel"] == "hub"] == [down.url, hub.url], name
    document = json.loads((output / "feed.json").read_text(encoding="utf-8"))
    assert document["hubs"] == [{"type": "WebSub", "url": down.url}, {"type": "WebSub", "url": hub.url}]


def test_nothing_changed_means_no_ping_and_no_ping_means_none(tmp_path: Path, hub: RecordingHub) -> None:
    with_hub(tmp_path, hub.url)
    assert wirefeed("build", "--now", NOW, "--no-ping", cwd=tmp_path).returncode == 0
    assert hub.received == []
    again = wirefeed("build", "--now", NOW, cwd=tmp_path)
    assert again.returncode == 0 and "WebSub" not in again.stderr
    assert hub.received == []


def test_a_failing_hub_is_retried_and_then_a_warning_never_a_failed_build(tmp_path: Path, hub: RecordingHub) -> None:
    site = load_site(with_hub(tmp_path, hub.url) / "wirefeed.toml")
    hub.statuses = [429, 204, 400, 503, 503, 503]
    waits: list[float] = []
    feeds = [f"https://wire.example.com/{name}" for name in ("feed.atom", "feed.json", "feed.xml", "sections/a/feed.xml", "sections/b/feed.xml")]
    result = ping_hub(hub.url, feeds, PingPolicy(timeout=5, attempts=3, backoff=0.5), sleep=waits.append)
    assert site.hubs == (hub.url,)
    # feed.atom: 429, then 204; feed.json: 400, a refusal, not retried; feed.xml: 503 three times,
    # after which the hub is taken as down and the last two feeds are not tried.
    assert [form["hub.url"][0].removeprefix("https://wire.example.com/") for _, _, form in hub.received] == (
        ["feed.atom"] * 2 + ["feed.json"] + ["feed.xml"] * 3)
    assert waits == [0.5, 0.5, 1.0]
    assert result.pinged == ("https://wire.example.com/feed.atom",)
    polled = "the feed is published, subscribers get it when they poll"
    assert result.warnings == (
        f"{hub.url}: warning: WebSub publish ping for https://wire.example.com/feed.json failed at once: HTTP 400 Bad Request; {polled}",
        f"{hub.url}: warning: WebSub publish ping for https://wire.example.com/feed.xml failed after 3 attempts: HTTP 503 Service Unavailable; {polled}",
        f"{hub.url}: warning: 2 more changed feeds not pinged, as the hub did not answer; {polled}",
    )


def test_an_unreachable_hub_is_a_warning_and_the_build_exits_0(tmp_path: Path, hub: RecordingHub) -> None:
    closed = RecordingHub([])
    port = closed.server_address[1]
    closed.server_close()  # nothing listens there any more
    with_hub(tmp_path, f"http://127.0.0.1:{port}/hub")
    run = wirefeed("build", "--now", NOW, cwd=tmp_path)
    assert run.returncode == 0
    warnings = [line for line in run.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 2 and "Connection refused" in warnings[0]
    assert warnings[1].endswith("8 more changed feeds not pinged, as the hub did not answer; the feed is published, subscribers get it when they poll")
    assert run.stderr.splitlines()[-1] == f"WebSub: http://127.0.0.1:{port}/hub told of 0 changed feeds"
    assert (tmp_path / "output" / "feed.xml").is_file()


def test_only_current_feeds_count_as_changed(tmp_path: Path) -> None:
    site = load_site(sample_copy(tmp_path) / "wirefeed.toml")
    rendered = ["feed.xml", "archive/feed-1.xml", "articles/a.html", "sections/economy/feed.json", "sitemap.xml"]
    assert changed_feed_urls(site, rendered) == ["https://wire.example.com/feed.xml", "https://wire.example.com/sections/economy/feed.json"]
