"""Injection: markup, comment and CDATA breakers, script links, line separators and control
characters in every field come out as text in every output, and nothing in them runs.

What is "meant" is the cleaned text: markup characters kept as characters, U+2028/U+2029 as
spaces, control characters and lone surrogates removed.
"""

from __future__ import annotations

import json
from pathlib import Path

import extruct
import lxml.etree
import lxml.html
import pytest

from tests.conftest import files_of
from tests.hostile.support import build_folder, write_files
from wirefeed.pipeline import BuildResult
from wirefeed.model import Article, Draft, DraftAgent, DraftImage, Found, Site, Source
from wirefeed.normalize import normalize
from wirefeed.writers.html import render_article, render_content, render_index, template_environment
from wirefeed.writers.jsonld import article_jsonld, to_json, to_script_text
from wirefeed.writers.library import render_rss

SCRIPT = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
LINK = '<a href="javascript:alert(3)">click</a>'
HOSTILE = f"{SCRIPT} <!-- ]]> {IMG} {LINK} & &amp; \"quotes\" 'single'"
# A photo credit is a short name without brackets, so this one calls alert with backticks.
CREDIT = "</script><script>alert`7`</script>"

HEADLINE = f"Chips {HOSTILE} talks"
STORY = f"""\
{HEADLINE}
Published: Mar 11, 2021 12:58 PM
By Wang Qi and Li {SCRIPT}

{IMG} ]]> the caption of a hostile picture. Photo: {CREDIT}

BEIJING, March 11 (Xinhua) -- The first paragraph carries {HOSTILE} in running text.

A second paragraph closes a CDATA section ]]> and opens a comment <!-- that never ends.
"""
SIDECAR = f"""\
description = "A description with {SCRIPT.replace('"', '')} and a line\\u2028separator and a paragraph\\u2029separator and a \\u0001control"
keywords = ["{SCRIPT}", "<!--", "]]>"]
sections = ["Economy <!-- & 'Tech'", "Economy"]

[[authors]]
name = "{IMG.replace('"', '')}"
url = "https://news.example.com/people/x?q=\\"><script>alert(4)</script>"

[[images]]
url = "https://news.example.com/pic.jpg?\\"onerror=\\"alert(5)"
credit = "{SCRIPT}"

[[images]]
caption = "{LINK.replace('"', "'")} caption\\u2028with a separator"
"""

# An HTML page with the same payloads in its JSON-LD, OpenGraph, description and body markup.
HOSTILE_PAGE = Path(__file__).parent / "fixtures" / "hostile-page.html"
PAGE_HEADLINE = 'Chips </script><script>document.documentElement.setAttribute("data-injected","jsonld")</script> talks <!-- ]]>'

ACTIVE_ATTRIBUTE_PREFIX = "on"


@pytest.fixture
def built(site_dir: Path, tmp_path: Path) -> BuildResult:
    write_files(site_dir, {"hostile.txt": STORY, "hostile.toml": SIDECAR, "hostile-page.html": HOSTILE_PAGE.read_bytes()})
    result = build_folder(site_dir, tmp_path / "output")
    assert result.rejected == ()
    return result


def article_of(built: BuildResult, article_id: str = "hostile") -> Article:
    (article,) = [article for article in built.articles if article.id == article_id]
    return article


def assert_nothing_runs(fragment: lxml.html.HtmlElement, where: str) -> None:
    """No script but JSON-LD data, no event handler, no script link, no comment an input opened."""
    for script in fragment.iter("script"):
        assert script.get("type") == "application/ld+json", f"{where}: a script element"
    for element in fragment.iter():
        if not isinstance(element.tag, str):
            assert False, f"{where}: a comment or processing instruction: {lxml.html.tostring(element)!r}"
        for name, value in element.attrib.items():
            assert not name.lower().startswith(ACTIVE_ATTRIBUTE_PREFIX), f"{where}: <{element.tag} {name}>"
            if name in ("href", "src", "action", "content"):
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), f"{where}: {name}={value!r}"
    assert not fragment.xpath("//img[@src='x'] | //iframe | //object | //embed"), f"{where}: injected media"


def test_the_values_are_the_cleaned_text(built: BuildResult) -> None:
    article = article_of(built)
    assert article.headline == HEADLINE
    assert article.description == "A description with </script><script>alert(1)</script> and a line separator and a paragraph separator and a control"
    assert article.keywords == (SCRIPT, "<!--", "]]>")
    assert article.sections == ("Economy <!-- & 'Tech'", "Economy")
    assert [(author.name, author.url) for author in article.authors] == [
        ("<img src=x onerror=alert(2)>", "https://news.example.com/people/x?q=%22%3E%3Cscript%3Ealert(4)%3C/script%3E"),
    ]
    assert [(image.url, image.caption, image.credit) for image in article.images] == [
        ("https://news.example.com/pic.jpg?%22onerror=%22alert(5)", "<img src=x onerror=alert(2)> ]]> the caption of a hostile picture.", SCRIPT),
        (None, "<a href='javascript:alert(3)'>click</a> caption with a separator", None),
    ]
    assert article.body[0] == f"The first paragraph carries {HOSTILE} in running text."


def test_the_values_of_the_hostile_page_are_text_and_its_script_links_are_dropped(built: BuildResult) -> None:
    page = article_of(built, "hostile-page")
    assert page.headline == PAGE_HEADLINE
    assert [image.url for image in page.images] == [None]
    assert all(author.url is None for author in page.authors)
    assert page.description == "A description <img src=x onerror=\"document.documentElement.setAttribute('data-injected','meta')\">"


def test_every_html_output_runs_nothing(built: BuildResult, tmp_path: Path) -> None:
    pages = [path for path in sorted((tmp_path / "output").rglob("*.html"))]
    assert len(pages) >= 4
    for path in pages:
        assert_nothing_runs(lxml.html.fromstring(path.read_bytes()), str(path))


@pytest.mark.parametrize(("article_id", "headline"), [("hostile", HEADLINE), ("hostile-page", PAGE_HEADLINE)])
def test_the_article_page_shows_the_headline_and_embeds_exactly_the_json_ld(article_id: str, headline: str, built: BuildResult, tmp_path: Path, test_site: Site) -> None:
    article = article_of(built, article_id)
    page_bytes = (tmp_path / "output" / "articles" / f"{article.slug}.html").read_bytes()
    page = lxml.html.fromstring(page_bytes)
    assert [h1.text_content() for h1 in page.iter("h1")] == [headline]
    assert page.find(".//title").text == f"{headline} | Test Wire"
    (script,) = page.iter("script")
    written = json.loads((tmp_path / "output" / "articles" / f"{article.slug}.jsonld").read_text(encoding="utf-8"))
    assert json.loads(script.text) == written
    assert extruct.extract(page_bytes.decode("utf-8"), syntaxes=["json-ld"], uniform=False)["json-ld"] == [written]
    assert written["@graph"][0]["headline"] == headline


def test_the_script_text_cannot_end_its_element_or_open_a_comment(built: BuildResult, test_site: Site) -> None:
    for article in built.articles:
        text = to_script_text(article_jsonld(article, test_site))
        assert "<" not in text and ">" not in text and "&" not in text
        assert "\u2028" not in text and "\u2029" not in text


def test_every_feed_parses_as_strict_xml_with_the_title_as_text(built: BuildResult, tmp_path: Path) -> None:
    feeds = sorted(path for path in (tmp_path / "output").rglob("*") if path.suffix in (".xml", ".atom"))
    assert any(path.name == "feed.xml" for path in feeds) and any(path.name == "feed.atom" for path in feeds)
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
    for path in feeds:
        root = lxml.etree.fromstring(path.read_bytes(), parser)
        titles = sorted(element.text for element in root.iter("{*}title", "title") if element.text and "Chips" in element.text)
        assert set(titles) <= {HEADLINE, PAGE_HEADLINE}, path
        if path.parent == tmp_path / "output" and path.stem == "feed":
            assert titles == sorted([HEADLINE, PAGE_HEADLINE]), path


def test_feed_bodies_run_nothing(built: BuildResult, tmp_path: Path) -> None:
    root = lxml.etree.parse(str(tmp_path / "output" / "feed.xml")).getroot()
    items = {item.findtext("title"): item for item in root.iter("item")}
    # The description is HTML to readers: the plain-text lede is escaped for HTML, then for XML.
    description = lxml.html.fragment_fromstring(items[HEADLINE].findtext("description"), create_parent="div")
    assert description.text_content() == article_of(built).description
    for title, item in items.items():
        body = lxml.html.fragment_fromstring(item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded"), create_parent="div")
        assert_nothing_runs(body, f"feed.xml content:encoded of {title}")
        lede = lxml.html.fragment_fromstring(item.findtext("description"), create_parent="div")
        assert_nothing_runs(lede, f"feed.xml description of {title}")
    text_body = lxml.html.fragment_fromstring(items[HEADLINE].findtext("{http://purl.org/rss/1.0/modules/content/}encoded"), create_parent="div")
    assert [p.text_content() for p in text_body.iter("p") if p.get("class") is None][0] == f"BEIJING, March 11 (Xinhua) — The first paragraph carries {HOSTILE} in running text."


def test_json_outputs_round_trip_to_what_was_written(built: BuildResult, tmp_path: Path, test_site: Site) -> None:
    article = article_of(built)
    jsonld = json.loads((tmp_path / "output" / "articles" / f"{article.slug}.jsonld").read_text(encoding="utf-8"))
    assert jsonld == article_jsonld(article, test_site)
    feed = json.loads((tmp_path / "output" / "feed.json").read_text(encoding="utf-8"))
    assert sorted(item["title"] for item in feed["items"]) == sorted([HEADLINE, PAGE_HEADLINE])


def test_a_body_holding_a_cdata_end_still_gives_a_feed(test_site: Site, tmp_path: Path) -> None:
    # Text bodies are escaped by the templates; a body fragment holding `]]>` as markup (as a
    # future HTML body could) goes in as escaped text, and the feed still parses.
    article = normalize(Draft(source=Source(Path("x.txt"), "text", "0" * 64), headline=Found("CDATA", "line 1"), published=Found("2021-03-11", "line 2")), test_site)
    feed = render_rss([article], test_site, lambda _: "<p>before</p><!--]]>--><p>after ]]> end</p>")
    (encoded,) = lxml.etree.fromstring(feed).iter("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert encoded.text == "<p>before</p><!--]]>--><p>after ]]> end</p>"


def test_lone_surrogates_and_control_characters_never_reach_an_output(test_site: Site) -> None:
    dirty = "Chips\ud800 talks\x00\x01\x0b\x1f\x7f\x85 \ufffe\uffff end\udfff"
    draft = Draft(
        source=Source(Path("x.txt"), "text", "0" * 64),
        headline=Found(dirty, "json-ld headline"),
        published=Found("2021-03-11T12:58:00+08:00", "json-ld datePublished"),
        sections=(Found(dirty, "json-ld articleSection"),),
        authors=(DraftAgent(name=Found(dirty, "json-ld author"), url="https://news.example.com/\ud800a"),),
        images=(DraftImage(where="json-ld image", url="https://news.example.com/\x01pic.jpg", caption=dirty, credit=dirty),),
        body=(Found(dirty, "json-ld articleBody"),),
        description=Found(dirty, "json-ld description"),
        keywords=(Found(dirty, "json-ld keywords"),),
    )
    article = normalize(draft, test_site)
    assert article.headline == "Chips talks end"
    environment = template_environment(test_site)
    outputs = {
        "page": render_article(environment, article, test_site).encode("utf-8"),
        "index": render_index(environment, [article], test_site).encode("utf-8"),
        "jsonld": to_json(article_jsonld(article, test_site)).encode("utf-8"),
        "feed": render_rss([article], test_site, lambda item: render_content(environment, item)),
    }
    lxml.etree.fromstring(outputs["feed"])
    for name, data in outputs.items():
        text = data.decode("utf-8")
        assert not any(char in text for char in "\x00\x01\x0b\x1f\x7f\x85\ufffe\uffff"), name
    assert [image.url for image in article.images] == ["https://news.example.com/pic.jpg"]
    assert [author.url for author in article.authors] == ["https://news.example.com/a"]


def test_two_builds_of_hostile_input_give_the_same_bytes(site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {"hostile.txt": STORY, "hostile.toml": SIDECAR, "hostile-page.html": HOSTILE_PAGE.read_bytes()})
    build_folder(site_dir, tmp_path / "first")
    build_folder(site_dir, tmp_path / "second")
    assert files_of(tmp_path / "first") == files_of(tmp_path / "second")


@pytest.mark.parametrize(
    "markup",
    [
        "<div><script>alert(1)</script></div>",
        "<div><img src=x onerror=alert(2)></div>",
        '<div><a href=" JavaScript:alert(3)">x</a></div>',
        "<div><!-- an opened comment --></div>",
        "<div><iframe src=https://example.com/></iframe></div>",
    ],
)
def test_the_checker_above_catches_what_it_looks_for(markup: str) -> None:
    with pytest.raises(AssertionError):
        assert_nothing_runs(lxml.html.fragment_fromstring(markup), "sample")
