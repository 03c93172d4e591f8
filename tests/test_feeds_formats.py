"""The feed family: RSS, Atom and JSON Feed agree; section, author and archive feeds; WebSub; sitemaps; golden files."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from tests.conftest import files_of
from tests.test_history_support import Newsroom, Story, feed_paths, findings_of
from wirefeed.config import load_site
from wirefeed.errors import ConfigError
from wirefeed.normalize.ids import article_guid

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "feeds"
# WIREFEED_UPDATE_GOLDEN=1 rewrites the golden folder from a fresh run, for a reviewed change.
UPDATE_GOLDEN = os.environ.get("WIREFEED_UPDATE_GOLDEN") == "1"

ATOM_NS = "http://www.w3.org/2005/Atom"
NS = {"atom": ATOM_NS, "fh": "http://purl.org/syndication/history/1.0",
      "sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}
HUB = "https://hub.example.net/"

STORIES = (
    Story("s1", "Working group meets", "2026-03-09 09:00", sections=("Economy",), authors=("Wang Qi",)),
    Story("s2", "Exports rise 20 percent", "2026-03-09 18:30", sections=("Business", "Economy"), authors=("Li Xuanmin", "Wang Qi")),
    Story("s3", "Fab planned in Shenzhen", "2026-03-10 08:15", sections=("Technology",), authors=("Chen Qingqing",)),
    Story("s4", "Licenses granted to suppliers", "2026-03-10 21:00", sections=("Business",), authors=("Yin Yeping",)),
    Story("s5", "Talks to resume in April", "2026-03-11 07:45", sections=("Economy",), authors=("Wang Qi",)),
)


def utc(text: str) -> tuple[int, ...]:
    """A feed's date as feedparser gives it (UTC struct_time), from ISO 8601 with an offset."""
    return datetime.fromisoformat(text).utctimetuple()[:6]


def parsed(path: Path) -> feedparser.FeedParserDict:
    result = feedparser.parse(path.read_bytes())
    assert result.bozo == 0, (path, result.get("bozo_exception"))
    return result


def items_of(path: Path) -> list[tuple[str, str, str, tuple[int, ...]]]:
    """(id, title, link, published in UTC) of each item, from any of the three formats."""
    if path.suffix == ".json":
        document = json.loads(path.read_bytes())
        return [(item["id"], item["title"], item["url"], utc(item["date_published"])) for item in document["items"]]
    return [(entry.id, entry.title, entry.link, tuple(entry.published_parsed)[:6]) for entry in parsed(path).entries]


def links_of(path: Path) -> dict[str, str]:
    """rel -> href of a feed document's own links (RSS atom:link, Atom link, JSON Feed fields)."""
    if path.suffix == ".json":
        document = json.loads(path.read_bytes())
        links = {"self": document["feed_url"]}
        links.update({"hub": hub["url"] for hub in document.get("hubs", [])})
        if "next_url" in document:
            links["prev-archive"] = document["next_url"]
        return links
    root = etree.fromstring(path.read_bytes())
    parent = root.find("channel") if root.tag == "rss" else root
    assert parent is not None
    return {link.get("rel"): link.get("href") for link in parent.findall("atom:link", NS) if link.get("rel") != "alternate"}


@pytest.fixture
def newsroom(tmp_path: Path) -> Newsroom:
    room = Newsroom(tmp_path / "site", feed_size=2, hub=HUB)
    room.write(*STORIES)
    room.build("2026-03-11T12:00:00+00:00")
    return room


# ---------------------------------------------------------------------------------------------
# The three formats agree


def test_every_feed_is_read_without_error_and_its_three_formats_agree(newsroom: Newsroom) -> None:
    paths = feed_paths(newsroom.output)
    stems = sorted({path.with_suffix("") for path in paths})
    assert len(paths) == 3 * len(stems) and len(stems) >= 10
    for stem in stems:
        rss, atom, json_feed = (items_of(stem.with_suffix(suffix)) for suffix in (".xml", ".atom", ".json"))
        assert rss and rss == atom == json_feed, stem


def test_atom_and_json_feed_carry_both_dates_and_the_rss_guid(newsroom: Newsroom) -> None:
    rss = {entry.id: entry for entry in parsed(newsroom.output / "feed.xml").entries}
    atom = parsed(newsroom.output / "feed.atom")
    assert atom.version == "atom10" and atom.feed.title == "Test Wire"
    for entry in atom.entries:
        assert entry.id in rss and rss[entry.id].guidislink is False
        assert entry.published_parsed == entry.updated_parsed == rss[entry.id].published_parsed
    document = json.loads(newsroom.read("feed.json"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert [(item["id"], item["date_published"], item["date_modified"]) for item in document["items"]] == [
        (guid_of("s5"), "2026-03-11T07:45:00+08:00", "2026-03-11T07:45:00+08:00"),
        (guid_of("s4"), "2026-03-10T21:00:00+08:00", "2026-03-10T21:00:00+08:00"),
    ]


def guid_of(story_id: str) -> str:
    return article_guid("https://news.example.com/", story_id)


# ---------------------------------------------------------------------------------------------
# Channels


def test_sections_and_authors_have_their_own_feeds_and_pages(newsroom: Newsroom) -> None:
    business = parsed(newsroom.output / "sections" / "business" / "feed.atom")
    assert business.feed.title == "Business | Test Wire"
    assert business.feed.link == "https://news.example.com/sections/business/"
    assert [entry.title for entry in business.entries] == ["Licenses granted to suppliers", "Exports rise 20 percent"]
    wang = parsed(newsroom.output / "authors" / "wang-qi" / "feed.xml")
    assert wang.feed.title == "Wang Qi | Test Wire"
    assert [entry.title for entry in wang.entries] == ["Talks to resume in April", "Exports rise 20 percent"]
    assert (newsroom.output / "authors" / "wang-qi" / "index.html").is_file()
    # The publisher stands in for a missing byline; it gets no author feed of its own.
    assert not (newsroom.output / "authors" / "global-times").exists()


# ---------------------------------------------------------------------------------------------
# RFC 5005 archives


def follow_archives(room: Newsroom, subscription: str) -> list[list[str]]:
    """Item titles of the subscription document, then of each archive page it leads to, newest first."""
    pages: list[list[str]] = []
    path: Path | None = room.output / subscription
    while path is not None:
        pages.append([entry.title for entry in parsed(path).entries])
        older = links_of(path).get("prev-archive")
        path = room.output / older.removeprefix("https://news.example.com/") if older else None
    return pages


def test_archives_hold_everything_the_subscription_feed_does_not(newsroom: Newsroom) -> None:
    # Released together, the stories fill pages oldest first, a feed's worth (2) each; what is
    # not archived yet stays in the subscription document with the two newest.
    for suffix in (".xml", ".atom"):
        assert follow_archives(newsroom, "feed" + suffix) == [
            ["Talks to resume in April", "Licenses granted to suppliers"],
            ["Licenses granted to suppliers", "Fab planned in Shenzhen"],
            ["Exports rise 20 percent", "Working group meets"],
        ]
    assert follow_archives(newsroom, "sections/economy/feed.atom") == [
        ["Talks to resume in April", "Exports rise 20 percent"],
        ["Exports rise 20 percent", "Working group meets"],
    ]


def test_archive_pages_link_as_rfc_5005_says(newsroom: Newsroom) -> None:
    archive = newsroom.output / "archive"
    assert sorted(path.name for path in archive.iterdir()) == [
        "1.atom", "1.html", "1.json", "1.xml", "2.atom", "2.html", "2.json", "2.xml"]
    root = etree.fromstring((archive / "1.atom").read_bytes())
    assert root.find("fh:archive", NS) is not None
    assert links_of(archive / "1.atom") == {
        "self": "https://news.example.com/archive/1.atom", "hub": HUB,
        "current": "https://news.example.com/feed.atom", "next-archive": "https://news.example.com/archive/2.atom",
    }
    assert links_of(archive / "2.xml") == {
        "self": "https://news.example.com/archive/2.xml", "hub": HUB,
        "current": "https://news.example.com/feed.xml", "prev-archive": "https://news.example.com/archive/1.xml",
    }
    assert etree.fromstring((archive / "2.xml").read_bytes()).find("channel/fh:archive", NS) is not None
    assert etree.fromstring(newsroom.read("feed.xml")).find("channel/fh:archive", NS) is None
    # Every document of a channel is one feed to Atom: the subscription document's id.
    assert root.findtext("atom:id", namespaces=NS) == "https://news.example.com/feed.atom"


def test_an_archive_page_keeps_its_items_once_written(newsroom: Newsroom) -> None:
    first_page = {suffix: newsroom.read("archive/1" + suffix) for suffix in (".xml", ".atom", ".json", ".html")}
    newsroom.write(
        Story("s6", "Market opens higher", "2026-03-12 09:00", authors=("Wang Qi",)),
        Story("s7", "Rates left unchanged", "2026-03-12 11:00", authors=("Wang Qi",)),
        # Released now with an old date: it joins the newest archive page, no old one moves.
        Story("s0", "Archive photo essay", "2026-03-01 09:00", authors=("Wang Qi",)),
    )
    result = newsroom.build("2026-03-12T06:00:00+00:00")
    assert {suffix: newsroom.read("archive/1" + suffix) for suffix in first_page} == first_page
    assert not any(path.startswith("archive/1.") for path in result.rendered)
    assert follow_archives(newsroom, "feed.atom") == [
        ["Rates left unchanged", "Market opens higher"],
        ["Talks to resume in April", "Archive photo essay"],
        ["Licenses granted to suppliers", "Fab planned in Shenzhen"],
        ["Exports rise 20 percent", "Working group meets"],
    ]
    # Page 2 gained only its link to the new page 3.
    assert links_of(newsroom.output / "archive" / "2.atom")["next-archive"] == "https://news.example.com/archive/3.atom"


def html_listing(room: Newsroom, path: str) -> dict[str, object]:
    """What an index or archive page shows: its title, canonical and pagination links, the
    headlines it lists, its page links (as written) and its feed links."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(room.read(path))
    return {
        "title": tree.findtext("head/title"),
        "canonical": tree.xpath("string(//link[@rel='canonical']/@href)"),
        "head": {rel: tree.xpath(f"string(//head/link[@rel='{rel}']/@href)") for rel in ("prev", "next") if tree.xpath(f"//head/link[@rel='{rel}']")},
        "headlines": tree.xpath("//ol[@class='articles']/li/h2/a/text()"),
        "nav": tree.xpath("//nav[@class='pages']/a/@href"),
        "feeds": tree.xpath("//link[@rel='alternate']/@href"),
    }


def test_index_pages_follow_the_feed_pages(newsroom: Newsroom) -> None:
    # The front page lists what the subscription feed holds; each archive page what its archive
    # feed holds, with links along the series (older is "next", as on a blog).
    site = "https://news.example.com/"
    assert html_listing(newsroom, "index.html") == {
        "title": "Test Wire", "canonical": site, "head": {"next": site + "archive/2.html"},
        "headlines": ["Talks to resume in April", "Licenses granted to suppliers"],
        "nav": ["archive/2.html"], "feeds": [site + "feed.xml"],
    }
    assert html_listing(newsroom, "archive/2.html") == {
        "title": "Archive page 2 | Test Wire", "canonical": site + "archive/2.html",
        "head": {"prev": site, "next": site + "archive/1.html"},
        "headlines": ["Licenses granted to suppliers", "Fab planned in Shenzhen"],
        "nav": ["../index.html", "../archive/1.html"], "feeds": [site + "feed.xml"],
    }
    assert html_listing(newsroom, "archive/1.html") == {
        "title": "Archive page 1 | Test Wire", "canonical": site + "archive/1.html", "head": {"prev": site + "archive/2.html"},
        "headlines": ["Exports rise 20 percent", "Working group meets"],
        "nav": ["../archive/2.html"], "feeds": [site + "feed.xml"],
    }
    # A section's pages offer its own feed beside the site's.
    economy = site + "sections/economy/"
    assert html_listing(newsroom, "sections/economy/archive/1.html") == {
        "title": "Economy, archive page 1 | Test Wire", "canonical": economy + "archive/1.html", "head": {"prev": economy},
        "headlines": ["Exports rise 20 percent", "Working group meets"],
        "nav": ["../../../sections/economy/index.html"], "feeds": [site + "feed.xml", economy + "feed.xml"],
    }
    assert html_listing(newsroom, "sections/economy/index.html")["nav"] == ["../../sections/economy/archive/1.html"]
    for path in ("index.html", "archive/1.html", "archive/2.html", "sections/economy/index.html", "sections/economy/archive/1.html"):
        assert findings_of(newsroom.output / path) == [], path


def test_a_change_re_renders_only_the_index_pages_that_list_it(newsroom: Newsroom) -> None:
    newsroom.write(replace(STORIES[2], body=("Revised.",), updated="2026-03-11 20:00"))
    result = newsroom.build("2026-03-11T13:00:00+00:00")
    # "Fab planned in Shenzhen" is on site archive page 2 and on the Technology and Chen Qingqing
    # front pages; no other listing changes.
    assert sorted(path for path in result.rendered if path.endswith(("index.html", "/1.html", "/2.html"))) == [
        "archive/2.html", "authors/chen-qingqing/index.html", "sections/technology/index.html",
    ]


def test_a_withdrawn_item_leaves_its_archive_page_and_the_rest_stay(newsroom: Newsroom) -> None:
    second_page = newsroom.read("archive/2.atom")
    newsroom.remove("s1")
    newsroom.build("2026-03-11T13:00:00+00:00")
    assert [entry.title for entry in parsed(newsroom.output / "archive" / "1.atom").entries] == ["Exports rise 20 percent"]
    assert newsroom.read("archive/2.atom") == second_page


# ---------------------------------------------------------------------------------------------
# WebSub


def test_every_feed_names_the_hub_and_itself(newsroom: Newsroom) -> None:
    for path in feed_paths(newsroom.output):
        links = links_of(path)
        assert links["hub"] == HUB, path
        assert links["self"] == "https://news.example.com/" + path.relative_to(newsroom.output).as_posix(), path


def test_without_a_hub_no_feed_names_one(tmp_path: Path) -> None:
    room = Newsroom(tmp_path / "site")
    room.write(*STORIES[:2])
    room.build("2026-03-11T12:00:00+00:00")
    assert all("hub" not in links_of(path) for path in feed_paths(room.output))


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[websub]\nhub = "hub.example.net"\n', "websub.hub: expected the absolute http(s) URL of a WebSub hub, got 'hub.example.net'"),
        ('[websub]\nhubs = "https://hub.example.net/"\n', "websub.hubs: unknown setting; expected one of hub"),
        ('[websub]\nhub = 3\n', "websub.hub: expected the URL of a WebSub hub, or a list of such URLs, got int 3"),
        ('[websub]\nhub = ["https://a.example/", 3]\n', "websub.hub: expected the URL of a WebSub hub, or a list of such URLs, got list ['https://a.example/', 3]"),
        ('[websub]\nhub = []\n', "websub.hub: expected 1 to 8 hubs, got 0"),
        ('[websub]\nhub = ["https://a.example/", "https://a.example/"]\n', "websub.hub: expected each hub once, got one twice"),
        ('[websub]\nhub = ["https://a.example/", "ftp://b.example/"]\n', "websub.hub: expected the absolute http(s) URL of a WebSub hub, got 'ftp://b.example/'"),
        ('[store]\nfile = "x.sqlite"\n', "store.file: unknown setting; expected one of password_env, path, url"),
        ('[store]\npath = "history/"\n', "store.path: expected the path of a file (such as .wirefeed/store.sqlite), got the folder 'history/'"),
        ('[archive]\nsize = 3\n', "archive: unknown setting; expected one of publisher, site, sources, store, websub"),
    ],
)
def test_store_and_websub_settings_are_checked(site_dir: Path, table: str, message: str) -> None:
    config = site_dir / "wirefeed.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + table, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_site(config)
    assert str(caught.value) == f"{config}: {message}"


def test_a_list_of_hubs_is_read_in_its_order(site_dir: Path) -> None:
    config = site_dir / "wirefeed.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[websub]\nhub = ["https://b.example/hub", "https://a.example/"]\n', encoding="utf-8")
    assert load_site(config).hubs == ("https://b.example/hub", "https://a.example/")


def test_the_hub_setting_is_read(site_dir: Path) -> None:
    config = site_dir / "wirefeed.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'\n[websub]\nhub = "{HUB}"\n', encoding="utf-8")
    site = load_site(config)
    assert site.hubs == (HUB,)
    assert site.store_path == site_dir / ".wirefeed" / "store.sqlite"


# ---------------------------------------------------------------------------------------------
# Sitemaps


def test_the_sitemap_lists_every_page_with_its_last_modification(newsroom: Newsroom) -> None:
    newsroom.write(replace(STORIES[0], body=("Revised.",), updated="2026-03-11 20:00"))
    newsroom.build("2026-03-11T13:00:00+00:00")
    root = etree.fromstring(newsroom.read("sitemap.xml"))
    lastmod = {url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS) for url in root.findall("sm:url", NS)}
    pages = {"https://news.example.com/" + path.relative_to(newsroom.output).as_posix().removesuffix("index.html")
             for path in newsroom.output.rglob("*.html")}
    assert set(lastmod) == pages
    assert lastmod["https://news.example.com/articles/working-group-meets.html"] == "2026-03-11T20:00:00+08:00"
    assert lastmod["https://news.example.com/sections/economy/"] == "2026-03-11T20:00:00+08:00"
    assert lastmod["https://news.example.com/sections/technology/"] == "2026-03-10T08:15:00+08:00"
    # An archive page's last change is its newest item's: the revision shows on the page that holds it.
    assert lastmod["https://news.example.com/archive/1.html"] == "2026-03-11T20:00:00+08:00"
    assert lastmod["https://news.example.com/archive/2.html"] == "2026-03-10T21:00:00+08:00"


def test_the_news_sitemap_holds_the_last_two_days_before_now(newsroom: Newsroom) -> None:
    def news(now: str) -> list[dict[str, str | None]]:
        newsroom.build(now)
        root = etree.fromstring(newsroom.read("news-sitemap.xml"))
        return [
            {name: url.findtext(path, namespaces=NS) for name, path in (
                ("loc", "sm:loc"), ("name", "news:news/news:publication/news:name"), ("language", "news:news/news:publication/news:language"),
                ("date", "news:news/news:publication_date"), ("title", "news:news/news:title"))}
            for url in root.findall("sm:url", NS)
        ]
    assert news("2026-03-11T12:00:00+00:00")[0] == {
        "loc": "https://news.example.com/articles/talks-to-resume-in-april.html", "name": "Global Times",
        "language": "en", "date": "2026-03-11T07:45:00+08:00", "title": "Talks to resume in April",
    }
    # 20:00 in Beijing: from 20:00 two days before, so the story of 18:30 that day is out.
    assert [item["title"] for item in news("2026-03-11T12:00:00+00:00")] == [story.headline for story in reversed(STORIES)][:3]
    assert [item["title"] for item in news("2026-03-12T12:00:00+00:00")] == ["Talks to resume in April", "Licenses granted to suppliers"]
    assert news("2026-03-20T00:00:00+00:00") == []


# ---------------------------------------------------------------------------------------------
# Golden files: a history of four builds, every feed format and both sitemaps


def test_the_feed_family_matches_its_golden_files(tmp_path: Path) -> None:
    room = Newsroom(tmp_path / "site", feed_size=2, hub=HUB)
    room.write(*STORIES[:4], Story("late", "Embargoed briefing", "2026-03-11 18:00", sections=("Economy",), authors=("Wang Qi",)))
    room.build("2026-03-11T00:00:00+00:00")
    room.write(replace(STORIES[1], headline="Exports rise 21 percent", updated="2026-03-11 09:00"), STORIES[4])
    room.build("2026-03-11T02:00:00+00:00")
    room.write(replace(STORIES[2], body=("The plant will make 28-nanometre chips.",)))
    room.remove("s4")
    room.build("2026-03-11T04:00:00+00:00")
    room.build("2026-03-11T12:00:00+00:00")  # the embargo ends at 10:00 UTC

    wanted = {name: data for name, data in room.files().items()
              if name.endswith((".xml", ".atom", ".json")) and not name.endswith(".ninjs.json")}
    if UPDATE_GOLDEN:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in wanted.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    assert sorted(wanted) == sorted(files_of(GOLDEN))
    for name, data in wanted.items():
        assert data == (GOLDEN / name).read_bytes(), f"{name} differs from {GOLDEN / name}"
    assert findings_of(room.output) == []
