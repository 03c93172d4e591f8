"""RSS 2.0, Atom and JSON Feed files as input (readers/feed.py): each item is an article from
elsewhere, credited to the feed's publisher; every output, its golden copy, and the bad cases."""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

from tests.conftest import ROOT, wirefeed
from tests.test_build import assert_same_tree
from wirefeed import build, read_all
from wirefeed.check.ninjs import ninjs_problems
from wirefeed.model import Found

FEEDS = ROOT / "tests" / "fixtures" / "wire-formats" / "feeds"
GOLDEN = ROOT / "tests" / "golden" / "feed-inputs"
NOW = datetime.fromisoformat("2024-11-20T00:00:00+00:00")


def _site(tmp_path: Path) -> Path:
    source = tmp_path / "input"
    source.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "wire" / "wirefeed.toml", source)
    shutil.copytree(ROOT / "tests" / "fixtures" / "wire" / "static", source / "static")
    for path in FEEDS.iterdir():
        shutil.copy(path, source / path.name)
    return source


def test_each_item_of_each_feed_is_an_article_in_every_output(tmp_path: Path) -> None:
    source = _site(tmp_path)
    result = build(source, tmp_path / "output", now=NOW)
    assert (result.rejected, result.withdrawals) == ((), ())
    assert sorted((article.source.format, article.headline, article.published.isoformat(), article.url) for article in result.articles) == [
        ("atom", "Night shifts return to the eastern quay", "2024-11-14T06:00:00+00:00", "https://port-authority.example.net/news/night-shifts"),
        ("jsonfeed", "Neap tides bring quiet week", "2024-11-08T06:00:00+00:00", "https://tides.example.com/2024/45"),
        ("jsonfeed", "Spring tides expected this weekend", "2024-11-15T06:00:00+00:00", "https://tides.example.com/2024/46"),
        # No date in the item: dated as an undated page is, by when the history first saw it.
        ("rss", "Crane operators agree new contract", "2024-11-20T08:00:00+08:00", "https://harbour-gazette.example.org/2024/11/crane-contract"),
        ("rss", "Ferry timetable changes from Monday", "2024-11-13T08:30:00+00:00", "https://harbour-gazette.example.org/2024/11/ferry-timetable"),
    ]
    # The feed's own title is the original publisher of its items.
    assert sorted({(article.source.format, article.publisher.name if article.publisher else None) for article in result.articles}) == [
        ("atom", "Port Authority Newsroom"), ("jsonfeed", "Tide Tables Weekly"), ("rss", "Harbour Gazette")]
    assert result.warnings == (f"{source}/harbour-news.rss: warning: no publication date found; published with the time the history first saw it",)
    ferry = next(article for article in result.articles if article.headline.startswith("Ferry"))
    # The script is gone and the javascript: link kept only its words, as for an HTML page.
    assert ferry.body == ("The morning ferry to the islands leaves twenty minutes earlier from Monday, the operator said.",
                          "Tickets bought before the change stay valid, the operator added.")
    assert (ferry.sections, [author.name for author in ferry.authors], [image.url for image in ferry.images]) == (
        ("Transport",), ["Lena Vogt"], ["https://harbour-gazette.example.org/img/ferry.jpg"])
    output = tmp_path / "output"
    for ninjs_file in sorted((output / "articles").glob("*.ninjs.json")):
        assert ninjs_problems(json.loads(ninjs_file.read_text(encoding="utf-8")), 3) == []
    assert len(list((output / "articles").glob("*.ninjs.json"))) == 5
    if os.environ.get("WIREFEED_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(output, GOLDEN)
    assert_same_tree(output, GOLDEN)


def test_the_built_site_checks_clean(tmp_path: Path) -> None:
    _site(tmp_path)
    run = wirefeed("build", "input", "-o", "site", "--now", "2024-11-20T00:00:00+00:00", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    check = wirefeed("check", "site", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr


def test_every_value_keeps_its_place(tmp_path: Path) -> None:
    [atom] = read_all(FEEDS / "port-authority.atom", root=FEEDS)
    assert (atom.headline, atom.published, atom.modified, atom.id, atom.site_name) == (
        Found("Night shifts return to the eastern quay", "/feed/entry[1]/title"),
        Found("2024-11-14T06:00:00Z", "/feed/entry[1]/pubDate"),
        Found("2024-11-14T08:00:00Z", "/feed/entry[1]/updated"),
        Found("tag:port-authority.example.net,2024:night-shifts", "/feed/entry[1]/guid"),
        Found("Port Authority Newsroom", "/feed/title"))
    spring, neap = read_all(FEEDS / "tide-tables.json", root=FEEDS)
    assert (spring.description, neap.body) == (
        Found("Tides of 4.2 metres on Saturday.", "/items/0/summary"),
        (Found("Neap tides will keep the water calm all week.", "/items/1/content_text"), Found("Boats can leave at any hour.", "/items/1/content_text")))


def test_bad_feeds_are_one_line_each_and_the_rest_is_built(tmp_path: Path) -> None:
    source = _site(tmp_path)
    (source / "empty.rss").write_text('<rss version="2.0"><channel><title>Nothing</title></channel></rss>', encoding="utf-8")
    (source / "empty.json").write_text('{"version": "https://jsonfeed.org/version/1.1", "title": "Nothing", "items": []}', encoding="utf-8")
    (source / "cut.atom").write_text('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Cut', encoding="utf-8")
    (source / "evil.rss").write_text('<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title></item></channel></rss>', encoding="utf-8")
    (source / "untitled.json").write_text('{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "content_text": "Text.", "date_published": "2024-11-01T00:00:00Z"}]}', encoding="utf-8")
    run = wirefeed("build", "input", "-o", "site", "--now", "2024-11-20T00:00:00+00:00", cwd=tmp_path)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert lines[:5] == [
        "input/cut.atom:1: not well-formed XML (Premature end of data in tag title line 1, line 1, column 60); expected a NewsML-G2 <newsItem> or <newsMessage>, an NITF <nitf> document, or an RSS or Atom feed",
        "input/empty.json: /items: no items; expected a JSON Feed (jsonfeed.org) with at least one item",
        "input/empty.rss: /rss: a feed without any item; expected an RSS or Atom feed with at least one item",
        "input/evil.rss: DOCTYPE: the document declares entities, which wirefeed never expands (XXE, billion laughs); expected a NewsML-G2 <newsItem> or <newsMessage>, an NITF <nitf> document, or an RSS or Atom feed without an internal DTD",
        "input/untitled.json: no headline found; expected a title in the item",
    ]
    assert lines[-1].startswith("built 5 articles into site/ (") and lines[-1].endswith("; rejected 5")
    assert "Traceback" not in run.stderr


def test_the_same_item_in_two_snapshots_of_a_feed_is_one_article(tmp_path: Path) -> None:
    source = _site(tmp_path)
    # Tuesday's snapshot still carries Monday's items, and the ferry story again as it was.
    shutil.copy(FEEDS / "harbour-news.rss", source / "harbour-news-tuesday.rss")
    result = build(source, tmp_path / "output", now=NOW)
    assert (result.rejected, len(result.articles)) == ((), 5)
    [ferry] = [article for article in result.articles if article.headline.startswith("Ferry")]
    assert ferry.source.path.name == "harbour-news-tuesday.rss"
    assert ferry.warnings == (
        f"{source}/harbour-news.rss: note: a version of 2024-11-13T08:30:00+00:00, the same as {source}/harbour-news-tuesday.rss "
        "(a version of 2024-11-13T08:30:00+00:00) of the same story; skipped",)
