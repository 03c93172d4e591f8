"""The publishing-history store: revisions, fixed slugs, withdrawals, embargoes, schema and crashes.

Tests that take `store` run against both backends (SQLite, and PostgreSQL on the tests' own
server: conftest.new_history); those about the SQLite file itself take `sqlite_store` or `store_path`.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

import wirefeed.store.sqlite as store_module
from wirefeed.errors import InputError
from wirefeed.model import Agent, Article, Entry, Image, Source
from wirefeed.errors import StoreError
from wirefeed.store import ArticleRecord, HistoryStore, PostgresStore, Redirect, Store, Withdrawal, content_hash, default_store_path
from wirefeed.store.sqlite import APPLICATION_ID, SCHEMA_VERSION

BEIJING = ZoneInfo("Asia/Shanghai")
UTC = timezone.utc
PUBLISHED = datetime(2026, 3, 11, 9, 0, tzinfo=BEIJING)  # 01:00 UTC
NOW1 = datetime(2026, 3, 11, 2, 0, tzinfo=UTC)
NOW2 = datetime(2026, 3, 11, 5, 0, tzinfo=UTC)
NOW3 = datetime(2026, 3, 12, 5, 0, tzinfo=UTC)
WIRE = Agent(name="Example Wire", kind="Organization", url="https://news.example/")


def slug_of(headline: str) -> str:
    return "-".join(headline.lower().split())


def make_article(
    article_id: str = "a1",
    headline: str = "Working group meets",
    published: datetime = PUBLISHED,
    modified: datetime | None = None,
    body: tuple[str, ...] = ("Officials met on Tuesday.",),
    source_name: str | None = None,
) -> Article:
    """An Article as normalize() would make it: slug and url follow the headline."""
    slug = slug_of(headline)
    return Article(
        id=article_id,
        guid=f"urn:uuid:{article_id}@news.example",
        slug=slug,
        url=f"https://news.example/articles/{slug}.html",
        headline=headline,
        published=published,
        modified=published if modified is None else modified,
        publisher=WIRE,
        source=Source(path=Path(f"input/{source_name or article_id}.txt"), format="wire", sha256="0" * 64),
        language="en",
        description="A meeting.",
        body=body,
    )


def many_articles(count: int, body: str = "Officials met.") -> list[Article]:
    return [make_article(f"id-{number:05d}", f"Story {number}", body=(body,)) for number in range(count)]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "site" / ".wirefeed" / "store.sqlite"


@pytest.fixture
def store(new_history: Callable[[], str | None], store_path: Path) -> Iterator[HistoryStore]:
    url = new_history()
    with Store.open(store_path) if url is None else PostgresStore.open(url) as opened:
        yield opened


@pytest.fixture
def sqlite_store(store_path: Path) -> Iterator[Store]:
    with Store.open(store_path) as opened:
        yield opened


def raw_pragma(path: Path, name: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        connection.close()


# --- sync: new, unchanged, edited ------------------------------------------------------------


def test_a_new_article_is_revision_1_first_seen_now(store: HistoryStore) -> None:
    article = make_article()
    result = store.sync([article], NOW1)
    assert result.published == (Entry(article=article, first_seen=NOW1, revision=1),)
    assert result.changed == ("a1",)
    assert result.unchanged == ()
    assert result.embargoed == ()
    assert result.withdrawn == ()
    assert result.redirects == ()


def test_times_are_stored_as_iso_with_offset_and_come_back_aware(sqlite_store: Store, store_path: Path) -> None:
    store = sqlite_store
    store.sync([make_article()], NOW1)
    connection = sqlite3.connect(store_path)
    row = connection.execute("SELECT published, first_seen, modified, state_since FROM article").fetchone()
    connection.close()
    assert row == ("2026-03-11T09:00:00+08:00", "2026-03-11T02:00:00+00:00",
                   "2026-03-11T09:00:00+08:00", "2026-03-11T02:00:00+00:00")
    entry = store.sync([make_article()], NOW2).published[0]
    assert entry.first_seen.utcoffset() == timedelta(0)
    assert entry.article.modified.utcoffset() == timedelta(hours=8)


def test_an_unchanged_resync_gives_equal_entries_and_changes_nothing(sqlite_store: Store, store_path: Path) -> None:
    store = sqlite_store
    first = store.sync([make_article()], NOW1)
    file_after_first = store_path.read_bytes()
    # Moving the input file is no edit, and neither is an input date older than the stored one.
    moved = replace(make_article(source_name="moved"), modified=PUBLISHED - timedelta(days=1))
    second = store.sync([moved], NOW2)
    assert second.published[0] == replace(first.published[0], article=replace(first.published[0].article, source=moved.source))
    assert second.published[0].article.modified == PUBLISHED
    assert second.changed == ()
    assert second.unchanged == ("a1",)
    assert store_path.read_bytes() == file_after_first


def test_entries_are_equal_after_reopening_the_store(store_path: Path) -> None:
    with Store.open(store_path) as store:
        first = store.sync([make_article()], NOW1)
    with Store.open(store_path) as store:
        again = store.sync([make_article()], NOW2)
    assert again.published == first.published
    assert [str(entry.article.modified) for entry in again.published] == ["2026-03-11 09:00:00+08:00"]


def test_a_body_edit_is_revision_2_modified_now_same_slug_and_url(store: HistoryStore) -> None:
    store.sync([make_article()], NOW1)
    edited = make_article(body=("Officials met on Wednesday.",))
    result = store.sync([edited], NOW2)
    assert result.published == (Entry(article=replace(edited, modified=NOW2), first_seen=NOW1, revision=2),)
    assert result.changed == ("a1",)
    assert result.unchanged == ()
    # The next build sees the same revision and dates.
    assert store.sync([edited], NOW3).published == result.published


def test_a_headline_edit_keeps_slug_and_url_and_lists_the_other_slug(store: HistoryStore) -> None:
    store.sync([make_article(headline="Working group meets")], NOW1)
    renamed = make_article(headline="Working group postpones talks")
    result = store.sync([renamed], NOW2)
    entry = result.published[0]
    assert entry.article.headline == "Working group postpones talks"
    assert entry.article.slug == "working-group-meets"
    assert entry.article.url == "https://news.example/articles/working-group-meets.html"
    assert entry.revision == 2
    assert result.redirects == (
        Redirect(
            article_id="a1",
            from_slug="working-group-postpones-talks",
            to_slug="working-group-meets",
            to_url="https://news.example/articles/working-group-meets.html",
        ),
    )
    # Every slug is remembered once, in the order seen; going back to the first adds none.
    store.sync([make_article(headline="Working group ends")], NOW3)
    store.sync([make_article(headline="Working group meets")], NOW3 + timedelta(hours=1))
    assert store.records()[0].other_slugs == ("working-group-postpones-talks", "working-group-ends")


def test_a_new_base_url_moves_no_guid_url_or_date(store: HistoryStore) -> None:
    first = store.sync([make_article()], NOW1)
    moved_site = replace(
        make_article(), guid="urn:uuid:moved", url="https://moved.example/articles/working-group-meets.html"
    )
    result = store.sync([moved_site], NOW2)
    assert result.published == first.published
    assert result.published[0].article.guid == "urn:uuid:a1@news.example"
    assert result.changed == ()


def test_a_redirect_never_replaces_another_articles_page(store: HistoryStore) -> None:
    store.sync([make_article("a1", "First story"), make_article("a2", "Second story")], NOW1)
    result = store.sync([make_article("a1", "Second story"), make_article("a2", "Second story")], NOW2)
    assert result.redirects == ()
    assert [entry.article.slug for entry in result.published] == ["first-story", "second-story"]


def test_a_later_updated_time_in_the_article_wins_over_now(store: HistoryStore) -> None:
    store.sync([make_article()], NOW1)
    updated_at = datetime(2026, 3, 11, 12, 30, tzinfo=BEIJING)  # 04:30 UTC, before NOW2
    edited = make_article(body=("Officials met again.",), modified=updated_at)
    entry = store.sync([edited], NOW2).published[0]
    assert entry.article.modified == updated_at
    assert entry.revision == 2


def test_an_updated_time_not_later_than_the_last_revision_gives_now(store: HistoryStore) -> None:
    store.sync([make_article()], NOW1)
    store.sync([make_article(body=("Second.",))], NOW2)
    stale = make_article(body=("Third.",), modified=datetime(2026, 3, 11, 12, 30, tzinfo=BEIJING))
    entry = store.sync([stale], NOW3).published[0]
    assert (entry.article.modified, entry.revision) == (NOW3, 3)


# --- withdrawal and reinstatement -----------------------------------------------------------


def test_a_removed_article_is_withdrawn_and_kept(store: HistoryStore) -> None:
    store.sync([make_article("a1", "First story"), make_article("a2", "Second story")], NOW1)
    result = store.sync([make_article("a1", "First story")], NOW2)
    assert [entry.article.id for entry in result.published] == ["a1"]
    assert result.withdrawn == (
        Withdrawal(
            id="a2",
            slug="second-story",
            url="https://news.example/articles/second-story.html",
            withdrawn_at=NOW2,
            other_slugs=(),
        ),
    )
    assert result.changed == ()
    assert result.unchanged == ("a1",)
    # Still listed, with the time it went, by later builds.
    assert store.sync([make_article("a1", "First story")], NOW3).withdrawn == result.withdrawn
    assert [(record.id, record.state) for record in store.records()] == [("a1", "published"), ("a2", "withdrawn")]
    # Every stored slug is taken, a withdrawn article's too: no later headline gets it.
    assert store.slugs() == {"first-story": "a1", "second-story": "a2"}


def test_a_withdrawn_id_comes_back_as_a_new_revision(store: HistoryStore) -> None:
    second = make_article("a2", "Second story")
    store.sync([make_article("a1", "First story"), second], NOW1)
    store.sync([make_article("a1", "First story")], NOW2)
    result = store.sync([make_article("a1", "First story"), make_article("a2", "Second story, again")], NOW3)
    reinstated = [entry for entry in result.published if entry.article.id == "a2"]
    assert reinstated == [
        Entry(
            article=replace(make_article("a2", "Second story, again"), slug=second.slug, url=second.url, modified=NOW3),
            first_seen=NOW1,
            revision=2,
        )
    ]
    assert result.changed == ("a2",)
    assert result.withdrawn == ()


def test_reinstating_unchanged_content_is_still_a_new_revision(store: HistoryStore) -> None:
    store.sync([make_article()], NOW1)
    store.sync([], NOW2)
    entry = store.sync([make_article()], NOW3).published[0]
    assert (entry.revision, entry.article.modified, entry.first_seen) == (2, NOW3, NOW1)


# --- embargo --------------------------------------------------------------------------------


def test_an_embargoed_article_is_published_once_now_passes_its_time(store: HistoryStore) -> None:
    release = NOW1 + timedelta(hours=2)
    article = make_article(published=release)
    before = store.sync([article], NOW1)
    assert before.published == ()
    assert before.embargoed == (Entry(article=article, first_seen=NOW1, revision=1),)
    assert before.changed == before.unchanged == ()

    at_release = store.sync([article], release)
    assert at_release.published == (Entry(article=article, first_seen=NOW1, revision=1),)
    assert at_release.embargoed == ()
    assert at_release.changed == ("a1",)
    assert store.records()[0].first_released == release
    assert store.sync([article], NOW3).changed == ()


def test_edits_under_embargo_replace_the_unreleased_version(store: HistoryStore) -> None:
    release = NOW3
    store.sync([make_article(headline="Draft headline", published=release)], NOW1)
    final = make_article(headline="Final headline", published=release, body=("Final text.",))
    under_embargo = store.sync([final], NOW2)
    assert under_embargo.embargoed == (Entry(article=final, first_seen=NOW1, revision=1),)
    released = store.sync([final], release)
    # Nothing was public before: revision 1, the final slug, and nothing to redirect.
    assert released.published == (Entry(article=final, first_seen=NOW1, revision=1),)
    assert released.redirects == ()


def test_an_embargoed_article_removed_before_release_needs_no_takedown(store: HistoryStore) -> None:
    store.sync([make_article(published=NOW3)], NOW1)
    result = store.sync([], NOW2)
    assert result.withdrawn == ()
    assert store.records()[0].state == "withdrawn"


# --- order, hashing, input checks -----------------------------------------------------------


def test_published_is_newest_first_then_by_id_and_embargoed_soonest_first(store: HistoryStore) -> None:
    articles = [
        make_article("b-old", "B", published=PUBLISHED),
        make_article("c-new", "C", published=PUBLISHED + timedelta(hours=1)),
        make_article("a-old", "A", published=PUBLISHED.astimezone(UTC)),  # the same instant as b-old
        make_article("e-later", "E", published=NOW3 + timedelta(days=2)),
        make_article("d-soon", "D", published=NOW3 + timedelta(days=1)),
    ]
    result = store.sync(articles, NOW3)
    assert [entry.article.id for entry in result.published] == ["c-new", "a-old", "b-old"]
    assert [entry.article.id for entry in result.embargoed] == ["d-soon", "e-later"]
    assert result.changed == ("a-old", "b-old", "c-new")


def test_content_hash_ignores_the_source_the_store_dates_and_the_slug() -> None:
    article = make_article()
    moved = replace(
        article, source=Source(Path("elsewhere.html"), "html", "1" * 64), modified=NOW3,
        slug="other", url="https://elsewhere.example/other.html",
    )
    assert content_hash(moved) == content_hash(article)
    assert len(content_hash(article)) == 64


@pytest.mark.parametrize(
    "change",
    [
        {"headline": "Other"},
        {"body": ("Officials met on Tuesday.", "More.")},
        {"sections": ("World",)},
        {"authors": (Agent("Li Wei", "Person"),)},
        {"images": (Image(url="https://news.example/a.jpg", caption="A"),)},
        {"description": "Another meeting."},
        {"keywords": ("trade",)},
        {"dateline": "BEIJING"},
        {"language": "zh"},
        {"published": PUBLISHED + timedelta(minutes=1)},
    ],
    ids=lambda change: next(iter(change)),
)
def test_content_hash_covers_the_published_content(change: dict[str, Any]) -> None:
    article = make_article()
    assert content_hash(replace(article, **change)) != content_hash(article)


def test_two_inputs_with_one_id_are_an_input_error(store: HistoryStore) -> None:
    with pytest.raises(InputError, match=r"input/second\.txt: article id 'a1' is also the id of input/first\.txt"):
        store.sync([make_article(source_name="first"), make_article(source_name="second")], NOW1)
    assert store.records() == ()


def test_now_must_be_timezone_aware(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.sync([make_article()], datetime(2026, 3, 11, 2, 0))


def test_default_store_path_is_next_to_the_config(tmp_path: Path) -> None:
    assert default_store_path(tmp_path) == tmp_path / ".wirefeed" / "store.sqlite"


# --- opening: schema versions, damage, locks -------------------------------------------------


def test_opening_creates_folders_and_migrates_from_version_0(store_path: Path) -> None:
    assert not store_path.parent.exists()
    with Store.open(store_path) as store:
        assert store.records() == ()
    assert raw_pragma(store_path, "user_version") == SCHEMA_VERSION == 1
    assert raw_pragma(store_path, "application_id") == APPLICATION_ID


def test_an_empty_file_is_migrated_to_the_current_version(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b"")
    with Store.open(store_path) as store:
        assert store.sync([make_article()], NOW1).changed == ("a1",)
    assert raw_pragma(store_path, "user_version") == SCHEMA_VERSION


def test_migrations_run_in_order_from_the_stored_version(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(store_path) as store:
        store.sync([make_article()], NOW1)
    ran: list[str] = []

    def add_notes(connection: sqlite3.Connection) -> None:
        ran.append("2")
        connection.execute("ALTER TABLE article ADD COLUMN note TEXT")

    def fill_notes(connection: sqlite3.Connection) -> None:
        ran.append("3")
        connection.execute("UPDATE article SET note = 'migrated'")

    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, add_notes, fill_notes))
    with Store.open(store_path) as store:
        assert [record.id for record in store.records()] == ["a1"]
    assert ran == ["2", "3"]
    assert raw_pragma(store_path, "user_version") == 3
    connection = sqlite3.connect(store_path)
    assert connection.execute("SELECT id, note FROM article").fetchall() == [("a1", "migrated")]
    connection.close()


def test_a_failing_migration_leaves_the_store_at_its_version(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(store_path).close()

    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE article ADD COLUMN note TEXT")
        connection.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, broken))
    with pytest.raises(StoreError, match="no such table"):
        Store.open(store_path)
    assert raw_pragma(store_path, "user_version") == 1
    connection = sqlite3.connect(store_path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(article)")]
    connection.close()
    assert "note" not in columns


def test_a_store_from_a_newer_schema_is_refused(store_path: Path) -> None:
    Store.open(store_path).close()
    connection = sqlite3.connect(store_path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError) as raised:
        Store.open(store_path)
    assert str(raised.value) == (
        f"{store_path}: written by a newer wirefeed: store schema version 2, this wirefeed "
        "reads versions up to 1; upgrade wirefeed to use this store"
    )


def test_a_file_that_is_not_a_database_is_a_store_error(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b"<rss>not a database</rss>\n" * 200)
    with pytest.raises(StoreError, match="not a readable store") as raised:
        Store.open(store_path)
    assert str(raised.value).startswith(f"{store_path}: cannot open the store: ")
    assert "restore it from a backup" in str(raised.value)


def test_a_store_with_damaged_pages_is_a_store_error(store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.sync(many_articles(300), NOW1)
    contents = bytearray(store_path.read_bytes())
    page_size = 4096
    assert len(contents) > 6 * page_size
    contents[3 * page_size : 5 * page_size] = b"\xa5" * (2 * page_size)
    store_path.write_bytes(bytes(contents))
    with pytest.raises(StoreError, match="damaged|not a readable store"):
        Store.open(store_path)


def test_another_programs_database_is_not_taken_for_a_store(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    connection = sqlite3.connect(store_path)
    connection.execute("CREATE TABLE bookmarks (url TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="an SQLite database, but not a wirefeed store"):
        Store.open(store_path)


def test_a_store_held_by_another_build_is_a_store_error(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    with Store.open(store_path) as store:
        other_build = sqlite3.connect(store_path, isolation_level=None)
        other_build.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError, match="another wirefeed build is using the store"):
                store.sync([make_article()], NOW1)
        finally:
            other_build.execute("ROLLBACK")
            other_build.close()
        assert store.sync([make_article()], NOW1).changed == ("a1",)


def test_a_closed_store_is_a_store_error(store_path: Path) -> None:
    store = Store.open(store_path)
    store.close()
    with pytest.raises(StoreError, match="cannot read the store"):
        store.records()


# --- crashes --------------------------------------------------------------------------------


def test_a_failure_inside_sync_leaves_the_previous_state(store: HistoryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    first = store.sync(many_articles(50), NOW1)
    history = store.records()
    backend = sys.modules[type(store).__module__]  # wirefeed.store.sqlite or wirefeed.store.postgres
    real_save = backend._save_record
    saved = 0

    def save_then_fail(
        connection: sqlite3.Connection, old: ArticleRecord | None, new: ArticleRecord, now: datetime
    ) -> None:
        nonlocal saved
        real_save(connection, old, new, now)
        saved += 1
        if saved == 20:
            raise RuntimeError("the build died")

    monkeypatch.setattr(backend, "_save_record", save_then_fail)
    with pytest.raises(RuntimeError, match="the build died"):
        store.sync(many_articles(60, body="Edited."), NOW2)
    monkeypatch.undo()
    assert store.records() == history
    resynced = store.sync(many_articles(50), NOW3)
    assert resynced.published == first.published
    assert resynced.changed == ()


_KILLED_BUILD = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from pathlib import Path

    sys.path.insert(0, sys.argv[2])
    import wirefeed.store.postgres as postgres_module
    import wirefeed.store.sqlite as sqlite_module
    from test_sqlite import NOW2, many_articles

    target = sys.argv[1]
    store_module = postgres_module if target.startswith("postgresql:") else sqlite_module
    real_save = store_module._save_record
    saved = 0

    def save_then_stall(*args):
        global saved
        real_save(*args)
        saved += 1
        if saved == 1500:
            print("mid-sync", flush=True)
            time.sleep(120)

    store_module._save_record = save_then_stall
    if store_module is postgres_module:
        store = postgres_module.PostgresStore.open(target)
    else:
        store = sqlite_module.Store.open(Path(target))
        # A small page cache makes SQLite write pages into the database file before the commit,
        # so the next open really has to roll a half-written build back from the journal.
        store._connection.execute("PRAGMA cache_size = 8")
    store.sync(many_articles(2000, body="Edited."), NOW2)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_build_killed_mid_sync_leaves_the_previous_state(new_history: Callable[[], str | None], store_path: Path) -> None:
    url = new_history()
    target = str(store_path) if url is None else url

    def opened() -> Store | PostgresStore:
        return Store.open(store_path) if url is None else PostgresStore.open(url)

    with opened() as store:
        first = store.sync(many_articles(2000), NOW1)
        history = store.records()
    file_before = store_path.read_bytes() if url is None else b""

    build = subprocess.Popen(
        [sys.executable, "-c", _KILLED_BUILD, target, str(Path(__file__).parent)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert build.stdout is not None
        line = build.stdout.readline()
        assert line == "mid-sync\n", build.stderr.read() if build.stderr else ""
        if url is None:
            assert Path(f"{store_path}-journal").exists()
            assert store_path.read_bytes() != file_before  # pages of the unfinished build reached the file
    finally:
        os.kill(build.pid, signal.SIGKILL)
        build.communicate()
    assert build.returncode == -signal.SIGKILL

    # PostgreSQL: the server rolls the dead session's transaction back and drops its lock.
    with opened() as store:
        assert store.records() == history
        resynced = store.sync(many_articles(2000), NOW3)
    assert resynced.published == first.published
    assert resynced.changed == ()
    assert all(isinstance(record, ArticleRecord) and record.revision == 1 for record in history)


def _hash_as_first_stored(article: Article) -> str:
    """content_hash as it was first written (json module, asdict): stored hashes must keep matching."""
    import hashlib
    import json
    from dataclasses import asdict

    published_content = {
        "headline": article.headline, "published": article.published.isoformat(), "body": article.body,
        "sections": article.sections, "authors": [asdict(author) for author in article.authors],
        "images": [asdict(image) for image in article.images], "description": article.description,
        "keywords": article.keywords, "dateline": article.dateline, "language": article.language,
    }
    canonical = json.dumps(published_content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_HASH_TEXT = st.text(alphabet=st.sampled_from(list('a "\\\n\t\x7f\u2028é中😀<>&/')), max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_content_hash_is_the_hash_every_store_already_holds(data: st.DataObject) -> None:
    logo = data.draw(st.none() | st.builds(Image, url=_HASH_TEXT, width=st.integers(0, 2**70)))
    article = replace(
        make_article(),
        headline=data.draw(_HASH_TEXT), body=tuple(data.draw(st.lists(_HASH_TEXT, max_size=3))),
        sections=tuple(data.draw(st.lists(_HASH_TEXT, max_size=2))), dateline=data.draw(st.none() | _HASH_TEXT),
        authors=tuple(Agent(name, "Person", url, logo) for name, url in data.draw(st.lists(st.tuples(_HASH_TEXT, st.none() | _HASH_TEXT), max_size=2))),
        images=tuple(data.draw(st.lists(st.builds(Image, url=st.none() | _HASH_TEXT, caption=st.none() | _HASH_TEXT,
                                                   credit=st.none() | _HASH_TEXT, width=st.none() | st.integers(0, 2**70)), max_size=2))),
    )
    assert content_hash(article) == _hash_as_first_stored(article)


def test_a_sync_hands_back_the_records_the_store_now_holds(store: HistoryStore) -> None:
    store.sync([make_article(article_id="b2"), make_article(article_id="a1"), make_article(article_id="é3")], NOW1)
    result = store.sync([make_article(article_id="a1"), make_article(article_id="é3")], NOW2)
    assert result.records == store.records()
    assert [record.id for record in result.records] == ["a1", "b2", "é3"]
    assert [record.state for record in result.records] == ["published", "withdrawn", "published"]
