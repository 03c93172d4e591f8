"""JSON Feed read back by a real parser (fastfeedparser): the same items, ids, links and dates as RSS."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import fastfeedparser
import feedparser

from tests.conftest import ROOT
from wirefeed.pipeline import build

WIRE_FIXTURE = ROOT / "tests" / "fixtures" / "wire"
NOW = datetime.fromisoformat("2021-03-15T12:00:00+08:00")


def built_wire(tmp_path: Path) -> Path:
    source = tmp_path / "input"
    shutil.copytree(WIRE_FIXTURE, source)
    build(source, tmp_path / "output", now=NOW)
    return tmp_path / "output"


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value)


def test_every_json_feed_reads_back_like_its_rss_twin(tmp_path: Path) -> None:
    output = built_wire(tmp_path)
    json_feeds = sorted(output.rglob("feed.json"))
    assert [path.relative_to(output).as_posix() for path in json_feeds] == [
        "authors/chen-qingqing/feed.json", "authors/li-xuanmin/feed.json", "authors/wang-qi/feed.json", "authors/yin-yeping/feed.json",
        "feed.json", "sections/asia/feed.json", "sections/business/feed.json", "sections/economy/feed.json",
        "sections/source/feed.json", "sections/world/feed.json",
    ]
    for json_path in json_feeds:
        from_json = fastfeedparser.parse(json_path.read_text(encoding="utf-8"))
        from_rss = feedparser.parse(json_path.with_suffix(".xml").read_bytes())
        assert from_json.feed.title == from_rss.feed.title
        assert [entry.title for entry in from_json.entries] == [entry.title for entry in from_rss.entries]
        assert [entry.id for entry in from_json.entries] == [entry.id for entry in from_rss.entries]
        assert [entry.link for entry in from_json.entries] == [entry.link for entry in from_rss.entries]
        assert [instant(entry.published).timetuple()[:6] for entry in from_json.entries] == [
            tuple(entry.published_parsed)[:6] for entry in from_rss.entries]


def test_an_edit_keeps_the_json_feed_id_and_moves_only_the_update(tmp_path: Path) -> None:
    output = built_wire(tmp_path)
    before = fastfeedparser.parse((output / "feed.json").read_text(encoding="utf-8")).entries
    story = tmp_path / "input" / "xinhua-chip-exports.txt"
    story.write_text(story.read_text(encoding="utf-8").replace("analysts said.", "analysts said on Friday."), encoding="utf-8")
    build(tmp_path / "input", output, now=datetime.fromisoformat("2021-03-16T08:00:00+08:00"))
    after = fastfeedparser.parse((output / "feed.json").read_text(encoding="utf-8")).entries
    assert [entry.id for entry in after] == [entry.id for entry in before]
    edited = next(entry for entry in after if entry.title.startswith("China's chip exports"))
    assert instant(edited.updated) == datetime.fromisoformat("2021-03-16T08:00:00+08:00")
    assert instant(edited.published) == datetime.fromisoformat("2021-03-12T09:30:00+08:00")
