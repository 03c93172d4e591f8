"""The long way of a build (pipeline/build.py), when the last one does not stand: read what
changed, settle identities, plan the history, write the site, record the caches."""

from __future__ import annotations

import contextlib
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wirefeed.cache.inputs import InputCache
from wirefeed.cache.lastbuild import LastBuild, unchanged_window
from wirefeed.cache.ref import ArticleRef, ResolvedArticles
from wirefeed.cache.state import BuildState
from wirefeed.engine.commit import HistoryCommit
from wirefeed.engine.engines import Engine
from wirefeed.engine.runner import Manifest
from wirefeed.errors import WirefeedError
from wirefeed.model import Site
from wirefeed.normalize.dating import with_first_seen
from wirefeed.output import OutputDir
from wirefeed.pipeline import identity
from wirefeed.pipeline.inputs import InputsRead, read_inputs
from wirefeed.pipeline.kept import LastGood
from wirefeed.pipeline.result import BuildResult
from wirefeed.pipeline.scan import Progress, Scanned
from wirefeed.pipeline.warm import Retained
from wirefeed.site.archive import ArchiveLedger
from wirefeed.site.plan import Publication, SitePlan
from wirefeed.site.write import write_site
from wirefeed.store import ArticleRecord, HistoryPlace, SyncResult

__all__ = ["build_anew"]


def build_anew(scanned: Scanned, output_dir: Path, site: Site, moment: datetime, state: BuildState, history: HistoryPlace,
               last_build: LastBuild, *, progress: Progress | None, workers: int | None, engine: Engine | None,
               retain: Callable[[Retained], None] | None = None) -> BuildResult:
    """Read the inputs (those the input cache lacks), publish them, and record the caches.
    `retain`: given what a rebuild kept in memory stands on (pipeline/warm.py), when this build
    published every input as read."""
    names, keys = scanned.names, scanned.keys
    cache = InputCache.load(state, site)
    try:
        found = read_inputs(names, site, progress, root=scanned.root, workers=workers, cache=cache, keys=keys, engine=engine)
        # What a rebuild kept in memory would stand on is kept only for one: otherwise the plan,
        # its jobs and the records are let go before the caches are saved, which reuses their memory.
        keep = retain is not None and engine is None and history.url is None
        published = _publish(found, cache, site, moment, state, history, output_dir, workers, engine, keep)
    except BaseException:
        cache.abandon()
        raise
    saved = _save_cache(cache)
    if retain is not None and saved and published.retained is not None:
        pieces = published.retained
        retain(Retained(scanned=scanned, site=site, state=state, store_file=history.store_file, cache=cache,
                        read_as={article.id: article for article in found.articles}, facts=found.facts,
                        records={record.id: record for record in pieces.records}, publication=pieces.publication,
                        plan=pieces.plan, keys=pieces.keys, result=published.result, window=published.window))
    # An input edited just now is kept with a digest of its bytes (cache.keys.racy_key), which
    # the next build checks: "edit, then build at once" still leaves a shortcut for the build after.
    racy = cache.racy_inputs(dict(zip(names, keys)))
    if published.reusable and racy is not None:
        _save_last_build(last_build, published, {article_id: name for article_id, (name, _) in found.facts.items()}, cache, racy)
    return published.result


@dataclass(frozen=True, slots=True)
class _Pieces:
    """What a build worked out, which a rebuild kept in memory revises (pipeline/warm.py)."""

    records: Sequence[ArticleRecord]
    publication: Publication
    plan: SitePlan
    keys: dict[str, str]  # the manifest's, as this build saved them


@dataclass(frozen=True, slots=True)
class _Published:
    result: BuildResult
    window: tuple[datetime, datetime]  # the times `now` may take and give the same build again
    reusable: bool  # whether a later build may stand on this one (last_build.put)
    retained: _Pieces | None = None  # when every input was published as read


def _publish(found: InputsRead, cache: InputCache, site: Site, moment: datetime, state: BuildState,
             place: HistoryPlace, output_dir: Path, workers: int | None, engine: Engine | None,
             keep: bool) -> _Published:
    """From the articles read to the outputs in place and the history recorded; with `keep`, what
    a rebuild kept in memory stands on (_Pieces), when every input was published as read."""
    articles, duplicates = identity.without_duplicate_ids(found.articles)
    articles, clashes = identity.without_clashing_pages(articles, site)
    manifest = Manifest.load(state.manifest(output_dir))
    last_good = LastGood.load(state.kept)
    with place.opened() as store:
        states = store.states() if found.rejected else {}
        kept, rejected = last_good.keep(list(zip(found.rejected_inputs, found.rejected)), cache.earlier_article,
                                        lambda article_id: states.get(article_id) == "published",
                                        {article.id for article in articles})
        articles += [ArticleRef.holding(article) for article in kept]
        # Undated pages get their first-seen time before slugs are made unique, so the order is by the real time.
        articles = with_first_seen(articles, store.first_seen, moment)
        articles = identity.with_unique_slugs(articles, {**store.slugs(), **identity.canonical_slugs(articles, site)}, site)
        articles, unwritable = identity.without_unwritable_pages(articles, store.released_urls(), site, output_dir)
        # Worked out now, recorded only once the outputs are in place (engine/commit.py).
        pending = store.plan_sync(articles, moment, hashes={article_id: fact.content for article_id, (_, fact) in found.facts.items() if fact.content})
        history = pending.result
        digests = {article_id: fact.digest for article_id, (_, fact) in found.facts.items() if fact.digest}
        publication = _publication(history, history.records, moment, digests)
        written = write_site(
            publication, site, OutputDir(output_dir),
            ledger=ArchiveLedger.load(state.archive_ledger), manifest=manifest, workers=workers, render_all=not state.enabled,
            commit=HistoryCommit(store, pending, state.archive_ledger, state.last_build, (last_good.path, last_good.data())),
            engine=engine,
        )
    result = BuildResult(
        # Plain Articles for the caller, each resolved when read: most callers only count them.
        articles=ResolvedArticles(tuple(entry.article for entry in history.published)),
        rejected=tuple(rejected + duplicates + clashes + unwritable),
        written=written.report.written,
        embargoed=ResolvedArticles(tuple(entry.article for entry in history.embargoed)),
        withdrawn=tuple(withdrawal.id for withdrawal in history.withdrawn),
        withdrawals=tuple(found.withdrawals),
        rendered=written.report.rendered,
        removed=written.report.removed,
        warnings=tuple(warning for article in articles for warning in article.warnings),
    )
    reusable = not kept and manifest.path is not None and all(manifest.keys.values())
    as_read = reusable and not result.rejected and not found.withdrawals and state.enabled
    pieces = _Pieces(history.records, publication, written.plan, manifest.keys) if as_read and keep else None
    return _Published(result, unchanged_window(history, bool(history.records), moment), reusable, pieces)


def _save_cache(cache: InputCache) -> bool:
    """Saved after the history is recorded, and only a cache: one that cannot be written (a
    full disk) costs the next build the reading of every input again, nothing more."""
    try:
        cache.save()
    except (OSError, WirefeedError):
        cache.abandon()
        return False
    return True


def _save_last_build(last_build: LastBuild, published: _Published, inputs_of: dict[str, str], cache: InputCache,
                     racy: dict[str, int]) -> None:
    """Only a cache, as the input cache is: one that cannot be written costs the next build the
    long way, nothing more (the outputs and the history are in place already)."""
    try:
        last_build.put(published.result, inputs_of, cache, published.window, racy)
    except (OSError, WirefeedError):
        with contextlib.suppress(OSError):  # a disk that cannot remove it either: put() wrote nothing then
            last_build.forget()


def _publication(history: SyncResult[ArticleRef], records: Sequence[ArticleRecord], now: datetime,
                 digests: dict[str, str] | None = None) -> Publication:
    # In the order of (first released, published, id), by three stable sorts: most records share
    # their first release (a build's time), and comparing tuples of equal datetimes took three
    # times as long (59 against 20 ms at 10,000).
    released = [record for record in records if record.state == "published" and record.first_released is not None]
    released.sort(key=_ID)
    released.sort(key=_PUBLISHED)
    released.sort(key=_FIRST_RELEASED)
    return Publication(
        articles=tuple(entry.article for entry in history.published),
        release_order=tuple(record.id for record in released),
        now=now,
        quiet_since=_quiet_since(records, now),
        redirects=history.redirects,
        withdrawn=history.withdrawn,
        digests=digests,
    )


_ID = operator.attrgetter("id")
_PUBLISHED = operator.attrgetter("published")
_FIRST_RELEASED = operator.attrgetter("first_released")


def _quiet_since(records: Sequence[ArticleRecord], now: datetime) -> datetime:
    """The newest change in the history, for the `updated` of a feed that has no items left.

    Taken from the history, not the clock, so an unchanged rebuild keeps that feed's bytes;
    an embargoed article counts from when it was stored, not from its future date.
    """
    times = [record.modified if record.state == "published" else record.state_since for record in records]
    return max(times, default=now)
