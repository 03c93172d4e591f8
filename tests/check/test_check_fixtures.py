"""The corpus: each broken file is flagged by exactly its rule; each clean file by nothing.

A fixture is named for the rule it breaks: `InvalidRFC2822Date.rss`, or
`InvalidRFC2822Date--zone-name.rss` for a second way to break it.
"""

from __future__ import annotations

import json
from pathlib import Path

import extruct
import feedparser
import pytest

from wirefeed.check import SEVERITY, check_path

HERE = Path(__file__).parent
FIXTURES = sorted((HERE / "fixtures").iterdir())
CLEAN = sorted((HERE / "clean").iterdir())
# Rules no file can show on its own: an unreadable file is a property of the file system.
NOT_IN_A_FILE = {"IOError"}


def expected_rule(fixture: Path) -> str:
    return fixture.name.split("--")[0].split(".")[0]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.name for path in FIXTURES])
def test_fixture_is_flagged_with_exactly_its_rule(fixture: Path) -> None:
    findings = check_path(fixture)

    assert [finding.rule for finding in findings] == [expected_rule(fixture)] * len(findings)
    assert findings, f"{fixture.name} was not flagged"
    assert all(finding.severity == SEVERITY[expected_rule(fixture)] for finding in findings)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.name for path in FIXTURES])
def test_fixture_is_flagged_once(fixture: Path) -> None:
    # One defect per file: a second finding would mean a rule fires twice for one cause.
    # (The two-item JSON-LD list is the one fixture with two defects.)
    expected = 2 if fixture.name == "InvalidType--jsonld.jsonld" else 1
    assert len(check_path(fixture)) == expected


def test_every_rule_has_a_fixture() -> None:
    covered = {expected_rule(fixture) for fixture in FIXTURES}
    assert set(SEVERITY) - NOT_IN_A_FILE - covered == set()


def test_every_fixture_names_a_known_rule() -> None:
    assert {expected_rule(fixture) for fixture in FIXTURES} - set(SEVERITY) == set()


@pytest.mark.parametrize("clean", CLEAN, ids=[path.name for path in CLEAN])
def test_clean_file_has_no_findings(clean: Path) -> None:
    assert check_path(clean) == []


def test_clean_corpus_covers_each_syntax() -> None:
    assert {path.suffix for path in CLEAN} == {".rss", ".atom", ".json", ".jsonld", ".html"}


# feedparser 6.0 reads no JSON Feed, so the clean JSON Feed has only the checker to vouch for it.
@pytest.mark.parametrize("name", ["feed.rss", "feed.atom"])
def test_clean_feeds_read_without_errors_in_feedparser(name: str) -> None:
    parsed = feedparser.parse((HERE / "clean" / name).read_bytes())

    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == 2
    assert parsed.entries[0].title.startswith("China-US working group")


def test_clean_rss_carries_what_conformance_asks_for() -> None:
    parsed = feedparser.parse((HERE / "clean" / "feed.rss").read_bytes())

    assert parsed.feed.link == "https://news.example.com/"
    assert parsed.entries[0].author == "Global Times"  # dc:creator
    assert parsed.entries[0].content[0].value.startswith("<p>The China Semiconductor")
    assert parsed.entries[0].media_content[0]["url"] == "https://news.example.com/images/stardragon.jpg"


def test_clean_page_json_ld_reads_back_exactly_in_extruct() -> None:
    html = (HERE / "clean" / "article.html").read_text(encoding="utf-8")

    found = extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]

    assert found[0]["headline"] == "Q&A: why <b>chips</b> matter </script><!--"
    assert len(found) == 2


def test_clean_graph_is_a_linked_news_article_graph() -> None:
    graph = json.loads((HERE / "clean" / "article.jsonld").read_text(encoding="utf-8"))["@graph"]

    assert [node["@type"] for node in graph] == [
        "NewsArticle",
        "WebPage",
        "NewsMediaOrganization",
        "Person",
        "ImageObject",
        "BreadcrumbList",
    ]
