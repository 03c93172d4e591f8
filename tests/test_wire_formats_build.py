"""A site built from one NewsML-G2, one NITF and one IPTC 7901 file: every output, and `wirefeed check` passes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.conftest import ROOT, wirefeed
from tests.test_build import assert_same_tree
from wirefeed import build
from wirefeed.store import Store, default_store_path

FORMATS = ROOT / "tests" / "fixtures" / "wire-formats"
INPUTS = {
    "fed.xml": FORMATS / "newsml-g2" / "LISTING_2_NewsML-G2_Text_Document.xml",
    "india.xml": FORMATS / "nitf" / "NTB_nitf_sample.xml",
    "0427": FORMATS / "iptc7901" / "hamburg-port.txt",
}
PAGES = {
    "fed-to-halt-qe-to-avert-bubble": 'Fed to halt QE to avert "bubble"',
    "pandemien-herjer-pa-den-legelose-indiske-landsbygda": "Pandemien herjer på den legeløse indiske landsbygda",
    "harbour-cargo-rises-for-third-month-in-a-row": "Harbour cargo rises for third month in a row",
}


GOLDEN = ROOT / "tests" / "golden" / "wire-formats"


def _site(tmp_path: Path) -> Path:
    source = tmp_path / "input"
    source.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "wire" / "wirefeed.toml", source)
    shutil.copytree(ROOT / "tests" / "fixtures" / "wire" / "static", source / "static")
    for name, path in INPUTS.items():
        shutil.copy(path, source / name)
    return source


def test_each_format_builds_into_every_output_and_checks_clean(tmp_path: Path) -> None:
    _site(tmp_path)
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[-1].startswith("built 3 articles into site/ (")
    site = tmp_path / "site"
    for slug, headline in PAGES.items():
        document = json.loads((site / "articles" / f"{slug}.jsonld").read_text(encoding="utf-8"))
        assert document["@graph"][0]["headline"] == headline
        assert (site / "articles" / f"{slug}.html").is_file()
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert sorted(item["title"] for item in feed["items"]) == sorted(PAGES.values())
    for name in ("feed.xml", "feed.atom", "sitemap.xml", "news-sitemap.xml", "index.html"):
        assert (site / name).is_file()
    hamburg = json.loads((site / "articles" / "harbour-cargo-rises-for-third-month-in-a-row.jsonld").read_text(encoding="utf-8"))
    assert hamburg["@graph"][0]["datePublished"] == "2024-11-13T11:37:00+00:00"
    assert hamburg["@graph"][0]["dateline"] == "Hamburg (wfx)"
    check = wirefeed("check", "site", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert " 0 errors" in (check.stdout + check.stderr)


def test_the_three_formats_match_their_golden_output(tmp_path: Path) -> None:
    result = build(_site(tmp_path), tmp_path / "output")
    assert result.rejected == ()
    if os.environ.get("WIREFEED_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(tmp_path / "output", GOLDEN)
    assert_same_tree(tmp_path / "output", GOLDEN)


def test_a_picture_item_is_one_line_and_the_rest_is_built(tmp_path: Path) -> None:
    source = _site(tmp_path)
    shutil.copy(FORMATS / "newsml-g2" / "LISTING_3_Photo_in_NewsML-G2.xml", source / "photo.xml")
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert lines[0] == ("input/photo.xml: /newsItem/itemMeta/itemClass[1]/@qcode: a NewsML-G2 item of class ninat:picture "
                        "and no text item; expected a text item (itemClass ninat:text)")
    assert lines[-1].startswith("built 3 articles into site/ (") and lines[-1].endswith("; rejected 1")
    assert "Traceback" not in run.stderr


def _version(version: int, *, status: str = "usable", body: str = "First text.", embargo: str = "") -> str:
    return f"""<?xml version="1.0"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.com:20240501:rates" version="{version}">
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="Example Wire"/>
    <firstCreated>2024-05-01T09:00:00Z</firstCreated><versionCreated>2024-05-0{version}T10:00:00Z</versionCreated>
    <pubStatus qcode="stat:{status}"/>{embargo}</itemMeta>
  <contentMeta><headline>Central bank holds rates</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>{body}</p></body></html></inlineXML></contentSet>
</newsItem>"""


def test_a_new_version_of_a_guid_is_a_revision_and_a_withdrawn_one_takes_it_down(tmp_path: Path) -> None:
    source = tmp_path / "input"
    source.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "wire" / "wirefeed.toml", source)
    shutil.copytree(ROOT / "tests" / "fixtures" / "wire" / "static", source / "static")
    page = tmp_path / "site" / "articles" / "central-bank-holds-rates.jsonld"
    (source / "rates-1.xml").write_text(_version(1), encoding="utf-8")
    assert wirefeed("build", "input", "-o", "site", cwd=tmp_path).returncode == 0
    first = json.loads(page.read_text(encoding="utf-8"))["@graph"][0]
    # Version 2 arrives under another file name: the guid, not the file, is the story.
    (source / "rates-1.xml").unlink()
    (source / "rates-2.xml").write_text(_version(2, body="Second text."), encoding="utf-8")
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    second = json.loads(page.read_text(encoding="utf-8"))["@graph"][0]
    assert (first["@id"], first["articleBody"], first["dateModified"]) == (second["@id"], "First text.", "2024-05-01T10:00:00+00:00")
    assert (second["articleBody"], second["dateModified"]) == ("Second text.", "2024-05-02T10:00:00+00:00")
    assert second["datePublished"] == first["datePublished"] == "2024-05-01T09:00:00+00:00"
    (source / "rates-2.xml").write_text(_version(3, status="withdrawn"), encoding="utf-8")
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    # A withdrawal is no error: its own line, the story taken down, exit code 0.
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    assert lines[0] == ("input/rates-2.xml: /newsItem/itemMeta/pubStatus[1]/@qcode: the provider's status is 'withdrawn': "
                        "the story is taken down (a version published before is withdrawn)")
    assert lines[-1].startswith("built 0 articles into site/ (") and lines[-1].endswith("; 1 withdrawn by their input")
    assert not page.exists()
    with Store.open(default_store_path(source)) as store:
        assert [(record.id, record.state) for record in store.records()] == [("urn-newsml-example-com-20240501-rates", "withdrawn")]


def test_an_embargoed_item_is_held_until_its_embargo(tmp_path: Path) -> None:
    source = tmp_path / "input"
    source.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "wire" / "wirefeed.toml", source)
    shutil.copytree(ROOT / "tests" / "fixtures" / "wire" / "static", source / "static")
    (source / "rates.xml").write_text(_version(1, embargo="<embargoed>2199-01-01T00:00:00Z</embargoed>"), encoding="utf-8")
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[-1].startswith("built 0 articles into site/ (")
    assert not (tmp_path / "site" / "articles" / "central-bank-holds-rates.jsonld").exists()
