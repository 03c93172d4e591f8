"""The README's library example runs as written, on a copy of input/, and its feeds are the build's."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import wirefeed
from tests.conftest import ROOT


def _library_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Library\n", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_the_readme_library_example_runs_and_renders_what_a_build_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "input", tmp_path / "input", ignore=shutil.ignore_patterns(".wirefeed"))
    monkeypatch.chdir(tmp_path)
    names: dict[str, object] = {}
    exec(compile(_library_example(), "README.md", "exec"), names)
    # The build without caches rendered every output again (the same bytes).
    assert capsys.readouterr().out == (
        "1 () ()\n('articles/china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry.html',)\n")
    article = names["article"]
    assert isinstance(article, wirefeed.Article)
    output = tmp_path / "output"
    # One article, first seen as the build saw it: the site's feeds are the functions' bytes.
    built = names["result"].articles[0]  # type: ignore[attr-defined]
    site = names["site"]
    assert isinstance(site, wirefeed.Site)
    assert wirefeed.render_rss([built], site) == (output / "feed.xml").read_bytes()
    assert wirefeed.render_atom([built], site) == (output / "feed.atom").read_bytes()
    assert wirefeed.render_json_feed([built], site) == (output / "feed.json").read_bytes()
    page = output / os.path.relpath(built.url, site.base_url)
    assert wirefeed.render_page(built, site).encode("utf-8") == page.read_bytes()
    rss, atom, html = names["rss"], names["atom"], names["page"]
    assert isinstance(rss, bytes) and isinstance(atom, bytes) and isinstance(html, str)  # as the README's comments say
    assert b"<rss" in rss and b"<feed" in atom and html.startswith("<!DOCTYPE html>")
