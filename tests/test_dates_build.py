"""The date rules end to end: pages from elsewhere with a day only, a local time, and no date,
built, read back from every output, checked, and built again later."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import extruct
import feedparser
import lxml.html

from tests.conftest import ROOT
from wirefeed.pipeline import build
from wirefeed.check import check_path

SITE = ROOT / "tests" / "fixtures" / "dates-site"
NOW = datetime.fromisoformat("2021-03-15T00:00:00+08:00")
LATER = datetime.fromisoformat("2021-03-16T09:30:00+08:00")


def built(tmp_path: Path, now: datetime = NOW) -> tuple[Path, dict[str, object]]:
    source = tmp_path / "input"
    if not source.exists():
        shutil.copytree(SITE, source)
    result = build(source, tmp_path / "output", now=now)
    assert result.rejected == ()
    assert result.warnings == (f"{source}/undated.html: warning: no publication date found; published with the time the history first saw it",)
    return tmp_path / "output", {article.source.path.stem: article for article in result.articles}


def page_jsonld(output: Path, slug: str) -> dict[str, object]:
    html = (output / "articles" / f"{slug}.html").read_text(encoding="utf-8")
    data = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    return next(node for block in data for node in block.get("@graph", [block]) if node.get("@type") == "NewsArticle")


def test_each_rule_in_the_record(tmp_path: Path) -> None:
    _, articles = built(tmp_path)
    published = {stem: article.published.isoformat() for stem, article in articles.items()}  # type: ignore[attr-defined]
    assert published == {
        "day-only": "2021-03-11T12:00:00+00:00",  # a day: noon, on no known clock
        "local-time": "2019-06-20T07:30:00+02:00",  # heise.de: Germany's clock, not the site's +08:00
        "undated": "2021-03-15T00:00:00+08:00",  # when the history first saw it
    }


def test_a_day_stays_a_day_in_json_ld_and_on_the_page_and_is_noon_in_feeds(tmp_path: Path) -> None:
    output, articles = built(tmp_path)
    slug = articles["day-only"].slug  # type: ignore[attr-defined]
    node = page_jsonld(output, slug)
    assert (node["datePublished"], node["dateModified"]) == ("2021-03-11", "2021-03-11")
    page = lxml.html.fromstring((output / "articles" / f"{slug}.html").read_bytes())
    assert page.xpath("//article//time/@datetime") == ["2021-03-11"]
    assert page.xpath("string(//article//time)") == "March 11, 2021"
    assert page.xpath("//meta[@property='article:published_time']/@content") == ["2021-03-11"]
    atom = feedparser.parse((output / "feed.atom").read_bytes())
    entry = next(entry for entry in atom.entries if entry.title == "Germany extends lockdown")
    assert entry.published == "2021-03-11T12:00:00+00:00"
    feed = json.loads((output / "feed.json").read_text(encoding="utf-8"))
    item = next(item for item in feed["items"] if item["title"] == "Germany extends lockdown")
    assert item["date_published"] == "2021-03-11T12:00:00+00:00"


def test_every_output_passes_check_with_no_date_finding(tmp_path: Path) -> None:
    output, _ = built(tmp_path)
    findings = [str(finding) for path in sorted(output.rglob("*")) if path.is_file() for finding in check_path(path)
                if finding.severity == "error" or "Date" in finding.rule]
    assert findings == []


def test_an_undated_page_keeps_its_first_seen_time_in_later_builds(tmp_path: Path) -> None:
    built(tmp_path)
    (tmp_path / "input" / "undated.html").write_text(
        (SITE / "undated.html").read_text(encoding="utf-8").replace("calm morning", "calm, bright morning"), encoding="utf-8")
    output, articles = built(tmp_path, LATER)
    undated = articles["undated"]
    assert undated.published.isoformat() == "2021-03-15T00:00:00+08:00"  # type: ignore[attr-defined]
    assert undated.modified.isoformat() == "2021-03-16T09:30:00+08:00"  # type: ignore[attr-defined]
    assert page_jsonld(output, undated.slug)["datePublished"] == "2021-03-15T00:00:00+08:00"  # type: ignore[attr-defined]
