"""A site built from one NewsML-G2, one NITF and one IPTC 7901 file: every output, and `wirefeed check` passes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import ROOT, wirefeed

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
