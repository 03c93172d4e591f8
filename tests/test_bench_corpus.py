"""The benchmark's corpus generator (benchmarks/corpus.py): deterministic, accepted by wirefeed, the same stories for Pelican."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest

import wirefeed
from tests.conftest import load_corpus_generator
from wirefeed.readers import READERS

COUNT = 50


corpus = load_corpus_generator("wirefeed_bench_corpus")


def _tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _write(root: Path, *, seed: int, corpus_format: str = "wire", count: int = COUNT) -> dict[str, bytes]:
    corpus.write_corpus(count, root, seed=seed, corpus_format=corpus_format, html_share=corpus.default_html_share())
    return _tree(root)


def _markdown_metadata(text: str) -> dict[str, str]:
    """The `Key: value` lines above the first blank line, as Pelican's Markdown reader takes them."""
    header = text.split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in header.splitlines())


@pytest.mark.parametrize("corpus_format", ["wire", "pelican", "hugo"])
def test_same_seed_gives_the_same_bytes(tmp_path: Path, corpus_format: str) -> None:
    first = _write(tmp_path / "a", seed=1, corpus_format=corpus_format)
    second = _write(tmp_path / "b", seed=1, corpus_format=corpus_format)
    assert first == second


def test_another_seed_gives_other_stories(tmp_path: Path) -> None:
    first = _write(tmp_path / "a", seed=1)
    second = _write(tmp_path / "b", seed=2)
    assert set(first) != set(second)
    assert first["wirefeed.toml"] == second["wirefeed.toml"]


def test_a_smaller_corpus_is_the_start_of_a_larger_one() -> None:
    # What makes numbers at 1,000 and 10,000 articles comparable: the same first 1,000 stories.
    assert list(corpus.stories(20, seed=1)) == list(corpus.stories(COUNT, seed=1))[:20]


def test_every_article_is_accepted_by_wirefeed(tmp_path: Path) -> None:
    _write(tmp_path, seed=1)
    site = wirefeed.load_site(tmp_path / "wirefeed.toml")
    inputs = sorted(path for path in tmp_path.rglob("*") if path.suffix in READERS)
    articles = [wirefeed.normalize(wirefeed.read(path), site) for path in inputs]  # an InputError fails the test
    assert len(articles) == COUNT
    assert len({article.id for article in articles}) == COUNT


def test_wirefeed_reads_what_the_generator_meant(tmp_path: Path) -> None:
    _write(tmp_path, seed=1)
    site = wirefeed.load_site(tmp_path / "wirefeed.toml")
    for story in corpus.stories(COUNT, seed=1, html_share=corpus.default_html_share()):
        article = wirefeed.normalize(wirefeed.read(corpus.input_path(tmp_path, story)), site)
        assert article.headline == story.headline
        assert article.published.replace(tzinfo=None) == story.published
        assert tuple(author.name for author in article.authors) == story.authors
        assert len(article.images) == len(story.pictures)
        assert article.keywords == story.keywords


def test_pelican_articles_have_the_same_titles_and_dates(tmp_path: Path) -> None:
    _write(tmp_path / "wire", seed=1)
    _write(tmp_path / "pelican", seed=1, corpus_format="pelican")
    site = wirefeed.load_site(tmp_path / "wire" / "wirefeed.toml")
    wire = {}
    for path in sorted((tmp_path / "wire").rglob("*")):
        if path.suffix in READERS:
            article = wirefeed.normalize(wirefeed.read(path), site)
            wire[path.stem] = (article.headline, f"{article.published.astimezone(site.timezone):%Y-%m-%d %H:%M}")
    pelican = {}
    for path in sorted((tmp_path / "pelican" / "content").rglob("*.md")):
        metadata = _markdown_metadata(path.read_text(encoding="utf-8"))
        pelican[metadata["Slug"]] = (metadata["Title"], metadata["Date"])
    assert pelican == wire
    assert (tmp_path / "pelican" / "pelicanconf.py").read_bytes() == corpus.PELICAN_SETTINGS.read_bytes()


def test_the_corpus_has_the_variety_of_real_wire_copy() -> None:
    stories = list(corpus.stories(400, seed=1))
    words = [sum(len(paragraph.split()) for paragraph in story.paragraphs) for story in stories]
    assert min(words) >= corpus.MIN_WORDS and max(words) <= corpus.MAX_WORDS + 150  # the last paragraph may run over
    assert 450 <= statistics.mean(words) <= 800
    credits = {picture.credit_line for story in stories for picture in story.pictures}
    assert {"Photo: IC", "(Photo: VCG)", "Photo/Agencies"} <= credits
    bylines = [story.byline or "" for story in stories]
    assert any(re.fullmatch(r"By [\w' ]+ and [\w' ]+", byline) for byline in bylines)
    assert any(byline.endswith(" | Global Times") for byline in bylines)
    assert any(re.fullmatch(r"[A-Z' ]+, [A-Z][a-z]+ \d{1,2} \(Xinhua\) --", story.dateline or "") for story in stories)
    assert {story.date_style for story in stories} == set(range(len(corpus.DATE_STYLES)))
    assert 0.1 < sum(story.has_sidecar for story in stories) / len(stories) < 0.5
    assert 0.3 < sum(bool(story.pictures) for story in stories) / len(stories) < 0.9
    assert len({story.published.strftime("%Y-%m") for story in stories}) >= 12
    assert not any(re.search(r"lorem|ipsum", paragraph, re.IGNORECASE) for story in stories for paragraph in story.paragraphs)


def test_html_pages_only_once_wirefeed_reads_them() -> None:
    if ".html" in READERS:
        assert corpus.default_html_share() > 0
    else:
        assert corpus.default_html_share() == 0
        with pytest.raises(SystemExit) as refused:  # asked for HTML pages wirefeed would not read
            corpus.main(["5", "/nonexistent-never-written", "--html-share", "0.5"])
        assert refused.value.code == 2
