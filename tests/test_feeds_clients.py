"""Real feed readers from Debian read what wirefeed writes: sfeed and newsboat.

sfeed parses every RSS and Atom document of a build into its TSV lines (timestamp, title,
link, content, content type, id, author, enclosure, categories); newsboat keeps a cache
keyed by GUID, and shows that an edited article comes back as an update of the item it
has, not as a new one. `make test` installs both when missing (apt-get, as root); here
they are skipped only when they are not installed. Neither reads JSON Feed (newsboat's
support came after Debian 12's 2.21), so JSON Feed is read back in test_feeds_formats.py.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from tests.test_history_support import Newsroom, Story, feed_paths

SFEED = shutil.which("sfeed")
NEWSBOAT = shutil.which("newsboat")
needs_sfeed = pytest.mark.skipif(SFEED is None, reason="sfeed is not installed (make test installs it from Debian when run as root)")
needs_newsboat = pytest.mark.skipif(NEWSBOAT is None, reason="newsboat is not installed (make test installs it from Debian when run as root)")

STORIES = (
    Story("chips", "Chip talks open in Beijing", "2026-03-10 09:00", sections=("Economy",), authors=("Wang Qi",)),
    Story("exports", "Exports rise 20% <fast>", "2026-03-10 15:30", sections=("Business",), authors=("Li Xuanmin", "Wang Qi")),
    Story("fab", "Fab planned in Shenzhen", "2026-03-11 08:00", sections=("Technology", "Economy"), authors=("Chen Qingqing",)),
)


def unix(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def sfeed_lines(path: Path) -> list[list[str]]:
    assert SFEED is not None
    run = subprocess.run([SFEED], input=path.read_bytes(), capture_output=True, timeout=60, check=True)
    return [line.split("\t") for line in run.stdout.decode("utf-8").splitlines()]


@pytest.fixture
def room(tmp_path: Path) -> Newsroom:
    room = Newsroom(tmp_path / "site", feed_size=2)
    room.write(*STORIES)
    room.build("2026-03-11T12:00:00+00:00")
    return room


@needs_sfeed
def test_sfeed_reads_titles_links_guids_and_dates_of_every_feed(room: Newsroom) -> None:
    xml_feeds = [path for path in feed_paths(room.output) if path.suffix in (".xml", ".atom")]
    assert len(xml_feeds) >= 16
    for path in xml_feeds:
        # What the same document says as JSON Feed: the agreed record of each item.
        expected = json.loads(path.with_suffix(".json").read_bytes())["items"]
        lines = sfeed_lines(path)
        assert [(line[1], line[2], line[5]) for line in lines] == [(item["title"], item["url"], item["id"]) for item in expected], path
        assert [int(line[0]) for line in lines] == [unix(item["date_published"]) for item in expected], path
        # sfeed keeps one author a line: the first byline name, from dc:creator or atom:author.
        assert [line[6] for line in lines] == [item["authors"][0]["name"] for item in expected], path
        assert all(line[4] == "html" and line[3].startswith("<figure>") for line in lines), path


@needs_sfeed
def test_sfeed_sees_an_edit_under_the_same_guid(room: Newsroom) -> None:
    before = {line[5]: line for line in sfeed_lines(room.output / "feed.atom")}
    room.write(replace(STORIES[2], headline="Fab in Shenzhen to open in 2027", body=("Construction starts in May.",)))
    room.build("2026-03-11T13:00:00+00:00")
    after = {line[5]: line for line in sfeed_lines(room.output / "feed.atom")}
    assert set(after) == set(before)
    [changed] = [guid for guid in after if after[guid] != before[guid]]
    assert after[changed][1] == "Fab in Shenzhen to open in 2027"
    assert after[changed][2] == before[changed][2]
    assert "Construction starts in May." in after[changed][3]


class Newsboat:
    """newsboat with a private cache and config, reloading one feed URL as a subscriber would."""

    def __init__(self, home: Path, feed: Path) -> None:
        self.home = home
        self.home.mkdir()
        self.urls = home / "urls"
        self.urls.write_text(feed.as_uri() + "\n", encoding="utf-8")
        self.cache = home / "cache.db"

    def reload(self) -> None:
        assert NEWSBOAT is not None
        subprocess.run(
            [NEWSBOAT, "-u", str(self.urls), "-c", str(self.cache), "-C", "/dev/null", "-x", "reload"],
            env={"HOME": str(self.home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
            capture_output=True, timeout=60, check=True,
        )

    def items(self) -> list[tuple[str, str, str, int, str]]:
        """(guid, title, link, date, content) of every item newsboat keeps, by GUID."""
        with sqlite3.connect(self.cache) as cache:
            rows = cache.execute("SELECT guid, title, url, pubDate, content FROM rss_item ORDER BY guid")
            return [tuple(row) for row in rows]

    def mark_all_read(self) -> None:
        with sqlite3.connect(self.cache) as cache:
            cache.execute("UPDATE rss_item SET unread = 0")


@needs_newsboat
@pytest.mark.parametrize("feed", ["feed.xml", "feed.atom", "sections/economy/feed.xml", "authors/wang-qi/feed.atom"])
def test_newsboat_shows_an_edited_article_as_an_update_not_a_new_item(room: Newsroom, tmp_path: Path, feed: str) -> None:
    reader = Newsboat(tmp_path / "newsboat", room.output / feed)
    reader.reload()
    before = reader.items()
    expected = json.loads((room.output / feed).with_suffix(".json").read_bytes())["items"]
    assert [(guid, title, link, date) for guid, title, link, date, _ in before] == sorted(
        (item["id"], item["title"], item["url"], unix(item["date_published"])) for item in expected)
    reader.mark_all_read()

    room.write(replace(STORIES[0], headline="Chip talks end with a deal", body=("Both sides signed on Friday.",)),
               replace(STORIES[1], body=("Exports rose 21 percent, revised figures show.",), updated="2026-03-11 18:00"))
    room.build("2026-03-11T14:00:00+00:00")
    reader.reload()
    after = reader.items()

    assert [row[0] for row in after] == [row[0] for row in before]  # the same items, no new ones
    changed = {row[0]: row for row in after if row not in before}
    for guid, title, link, _, content in changed.values():
        old = next(row for row in before if row[0] == guid)
        assert link == old[2]
        assert title == "Chip talks end with a deal" or "revised figures" in content
    assert changed
