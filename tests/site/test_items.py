"""Feed items rendered once before the feed documents (site/items.py): the same bytes, fewer renders."""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from pathlib import Path

import pytest

from tests.fast_paths_support import NOW, _articles, _tree, corpus  # noqa: F401 (corpus: a fixture)
from wirefeed import Article, normalize, read
from wirefeed.config import CONFIG_NAME, load_site
from wirefeed.engine.runner import Manifest
from wirefeed.model import ListedArticle, Site
from wirefeed.output import OutputDir
from wirefeed.site import items as items_module
from wirefeed.site import plan as plan_module
from wirefeed.site.archive import ArchiveLedger
from wirefeed.site.feeds import FEED_FORMATS
from wirefeed.site.items import ItemFile, items_of
from wirefeed.site.plan import Publication, SitePlan
from wirefeed.site.write import write_site
from wirefeed.writers.html import render_content, template_environment


def _site_and_articles(corpus: Path, count: int) -> tuple[Site, list[Article]]:
    # Pages of three: every article is listed by several documents (the site's, its sections',
    # its authors', their archive pages).
    site = replace(load_site(corpus / CONFIG_NAME), feed_size=3)
    articles = sorted((normalize(read(path), site) for path in _articles(corpus)[:count]),
                      key=lambda article: article.published, reverse=True)
    return site, articles


def _publication(articles: list[Article]) -> Publication:
    return Publication(articles=tuple(articles), release_order=tuple(article.id for article in reversed(articles)),
                       now=NOW, quiet_since=NOW)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_item_file_reads_back_each_articles_items_as_rendered(corpus: Path, tmp_path: Path, workers: int) -> None:
    site, articles = _site_and_articles(corpus, 24)
    environment = template_environment(site)

    def render(article: object) -> tuple[bytes, ...]:
        assert isinstance(article, Article)
        return items_of(article, render_content(environment, article), site)

    # Chunks of 5: several chunks, written by two processes at places each reserved.
    original_chunk = items_module._CHUNK
    items_module._CHUNK = 5
    try:
        kept = ItemFile.render(articles, render, tmp_path, workers)
        assert list(tmp_path.iterdir()) == []  # the file has no name
    finally:
        items_module._CHUNK = original_chunk
    try:
        assert len(kept) == 24
        for article in articles:
            expected = render(article)
            assert kept.read(article.id) == expected
            assert len(expected) == len(FEED_FORMATS)
            assert expected[0].startswith(b"    <item>\n") and expected[1].startswith(b"  <entry>\n")
            assert expected[2].startswith(b"    {\n")
        assert kept.read("no such article") is None
    finally:
        kept.close()


def _build(corpus: Path, out: Path, keep_at_least: int, workers: int, site: Site | None = None) -> tuple[dict[str, bytes], int, int]:
    """The tree a build of 30 articles writes, how many times an article's items were rendered,
    and how many times an article was read back whole (Publication.resolve)."""
    default_site, articles = _site_and_articles(corpus, 30)
    renders = resolves = 0
    original_resolve = Publication.resolve

    def counted(article: Article, content: str, site: Site) -> tuple[bytes, ...]:
        nonlocal renders
        renders += 1
        return items_of(article, content, site)  # the function plan_module imported under this name

    def counted_resolve(publication: Publication, article: ListedArticle) -> Article:
        nonlocal resolves
        resolves += 1
        return original_resolve(publication, article)

    # Put back on leaving, as a try/finally would.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plan_module, "items_of", counted)
        patch.setattr(plan_module, "_KEEP_ITEMS_AT_LEAST", keep_at_least)
        patch.setattr(Publication, "resolve", counted_resolve)
        write_site(_publication(articles), site or default_site, OutputDir(out), manifest=Manifest(None, {}), workers=workers)
    return _tree(out), renders, resolves


def test_kept_items_give_the_same_site_and_render_each_repeated_article_once(corpus: Path, tmp_path: Path) -> None:
    site, articles = _site_and_articles(corpus, 30)
    plan = SitePlan(_publication(articles), site, ArchiveLedger())
    listings = [page.articles for channel in plan.channels for page in plan.feed_pages(channel)]
    listed = {article.id: sum(article in page for page in listings) for article in articles}
    repeated = sum(count >= 2 for count in listed.values())
    assert repeated == 30  # every article: the site's feed and a section's or an author's at least
    documents = sum(len(page) for page in listings)

    as_needed, renders_as_needed, resolves_as_needed = _build(corpus, tmp_path / "as-needed", keep_at_least=10**9, workers=1)
    kept, renders_kept, resolves_kept = _build(corpus, tmp_path / "kept", keep_at_least=1, workers=1)
    forked, _, _ = _build(corpus, tmp_path / "forked", keep_at_least=1, workers=2)
    assert kept == as_needed and forked == as_needed
    assert sum(path.endswith(".json") and "feed" in path or "/archive/" in path for path in kept) > 30
    # Rendered as needed, an article's items are rendered again for most documents that list it
    # (pages of three: a worker keeps six articles' items); kept, once each, before the documents.
    assert renders_kept == repeated
    assert renders_as_needed > 2 * repeated and renders_as_needed <= documents
    # Kept, an article is read back whole three times: for its digest (the plan's, as this
    # publication gives none; a build's comes from the input cache), for what is kept of it, and
    # for its page, JSON-LD and ninjs; not for its feed items or listing entries (the News
    # sitemap lists none of these).
    assert resolves_kept == 3 * 30
    assert resolves_as_needed > 4 * 30


def test_a_sites_own_listing_template_still_reads_the_articles(corpus: Path, tmp_path: Path) -> None:
    """A site's index.html written before the entries existed lists `articles` itself: they are
    resolved for it, and its own entry template (index_entry.html) is what the entries show."""
    config = tmp_path / "site"
    config.mkdir()
    (config / CONFIG_NAME).write_text((corpus / CONFIG_NAME).read_text(encoding="utf-8"), encoding="utf-8")
    (config / "templates").mkdir()
    (config / "templates" / "index.html").write_text(
        "<ol>{% for article in articles %}<li>{{ article.headline }} ({{ article.body | length }})</li>{% endfor %}</ol>\n"
        "{% for entry in entries %}{{ entry }}{% endfor %}\n", encoding="utf-8")
    (config / "templates" / "index_entry.html").write_text("<p>{{ root }}{{ article.headline }}</p>\n", encoding="utf-8")
    site = replace(load_site(config / CONFIG_NAME), feed_size=3)
    _, articles = _site_and_articles(corpus, 30)
    kept, _, _ = _build(corpus, tmp_path / "kept", keep_at_least=1, workers=1, site=site)
    as_needed, _, _ = _build(corpus, tmp_path / "as-needed", keep_at_least=10**9, workers=1, site=site)
    assert kept == as_needed
    newest = articles[0]
    expected = (f"<ol><li>{newest.headline} ({len(newest.body)})</li>".replace("&", "&amp;").replace("'", "&#39;"))
    home = kept["index.html"].decode("utf-8")
    assert home.startswith(expected)
    assert f"<p>{newest.headline}</p>".replace("&", "&amp;").replace("'", "&#39;") in home
    section = next(path for path in kept if path.startswith("sections/") and path.endswith("/index.html"))
    assert "<p>../../" in kept[section].decode("utf-8")


def test_a_revised_plan_drops_the_items_of_the_changed_articles(corpus: Path) -> None:
    site, articles = _site_and_articles(corpus, 6)
    plan = SitePlan(_publication(articles), site, ArchiveLedger())
    for article in articles:
        plan.items(article)
    changed = replace(articles[2], headline="A new headline & more")
    revised = plan.revised(_publication([*articles[:2], changed, *articles[3:]]), {changed.id: changed})
    assert changed.id not in revised._items and set(revised._items) == {article.id for article in articles} - {changed.id}
    assert b"A new headline &amp; more" in revised.items(changed)[0]
    assert b"A new headline" not in plan.items(articles[2])[0]


def test_with_no_room_for_the_file_the_listings_render_each_article_where_needed(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected, _, _ = _build(corpus, tmp_path / "kept", keep_at_least=1, workers=1)

    def disk_full(descriptor: int, data: bytes, offset: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(items_module, "_write_at", disk_full)
    tree, renders, _ = _build(corpus, tmp_path / "full-disk", keep_at_least=1, workers=1)
    assert tree == expected
    assert renders > 2 * 30  # rendered as needed, as without the pass


def test_a_short_write_is_carried_on_and_a_write_of_nothing_is_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_pwrite = os.pwrite
    calls = 0

    def three_bytes_at_a_time(descriptor: int, data: bytes, offset: int) -> int:
        nonlocal calls
        calls += 1
        return real_pwrite(descriptor, bytes(data[:3]), offset)

    with open(tmp_path / "file", "w+b") as file:
        monkeypatch.setattr(os, "pwrite", three_bytes_at_a_time)
        items_module._write_at(file.fileno(), b"0123456789", 5)
        assert calls == 4
        monkeypatch.setattr(os, "pwrite", lambda descriptor, data, offset: 0)
        with pytest.raises(OSError) as raised:
            items_module._write_at(file.fileno(), b"more", 0)
        assert raised.value.errno == errno.ENOSPC
        monkeypatch.undo()
        assert (tmp_path / "file").read_bytes() == b"\0" * 5 + b"0123456789"
