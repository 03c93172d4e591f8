"""`wirefeed embed` on real pages of ../shared/corpus/readability: the block goes into the head,
every other byte stays, a second run changes nothing, extruct reads back exactly the JSON-LD
written, `wirefeed check` passes the block, and Chromium shows the same text as before."""

from __future__ import annotations

import base64
import shutil
import subprocess
import tempfile
from pathlib import Path

import extruct
import lxml.html
import pytest

from tests.conftest import SITE_TOML, wirefeed
from tests.test_browser import CHROMIUM_FLAGS, chromium
from wirefeed.check import check_bytes
from wirefeed.config import load_site
from wirefeed.writers.embed import BEGIN, END, embed_page
from wirefeed.model import Site
from wirefeed.normalize import normalize
from wirefeed.readers.html import read_html
from wirefeed.writers.jsonld import article_jsonld

READABILITY = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "readability"
# English, French, Chinese in UTF-8 and in GB2312: pages with and without JSON-LD of their own.
PAGES = ("nytimes-1", "bbc-1", "lemonde-1", "gmw", "qq")

pytestmark = pytest.mark.skipif(not READABILITY.is_dir(), reason="../shared/corpus/readability is not beside the repository")


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "wirefeed.toml").write_text(SITE_TOML, encoding="utf-8")
    for name in (*PAGES, "aktualne"):
        shutil.copy(READABILITY / name / "source.html", folder / f"{name}.html")
    return folder


def without_block(data: bytes) -> bytes:
    start, end = data.index(BEGIN) - 1, data.index(END) + len(END)
    assert data[start:start + 1] == b"\n"
    return data[:start] + data[end:]


def block_of(data: bytes) -> bytes:
    return data[data.index(BEGIN): data.index(END) + len(END)]


def expected_jsonld(path: Path, site: Site) -> object:
    return article_jsonld(normalize(read_html(path, path.read_bytes()), site), site)


def test_each_page_keeps_every_byte_but_gains_one_block_before_its_head_end(pages: Path, tmp_path: Path) -> None:
    run = wirefeed("embed", *(f"{name}.html" for name in PAGES), "-o", str(tmp_path / "out"), cwd=pages)
    assert run.returncode == 0, run.stderr
    assert run.stderr == "embedded 5 pages (5 changed)\n"
    for name in PAGES:
        before, after = (pages / f"{name}.html").read_bytes(), (tmp_path / "out" / f"{name}.html").read_bytes()
        assert without_block(after) == before, name
        # In the head, after the charset declaration (still in the first 1,024 bytes).
        assert after.lower().index(b"<head") < after.index(BEGIN) < after.lower().index(b"</head>"), name
        assert after.lower().find(b"charset", 0, 1024) == before.lower().find(b"charset", 0, 1024), name
        assert block_of(after).isascii(), name  # the same bytes in the page's own charset (qq is GB2312)


def test_extruct_reads_back_exactly_the_json_ld_written(pages: Path, tmp_path: Path) -> None:
    site = load_site(pages / "wirefeed.toml")
    for name in PAGES:
        embedded = embed_page(pages / f"{name}.html", site)
        found = extruct.extract(embedded.data, syntaxes=["json-ld"], uniform=False)["json-ld"]
        assert expected_jsonld(pages / f"{name}.html", site) in found, name
    qq = embed_page(pages / "qq.html", site)
    document = extruct.extract(qq.data, syntaxes=["json-ld"], uniform=False)["json-ld"][-1]
    assert document["@graph"][0]["headline"] == normalize(read_html(pages / "qq.html", (pages / "qq.html").read_bytes()), site).headline


def test_a_page_whose_own_json_ld_extruct_cannot_parse_gets_readable_json_ld_by_replacing_it(pages: Path) -> None:
    site = load_site(pages / "wirefeed.toml")
    page = pages / "aktualne.html"
    with pytest.raises(ValueError):
        extruct.extract(page.read_bytes(), syntaxes=["json-ld"], uniform=False)
    replaced = embed_page(page, site, replace_jsonld=True)
    assert extruct.extract(replaced.data, syntaxes=["json-ld"], uniform=False)["json-ld"] == [expected_jsonld(page, site)]


def test_a_second_run_changes_nothing(pages: Path, tmp_path: Path) -> None:
    first = wirefeed("embed", *(f"{name}.html" for name in PAGES), "--in-place", cwd=pages)
    assert first.returncode == 0, first.stderr
    once = {name: (pages / f"{name}.html").read_bytes() for name in PAGES}
    second = wirefeed("embed", *(f"{name}.html" for name in PAGES), "--in-place", cwd=pages)
    assert second.stderr == "embedded 5 pages (0 changed)\n"
    assert {name: (pages / f"{name}.html").read_bytes() for name in PAGES} == once


def test_replacing_the_page_json_ld_keeps_it_inert_in_the_block_and_is_idempotent(pages: Path) -> None:
    site = load_site(pages / "wirefeed.toml")
    page = pages / "bbc-1.html"
    original = page.read_bytes()
    assert len(extruct.extract(original, syntaxes=["json-ld"], uniform=False)["json-ld"]) == 1
    replaced = embed_page(page, site, replace_jsonld=True)
    assert extruct.extract(replaced.data, syntaxes=["json-ld"], uniform=False)["json-ld"] == [expected_jsonld(page, site)]
    stash = block_of(replaced.data).split(b'name="wirefeed:replaced-jsonld" content="')[1].split(b'"')[0]
    assert base64.b64decode(stash) in original
    page.write_bytes(replaced.data)
    assert embed_page(page, site, replace_jsonld=True).data == replaced.data


def test_the_page_own_tags_are_not_repeated(pages: Path) -> None:
    site = load_site(pages / "wirefeed.toml")
    block = block_of(embed_page(pages / "nytimes-1.html", site).data).decode("ascii")
    # nytimes-1 has its own canonical, description, og:title/url/image and twitter:card.
    assert 'rel="canonical"' not in block and 'property="og:title"' not in block and 'name="twitter:card"' not in block
    # It lacks og:site_name, and names its publisher nowhere: the story's own site is its domain.
    assert '<meta property="og:site_name" content="nytimes.com">' in block


def test_wirefeed_check_passes_the_block(pages: Path) -> None:
    site = load_site(pages / "wirefeed.toml")
    for name in PAGES:
        block = block_of(embed_page(pages / f"{name}.html", site).data)
        document = b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title>" + block + b"</head><body><p>t</p></body></html>"
        errors = [finding for finding in check_bytes(document, Path(f"{name}.html")) if finding.severity == "error"]
        assert errors == [], name


def rendered_text(browser: str, page: Path) -> tuple[str, str]:
    """The title and body text Chromium shows for `page` once its scripts ran, in a fresh profile
    with no network (these pages load the same text every time: the test would show otherwise)."""
    with tempfile.TemporaryDirectory(prefix="wirefeed-chromium-") as profile:
        run = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                             capture_output=True, timeout=120, check=False)
    assert run.returncode == 0 and run.stdout.strip(), run.stderr.decode("utf-8", "replace")[-2000:]
    # --dump-dom prints UTF-8 whatever the page's charset: decoded here, not by the page's <meta>.
    dom = lxml.html.document_fromstring(run.stdout.decode("utf-8"))
    return dom.xpath("string(//title)"), dom.xpath("string(//body)")


def test_chromium_shows_the_same_text_as_before(pages: Path, tmp_path: Path) -> None:
    browser = chromium()
    site = load_site(pages / "wirefeed.toml")
    for name in ("nytimes-1", "lemonde-1", "qq"):
        embedded = tmp_path / f"{name}.html"
        embedded.write_bytes(embed_page(pages / f"{name}.html", site).data)
        title, text = rendered_text(browser, embedded)
        assert (title, text) == rendered_text(browser, pages / f"{name}.html"), name
        assert len(text.split()) > 300, name  # the article itself is there


def test_a_page_that_cannot_be_read_is_one_line_and_untouched(pages: Path) -> None:
    undated = pages / "undated.html"
    undated.write_bytes(b"<html><head><title>A ferry</title></head><body><h1>A ferry</h1><p>The ferry left at noon, officials said on the quay.</p></body></html>")
    before = {path.name: path.read_bytes() for path in pages.iterdir()}
    run = wirefeed("embed", "undated.html", "bbc-1.html", "--in-place", cwd=pages)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "undated.html: no publication date found; expected a date in the page's metadata, which JSON-LD needs as datePublished",
        "embedded 1 page (1 changed); rejected 1",
    ]
    assert undated.read_bytes() == before["undated.html"]
    assert (pages / "bbc-1.html").read_bytes() != before["bbc-1.html"]


def test_a_page_without_a_canonical_url_gets_its_place_under_the_root(pages: Path) -> None:
    story = pages / "news" / "ferry.html"
    story.parent.mkdir()
    story.write_bytes(b'<html><head><title>A ferry</title><meta property="article:published_time" content="2021-03-11T09:00:00+08:00">'
                      b"</head><body><h1>A ferry</h1><p>The ferry left at noon, officials said on the quay.</p></body></html>")
    run = wirefeed("embed", "news/ferry.html", "--in-place", "--root", ".", cwd=pages)
    assert run.returncode == 0, run.stderr
    assert '<link rel="canonical" href="https://news.example.com/news/ferry.html">' in story.read_text(encoding="utf-8")


def test_usage_needs_one_destination(pages: Path) -> None:
    for arguments in ([], ["--in-place", "-o", "out"]):
        run = wirefeed("embed", "bbc-1.html", *arguments, cwd=pages)
        assert (run.returncode, run.stderr) == (2, "usage error: give either -o DIR or --in-place\n")
