"""A whole build of a desk that takes ninjs 1.x, 2.x and 3.x from agencies and writes Markdown:
every output, its golden copy, the ninjs beside each JSON-LD valid, and a new version of a
story read as a revision of it."""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import feedparser

from tests.conftest import ROOT
from tests.test_build import assert_same_tree, copy_input
from wirefeed.pipeline import build
from wirefeed.check import CHECKED_SUFFIXES, check_path
from wirefeed.check.ninjs import ninjs_problems
from wirefeed.store import Store, default_store_path

FIXTURE = ROOT / "tests" / "fixtures" / "ninjs-site"
GOLDEN = ROOT / "tests" / "golden" / "ninjs-markdown"
UPDATE_GOLDEN = os.environ.get("WIREFEED_UPDATE_GOLDEN") == "1"
TT = "tt-military-exercise-ninjs3.json"


def test_each_format_builds_into_every_output(tmp_path: Path) -> None:
    source = copy_input(FIXTURE, tmp_path)
    result = build(source, tmp_path / "output")
    assert sorted((article.source.format, article.headline) for article in result.articles) == [
        ("markdown", "Aurora 23 planning starts with Finland"),
        ("ninjs 1", "Captain of wrecked cruise ship on trial in Italy"),
        ("ninjs 2", "Captain of wrecked cruise ship on trial in Italy"),
        ("ninjs 3", "Militärövning i jätteformat hålls 2023"),
    ]
    # A draft is no error: it is reported apart, as a withdrawal (the build exits 0 for it).
    assert [str(withdrawal) for withdrawal in result.withdrawals] == [
        f"{source}/2021-05-28-unfinished.md:4: a draft (draft: true); not published until its front matter says it is ready"]
    assert [str(error) for error in result.rejected] == [
        f"{source}/photo-only.json: /type: the item's type is 'picture'; expected a text (or composite) item: a picture, video or graphic on its own is no article",
    ]
    output = tmp_path / "output"
    feed = feedparser.parse((output / "feed.xml").read_bytes())
    assert not feed.bozo
    assert sorted(entry.title for entry in feed.entries) == sorted(article.headline for article in result.articles)
    for article in result.articles:
        page = article.url.removeprefix("https://desk.example.com/")
        stem = page.removesuffix(".html")
        assert (output / page).is_file()
        assert json.loads((output / f"{stem}.jsonld").read_text(encoding="utf-8"))["@graph"][0]["headline"] == article.headline
        ninjs = json.loads((output / f"{stem}.ninjs.json").read_text(encoding="utf-8"))
        assert ninjs_problems(ninjs, 3) == []
        assert ninjs["headlines"] == [{"role": "main", "value": article.headline}]
    if UPDATE_GOLDEN:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(output, GOLDEN)
    assert_same_tree(output, GOLDEN)


def test_the_ninjs_out_of_a_ninjs_3_item_keeps_its_identity_and_picture(tmp_path: Path) -> None:
    result = build(copy_input(FIXTURE, tmp_path), tmp_path / "output")
    [tt] = [article for article in result.articles if article.source.format == "ninjs 3"]
    assert tt.id == "http-tt-se-media-text-210526-militarovning-a0f2d045"
    document = json.loads((tmp_path / "output" / "articles" / "militarovning-i-jatteformat-halls-2023.ninjs.json").read_text(encoding="utf-8"))
    assert (document["uri"], document["version"], document["versionCreated"]) == (
        "http://tt.se/media/text/210526-militarovning-a0f2d045", "1", "2021-05-26T13:40:18+02:00")
    assert [(association["uri"], association["by"]) for association in document["associations"]] == [
        ("https://beta.tt.se/media/text/210526-militarovning-a0f2d045/a001_NormalPreview.jpg", "Karl Melander/TT")]


def test_a_new_version_of_the_same_uri_is_a_revision_not_a_new_story(tmp_path: Path) -> None:
    source = copy_input(FIXTURE, tmp_path)
    build(source, tmp_path / "output", now=_moment("2021-06-01T00:00:00+00:00"))
    item = json.loads((source / TT).read_text(encoding="utf-8"))
    item["version"] = "2"
    item["versionCreated"] = "2021-05-26T15:05:00+02:00"
    item["headlines"][0]["value"] = "Militärövning i jätteformat hålls våren 2023"
    # The agency sends the new version under a new file name; the uri says which story it is.
    (source / TT).unlink()
    (source / "tt-military-exercise-v2.json").write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    result = build(source, tmp_path / "output", now=_moment("2021-06-02T00:00:00+00:00"))
    [tt] = [article for article in result.articles if article.source.format == "ninjs 3"]
    assert (tt.id, tt.headline, tt.version) == ("http-tt-se-media-text-210526-militarovning-a0f2d045", "Militärövning i jätteformat hålls våren 2023", "2")
    assert tt.modified.isoformat() == "2021-05-26T15:05:00+02:00"
    assert len(result.articles) == 4
    with Store.open(default_store_path(source)) as store:
        revisions = {record.id: record.revision for record in store.records()}
    assert revisions[tt.id] == 2
    page = tt.url.removeprefix("https://desk.example.com/").removesuffix(".html")
    document = json.loads((tmp_path / "output" / f"{page}.ninjs.json").read_text(encoding="utf-8"))
    assert (document["version"], document["headlines"][0]["value"]) == ("2", "Militärövning i jätteformat hålls våren 2023")


def test_a_canceled_version_withdraws_the_story_and_its_ninjs_file(tmp_path: Path) -> None:
    source = copy_input(FIXTURE, tmp_path)
    first = build(source, tmp_path / "output", now=_moment("2021-06-01T00:00:00+00:00"))
    [tt] = [article for article in first.articles if article.source.format == "ninjs 3"]
    page = tt.url.removeprefix("https://desk.example.com/").removesuffix(".html")
    assert (tmp_path / "output" / f"{page}.ninjs.json").is_file()
    item = json.loads((source / TT).read_text(encoding="utf-8"))
    item.update(version="2", versionCreated="2021-05-26T16:00:00+02:00", pubStatus="canceled")
    (source / TT).write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    result = build(source, tmp_path / "output", now=_moment("2021-06-02T00:00:00+00:00"))
    assert [str(withdrawal) for withdrawal in result.withdrawals] == [
        f"{source}/2021-05-28-unfinished.md:4: a draft (draft: true); not published until its front matter says it is ready",
        f"{source}/{TT}: /pubStatus: the provider's status is 'canceled': the story is taken down (a version published before is withdrawn)"]
    assert [error.path.name for error in result.rejected] == ["photo-only.json"]
    assert result.withdrawn == (tt.id,)
    assert not any((tmp_path / "output" / f"{page}{suffix}").exists() for suffix in (".html", ".jsonld", ".ninjs.json"))


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_every_output_passes_the_conformance_checks(tmp_path: Path) -> None:
    """Feeds, pages, JSON-LD and the ninjs files of agency copy and Markdown, by `wirefeed check`."""
    build(copy_input(FIXTURE, tmp_path), tmp_path / "output")
    checked = [path for path in sorted((tmp_path / "output").rglob("*")) if path.suffix in CHECKED_SUFFIXES]
    assert sum(path.name.endswith(".ninjs.json") for path in checked) == 4
    findings = [finding for path in checked for finding in check_path(path)]
    assert [finding for finding in findings if finding.severity == "error"] == []
    # Only Google's recommendations that the agency copy cannot meet: the AP samples carry no
    # picture and name no publisher; TT's item names no author, and TT comes with no URL or logo.
    ap = ("Google recommends 'image' on an Article", "Google recommends 'publisher' on an Article")
    tt = ("Google recommends 'author' on an Article", "Google recommends the publisher's 'url'", "Google recommends the publisher's 'logo'")
    assert sorted((finding.path.name, finding.message.split(": ", 1)[1]) for finding in findings) == sorted([
        *[(f"captain-of-wrecked-cruise-ship-on-trial-in-italy{suffix}", message)
          for suffix in ("-18b2a152.html", "-18b2a152.jsonld", ".html", ".jsonld") for message in ap],
        *[(f"militarovning-i-jatteformat-halls-2023{suffix}", message) for suffix in (".html", ".jsonld") for message in tt],
    ])
    assert {finding.rule for finding in findings} == {"MissingRecommended"}
