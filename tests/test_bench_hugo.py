"""The benchmark's Hugo site (benchmarks/corpus.py --format hugo, benchmarks/hugo/): the same stories,
and, built by Debian's hugo, the same feeds as wirefeed's with the full text in every item."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import feedparser
import pytest

from tests.conftest import load_corpus_generator, wirefeed

corpus = load_corpus_generator("wirefeed_bench_corpus_hugo")

COUNT = 40
HUGO = shutil.which("hugo")
needs_hugo = pytest.mark.skipif(HUGO is None, reason="hugo is not installed (make bench installs it from Debian when run as root)")


def _front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("+++\n")
    return tomllib.loads(text.split("+++\n", 2)[1])


def test_front_matter_holds_what_wirefeed_reads(tmp_path: Path) -> None:
    corpus.write_corpus(COUNT, tmp_path, seed=1, corpus_format="hugo")
    stories = list(corpus.stories(COUNT, seed=1))
    for story in stories:
        meta = _front_matter(corpus.hugo_path(tmp_path, story))
        assert meta["title"] == story.headline
        assert meta["date"].isoformat() == story.published.isoformat() + "+08:00"  # type: ignore[attr-defined]
        assert meta["slug"] == story.stem
        assert meta.get("sections", []) == list(story.sections)
        assert meta["credits"] == list(story.authors)
        assert meta.get("authors", []) == [name for name in story.authors if name != corpus.PUBLISHER]
    # The corpus has both: stories credited to the publisher alone, and bylined ones.
    assert any(story.authors == (corpus.PUBLISHER,) for story in stories)
    assert any(corpus.PUBLISHER not in story.authors for story in stories)
    assert (tmp_path / "hugo.toml").read_bytes() == (corpus.HUGO_SITE / "hugo.toml").read_bytes()
    assert (tmp_path / "layouts" / "_default" / "list.jsonfeed.json").is_file()


def test_hugo_body_is_the_pelican_body(tmp_path: Path) -> None:
    story = corpus.draw_story(1, 7, corpus.staff(1), 0.0)
    hugo_body = corpus.hugo_markdown(story).split("+++\n\n", 1)[1]
    pelican_body = corpus.pelican_markdown(story).split("\n\n", 1)[1]
    assert hugo_body == pelican_body


def _feed_items(root: Path) -> dict[str, list[str]]:
    """Each JSON Feed under `root` by its folder: the titles of its items, in order."""
    return {
        feed.parent.relative_to(root).as_posix(): [item["title"] for item in json.loads(feed.read_text(encoding="utf-8"))["items"]]
        for feed in root.rglob("feed.json")
    }


@needs_hugo
def test_hugo_builds_the_feeds_wirefeed_builds_with_full_text(tmp_path: Path) -> None:
    corpus.write_corpus(COUNT, tmp_path / "wire", seed=1, html_share=0.0)
    corpus.write_corpus(COUNT, tmp_path / "hugo", seed=1, corpus_format="hugo")
    built = wirefeed("build", "wire", "-o", "wire-out", "--store", "store.sqlite", "--now", corpus.BUILD_TIME, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert HUGO is not None
    hugo = subprocess.run([HUGO, "--source", "hugo", "--destination", str(tmp_path / "hugo-out"), "--quiet"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert hugo.returncode == 0, hugo.stderr
    out = tmp_path / "hugo-out"
    wire_feeds = _feed_items(tmp_path / "wire-out")
    assert _feed_items(out) == wire_feeds  # the home page, every section and every bylined author
    assert len(wire_feeds) > 20
    assert len(list((out / "articles").glob("*.html"))) == COUNT
    stories = {story.headline: story for story in corpus.stories(COUNT, seed=1)}
    for folder in wire_feeds:
        for suffix in ("xml", "atom"):
            parsed = feedparser.parse(str(out / folder / f"feed.{suffix}"))
            assert not parsed.bozo, (folder, suffix, parsed.get("bozo_exception"))
            assert [entry.title for entry in parsed.entries] == wire_feeds[folder]
            for entry in parsed.entries:  # the full text: the story's last paragraph is there
                last = stories[entry.title].paragraphs[-1].split(". ")[-1].rstrip(".")
                assert last.replace("'", "’") in entry.content[0].value.replace("&rsquo;", "’")
