"""A whole build: read every input, record it in the publishing history, write every output from it.

    scan ─▶ read + normalize ─▶ identity rules ─▶ history ─▶ site plan + writers ─▶ engine (stage, swap, commit)

The clock enters a build only as `now` (the CLI's `--now`), and only through the store: it
decides what is out of embargo and when an edit without an `Updated:` line was made. Outputs
carry the store's dates, so the same inputs, history and `now` give the same bytes. The caches
(cache/) only make this faster: `cache=False` reads and writes none of them, and gives the
same outputs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from wirefeed.cache.inputs import InputCache
from wirefeed.cache.keys import inputs_digest
from wirefeed.cache.ref import ArticleRef, ResolvedArticles
from wirefeed.cache.lastbuild import LastBuild, fingerprint, unchanged_window
from wirefeed.cache.state import BuildState, CacheTunables
from wirefeed.config import CONFIG_NAME, load_site
from wirefeed.engine.commit import HistoryCommit
from wirefeed.engine.engines import Engine
from wirefeed.engine.lock import Waiting, build_lock
from wirefeed.engine.parallel import few_collections
from wirefeed.engine.runner import Manifest
from wirefeed.errors import ConfigError, WirefeedError
from wirefeed.pipeline.kept import LastGood
from wirefeed.model import Site
from wirefeed.normalize.dating import with_first_seen
from wirefeed.output import OutputDir
from wirefeed.pipeline import identity
from wirefeed.pipeline.inputs import InputsRead, Progress, read_inputs, scan_inputs
from wirefeed.pipeline.result import BuildResult
from wirefeed.store import ArticleRecord, HistoryPlace, SyncResult, default_store_path
from wirefeed.site.archive import ArchiveLedger
from wirefeed.site.plan import Publication
from wirefeed.site.write import write_site

__all__ = ["BuildResult", "build", "build_time"]


def build(
    input_dir: Path,
    output_dir: Path,
    *,
    site: Site | None = None,
    now: datetime | None = None,
    store_path: Path | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    wait: bool = True,
    on_wait: Waiting | None = None,
    cache: bool = True,
    tunables: CacheTunables | None = None,
    engine: Engine | None = None,
) -> BuildResult:
    """Build `output_dir` from the articles in `input_dir`, its `wirefeed.toml` and the publishing history.

    `now` (timezone-aware; default the clock) is the build's time. `store_path` overrides the
    config's store (an SQLite file there, even when the config names a PostgreSQL `[store] url`). A bad article is reported in the result and left out; every good one is
    still published. A bad config raises ConfigError before anything is written.
    `workers`: processes to read and render with (default $WIREFEED_WORKERS, else every CPU);
    any number gives the same outputs. `cache=False`: no cache file is read or written (every
    input read, every output rendered), with the same outputs; `tunables`: the caches' numbers.
    One build at a time runs per store and per output folder (engine/lock.py): a second one
    waits (calling `on_wait` first), or with `wait=False` raises LockedError at once.
    `engine`: what reads, groups and renders (engine/engines.py; default the local engine, forked
    workers): a DaskEngine gives the same outputs and history. It is started before anything is
    written, so an engine that cannot be reached (EngineUnavailable) leaves everything as it was.
    """
    site = site or load_site(input_dir / CONFIG_NAME)
    store_file = store_path or site.store_path or default_store_path(input_dir)
    _refuse_input_inside_output(input_dir, output_dir)
    _refuse_store_inside_output(store_file, output_dir, site)
    url = None if store_path else site.store_url
    state = BuildState(store_file, tunables or CacheTunables(), enabled=cache, store_url=url)
    history = HistoryPlace(store_file, url, site.store_password_env, wait=wait, on_wait=on_wait)
    if engine is not None:
        engine.start()
    with build_lock(store_file, output_dir, wait=wait, on_wait=on_wait), few_collections():
        return _build(input_dir, output_dir, site, now, state, history, progress, workers, engine)


def _build(input_dir: Path, output_dir: Path, site: Site, now: datetime | None, state: BuildState,
           history: HistoryPlace, progress: Progress | None, workers: int | None, engine: Engine | None) -> BuildResult:
    moment = build_time(now, site)
    paths, keys = scan_inputs(input_dir, output_dir)
    last_build = LastBuild(state, output_dir, inputs_digest(paths, keys, site), fingerprint(site), site.max_input_bytes)
    previous = last_build.get(moment)
    if previous is not None:
        return previous
    cache = InputCache.load(state, site)
    try:
        found = read_inputs(paths, site, progress, root=input_dir, workers=workers, cache=cache, keys=keys, engine=engine)
        published = _publish(found, cache, site, moment, state, history, output_dir, workers, engine)
    except BaseException:
        cache.abandon()
        raise
    _save_cache(cache)
    # An input edited just now is kept with a digest of its bytes (cache.keys.racy_key), which
    # the next build checks: "edit, then build at once" still leaves a shortcut for the build after.
    racy = cache.racy_inputs({str(path): key for path, key in zip(paths, keys)})
    if published.reusable and racy is not None:
        _save_last_build(last_build, published, {article_id: name for article_id, (name, _) in found.facts.items()}, cache, racy)
    return published.result


@dataclass(frozen=True, slots=True)
class _Published:
    result: BuildResult
    window: tuple[datetime, datetime]  # the times `now` may take and give the same build again
    reusable: bool  # whether a later build may stand on this one (last_build.put)


def _publish(found: InputsRead, cache: InputCache, site: Site, moment: datetime, state: BuildState,
             place: HistoryPlace, output_dir: Path, workers: int | None, engine: Engine | None) -> _Published:
    """From the articles read to the outputs in place and the history recorded."""
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
        written = write_site(
            _publication(history, history.records, moment, digests), site, OutputDir(output_dir),
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
    return _Published(result, unchanged_window(history, bool(history.records), moment), reusable)


def _save_cache(cache: InputCache) -> None:
    """Saved after the history is recorded, and only a cache: one that cannot be written (a
    full disk) costs the next build the reading of every input again, nothing more."""
    try:
        cache.save()
    except (OSError, WirefeedError):
        cache.abandon()


def _save_last_build(last_build: LastBuild, published: _Published, inputs_of: dict[str, str], cache: InputCache,
                     racy: dict[str, int]) -> None:
    """Only a cache, as the input cache is: one that cannot be written costs the next build the
    long way, nothing more (the outputs and the history are in place already)."""
    try:
        last_build.put(published.result, inputs_of, cache, published.window, racy)
    except (OSError, WirefeedError):
        with contextlib.suppress(OSError):  # a disk that cannot remove it either: put() wrote nothing then
            last_build.forget()


def build_time(now: datetime | None, site: Site) -> datetime:
    """The build's time: whole seconds (as every output date is), in the site's time zone."""
    moment = now or datetime.now(timezone.utc)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"the build time must carry a UTC offset, got {moment.isoformat()}")
    # The instant is what counts: any offset given for it gives the same outputs.
    return moment.replace(microsecond=0).astimezone(site.timezone)


def _refuse_store_inside_output(store_file: Path, output_dir: Path, site: Site) -> None:
    if store_file.resolve().is_relative_to(output_dir.resolve()):
        raise ConfigError(
            site.config_path or store_file, "store.path",
            f"the store {store_file} is inside the output folder {output_dir}, where a rebuild of the "
            "output would lose the publishing history; expected a path outside it",
        )


def _refuse_input_inside_output(input_dir: Path, output_dir: Path) -> None:
    """An output folder inside the input folder is skipped when scanning (scan_inputs); the other
    way round a build would publish into its own inputs and delete them as stale outputs."""
    if input_dir.resolve().is_relative_to(output_dir.resolve()):
        raise ConfigError(output_dir, None, f"the output folder holds the input folder {input_dir}, and a build "
                          "replaces everything in it; expected an output folder outside the input folder")


def _publication(history: SyncResult[ArticleRef], records: Sequence[ArticleRecord], now: datetime,
                 digests: dict[str, str] | None = None) -> Publication:
    released = sorted(
        (record for record in records if record.state == "published" and record.first_released is not None),
        key=lambda record: (record.first_released, record.published, record.id),
    )
    return Publication(
        articles=tuple(entry.article for entry in history.published),
        release_order=tuple(record.id for record in released),
        now=now,
        quiet_since=_quiet_since(records, now),
        redirects=history.redirects,
        withdrawn=history.withdrawn,
        digests=digests,
    )


def _quiet_since(records: Sequence[ArticleRecord], now: datetime) -> datetime:
    """The newest change in the history, for the `updated` of a feed that has no items left.

    Taken from the history, not the clock, so an unchanged rebuild keeps that feed's bytes;
    an embargoed article counts from when it was stored, not from its future date.
    """
    times = [record.modified if record.state == "published" else record.state_since for record in records]
    return max(times, default=now)
