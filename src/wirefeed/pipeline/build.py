"""A whole build: read every input, record it in the publishing history, write every output from it.

    scan ─▶ read + normalize ─▶ identity rules ─▶ history ─▶ site plan + writers ─▶ engine (stage, swap, commit)

The clock enters a build only as `now` (the CLI's `--now`), and only through the store: it
decides what is out of embargo and when an edit without an `Updated:` line was made. Outputs
carry the store's dates, so the same inputs, history and `now` give the same bytes. The caches
(cache/) only make this faster: `cache=False` reads and writes none of them, and gives the
same outputs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from wirefeed.cache.keys import inputs_digest
from wirefeed.cache.lastbuild import LastBuild, fingerprint
from wirefeed.cache.state import BuildState, CacheTunables
from wirefeed.config import CONFIG_NAME, load_site
from wirefeed.engine.engines import Engine
from wirefeed.engine.lock import Waiting, build_lock
from wirefeed.engine.parallel import few_collections
from wirefeed.errors import ConfigError
from wirefeed.model import Site
from wirefeed.pipeline.result import BuildResult
from wirefeed.pipeline.scan import Progress, Scanned, scan_names
from wirefeed.store import HistoryPlace, default_store_path

if TYPE_CHECKING:
    from wirefeed.pipeline.warm import Retained

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
    retain: Callable[[Retained], None] | None = None,
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
    `retain`: given what a rebuild kept in memory stands on (pipeline/warm.py), when the build
    published every input as read; such a build takes the long way even when nothing changed.
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
        return _build(input_dir, output_dir, site, now, state, history, progress, workers, engine, retain)


def _build(input_dir: Path, output_dir: Path, site: Site, now: datetime | None, state: BuildState,
           history: HistoryPlace, progress: Progress | None, workers: int | None, engine: Engine | None,
           retain: Callable[[Retained], None] | None) -> BuildResult:
    moment = build_time(now, site)
    names, keys = scan_names(input_dir, output_dir)
    last_build = LastBuild(state, output_dir, inputs_digest(names, keys, site), fingerprint(site), site.max_input_bytes)
    previous = last_build.get(moment)
    if previous is not None and retain is None:
        return previous
    # The long way, imported only now: a rebuild that finds nothing changed needs none of the
    # readers, the history's planning, the site plan or the writers (a third of its time was
    # importing them).
    from wirefeed.pipeline.publish import build_anew

    return build_anew(Scanned(input_dir, names, keys), output_dir, site, moment, state, history, last_build,
                      progress=progress, workers=workers, engine=engine, retain=retain)


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


