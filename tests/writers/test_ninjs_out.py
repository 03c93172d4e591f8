"""ninjs out: valid against IPTC's schema of its version, the same bytes every time, and a round
trip from ninjs in that keeps uri, version, headline, byline, dates and body."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.conftest import SEED, sample_copy, wirefeed
from tests.test_build import WIRE_FIXTURE, copy_input
from wirefeed.pipeline import build
from wirefeed.check.ninjs import ninjs_problems
from wirefeed.config import load_site
from wirefeed.errors import ConfigError
from wirefeed.model import Article, Site
from wirefeed.normalize import normalize
from wirefeed.readers import read
from wirefeed.readers.ninjs import read_ninjs, read_ninjs_document
from wirefeed.writers.ninjs import article_ninjs, body_html, ninjs_bytes, ninjs_path_beside

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "ninjs" / "examples"
TEXT_EXAMPLES = [
    "1.4/ninjsExSimpleText1.json", "1.6/004_simple_text_article.json", "1.6/005_complex_text_article.json",
    "2.2/004_simple_text_article.json", "2.2/005_complex_text_article.json", "3.0/dpa_text.json", "3.0/ntb_text.json",
    "3.0/tt_text_image_3.json", "3.1/001_simple_example.json", "3.1/004_simple_text_article.json",
    "3.1/005_complex_text_article.json", "3.1/007_multimedia.json",
]


def article_of(name: str, site: Site) -> Article:
    path = EXAMPLES / name
    return normalize(read_ninjs(path, path.read_bytes()), site)


def in_version(site: Site, version: str) -> Site:
    return dataclasses.replace(site, ninjs_version=version)


@pytest.mark.parametrize("name", TEXT_EXAMPLES)
@pytest.mark.parametrize(("version", "generation"), [("3.1", 3), ("2.2", 2)])
def test_the_ninjs_of_every_iptc_example_validates(name: str, version: str, generation: int, sample_site: Site) -> None:
    site = in_version(sample_site, version)
    assert ninjs_problems(article_ninjs(article_of(name, site), site), generation) == []


def test_every_ninjs_file_of_the_sample_builds_validates(tmp_path: Path) -> None:
    written = []
    for name, source in (("sample", sample_copy(tmp_path / "a")), ("wire", copy_input(WIRE_FIXTURE, tmp_path / "b"))):
        build(source, tmp_path / name)
        for path in sorted((tmp_path / name).rglob("*.ninjs.json")):
            written.append(path.name)
            assert ninjs_problems(json.loads(path.read_bytes()), 3) == [], path
    assert len(written) == 4  # the seed article, and the wire fixture's three


@pytest.mark.parametrize("name", [
    "1.4/ninjsExSimpleText1.json", "2.2/005_complex_text_article.json", "3.0/dpa_text.json", "3.0/ntb_text.json",
    "3.0/tt_text_image_3.json",
])
@pytest.mark.parametrize("version", ["3.1", "2.2"])
def test_ninjs_in_then_out_then_in_keeps_uri_version_headline_byline_dates_and_body(name: str, version: str, sample_site: Site) -> None:
    site = in_version(sample_site, version)
    first = article_of(name, site)
    data = ninjs_bytes(first, site)
    again = normalize(read_ninjs_document(Path("again.json"), data, json.loads(data)), site)
    assert (again.uri, again.version, again.headline) == (first.uri, first.version or "1", first.headline)
    assert again.authors == first.authors
    assert (again.published, again.modified) == (first.published, first.modified)
    assert again.body == first.body
    assert (again.language, again.images) == (first.language, first.images)


def test_the_seed_article_in_ninjs_3_1(sample_site: Site) -> None:
    article = normalize(read(SEED), sample_site)
    document = article_ninjs(article, sample_site)
    assert list(document) == [
        "uri", "standard", "type", "version", "firstCreated", "versionCreated", "pubStatus", "language", "headlines",
        "descriptions", "subjects", "bodies", "copyrightHolder", "copyrightNotice", "renditions",
    ]
    assert document["uri"] == article.guid
    assert document["version"] == "1"
    assert (document["firstCreated"], document["versionCreated"]) == ("2021-03-11T12:58:00+08:00", "2021-03-11T12:58:00+08:00")
    # The seed names no author but its publisher: no byline, no people.
    assert document["subjects"] == [{"name": "Source"}, {"name": "Economy"}]
    assert document["bodies"][0]["value"].startswith("<p>The China Semiconductor Industry Association (CSIA) announced on Thursday")
    assert document["renditions"] == [{"name": "web", "href": article.url, "contentType": "text/html"}]
    assert ninjs_bytes(article, sample_site) == ninjs_bytes(normalize(read(SEED), sample_site), sample_site)


def test_ninjs_2_2_spells_its_keys_in_lower_case(sample_site: Site) -> None:
    site = in_version(sample_site, "2.2")
    document = article_ninjs(article_of("3.0/dpa_text.json", site), site)
    assert {"versioncreated", "firstcreated", "pubstatus", "copyrightholder"} <= document.keys()
    assert not {"versionCreated", "firstCreated", "pubStatus", "copyrightHolder"} & document.keys()
    assert document["bodies"][0]["contenttype"] == "text/html"
    assert document["standard"] == {"name": "ninjs", "version": "2.2", "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#"}


def test_the_body_html_escapes_the_text() -> None:
    assert body_html(("a <script>alert(1)</script> & b", "c")) == "<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b</p>\n<p>c</p>"


def test_the_ninjs_file_sits_beside_the_page() -> None:
    assert ninjs_path_beside("articles/x.html") == "articles/x.ninjs.json"
    assert ninjs_path_beside("2021/03/11/smic-shenzhen.html") == "2021/03/11/smic-shenzhen.ninjs.json"


def test_the_config_accepts_ninjs_2_2_and_refuses_other_versions(site_dir: Path) -> None:
    config = site_dir / "wirefeed.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[site]\n", '[site]\nninjs_version = "2.2"\n'), encoding="utf-8")
    assert load_site(config).ninjs_version == "2.2"
    config.write_text(text.replace("[site]\n", '[site]\nninjs_version = "4.0"\n'), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_site(config)
    assert str(caught.value) == f"{config}: site.ninjs_version: expected one of '3.1', '2.2', got '4.0'"


def test_show_prints_ninjs_on_request_and_json_ld_by_default(tmp_path: Path) -> None:
    sample_copy(tmp_path)
    seed = f"input/{SEED.name}"
    ninjs = wirefeed("show", "--format", "ninjs", seed, cwd=tmp_path)
    assert ninjs.returncode == 0, ninjs.stderr
    assert json.loads(ninjs.stdout)["headlines"][0]["value"] == "China-US working group to tackle tech and trade restrictions in semiconductor industry"
    jsonld = wirefeed("show", seed, cwd=tmp_path)
    assert json.loads(jsonld.stdout)["@context"] == "https://schema.org"
