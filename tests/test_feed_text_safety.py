"""Feed text is text in every reader: a headline, lede, caption, author name or section holding
markup is shown literally by feedparser, sfeed and newsboat, and nothing in it runs when a
browser renders an item's HTML.

Which elements readers take as HTML follows the RSS Advisory Board's RSS Best Practices
Profile and what the readers do: an RSS item's and channel's <description> are entity-encoded
HTML (feedparser renders both), so plain text goes in HTML-escaped and then XML-escaped
(`&amp;lt;script&amp;gt;`); titles, categories and dc:creator are plain text, escaped once,
which sfeed, newsboat and feedparser all show as written (escaping them twice would show
`&lt;` in sfeed and newsboat). Atom text constructs are type="text", its content type="html";
JSON Feed's title and summary are text and content_html is HTML.

sfeed and newsboat are skipped when not installed (`make test` installs them, as root);
Chromium is required unless WIREFEED_NO_BROWSER=1, as in test_browser.py.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest

from tests.conftest import SITE_TOML
from tests.hostile.support import build_folder, write_files
from tests.test_browser import chromium, dumped_dom
from wirefeed.pipeline import BuildResult
from wirefeed.model import Article

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HEADLINE = f"Chips {SCRIPT} and {IMG} talks & more"
CAPTION = f"A caption with {SCRIPT} and {IMG} of a hostile picture."
LEDE = f"A lede with {SCRIPT} and {IMG} & more"
AUTHOR = f"Wang {SCRIPT} Qi {IMG}"
SECTION = f"Economy {SCRIPT}"

STORY = f"""\
{HEADLINE}
Published: Mar 12, 2021 09:30 AM

{CAPTION} Photo: VCG

BEIJING, March 12 (Xinhua) -- A paragraph that says {SCRIPT} and {IMG} in running text.
"""
SIDECAR = f"""\
description = "{LEDE}"
sections = ["{SECTION}"]

[[authors]]
name = "{AUTHOR}"
"""

SFEED = shutil.which("sfeed")
NEWSBOAT = shutil.which("newsboat")
needs_sfeed = pytest.mark.skipif(SFEED is None, reason="sfeed is not installed (make feed-readers installs it)")
needs_newsboat = pytest.mark.skipif(NEWSBOAT is None, reason="newsboat is not installed (make feed-readers installs it)")

RUNNABLE = "//script | //img | //iframe | //object | //embed | //svg"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Article, Path]:
    root = tmp_path_factory.mktemp("feed-text")
    (root / "input").mkdir()
    (root / "input" / "wirefeed.toml").write_text(SITE_TOML, encoding="utf-8")
    write_files(root / "input", {"hostile.txt": STORY, "hostile.toml": SIDECAR})
    result: BuildResult = build_folder(root / "input", root / "output")
    assert result.rejected == ()
    (article,) = result.articles
    return article, root / "output"


def xml_feeds(output: Path) -> list[Path]:
    """Every RSS and Atom document: the site's, the section's and the author's channels."""
    return sorted(path for path in output.rglob("feed.*") if path.suffix in (".xml", ".atom"))


def assert_html_shows(markup: str, literal: str, where: str) -> None:
    """`markup`, rendered as HTML, is `literal` as text: no element of it became live."""
    fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
    assert fragment.xpath(RUNNABLE) == [], f"{where}: markup became live: {markup!r}"
    assert not [name for element in fragment.iter() if isinstance(element.tag, str) for name in element.attrib if name.startswith("on")], where
    assert literal in " ".join(fragment.text_content().split()), f"{where}: {literal!r} not shown in {markup!r}"


def feedparser_text(detail: feedparser.FeedParserDict) -> str:
    """What a feedparser client shows for a text construct: plain text as is, HTML rendered."""
    if detail["type"] == "text/plain":
        return str(detail["value"])
    assert_html_shows(detail["value"], "", "feedparser html")
    return " ".join(lxml.html.fragment_fromstring(detail["value"], create_parent="div").text_content().split())


def test_the_article_keeps_the_hostile_text_as_written(site: tuple[Article, Path]) -> None:
    article, _ = site
    assert article.headline == HEADLINE
    assert article.description == LEDE
    assert [author.name for author in article.authors] == [AUTHOR]
    assert [image.caption for image in article.images] == [CAPTION]


def test_the_rss_description_is_html_escaped_then_xml_escaped(site: tuple[Article, Path]) -> None:
    _, output = site
    data = (output / "feed.xml").read_text(encoding="utf-8")
    assert "<description>A lede with &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; and &amp;lt;img src=x onerror=alert(1)&amp;gt; &amp;amp; more</description>" in data
    # The title is plain text (the RSS profile): escaped once, shown as written by the readers below.
    assert "<title>Chips &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; talks &amp; more</title>" in data


def test_feedparser_shows_every_text_literally(site: tuple[Article, Path]) -> None:
    article, output = site
    feeds = xml_feeds(output)
    channels = len(list(output.rglob("feed.json")))
    assert channels == 1 + len(article.sections) + len(article.authors)
    assert len(feeds) == 2 * channels  # the site, each section and the author, each in RSS and Atom
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, path
        (entry,) = parsed.entries
        assert feedparser_text(entry.title_detail) == HEADLINE, path
        assert feedparser_text(entry.summary_detail) == LEDE, path
        assert [author["name"] for author in entry.authors] == [AUTHOR], path
        assert [tag["term"] for tag in entry.tags] == list(article.sections), path
        for content in entry.get("content", []):
            assert_html_shows(content["value"], CAPTION, f"{path} content")
        channel = json.loads(path.with_suffix(".json").read_bytes())
        assert feedparser_text(parsed.feed.title_detail) == channel["title"], path
        assert feedparser_text(parsed.feed.subtitle_detail) == channel["description"], path


def test_the_author_and_section_channels_carry_the_name_as_text(site: tuple[Article, Path]) -> None:
    _, output = site
    titles = sorted(json.loads(path.read_bytes())["title"] for path in output.rglob("feed.json"))
    assert f"{AUTHOR} | Test Wire" in titles
    descriptions = [json.loads(path.read_bytes())["description"] for path in output.glob("authors/*/feed.json")]
    assert descriptions == [f"Articles by {AUTHOR} from Test Wire."]


@needs_sfeed
def test_sfeed_shows_titles_and_authors_literally_and_content_as_safe_html(site: tuple[Article, Path]) -> None:
    assert SFEED is not None
    for path in xml_feeds(site[1]):
        run = subprocess.run([SFEED], input=path.read_bytes(), capture_output=True, timeout=60, check=True)
        ((_, title, _, content, content_type, _, author, *_),) = [line.split("\t") for line in run.stdout.decode("utf-8").splitlines()]
        assert (title, author, content_type) == (HEADLINE, AUTHOR, "html"), path
        # sfeed escapes a tab, newline and backslash in its TSV fields.
        assert_html_shows(content.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\"), CAPTION, str(path))


@needs_newsboat
def test_newsboat_shows_titles_and_authors_literally_and_content_as_safe_html(site: tuple[Article, Path], tmp_path: Path) -> None:
    assert NEWSBOAT is not None
    for number, path in enumerate(xml_feeds(site[1])):
        home = tmp_path / f"newsboat-{number}"
        home.mkdir()
        (home / "urls").write_text(path.as_uri() + "\n", encoding="utf-8")
        subprocess.run(
            [NEWSBOAT, "-u", str(home / "urls"), "-c", str(home / "cache.db"), "-C", "/dev/null", "-x", "reload"],
            env={"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}, capture_output=True, timeout=60, check=True,
        )
        with sqlite3.connect(home / "cache.db") as cache:
            ((title, author, content),) = cache.execute("SELECT title, author, content FROM rss_item").fetchall()
            ((feed_title,),) = cache.execute("SELECT title FROM rss_feed").fetchall()
        assert (title, author) == (HEADLINE, AUTHOR), path
        assert feed_title == json.loads(path.with_suffix(".json").read_bytes())["title"], path
        assert_html_shows(content, CAPTION, str(path))


def item_html(output: Path) -> list[tuple[str, str]]:
    """(where, HTML) for every piece of a feed that readers render as HTML."""
    pieces: list[tuple[str, str]] = []
    content = "{http://purl.org/rss/1.0/modules/content/}encoded"
    atom = "{http://www.w3.org/2005/Atom}"
    for path in xml_feeds(output):
        root = lxml.etree.parse(str(path)).getroot()
        if path.suffix == ".xml":
            pieces.append((f"{path} channel description", root.findtext("channel/description") or ""))
            pieces += [(f"{path} item {tag}", item.findtext(tag) or "") for item in root.iter("item") for tag in ("description", content)]
        else:
            pieces += [(f"{path} content", entry.findtext(f"{atom}content") or "") for entry in root.iter(f"{atom}entry")]
    for path in output.rglob("feed.json"):
        pieces += [(f"{path} content_html", item["content_html"]) for item in json.loads(path.read_bytes())["items"]]
    return pieces


# alert() replaced before any item is rendered: whatever injected markup runs leaves its mark on <html>.
ALERT_TRAP = '<script>window.alert = (value) => document.documentElement.setAttribute("data-injected", String(value));</script>'


def reader_page(folder: Path, name: str, pieces: list[tuple[str, str]]) -> Path:
    """A page showing each HTML piece as a feed reader does: inserted as HTML into its own page."""
    page = folder / name
    articles = "".join(f"<article>{markup}</article>" for _, markup in pieces)
    page.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'>{ALERT_TRAP}</head><body>{articles}</body></html>", encoding="utf-8")
    return page


def test_chromium_rendering_each_item_runs_nothing_and_shows_the_text(site: tuple[Article, Path], tmp_path: Path) -> None:
    browser = chromium()
    pieces = item_html(site[1])
    channels = len(list(site[1].rglob("feed.json")))
    assert len(pieces) == channels * (3 + 1 + 1)  # RSS channel, description and content; Atom content; JSON Feed
    control = dumped_dom(browser, reader_page(tmp_path, "control.html", [("control", IMG)]))
    assert control.get("data-injected") == "1", "the trap must see a payload that runs"
    dom = dumped_dom(browser, reader_page(tmp_path, "items.html", pieces))
    assert dom.get("data-injected") is None, "an injected payload ran"
    assert dom.xpath("//body//img | //body//script") == []
    shown = " ".join(dom.text_content().split())
    for literal in (LEDE, CAPTION):
        assert literal in shown


def test_a_caption_without_a_picture_is_a_paragraph_not_an_empty_figure(site: tuple[Article, Path]) -> None:
    article, output = site
    assert [image.url for image in article.images] == [None]
    feed = lxml.etree.parse(str(output / "feed.xml")).getroot()
    (body,) = [item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") for item in feed.iter("item")]
    fragment = lxml.html.fragment_fromstring(body, create_parent="div")
    assert fragment.xpath("//figure") == []
    first = fragment[0]
    assert (first.tag, first.get("class")) == ("p", "caption")
    assert " ".join(first.text_content().split()) == f"{CAPTION} Photo: VCG"
    # No picture, so no schema.org image: Google needs its URL.
    jsonld = json.loads(next(output.glob("articles/*.jsonld")).read_bytes())
    assert [node["@type"] for node in jsonld["@graph"] if node["@type"] == "ImageObject"] == []
    assert "image" not in jsonld["@graph"][0]


def test_atom_text_constructs_are_text_and_content_is_html_consistently(site: tuple[Article, Path]) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    for path in (path for path in xml_feeds(site[1]) if path.suffix == ".atom"):
        root = lxml.etree.parse(str(path)).getroot()
        texts = [element for name in ("title", "subtitle", "rights", "summary") for element in root.iter(f"{atom}{name}")]
        assert texts and {element.get("type", "text") for element in texts} == {"text"}, path
        assert {element.get("type") for element in root.iter(f"{atom}content")} == {"html"}, path
        (entry,) = root.iter(f"{atom}entry")
        assert (entry.findtext(f"{atom}title"), entry.findtext(f"{atom}summary")) == (HEADLINE, LEDE)
    for path in site[1].rglob("feed.json"):
        (item,) = json.loads(path.read_bytes())["items"]
        assert (item["title"], item["summary"], "content_text" in item) == (HEADLINE, LEDE, False), path
        assert_html_shows(item["content_html"], CAPTION, str(path))
