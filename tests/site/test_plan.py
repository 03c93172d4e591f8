"""The site plan: feed bodies rendered once and kept for two pages, each feed document's formats together."""

from __future__ import annotations

import posixpath
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fast_paths_support import NOW, _articles, corpus  # noqa: F401 (corpus: a fixture)
from wirefeed import Article, normalize, read
from wirefeed.cache.keys import article_digest
from wirefeed.cache.pickling import dumps
from wirefeed.cache.ref import ArticleRef, listed_values
from wirefeed.config import CONFIG_NAME, load_site
from wirefeed.model import Site
from wirefeed.layout import page_stem
from wirefeed.site.archive import ArchiveLedger
from wirefeed.engine.runner import InBuildProcess
from wirefeed.site.plan import PLANNERS, Publication, SitePlan, plan_jobs
from wirefeed.writers.html import render_content


def test_feed_bodies_are_kept_for_two_pages_at_most_and_are_the_rendered_ones(corpus: Path) -> None:
    site = replace(load_site(corpus / CONFIG_NAME), feed_size=3)
    articles = sorted((normalize(read(path), site) for path in _articles(corpus)[:12]), key=lambda article: article.published, reverse=True)
    publication = Publication(articles=tuple(articles), release_order=tuple(article.id for article in reversed(articles)),
                              now=NOW, quiet_since=NOW)
    plan = SitePlan(publication, site, ArchiveLedger())
    for article in [*articles, *articles[:2]]:
        assert plan.content(article) == render_content(plan.environment, article)
        assert len(plan._contents) <= 6
    # The most recently used stay: the last two asked for, and the four before them.
    assert list(plan._contents) == [article.id for article in articles[8:12]] + [articles[0].id, articles[1].id]


def test_each_feed_document_is_planned_in_its_three_formats_then_its_html_page(corpus: Path) -> None:
    site = replace(load_site(corpus / CONFIG_NAME), feed_size=3)
    articles = sorted((normalize(read(path), site) for path in _articles(corpus)[:12]), key=lambda article: article.published, reverse=True)
    publication = Publication(articles=tuple(articles), release_order=tuple(article.id for article in reversed(articles)),
                              now=NOW, quiet_since=NOW)
    listing = [job.path for job in PLANNERS["feeds and index pages"](SitePlan(publication, site, ArchiveLedger()))]
    # Rendered one after the other, the four show the same articles, unpickled once for them.
    assert listing[:8] == ["feed.xml", "feed.atom", "feed.json", "index.html",
                           "archive/1.xml", "archive/1.atom", "archive/1.json", "archive/1.html"]
    groups = [listing[start : start + 4] for start in range(0, len(listing), 4)]
    assert len(groups) > 2 and all(len(group) == 4 for group in groups)
    for rss, atom, json_feed, page in groups:
        stem = rss.removesuffix(".xml")
        assert (atom, json_feed) == (stem + ".atom", stem + ".json") and page.endswith(".html")


def test_an_article_is_resolved_by_the_publication_only_when_rendered_and_once_for_its_page_and_json_ld(corpus: Path) -> None:
    site = load_site(corpus / CONFIG_NAME)
    articles = sorted((normalize(read(path), site) for path in _articles(corpus)[:4]), key=lambda article: article.published, reverse=True)
    resolved: list[str] = []
    # Handles whose pickles say what they were resolved from (and log when they are read).
    refs = tuple(_logged_ref(article, resolved, headline="Resolved: " + article.headline) for article in articles)
    publication = Publication(articles=refs, release_order=tuple(article.id for article in reversed(articles)),
                              now=NOW, quiet_since=NOW, digests=_digests(articles))
    jobs = list(PLANNERS["article pages"](SitePlan(publication, site, ArchiveLedger())))
    assert resolved == []  # planning reads what every article has at hand
    first_page = [job for job in jobs if job.path.endswith(".html")][0]
    jsonld = [job for job in jobs if job.path.endswith(".jsonld") or job.path.endswith(".json")][0]
    assert b"Resolved: " + articles[0].headline.encode("utf-8") in first_page.render()
    assert b"Resolved: " in jsonld.render()
    assert resolved == [articles[0].id]  # the page and its JSON-LD: resolved once, rendered from what resolve gave


def test_the_news_sitemap_resolves_only_the_articles_of_its_two_days(corpus: Path) -> None:
    site = load_site(corpus / CONFIG_NAME)
    articles = sorted((normalize(read(path), site) for path in _articles(corpus)), key=lambda article: article.published, reverse=True)
    now = articles[3].published + timedelta(hours=1)  # the newest three are after it: not in the sitemap yet
    resolved: list[str] = []
    refs = tuple(_logged_ref(article, resolved) for article in articles)
    publication = Publication(articles=refs, release_order=tuple(article.id for article in reversed(articles)),
                              now=now, quiet_since=now, digests=_digests(articles))
    jobs = {job.path: job for job in PLANNERS["sitemaps"](SitePlan(publication, site, ArchiveLedger()))}
    recent = [article.id for article in articles if now - timedelta(days=2) < article.published <= now]
    assert 0 < len(recent) < len(articles) - 3
    assert resolved == recent
    assert jobs["news-sitemap.xml"].render().count(b"<news:title>") == len(recent)


class _LoggedPickle:
    """An article's pickle kept elsewhere, logging the article's id each time it is read."""

    def __init__(self, article: Article, log: list[str]) -> None:
        self.data = dumps(article)
        self.article_id = article.id
        self.log = log

    def read(self) -> bytes:
        self.log.append(self.article_id)
        return self.data


def _logged_ref(article: Article, log: list[str], headline: str | None = None) -> ArticleRef:
    """A handle on `article` (with another headline in its pickle, when given), logging each resolve."""
    pickled = article if headline is None else replace(article, headline=headline)
    return ArticleRef.of(_LoggedPickle(pickled, log), listed_values(article))


def _digests(articles: list[Article]) -> dict[str, str]:
    """The articles' digests, as a build keeps them from the input cache: planning needs no resolve for them."""
    return {article.id: article_digest(article) for article in articles}


def test_a_plan_kept_for_edits_has_the_sitemaps_entries_and_the_channels_indexes_worked_out(corpus: Path) -> None:
    """rendered_once(): what the first edit of a kept build would otherwise work out while the
    command waits (a full build keeps no sitemap entries: it has no use for them)."""
    from wirefeed.site.plan import rendered_once

    site = replace(load_site(corpus / CONFIG_NAME), feed_size=3)
    articles = sorted((normalize(read(path), site) for path in _articles(corpus)[:12]), key=lambda article: article.published, reverse=True)
    publication = Publication(articles=tuple(articles), release_order=tuple(article.id for article in reversed(articles)),
                              now=NOW, quiet_since=NOW)
    plan = SitePlan(publication, site, ArchiveLedger())
    for job in plan_jobs(plan):
        job.render()
    assert plan.sitemap_entries is None and plan._channel_positions == {}
    rendered_once(plan)
    listings = sum(len(plan.listing_urls(channel)) for channel in plan.channels if channel.articles)
    assert plan.sitemap_entries is not None and len(plan.sitemap_entries) == 12 + listings
    assert {url.loc for url, _ in plan.sitemap_entries.values()} >= {article.url for article in articles}
    assert set(plan._channel_positions) == set(plan._pages_holding) == {channel.directory for channel in plan.channels}
    assert plan._channel_positions[""] == {article.id: index for index, article in enumerate(articles)}


@given(st.lists(st.sampled_from(["a", "é", ".", "/", "html", ".html", "index", "-", "x.y"]), max_size=8).map("".join))
def test_a_page_stem_is_what_splitext_gives(page: str) -> None:
    assert page_stem(page) == posixpath.splitext(page)[0]
    assert page_stem(page + ".html") == posixpath.splitext(page + ".html")[0]


def test_a_plan_revised_twice_before_its_sitemap_is_planned_dates_each_sitemap_file_as_a_new_plan(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A revision keeps each touched sitemap file's newest date with the places that changed in
    it (site/newest.py); one revised again before its files were planned adds both edits' places."""
    monkeypatch.setattr("wirefeed.site.plan.SITEMAP_LIMIT", 5)
    site, articles, publication = _newest_first(corpus, 20, feed_size=3)
    plan = SitePlan(publication, site, ArchiveLedger())
    assert len(list(PLANNERS["sitemaps"](plan))) > 5  # each file's key and newest date worked out

    def edited(before: Publication, place: int, hours: int) -> tuple[Publication, dict[str, Article]]:
        article = articles[place] = replace(articles[place], modified=NOW + timedelta(hours=hours))
        return replace(before, articles=tuple(articles)), {article.id: article}

    first, changed = edited(publication, 12, 1)
    once = plan.revised(first, changed)
    second, changed = edited(first, 2, 2)
    twice = once.revised(second, changed)

    def sitemaps(of: SitePlan) -> dict[str, tuple[str, bytes]]:
        return {job.path: (job.key, job.render()) for job in PLANNERS["sitemaps"](of)}

    made = sitemaps(twice)
    assert made == sitemaps(SitePlan(second, site, ArchiveLedger()))
    # Each edit's date is the newest of the file that holds its article (and of those listing its channels' front pages).
    index = made["sitemap.xml"][1]
    assert b"<lastmod>2026-11-24T13:00:00+00:00</lastmod>" in index and b"<lastmod>2026-11-24T14:00:00+00:00</lastmod>" in index


def test_the_sitemap_files_are_rendered_in_the_builds_own_process_and_the_rest_where_the_engine_likes(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sitemap file reads every article: InBuildProcess, so that no forked worker copies the
    build's memory to render it (engine/runner.py). Nothing else is."""
    monkeypatch.setattr("wirefeed.site.plan.SITEMAP_LIMIT", 5)
    site, _, publication = _newest_first(corpus, 12, feed_size=3)
    plan = SitePlan(publication, site, ArchiveLedger())
    here = sorted(job.path for job in plan_jobs(plan) if isinstance(job.render, InBuildProcess))
    assert here == [f"sitemaps/{number}.xml" for number in range(1, len(here) + 1)] and len(here) > 2
    single = SitePlan(publication, site, ArchiveLedger())
    monkeypatch.setattr("wirefeed.site.plan.SITEMAP_LIMIT", 50_000)
    assert [job.path for job in plan_jobs(single) if isinstance(job.render, InBuildProcess)] == ["sitemap.xml"]


def test_an_articles_page_json_ld_and_ninjs_share_one_key_which_its_edit_changes(corpus: Path) -> None:
    """One key string for the three outputs of one article (26 MB of a plan of 100,000): their
    paths tell them apart in the manifest, and all three are made of the article alone."""
    site, articles, _ = _newest_first(corpus, 3)

    def keys(of: list[Article]) -> dict[str, str]:
        return {job.path: job.key for job in PLANNERS["article pages"](SitePlan(_publication(of), site, ArchiveLedger()))}

    def stem(path: str) -> str:  # the page's, the JSON-LD's beside it (.jsonld) and the ninjs's (.ninjs.json)
        return path.removesuffix(".ninjs.json").removesuffix(".jsonld").removesuffix(".html")

    before = keys(articles)
    stems = {stem(path) for path in before}
    assert len(before) == 9 and len(stems) == 3
    by_stem = {one: {key for path, key in before.items() if stem(path) == one} for one in stems}
    assert all(len(shared) == 1 for shared in by_stem.values()) and len(set(before.values())) == 3
    edited = keys([replace(articles[0], headline=articles[0].headline + " (updated)"), *articles[1:]])
    changed = {path for path in before if edited.get(path) != before[path]}
    assert len(changed) == 3 and len({stem(path) for path in changed}) == 1


def _newest_first(corpus: Path, count: int, **site_changes: Any) -> tuple[Site, list[Article], Publication]:
    """The site (with `site_changes`), the corpus's first `count` articles newest first, and their publication."""
    site = replace(load_site(corpus / CONFIG_NAME), **site_changes)
    articles = sorted((normalize(read(path), site) for path in _articles(corpus)[:count]), key=lambda article: article.published, reverse=True)
    return site, articles, _publication(articles)


def _publication(articles: list[Article]) -> Publication:
    return Publication(articles=tuple(articles), release_order=tuple(article.id for article in reversed(articles)),
                       now=NOW, quiet_since=NOW)
