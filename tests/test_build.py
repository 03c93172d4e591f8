"""Whole builds: golden outputs, the committed output/, reproducibility, and clients reading it back."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import extruct
import feedparser
import pytest

from tests.conftest import INPUT, OUTPUT, ROOT, files_of
from wirefeed.pipeline import build
from wirefeed.check import check_path

WIRE_FIXTURE = ROOT / "tests" / "fixtures" / "wire"
WIRE_GOLDEN = ROOT / "tests" / "golden" / "wire"
# WIREFEED_UPDATE_GOLDEN=1 rewrites the golden folder from a fresh build, for a reviewed change.
UPDATE_GOLDEN = os.environ.get("WIREFEED_UPDATE_GOLDEN") == "1"


def copy_input(source: Path, tmp_path: Path) -> Path:
    """A private copy of an input folder, so a build never writes beside the repository's inputs."""
    target = tmp_path / "input"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".wirefeed"))
    return target


def assert_same_tree(built: Path, expected: Path) -> None:
    built_files, expected_files = files_of(built), files_of(expected)
    assert sorted(built_files) == sorted(expected_files)
    for name, data in built_files.items():
        assert data == expected_files[name], f"{name} differs from {expected / name}"


def test_committed_output_is_what_input_builds(tmp_path: Path) -> None:
    result = build(copy_input(INPUT, tmp_path), tmp_path / "output")
    assert result.rejected == ()
    assert_same_tree(tmp_path / "output", OUTPUT)


def test_wire_fixture_matches_its_golden_output(tmp_path: Path) -> None:
    result = build(copy_input(WIRE_FIXTURE, tmp_path), tmp_path / "output")
    assert [article.headline for article in result.articles] == [
        "China's chip exports rise 20 percent in first two months",
        "SMIC to expand mature-node capacity in Shenzhen",
        "US firms seek licenses to supply Chinese chipmakers",
    ]
    assert [str(error) for error in result.rejected] == [
        f"{tmp_path}/input/no-date.txt: no publication date found; expected a date such as a `Published: Mar 11, 2021 12:58 PM` line below the headline, or datePublished in the page's metadata",
    ]
    if UPDATE_GOLDEN:
        shutil.rmtree(WIRE_GOLDEN, ignore_errors=True)
        shutil.copytree(tmp_path / "output", WIRE_GOLDEN)
    assert_same_tree(tmp_path / "output", WIRE_GOLDEN)


def test_wire_fixture_values(tmp_path: Path) -> None:
    result = build(copy_input(WIRE_FIXTURE, tmp_path), tmp_path / "output")
    by_id = {article.id: article for article in result.articles}
    xinhua = by_id["xinhua-chip-exports"]
    assert xinhua.sections == ("World", "Asia")
    assert xinhua.published.isoformat() == "2021-03-12T09:30:00+08:00"
    assert [(author.name, author.kind) for author in xinhua.authors] == [("Wang Qi", "Person"), ("Li Xuanmin", "Person")]
    assert xinhua.dateline == "BEIJING, March 12 (Xinhua)"
    assert xinhua.body[0] == "China's exports of integrated circuits rose 20 percent year on year in the first two months, customs data showed on Friday."
    assert [(image.caption, image.credit) for image in xinhua.images] == [("Workers check wafers at a plant in Hefei, east China's Anhui Province.", "VCG")]
    licenses = by_id["us-firms-licenses"]
    assert licenses.sections == ("Source", "Business")
    assert licenses.modified.isoformat() == "2021-03-11T08:15:00+08:00"
    assert [(author.name, author.kind) for author in licenses.authors] == [("Yin Yeping", "Person")]
    assert [(image.caption, image.credit) for image in licenses.images] == [("A worker at a semiconductor plant in Jiangsu Province", "Agencies")]
    smic = by_id["smic-capacity"]
    assert smic.url == "https://wire.example.com/2021/03/11/smic-shenzhen.html"
    assert smic.language == "en-gb"
    assert smic.keywords == ("SMIC", "semiconductors", "Shenzhen")
    assert [(author.name, author.url) for author in smic.authors] == [("Chen Qingqing", "https://www.globaltimes.cn/author/chen-qingqing")]
    assert [(image.url, image.width, image.height, image.caption, image.credit) for image in smic.images] == [
        ("https://wire.example.com/static/smic-shenzhen.jpg", 1600, 900, "The SMIC campus in Shanghai.", "SMIC")]
    assert (tmp_path / "output" / "2021" / "03" / "11" / "smic-shenzhen.html").is_file()


def test_two_builds_give_identical_bytes(tmp_path: Path) -> None:
    source = copy_input(WIRE_FIXTURE, tmp_path)
    build(source, tmp_path / "first")
    build(source, tmp_path / "second")
    assert files_of(tmp_path / "first") == files_of(tmp_path / "second")


@pytest.mark.parametrize("fixture", [INPUT, WIRE_FIXTURE], ids=["sample", "wire"])
def test_every_page_embeds_exactly_its_jsonld_file(fixture: Path, tmp_path: Path) -> None:
    result = build(copy_input(fixture, tmp_path), tmp_path / "output")
    pages = [path for path in (tmp_path / "output").rglob("*.html") if path.with_suffix(".jsonld").is_file()]
    assert len(pages) == len(result.articles)
    for page in pages:
        written = json.loads(page.with_suffix(".jsonld").read_text(encoding="utf-8"))
        embedded = extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=False)["json-ld"]
        assert embedded == [written]


@pytest.mark.parametrize("fixture", [INPUT, WIRE_FIXTURE], ids=["sample", "wire"])
def test_feedparser_reads_the_built_feed(fixture: Path, tmp_path: Path) -> None:
    result = build(copy_input(fixture, tmp_path), tmp_path / "output")
    parsed = feedparser.parse((tmp_path / "output" / "feed.xml").read_bytes())
    assert parsed.bozo == 0
    assert [entry.title for entry in parsed.entries] == [article.headline for article in result.articles]
    assert [entry.id for entry in parsed.entries] == [article.guid for article in result.articles]
    assert [entry.link for entry in parsed.entries] == [article.url for article in result.articles]
    assert [tuple(entry.published_parsed)[:6] for entry in parsed.entries] == [
        article.published.astimezone(tz=None).utctimetuple()[:6] for article in result.articles]


def test_no_non_breaking_space_in_any_output(tmp_path: Path) -> None:
    build(copy_input(INPUT, tmp_path), tmp_path / "output")
    for name, data in files_of(tmp_path / "output").items():
        assert "\u00a0".encode() not in data, name
        assert b"&nbsp;" not in data and b"&#160;" not in data, name


def test_a_bad_file_does_not_stop_the_good_ones(tmp_path: Path) -> None:
    source = copy_input(INPUT, tmp_path)
    (source / "broken.txt").write_text("Headline only\n\nPublished: Feb 30, 2021\n\nBody.\n", encoding="utf-8")
    (source / "empty.txt").write_bytes(b"")
    result = build(source, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [
        f"{source}/broken.txt:3: the publication date 'Feb 30, 2021' is not a date (day is out of range for month); expected a date such as Mar 11, 2021 12:58 PM",
        f"{source}/empty.txt: the file is empty; expected an article",
    ]
    assert [article.id for article in result.articles] == ["global-times-2021-03-11-china-us-semiconductor-working-group"]
    assert_same_tree(tmp_path / "output", OUTPUT)


def test_two_files_with_one_id_reject_the_second(tmp_path: Path) -> None:
    source = copy_input(INPUT, tmp_path)
    (source / "again").mkdir()
    shutil.copy(source / "global-times-2021-03-11-china-us-semiconductor-working-group.txt", source / "again")
    result = build(source, tmp_path / "output")
    assert len(result.articles) == 1
    assert [error.message for error in result.rejected] == [
        f"id 'global-times-2021-03-11-china-us-semiconductor-working-group' is already used by {source}/again/global-times-2021-03-11-china-us-semiconductor-working-group.txt; "
        "expected each article to have its own id (rename the file or set id in its sidecar)"]


def test_same_headline_twice_gets_two_pages(tmp_path: Path) -> None:
    source = copy_input(INPUT, tmp_path)
    text = (source / "global-times-2021-03-11-china-us-semiconductor-working-group.txt").read_text(encoding="utf-8")
    (source / "later-copy.txt").write_text(text.replace("Mar 11, 2021 12:58 PM", "Mar 12, 2021 08:00 AM"), encoding="utf-8")
    result = build(source, tmp_path / "output")
    assert sorted(article.slug for article in result.articles) == [
        "china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry",
        "china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry-8e5f1ad5",
    ]
    assert len({article.url for article in result.articles}) == 2


@pytest.mark.parametrize("fixture", [INPUT, WIRE_FIXTURE], ids=["sample", "wire"])
def test_every_output_passes_the_conformance_checks(fixture: Path, tmp_path: Path) -> None:
    """Feeds by the W3C validator's rules, JSON-LD by the schema.org vocabulary and Google's guidance, pages' embedding."""
    result = build(copy_input(fixture, tmp_path), tmp_path / "output")
    checked = [path for path in sorted((tmp_path / "output").rglob("*")) if path.suffix in (".xml", ".atom", ".json", ".jsonld", ".html")]
    assert len(checked) >= 7
    findings = [finding for path in checked for finding in check_path(path)]
    # An article whose pictures have no URL has no schema.org image: Google's recommendation is
    # unmet, which check says (a warning) on its page and its JSON-LD file, and nothing else.
    without_picture = [article for article in result.articles if not any(image.url for image in article.images)]
    assert sorted((finding.path.stem, finding.severity, finding.message) for finding in findings) == sorted(
        (article.slug, "warning", "@graph[0]: Google recommends 'image' on an Article") for article in without_picture for _ in range(2))


def test_an_input_over_the_configured_size_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    source = copy_input(INPUT, tmp_path)
    config = source / "wirefeed.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("feed_size = 50", "feed_size = 50\nmax_input_bytes = 2000"), encoding="utf-8")
    result = build(source, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [
        f"{source}/global-times-2021-03-11-china-us-semiconductor-working-group.txt: the file is 2,841 bytes, over the 2,000-byte limit for an article"]
