"""The caches give the bytes of a build without them (issue 6): incremental rebuilds after adds,
edits and removals, the whole-build shortcut, the input cache and its blob file, articles kept
pickled until rendered; each against a clean build."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
import os
import pickle
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import fields, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import spied
from tests.fast_paths_support import NOW, _articles, _history_copy, _tree, corpus  # noqa: F401 (corpus: a fixture)
from wirefeed import Article, normalize, read
from wirefeed.config import CONFIG_NAME, load_site
from wirefeed.errors import StoreError
from wirefeed.cache.ref import ArticleRef, Listed, ResolvedArticles, listed_values
from wirefeed.model import LISTED_FIELDS
from wirefeed.cache.keys import HISTORY_FIELDS, article_digest, published_key
from wirefeed.cache.blobs import StoredBlob
from wirefeed.cache import BuildState, CacheTunables
from wirefeed.cache.inputs import read_input_cache
from wirefeed.pipeline import build, discover
import wirefeed.pipeline.inputs as inputs_module
from wirefeed.store import PendingSync, Store

publish_module = importlib.import_module("wirefeed.pipeline.publish")
# Inputs count as settled as soon as written, so the input cache keeps them in a test's builds.
SETTLED_AT_ONCE = CacheTunables(settled_ns=-(10**15))
settled_build = functools.partial(build, tunables=SETTLED_AT_ONCE)
# The blob file compacted as soon as it holds one unused pickle.
compacting_build = functools.partial(build, tunables=CacheTunables(settled_ns=SETTLED_AT_ONCE.settled_ns, unused_blobs_allowed=0))


def input_cache_path(store: Path) -> Path:
    return BuildState(store).input_cache
@pytest.mark.parametrize("workers", [1, 2])
def test_an_incremental_rebuild_after_adds_edits_and_removals_matches_a_clean_build(corpus: Path, tmp_path: Path, workers: int) -> None:
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)
    store = tmp_path / "state" / "site.sqlite"
    store.parent.mkdir()
    output = tmp_path / "out"
    settled_build(folder, output, now=NOW, store_path=store, workers=workers)
    unchanged = settled_build(folder, output, now=NOW, store_path=store, workers=workers)
    assert unchanged.rendered == ()

    paths = _articles(folder)
    text = [path for path in paths if path.suffix == ".txt"]
    edited, retitled, removed = text[3], text[5], text[8]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA paragraph added by the desk.\n", encoding="utf-8")
    lines = retitled.read_text(encoding="utf-8").splitlines()
    heading = next(index for index, line in enumerate(lines) if line.strip() and not re.fullmatch(r"[A-Z /&>|»-]+", line.strip()))
    lines[heading] = lines[heading] + " as talks resume"
    retitled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    removed.unlink()
    added = edited.with_name("zz-added-story.txt")
    added.write_text(edited.read_text(encoding="utf-8").replace("A paragraph added", "Another paragraph added"), encoding="utf-8")

    later = NOW.replace(hour=13)
    history = _history_copy(store, tmp_path / "reference-state")
    rebuilt = settled_build(folder, output, now=later, store_path=store, workers=workers)
    reference = settled_build(folder, tmp_path / "reference", now=later, store_path=history, workers=1)
    assert rebuilt.ok and reference.ok
    assert 0 < len(rebuilt.rendered) < len(rebuilt.written)
    assert rebuilt.written == reference.written
    assert _tree(output) == _tree(tmp_path / "reference")


def test_a_rebuild_reads_only_the_inputs_that_changed(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)
    store, output = tmp_path / "site.sqlite", tmp_path / "out"
    first = settled_build(folder, output, now=NOW, store_path=store, workers=1)
    assert input_cache_path(store).is_file()
    read: list[Path] = []
    real = inputs_module.read_one
    monkeypatch.setattr(inputs_module, "read_one", spied(real, lambda path, site, root: read.append(path)))
    again = settled_build(folder, output, now=NOW, store_path=store, workers=1)
    assert read == [] and again.articles == first.articles and again.rendered == ()
    target = [path for path in _articles(folder) if path.suffix == ".txt"][2]
    target.write_text(target.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    settled_build(folder, output, now=NOW, store_path=store, workers=1)
    assert read == [target]
    input_cache_path(store).write_bytes(b"damaged")
    settled_build(folder, output, now=NOW, store_path=store, workers=1)
    assert len(read) > 1  # a damaged cache: every input read again


def test_an_untouched_file_keeps_its_bytes_and_time_on_a_rebuild(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)
    store, output = tmp_path / "site.sqlite", tmp_path / "out"
    build(folder, output, now=NOW, store_path=store, workers=2)
    before = {path: path.stat().st_mtime_ns for path in output.rglob("*") if path.is_file()}
    target = [path for path in _articles(folder) if path.suffix == ".txt"][0]
    target.write_text(target.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    result = build(folder, output, now=NOW, store_path=store, workers=2)
    rendered = {output / path for path in result.rendered}
    assert all(path.stat().st_mtime_ns == mtime for path, mtime in before.items() if path not in rendered)


# ---------------------------------------------------------------------------------------------
# The whole-build fast path: a rebuild with nothing changed returns the last build's result.

_STORY = """BUSINESS
{headline}
Published: {date}

The desk filed this story for the fast path's tests, one paragraph long and no more.
"""


def _timely_site(corpus: Path, tmp_path: Path) -> Path:
    """The corpus and two stories near NOW: one in the News sitemap's window, one under embargo."""
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)
    # Asia/Shanghai: 2 AM there is 18:00 UTC the day before; in the News sitemap until 24 Nov 18:00 UTC.
    (folder / "recent-story.txt").write_text(_STORY.format(headline="Port volumes rise in the recent week", date="Nov 23, 2026 2:00 AM"), encoding="utf-8")
    # Released at 25 Nov 00:00 UTC.
    (folder / "embargoed-story.txt").write_text(_STORY.format(headline="Trade figures due on Wednesday morning", date="Nov 25, 2026 8:00 AM"), encoding="utf-8")
    return folder


class _Syncs:
    """Counts the builds that went past the fast path (each syncs the store once)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = Store.plan_sync

        def counted(store: Store, articles: Sequence[Listed], now: datetime, *,
                    hashes: Mapping[str, str] | None = None) -> PendingSync[Listed]:
            self.count += 1
            return real(store, articles, now, hashes=hashes)

        monkeypatch.setattr(Store, "plan_sync", counted)


def _side_files(store: Path) -> dict[str, tuple[int, bytes]]:
    return {path.name: (path.stat().st_mtime_ns, path.read_bytes()) for path in sorted(store.parent.iterdir())}


def _times(root: Path) -> dict[str, int]:
    return {path.relative_to(root).as_posix(): path.stat().st_mtime_ns for path in sorted(root.rglob("*"))}


def test_an_unchanged_rebuild_returns_the_last_result_and_touches_nothing(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _timely_site(corpus, tmp_path)
    (folder / "2024" / "broken.txt").write_text("only a headline\n", encoding="utf-8")
    store, output = tmp_path / "state" / "site.sqlite", tmp_path / "out"
    first = settled_build(folder, output, now=NOW, store_path=store, workers=1)
    assert first.rejected and first.embargoed and first.rendered
    side, times = _side_files(store), _times(output)
    syncs = _Syncs(monkeypatch)
    monkeypatch.setattr(publish_module, "write_site", lambda *args, **kwargs: pytest.fail("the fast path wrote the site"))
    again = settled_build(folder, output, now=NOW.replace(minute=30), store_path=store, workers=1)
    assert syncs.count == 0
    assert again.rendered == () and again.removed == ()
    assert (again.articles, again.written, again.embargoed, again.withdrawn) == (first.articles, first.written, first.embargoed, first.withdrawn)
    assert [str(error) for error in again.rejected] == [str(error) for error in first.rejected]
    assert _side_files(store) == side and _times(output) == times


@pytest.mark.parametrize("change", [
    "edited input", "new input", "removed input", "touched sidecar", "config", "embargo ends",
    "leaves the news window", "deleted output", "other output folder", "damaged record",
])
def test_any_change_leaves_the_fast_path_and_matches_a_clean_build(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    folder = _timely_site(corpus, tmp_path)
    store, output = tmp_path / "state" / "site.sqlite", tmp_path / "out"
    settled_build(folder, output, now=NOW, store_path=store, workers=1)
    syncs = _Syncs(monkeypatch)
    before_articles = settled_build(folder, output, now=NOW, store_path=store, workers=1).articles
    assert syncs.count == 0  # the fast path, before any change

    now, target, before = NOW, output, _tree(output)
    text = [path for path in _articles(folder) if path.suffix == ".txt"]
    if change == "edited input":
        text[4].write_text(text[4].read_text(encoding="utf-8") + "\nA paragraph added by the desk.\n", encoding="utf-8")
    elif change == "new input":
        (folder / "another-story.txt").write_text(_STORY.format(headline="Freight rates ease", date="Nov 20, 2026 9:00 AM"), encoding="utf-8")
    elif change == "removed input":
        text[6].unlink()
    elif change == "touched sidecar":
        sidecar = next(path for path in sorted(folder.rglob("*.toml")) if path.name != "wirefeed.toml")
        os.utime(sidecar, ns=(sidecar.stat().st_atime_ns, sidecar.stat().st_mtime_ns + 10**9))
    elif change == "config":
        config = folder / "wirefeed.toml"
        config.write_text(config.read_text(encoding="utf-8").replace("feed_size = 50", "feed_size = 20"), encoding="utf-8")
    elif change == "embargo ends":
        now = datetime(2026, 11, 25, 0, 0, tzinfo=timezone.utc)
    elif change == "leaves the news window":
        now = datetime(2026, 11, 24, 18, 0, tzinfo=timezone.utc)
    elif change == "deleted output":
        (output / "news-sitemap.xml").unlink()
    elif change == "other output folder":
        target = tmp_path / "elsewhere"
    elif change == "damaged record":
        BuildState(store).last_build.write_text("{", encoding="utf-8")

    history = _history_copy(store, tmp_path / "reference-state")
    rebuilt = settled_build(folder, target, now=now, store_path=store, workers=1)
    assert syncs.count == 1
    reference = settled_build(folder, tmp_path / "reference", now=now, store_path=history, workers=1)
    assert rebuilt.written == reference.written
    assert [article.id for article in rebuilt.articles] == [article.id for article in reference.articles]
    assert _tree(target) == _tree(tmp_path / "reference")
    if change == "embargo ends":
        assert len(rebuilt.articles) == len(reference.articles) == len(before_articles) + 1
    if change == "leaves the news window":
        assert b"recent-week" in before["news-sitemap.xml"] and b"recent-week" not in _tree(target)["news-sitemap.xml"]


def test_the_published_key_tells_apart_every_field_but_where_the_file_lies(corpus: Path) -> None:
    """The key of an article's outputs is built from the digest taken when it was read and the
    fields the history set afterwards: a change to any field of either changes the key."""
    site = load_site(corpus / CONFIG_NAME)
    first, second = (normalize(read(path), site) for path in discover(corpus)[:2])

    def key(read_as: Article, published: Article) -> str:
        return published_key(article_digest(read_as), published)

    original = key(first, first)
    differing = [field.name for field in fields(Article) if getattr(first, field.name) != getattr(second, field.name)]
    assert len(differing) >= 12, differing
    for name in differing:
        changed = replace(first, **{name: getattr(second, name)})
        if name in HISTORY_FIELDS:  # set by the history on the article as read
            assert key(first, changed) != original, name
        else:  # read so
            assert key(changed, changed) != original, name
    moved = replace(first, source=replace(first.source, path=Path("elsewhere") / "moved.txt"))
    assert key(moved, moved) == original
    assert key(replace(first, source=replace(first.source, sha256="0" * 64)), first) != original


def test_the_saved_articles_of_an_unchanged_build_are_read_from_the_input_cache_it_saved(corpus: Path, tmp_path: Path) -> None:
    folder = _timely_site(corpus, tmp_path)
    store, output = tmp_path / "state" / "site.sqlite", tmp_path / "out"
    first = settled_build(folder, output, now=NOW, store_path=store, workers=1)
    again = settled_build(folder, output, now=NOW, store_path=store, workers=1)
    assert type(again.articles).__name__ == "SavedArticles"
    assert list(again.articles) == list(first.articles) and list(again.embargoed) == list(first.embargoed)
    # The same zones too (equal datetimes may differ in them): the reprs are what job keys are made of.
    assert [repr(article) for article in again.articles] == [repr(article) for article in first.articles]
    assert {article.modified.tzinfo for article in again.articles} == {article.modified.tzinfo for article in first.articles}
    # A later build saved another input cache: the result no longer stands for what is there.
    stale = settled_build(folder, output, now=NOW, store_path=store, workers=1)
    cache = input_cache_path(store)
    cache.write_bytes(cache.read_bytes())
    with pytest.raises(StoreError, match="the last build's saved articles are gone or damaged"):
        list(stale.articles)


def _blob_files(store: Path) -> list[str]:
    return sorted(path.name for path in store.parent.glob("*.blobs"))


@pytest.mark.parametrize("workers", [1, 2])
def test_the_articles_pickles_are_kept_in_the_blob_file_and_read_from_it(corpus: Path, tmp_path: Path, workers: int) -> None:
    store = tmp_path / "state" / "site.sqlite"
    result = settled_build(corpus, tmp_path / "out", now=NOW, store_path=store, workers=workers)
    stored = read_input_cache(input_cache_path(store))
    assert _blob_files(store) == [stored.blobs.path.name]
    # The index holds each article's place in the blob file; the pickle there is the article.
    articles = {article.id: article for article in result.articles}
    kept = 0
    for _, facts in stored.entries.values():
        listed = facts.result()
        if not isinstance(listed, ArticleRef):  # a rejected input's error stays in the index
            assert isinstance(facts.blob, bytes)
            continue
        assert isinstance(listed.pickled, StoredBlob) and listed.pickled.file is stored.blobs
        read_back = pickle.loads(listed.pickled.read())
        assert (read_back.id, read_back.headline, read_back.body) == (listed.id, articles[listed.id].headline, articles[listed.id].body)
        kept += 1
    assert kept == len(result.articles)
    # The build's own articles (read by the workers, too) hold places, not pickles.
    assert isinstance(result.articles, ResolvedArticles)
    assert all(isinstance(article, ArticleRef) and isinstance(article.pickled, StoredBlob) for article in result.articles.held())
    assert sum(facts.blob.place.length for _, facts in stored.entries.values() if isinstance(facts.blob, StoredBlob)) == stored.blobs.size()


@pytest.mark.parametrize("damage", ["cut", "removed"])
def test_a_cut_or_missing_blob_file_means_every_input_is_read_again(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    damage: str) -> None:
    store, output = tmp_path / "state" / "site.sqlite", tmp_path / "out"
    settled_build(corpus, output, now=NOW, store_path=store, workers=1)
    before = _tree(output)
    blob = store.parent / _blob_files(store)[0]
    if damage == "cut":
        with blob.open("r+b") as handle:
            handle.truncate(blob.stat().st_size - 1)
    else:
        blob.unlink()
    read: list[Path] = []
    real = inputs_module.read_one
    monkeypatch.setattr(inputs_module, "read_one", spied(real, lambda path, site, root: read.append(path)))
    again = settled_build(corpus, output, now=NOW, store_path=store, workers=1)
    assert sorted(read) == _articles(corpus) and again.rendered == ()
    assert _tree(output) == before
    assert len(_blob_files(store)) == 1 and read_input_cache(input_cache_path(store)).entries.keys() == {str(path) for path in _articles(corpus)}


def test_the_blob_file_is_copied_into_a_new_one_once_most_of_it_is_unused(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)
    store, output = tmp_path / "state" / "site.sqlite", tmp_path / "out"
    first = compacting_build(folder, output, now=NOW, store_path=store, workers=1)
    first_bodies = [article.body for article in first.articles]
    [original] = _blob_files(store)
    texts = [path for path in _articles(folder) if path.suffix == ".txt"]
    sizes = []
    for round_number in (1, 2):  # every text edited twice: its first two pickles are unused
        for path in texts:
            path.write_text(path.read_text(encoding="utf-8") + f"\nEdit {round_number}.\n", encoding="utf-8")
        compacting_build(folder, output, now=NOW, store_path=store, workers=1)
        sizes.append([(store.parent / name).stat().st_size for name in _blob_files(store)])
    [compacted] = _blob_files(store)
    assert compacted != original
    stored = read_input_cache(input_cache_path(store))
    used = sum(facts.blob.place.length for _, facts in stored.entries.values() if isinstance(facts.blob, StoredBlob))
    assert stored.blobs.size() == used and sizes[0][0] > used  # the first round appended; the second copied
    # The new file serves the next build as the old one did: nothing read, the output a clean build's.
    read: list[Path] = []
    real = inputs_module.read_one
    monkeypatch.setattr(inputs_module, "read_one", spied(real, lambda path, site, root: read.append(path)))
    texts[0].write_text(texts[0].read_text(encoding="utf-8") + "\nOne more.\n", encoding="utf-8")
    compacting_build(folder, output, now=NOW, store_path=store, workers=1)
    assert read == [texts[0]]
    compacting_build(folder, tmp_path / "clean", now=NOW, store_path=_history_copy(store, tmp_path / "copy"), workers=1)
    assert _tree(output) == _tree(tmp_path / "clean")
    # The first build's articles still read their pickles from the file it removed.
    assert [article.body for article in first.articles] == first_bodies and len(first_bodies) > 10


# ---------------------------------------------------------------------------------------------
# Memory and the garbage collector


# ---------------------------------------------------------------------------------------------
# Articles stay pickled until rendered


def _ref(article: Article) -> ArticleRef:
    return ArticleRef.of(pickle.dumps(article), listed_values(article))


def test_a_handle_resolves_to_the_article_it_stands_for(corpus: Path) -> None:
    site = load_site(corpus / CONFIG_NAME)
    article = normalize(read(_articles(corpus)[0]), site)
    ref = _ref(article)
    assert not isinstance(ref, Article) and type(ref.resolve()) is Article and ref.resolve() == article
    assert [getattr(ref, name) for name in LISTED_FIELDS] == [getattr(article, name) for name in LISTED_FIELDS]
    assert ref.resolve().word_count == article.word_count
    # A handle pickled (sent to a worker) is a handle still, its pickle with it.
    assert pickle.loads(pickle.dumps(ref)) == ref and pickle.loads(pickle.dumps(ref)).resolve() == article


def test_a_replaced_handle_keeps_its_history_fields_and_its_pickle(corpus: Path) -> None:
    site = load_site(corpus / CONFIG_NAME)
    article = normalize(read(_articles(corpus)[1]), site)
    ref = _ref(article)
    moved = replace(ref, slug="moved", url="https://wire.example.com/moved/")
    assert type(moved) is ArticleRef and moved.pickled is ref.pickled
    assert moved.resolve() == replace(article, slug="moved", url="https://wire.example.com/moved/")
    assert moved.resolve().headline == article.headline


def test_a_handle_given_the_same_instant_in_another_offset_resolves_to_that_offset(corpus: Path) -> None:
    site = load_site(corpus / CONFIG_NAME)
    ref = _ref(normalize(read(_articles(corpus)[1]), site))
    assert repr(ref.modified.tzinfo) == "zoneinfo.ZoneInfo(key='Asia/Shanghai')"
    # Equal as datetimes, but the page prints the offset: the resolved article has the new one.
    elsewhere = ref.modified.astimezone(timezone(timedelta(hours=-5)))
    moved = replace(ref, modified=elsewhere)
    assert moved.modified == ref.modified and moved.resolve().modified.isoformat() == elsewhere.isoformat()


def _json_feed_ids(output: Path, paths: Sequence[str]) -> set[str]:
    guids: set[str] = set()
    for path in paths:
        if path.endswith(".json") and not path.endswith((".jsonld", ".ninjs.json")):
            guids |= {item["id"] for item in json.loads((output / path).read_text(encoding="utf-8"))["items"]}
    return guids


def test_a_rebuild_unpickles_only_the_articles_it_renders(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)
    config = folder / CONFIG_NAME
    config.write_text(config.read_text(encoding="utf-8").replace("feed_size = 50", "feed_size = 4"), encoding="utf-8")
    store, output = tmp_path / "site.sqlite", tmp_path / "out"
    settled_build(folder, output, now=NOW, store_path=store, workers=1)
    unpickled: list[str] = []
    real_resolve = ArticleRef.resolve
    monkeypatch.setattr(ArticleRef, "resolve", spied(real_resolve, lambda self: unpickled.append(self.id)))
    # An input read again that gives the same article: the long way, and nothing to render.
    touched = _articles(folder)[4]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    again = settled_build(folder, output, now=NOW, store_path=store, workers=1)
    assert again.rendered == () and unpickled == []
    edited = [path for path in _articles(folder) if path.suffix == ".txt"][6]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA late paragraph from the desk.\n", encoding="utf-8")
    rebuilt = settled_build(folder, output, now=NOW, store_path=store, workers=1)
    in_build = list(unpickled)
    by_guid = {article.guid: article.id for article in rebuilt.articles}
    edited_id = next(article.id for article in rebuilt.articles if article.source.path == edited)
    shown = {by_guid[guid] for guid in _json_feed_ids(output, rebuilt.rendered)}
    assert edited_id in shown and len(shown) < len(rebuilt.articles) / 2
    # The edited article (its page, JSON-LD and listings) and the others on the listings that show it.
    assert set(in_build) == shown


def test_the_input_cache_appends_a_builds_changes_and_is_written_whole_again_later(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)
    store, output = tmp_path / "site.sqlite", tmp_path / "out"
    settled_build(folder, output, now=NOW, store_path=store, workers=1)
    cache = input_cache_path(store)
    whole = cache.read_bytes()
    read: list[Path] = []
    real = inputs_module.read_one
    monkeypatch.setattr(inputs_module, "read_one", spied(real, lambda path, site, root: read.append(path)))
    texts = [path for path in _articles(folder) if path.suffix == ".txt"]
    texts[0].write_text(texts[0].read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    texts[1].unlink()
    settled_build(folder, output, now=NOW, store_path=store, workers=1)
    # The file as it was, then one pickle: the edited input's entry and the removed one's None.
    appended = cache.read_bytes()
    assert appended.startswith(whole) and len(appended) - len(whole) < len(whole) // 20
    changes = pickle.loads(appended[len(whole):])
    assert sorted(changes) == sorted([str(texts[0]), str(texts[1])]) and changes[str(texts[1])] is None
    stored = read_input_cache(cache)
    assert stored.appended == 1 and str(texts[1]) not in stored.entries and len(stored.entries) == len(_articles(folder))
    entries = stored.entries
    # A build killed while appending leaves a torn pickle: what came before it still counts.
    with cache.open("ab") as handle:
        handle.write(pickle.dumps({"x": None})[:-3])
    assert read_input_cache(cache).entries == entries
    settled_build(folder, output, now=NOW, store_path=store, workers=1)
    assert read == [texts[0]]  # nothing read again but the edit
    # The next change writes the file whole (after a torn append, as after _CACHE_APPENDS
    # appends), the one after appends, the one after that writes it whole again.
    settled_and_soon_whole = CacheTunables(settled_ns=SETTLED_AT_ONCE.settled_ns, appends=1)
    appends = []
    for number in (2, 3, 4):
        texts[number].write_text(texts[number].read_text(encoding="utf-8") + "\nLate line.\n", encoding="utf-8")
        build(folder, output, now=NOW, store_path=store, workers=1, tunables=settled_and_soon_whole)
        appends.append(read_input_cache(cache).appended)
    assert appends == [0, 1, 0] and read == [texts[0], texts[2], texts[3], texts[4]]
    assert pickle.loads(cache.read_bytes())[2].keys() == {str(path) for path in _articles(folder)}
