"""A syndication desk's site built end to end: its own wire text beside a BBC and a heise page.

The own article is credited to the configured publisher as before; the two real pages from
elsewhere keep their publishers in the JSON-LD, every feed and the page, and our brand appears
on them only as the publisher of the structured data (sdPublisher).
"""

from __future__ import annotations

import gzip
import json
import pickle
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import extruct
import feedparser

from tests.conftest import ROOT
from tests.test_build import UPDATE_GOLDEN, assert_same_tree
from wirefeed.cache.ref import ResolvedArticles
from wirefeed.pipeline import build
from wirefeed.check import check_path

SITE = ROOT / "tests" / "fixtures" / "provenance-site"
PAGES = ROOT / "tests" / "fixtures" / "provenance"
GOLDEN = ROOT / "tests" / "golden" / "provenance"
NOW = datetime.fromisoformat("2021-03-12T00:00:00+08:00")

OWN = "china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry"
BBC = "obama-admits-us-gun-laws-are-his-biggest-frustration"
HEISE = "1password-fur-mac-generiert-einmal-passworter"
BBC_URL = "http://www.bbc.com/news/world-us-canada-33646704"
HEISE_URL = "http://www.heise.de/mac-and-i/meldung/1Password-fuer-Mac-generiert-Einmal-Passwoerter-2596987.html"
BBC_ID = "https://wire.example.com/#/schema/organization/bbc-news"
HEISE_ID = "https://wire.example.com/#/schema/organization/heise-online"
OURS = "https://wire.example.com/#organization"


def built(tmp_path: Path) -> Path:
    source = tmp_path / "input"
    shutil.copytree(SITE, source)
    for name in ("bbc-1", "heise"):
        (source / f"{name}.html").write_bytes(gzip.decompress((PAGES / f"{name}.html.gz").read_bytes()))
    result = build(source, tmp_path / "output", now=NOW)
    assert result.rejected == ()
    return tmp_path / "output"


def graph(output: Path, slug: str) -> dict[str, dict[str, Any]]:
    """The article's JSON-LD nodes by @id."""
    document = json.loads((output / "articles" / f"{slug}.jsonld").read_text(encoding="utf-8"))
    return {node["@id"]: node for node in document["@graph"]}


def test_the_mixed_site_matches_its_golden_output(tmp_path: Path) -> None:
    output = built(tmp_path)
    if UPDATE_GOLDEN:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(output, GOLDEN)
    assert_same_tree(output, GOLDEN)


def test_jsonld_credits_the_original_publisher_and_names_us_only_as_sdpublisher(tmp_path: Path) -> None:
    nodes = graph(built(tmp_path), BBC)
    article = nodes[f"{BBC_URL}#article"]
    assert {key: article.get(key) for key in ("publisher", "sourceOrganization", "copyrightHolder", "copyrightYear", "isBasedOn", "sdPublisher", "author")} == {
        "publisher": {"@id": BBC_ID},
        "sourceOrganization": {"@id": BBC_ID},
        "copyrightHolder": {"@id": BBC_ID},
        "copyrightYear": 2015,
        "isBasedOn": BBC_URL,
        "sdPublisher": {"@id": OURS},
        "author": None,  # the page names no author; nobody stands in
    }
    assert nodes[BBC_ID] == {
        "@type": "Organization", "@id": BBC_ID, "name": "BBC News", "url": "http://www.bbc.com/",
        "logo": {"@type": "ImageObject", "@id": BBC_ID + "/logo",
                 "url": "http://www.bbc.co.uk/news/special/2015/newsspec_10857/bbc_news_logo.png?cb=1",
                 "contentUrl": "http://www.bbc.co.uk/news/special/2015/newsspec_10857/bbc_news_logo.png?cb=1"},
    }
    # The original page is no part of our WebSite; our site has no WebSite node in its graph.
    assert "isPartOf" not in nodes[f"{BBC_URL}#webpage"]
    assert "https://wire.example.com/#website" not in nodes


def test_jsonld_of_the_own_article_is_ours_as_before(tmp_path: Path) -> None:
    article = graph(built(tmp_path), OWN)["https://wire.example.com/articles/" + OWN + ".html#article"]
    assert (article["publisher"], article["copyrightHolder"], article["author"]) == ({"@id": OURS}, {"@id": OURS}, [{"@id": OURS}])
    assert not article.keys() & {"sourceOrganization", "isBasedOn", "sdPublisher"}


def test_a_desks_source_settings_name_the_publisher(tmp_path: Path) -> None:
    nodes = graph(built(tmp_path), HEISE)
    assert nodes[f"{HEISE_URL}#article"]["publisher"] == {"@id": HEISE_ID}
    assert nodes[HEISE_ID] == {"@type": "Organization", "@id": HEISE_ID, "name": "heise online", "url": "https://www.heise.de/"}
    assert nodes[f"{HEISE_URL}#article"]["inLanguage"] == "de"


def test_rss_items_carry_their_source(tmp_path: Path) -> None:
    parsed = feedparser.parse((built(tmp_path) / "feed.xml").read_bytes())
    assert parsed.bozo == 0
    sources = {entry.link: (entry.get("source"), [author["name"] for author in entry.get("authors", [])]) for entry in parsed.entries}
    assert sources == {
        "https://wire.example.com/articles/" + OWN + ".html": (None, ["Global Times"]),
        BBC_URL: ({"href": "http://www.bbc.com/", "title": "BBC News"}, []),
        HEISE_URL: ({"href": "https://www.heise.de/", "title": "heise online"}, []),
    }


def test_atom_entries_carry_their_source_rights_and_author(tmp_path: Path) -> None:
    parsed = feedparser.parse((built(tmp_path) / "feed.atom").read_bytes())
    assert parsed.bozo == 0
    entries = {entry.link: entry for entry in parsed.entries}
    bbc = entries[BBC_URL]
    assert (bbc.source.title, bbc.source.link, bbc.rights, bbc.author) == ("BBC News", "http://www.bbc.com/", "Copyright BBC News", "BBC News")
    own = entries["https://wire.example.com/articles/" + OWN + ".html"]
    assert ("source" in own, own.author) == (False, "Global Times")
    # The feed's rights are ours; an own entry has none of its own, so ours cover it (RFC 4287 4.2.10).
    assert "rights" not in own and parsed.feed.rights == "Copyright © Global Times. All rights reserved."


def test_json_feed_items_are_credited_to_the_original_publisher(tmp_path: Path) -> None:
    document = json.loads((built(tmp_path) / "feed.json").read_text(encoding="utf-8"))
    assert {item["url"]: item["authors"] for item in document["items"]} == {
        "https://wire.example.com/articles/" + OWN + ".html": [{"name": "Global Times", "url": "https://www.globaltimes.cn/"}],
        BBC_URL: [{"name": "BBC News", "url": "http://www.bbc.com/"}],
        HEISE_URL: [{"name": "heise online", "url": "https://www.heise.de/"}],
    }


def test_the_page_says_where_it_was_first_published_and_claims_no_copyright(tmp_path: Path) -> None:
    output = built(tmp_path)
    page = (output / "articles" / f"{BBC}.html").read_text(encoding="utf-8")
    assert f'<p class="provenance">Originally published by <a href="{BBC_URL}" rel="external">BBC News</a></p>' in page
    assert "Copyright © Global Times" not in page
    assert '<p class="meta"><time datetime="2015-07-24T05:36:09+01:00">' in page  # no "By" without a byline
    assert extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"] == [
        json.loads((output / "articles" / f"{BBC}.jsonld").read_text(encoding="utf-8"))]
    own = (output / "articles" / f"{OWN}.html").read_text(encoding="utf-8")
    assert "<p>Copyright © Global Times. All rights reserved.</p>" in own and "Originally published" not in own


def test_the_index_names_the_source_of_a_story_from_elsewhere(tmp_path: Path) -> None:
    index = (built(tmp_path) / "index.html").read_text(encoding="utf-8")
    assert '<p class="meta"><time datetime="2015-07-24T05:36:09+01:00">July 24, 2015, 05:36 (UTC+01:00)</time> · from BBC News</p>' in index
    assert index.count(" · from ") == 2  # BBC and heise; the own article names no source


def test_the_news_sitemap_lists_only_our_own_articles(tmp_path: Path) -> None:
    sitemap = (built(tmp_path) / "news-sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<url>") == 1 and OWN in sitemap


def test_outputs_pass_the_checks_with_only_the_missing_bylines_and_logo_as_warnings(tmp_path: Path) -> None:
    output = built(tmp_path)
    checked = [path for path in sorted(output.rglob("*")) if path.suffix in (".xml", ".atom", ".json", ".jsonld", ".html")]
    assert len(checked) == 23  # 20 and the three articles' ninjs files
    findings = [finding for path in checked for finding in check_path(path)]
    assert [finding.severity for finding in findings if finding.severity == "error"] == []
    assert sorted(f"{finding.path.name}: {finding.message}" for finding in findings) == sorted([
        f"{HEISE}.html: @graph[0]: Google recommends 'author' on an Article",
        f"{HEISE}.html: @graph[0].publisher: Google recommends the publisher's 'logo'",
        f"{HEISE}.jsonld: @graph[0]: Google recommends 'author' on an Article",
        f"{HEISE}.jsonld: @graph[0].publisher: Google recommends the publisher's 'logo'",
        f"{BBC}.html: @graph[0]: Google recommends 'author' on an Article",
        f"{BBC}.jsonld: @graph[0]: Google recommends 'author' on an Article",
        # The own wire story's one picture is a caption with no file: no JSON-LD image.
        f"{OWN}.html: @graph[0]: Google recommends 'image' on an Article",
        f"{OWN}.jsonld: @graph[0]: Google recommends 'image' on an Article",
    ])


def test_provenance_survives_the_history_and_its_caches(tmp_path: Path) -> None:
    """A rebuild reads articles back from the input cache (handles on their pickles, resolved when
    read): their provenance is intact; a changed [sources] setting re-reads and re-renders what it changes."""
    output = built(tmp_path)
    again = build(tmp_path / "input", output, now=NOW)
    assert isinstance(again.articles, ResolvedArticles)
    assert {type(article).__name__ for article in again.articles.held()} == {"ArticleRef"}  # read back, still pickled
    assert {type(article).__name__ for article in again.articles} == {"Article"}  # resolved when read
    assert {article.url: (article.elsewhere, article.provenance.publisher.name if article.provenance.publisher else None)
            for article in again.articles} == {
        "https://wire.example.com/articles/" + OWN + ".html": (False, "Global Times"),
        BBC_URL: (True, "BBC News"),
        HEISE_URL: (True, "heise online"),
    }
    assert all(pickle.loads(pickle.dumps(article)) == article for article in again.articles)
    config = tmp_path / "input" / "wirefeed.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('name = "heise online"', 'name = "heise Mac & i"'), encoding="utf-8")
    changed = build(tmp_path / "input", output, now=NOW)
    assert f"articles/{HEISE}.jsonld" in changed.rendered
    assert graph(output, HEISE)["https://wire.example.com/#/schema/organization/heise-mac-i"]["name"] == "heise Mac & i"
