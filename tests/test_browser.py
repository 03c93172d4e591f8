"""Generated pages in a real browser: headless Chromium loads each page, runs whatever would run,
and the DOM it ends with shows that no injected script ran, that the one JSON-LD script parses
to the object written beside the page, and that the headline a reader sees is the one intended.

Injected payloads here do not call alert() (which a headless browser dismisses unseen): each
sets an attribute on <html>, so a payload that runs leaves its mark in the dumped DOM. A
control page with a real script proves the mark would be seen.

Chromium is Debian's `chromium` (the Makefile's test set-up installs it when missing), started
with a fresh profile and no network. WIREFEED_NO_BROWSER=1 skips these tests on a machine that
cannot have it; otherwise a missing browser is a failure, not a silent skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import lxml.html
import pytest

from tests.hostile.support import GOOD_HEADLINE, GOOD_NAME, GOOD_STORY, build_folder, write_files
from wirefeed.pipeline import BuildResult
from wirefeed.layout import article_jsonld_path, article_page_path
from wirefeed.model import Site

MARK = "data-injected"
# Each payload marks the page with how it got to run.
SCRIPT_TAG = f'</script><script>document.documentElement.setAttribute("{MARK}","script")</script>'
EVENT = f"<img src=x onerror=\"document.documentElement.setAttribute('{MARK}','onerror')\">"
SVG = f"<svg onload=\"document.documentElement.setAttribute('{MARK}','svg')\">"
COMMENT = "<!-- <script>document.documentElement.setAttribute('x','comment')</script>"
STYLE = f"<style>html{{background:url(javascript:document.documentElement.setAttribute('{MARK}','style'))}}</style>"
LINE_BREAKS = "a\u2028line and a\u2029paragraph separator"

HEADLINE = f"Chips {SCRIPT_TAG} and {EVENT} talks"
STORY = f"""\
SOURCE / ECONOMY
{HEADLINE}
Published: Mar 12, 2021 09:30 AM
By Wang Qi and {SVG}

{EVENT} A caption for a hostile picture. Photo: VCG

BEIJING, March 12 (Xinhua) -- A paragraph with {SCRIPT_TAG} {COMMENT} ]]> {STYLE} in it.

A second paragraph with <a href="javascript:document.documentElement.setAttribute('{MARK}','link')">a link</a>.
"""
SIDECAR = f"""\
description = "A description with {LINE_BREAKS} and </script><script>document.documentElement.setAttribute('{MARK}','meta')</script>"
keywords = ["</script><script>document.documentElement.setAttribute('{MARK}','keyword')</script>"]

[[images]]
url = "https://news.example.com/pic.jpg?\\"onerror=\\"document.documentElement.setAttribute('{MARK}','src')"
width = 1600
height = 900
"""
# The same kind of payloads in an HTML input: JSON-LD, OpenGraph, description, body markup.
HOSTILE_PAGE = Path(__file__).parent / "hostile" / "fixtures" / "hostile-page.html"
PAGE_HEADLINE = 'Chips </script><script>document.documentElement.setAttribute("data-injected","jsonld")</script> talks <!-- ]]>'
ARABIC = Path(__file__).parent / "hostile" / "fixtures" / "scripts" / "ar.txt"
ARABIC_HEADLINE = "نقص الرقائق الإلكترونية يضرب صناعة السيارات في المنطقة"

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
    # No network: every host name fails to resolve, and nothing may use a proxy to reach one.
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    # Time enough for image errors and onload handlers to fire, without real waiting.
    "--virtual-time-budget=3000",
)


def chromium() -> str:
    found = os.environ.get("WIREFEED_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("WIREFEED_NO_BROWSER") == "1":
        pytest.skip("WIREFEED_NO_BROWSER=1: the browser tests are skipped")
    pytest.fail("no chromium: run `make test` (it installs Debian's chromium as root) or `apt-get install chromium`; WIREFEED_NO_BROWSER=1 skips")


def dumped_dom(browser: str, page: Path) -> lxml.html.HtmlElement:
    """The DOM of `page` after Chromium has loaded it and run its scripts, in a fresh profile."""
    with tempfile.TemporaryDirectory(prefix="wirefeed-chromium-") as profile:
        run = subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
            capture_output=True, timeout=120, check=False,
        )
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")[-2000:]
    assert run.stdout.strip(), f"chromium printed no DOM for {page}"
    return lxml.html.document_fromstring(run.stdout)


def dumped_doms(browser: str, pages: list[Path]) -> dict[Path, lxml.html.HtmlElement]:
    # One browser per page, a few at a time: each start costs about a second.
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(pages, pool.map(lambda page: dumped_dom(browser, page), pages)))


@pytest.fixture(scope="module")
def browser() -> str:
    return chromium()


@pytest.fixture
def hostile_site(site_dir: Path, tmp_path: Path) -> tuple[BuildResult, Path]:
    write_files(site_dir, {
        GOOD_NAME: GOOD_STORY, "hostile.txt": STORY, "hostile.toml": SIDECAR,
        "hostile-page.html": HOSTILE_PAGE.read_bytes(), "arabic.txt": ARABIC.read_text(encoding="utf-8"),
    })
    result = build_folder(site_dir, tmp_path / "output")
    assert result.rejected == ()
    return result, tmp_path / "output"


def test_the_control_page_shows_that_a_running_script_would_be_seen(browser: str, tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text(f"<!DOCTYPE html><html><body><h1>Control</h1>{SCRIPT_TAG.removeprefix('</script>')}{EVENT}</body></html>", encoding="utf-8")
    dom = dumped_dom(browser, control)
    assert dom.get(MARK) in ("script", "onerror")


def test_no_injected_script_runs_on_any_page(browser: str, hostile_site: tuple[BuildResult, Path]) -> None:
    _, output = hostile_site
    pages = sorted(output.rglob("*.html"))
    assert len(pages) >= 8
    for page, dom in dumped_doms(browser, pages).items():
        assert dom.get(MARK) is None, f"{page}: an injected payload ran ({dom.get(MARK)})"
        assert [script.get("type") for script in dom.iter("script")] in ([], ["application/ld+json"]), page
        assert not [name for element in dom.iter() if isinstance(element.tag, str) for name in element.attrib if name.startswith("on")], page


def test_each_article_page_has_one_json_ld_equal_to_its_file_and_the_intended_headline(
    browser: str, hostile_site: tuple[BuildResult, Path], test_site: Site,
) -> None:
    result, output = hostile_site
    intended = {"hostile": HEADLINE, "hostile-page": PAGE_HEADLINE, "good-story": GOOD_HEADLINE, "arabic": ARABIC_HEADLINE}
    pages = {article.id: output / article_page_path(article, test_site) for article in result.articles}
    doms = dumped_doms(browser, list(pages.values()))
    for article in result.articles:
        dom = doms[pages[article.id]]
        scripts = dom.xpath("//script[@type='application/ld+json']")
        assert len(scripts) == 1, article.id
        written = json.loads((output / article_jsonld_path(article, test_site)).read_text(encoding="utf-8"))
        assert json.loads(scripts[0].text) == written
        assert [h1.text_content() for h1 in dom.iter("h1")] == [intended[article.id]]
        assert written["@graph"][0]["headline"] == intended[article.id]
    assert doms[pages["arabic"]].get("dir") == "rtl" and doms[pages["arabic"]].get("lang") == "ar"
    assert doms[pages["hostile"]].get("dir") is None


def test_the_index_shows_every_headline_as_text(browser: str, hostile_site: tuple[BuildResult, Path]) -> None:
    _, output = hostile_site
    dom = dumped_dom(browser, output / "index.html")
    assert dom.get(MARK) is None
    assert sorted(link.text_content() for link in dom.xpath("//ol[@class='articles']//h2/a")) == sorted([HEADLINE, PAGE_HEADLINE, GOOD_HEADLINE, ARABIC_HEADLINE])
    (arabic,) = dom.xpath("//ol[@class='articles']/li[@lang='ar']")
    assert arabic.get("dir") == "rtl"
