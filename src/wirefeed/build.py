"""A whole build: read every input, record it in the publishing history, write every output from it.

The clock enters a build only as `now` (the CLI's `--now`), and only through the store: it
decides what is out of embargo and when an edit without an `Updated:` line was made. Outputs
carry the store's dates, so the same inputs, history and `now` give the same bytes.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import pickle
import secrets
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple, overload
from datetime import datetime, timedelta, timezone
from pathlib import Path

from wirefeed.buildlock import Waiting, build_lock
from wirefeed.blobs import BlobFile, BlobPlace, StoredBlob
from wirefeed.config import CONFIG_NAME, load_site
from wirefeed.errors import ConfigError, InputError, StoreError, WirefeedError, Withdrawal
from wirefeed.model import Article, LazyArticle, Site, listed_values, pickled_bytes, revised
from wirefeed.layout import slug_url, url_path_in_site
from wirefeed.input_articles import InputResult, articles_of
from wirefeed.normalize.dating import with_first_seen
from wirefeed.output import OutputDir
from wirefeed.kept import LastGood, kept_path
from wirefeed.publish import HistoryCommit, without_unwritable_pages
from wirefeed.parallel import chunked, few_collections, run_chunks, should_fork, worker_count
from wirefeed.readers import forget_resolved_folders, is_article
from wirefeed.versions import newest_versions
from wirefeed.readers.sidecar import sidecar_path
from wirefeed.store import ArticleRecord, Store, SyncResult, content_hash, default_store_path
from wirefeed.writers import ArchiveLedger, Manifest, Publication, write_site
from wirefeed.writers.plan import HISTORY_FIELDS, article_digest, history_values

Progress = Callable[[int, int], None]

# Folders beside the config that hold the site's own files, not articles.
_SITE_FOLDERS = frozenset({"templates", "static"})


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build published, what it rejected (each with file and place) and what it wrote.

    articles: published, newest first, with the history's slug, URL and dateModified.
    embargoed: stored, published nowhere yet (datePublished after `now`), soonest first.
        (When nothing changed since the last build, these two are its saved ones, read from
        beside the store the first time they are used: most callers only count them.)
    withdrawn: ids of every released article whose input is gone (or withdraws it: `withdrawals`).
    written: every output path the build stands for; rendered: those it rendered this time;
    removed: the outputs it took down.
    """

    articles: Sequence[Article]
    rejected: tuple[InputError, ...]
    written: tuple[str, ...]
    embargoed: Sequence[Article] = ()
    withdrawn: tuple[str, ...] = ()
    withdrawals: tuple[Withdrawal, ...] = ()  # inputs that take their story down (no errors: versions.py)
    rendered: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # what was left out of published articles, one line each

    @property
    def ok(self) -> bool:
        return not self.rejected


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
) -> BuildResult:
    """Build `output_dir` from the articles in `input_dir`, its `wirefeed.toml` and the publishing history.

    `now` (timezone-aware; default the clock) is the build's time. `store_path` overrides the
    config's store. A bad article is reported in the result and left out; every good one is
    still published. A bad config raises ConfigError before anything is written.
    `workers`: processes to read and render with (default $WIREFEED_WORKERS, else every CPU);
    any number gives the same outputs.
    One build at a time runs per store and per output folder (buildlock.py): a second one
    waits (calling `on_wait` first), or with `wait=False` raises LockedError at once.
    """
    site = site or load_site(input_dir / CONFIG_NAME)
    store_file = store_path or site.store_path or default_store_path(input_dir)
    _refuse_input_inside_output(input_dir, output_dir)
    _refuse_store_inside_output(store_file, output_dir, site)
    with build_lock(store_file, output_dir, wait=wait, on_wait=on_wait), few_collections():
        return _build(input_dir, output_dir, site, now, store_file, progress, workers)


def _build(input_dir: Path, output_dir: Path, site: Site, now: datetime | None, store_file: Path,
           progress: Progress | None, workers: int | None) -> BuildResult:
    moment = build_time(now, site)
    paths, keys = scan_inputs(input_dir, output_dir)
    inputs = _inputs_digest(paths, keys, site)
    fingerprint = _fingerprint(site)
    last_build = last_build_path(store_file)
    previous = _unchanged_result(last_build, inputs, fingerprint, store_file, output_dir, moment)
    if previous is not None:
        return previous
    cache = InputCache.load(input_cache_path(store_file), site)
    try:
        articles, rejected, facts, rejected_inputs, withdrawals = _read_inputs(paths, site, progress, root=input_dir, workers=workers, cache=cache, keys=keys)
        articles, duplicates = _without_duplicate_ids(articles)
        articles, clashes = _without_clashing_pages(articles, site)
        manifest = Manifest.load(manifest_path(store_file, output_dir))
        last_good = LastGood.load(kept_path(store_file))
        with Store.open(store_file) as store:
            states = store.states() if rejected else {}
            kept, rejected = last_good.keep(list(zip(rejected_inputs, rejected)), cache.earlier_article, lambda article_id: states.get(article_id) == "published",
                                            {article.id for article in articles})
            articles += kept
            # Undated pages get their first-seen time before slugs are made unique, so the order is by the real time.
            articles = with_first_seen(articles, store.first_seen, moment)
            articles = _with_unique_slugs(articles, {**store.slugs(), **_canonical_slugs(articles, site)}, site)
            articles, unwritable = without_unwritable_pages(articles, store.released_urls(), site, output_dir)
            # Worked out now, recorded only once the outputs are in place (publish.py).
            pending = store.plan_sync(articles, moment, hashes={article_id: fact.content for article_id, (_, fact) in facts.items() if fact.content})
            history = pending.result
            records = history.records
            ledger_path = archive_ledger_path(store_file)
            written = write_site(
                _publication(history, records, moment, {article_id: fact.digest for article_id, (_, fact) in facts.items() if fact.digest}),
                site,
                OutputDir(output_dir),
                ledger=ArchiveLedger.load(ledger_path),
                manifest=manifest,
                workers=workers,
                commit=HistoryCommit(store, pending, ledger_path, last_build, (last_good.path, last_good.data())),
            )
    except BaseException:
        cache.abandon()
        raise
    _save_cache(cache)
    result = BuildResult(
        articles=tuple(entry.article for entry in history.published),
        rejected=tuple(rejected + duplicates + clashes + unwritable),
        written=written.report.written,
        embargoed=tuple(entry.article for entry in history.embargoed),
        withdrawn=tuple(withdrawal.id for withdrawal in history.withdrawn),
        withdrawals=tuple(withdrawals),
        rendered=written.report.rendered,
        removed=written.report.removed,
        warnings=tuple(warning for article in articles for warning in article.warnings),
    )
    if not kept and manifest.path is not None and all(manifest.keys.values()) and all(key is not None and _settled(key) for key in keys):
        _remember(last_build, result, {article_id: name for article_id, (name, _) in facts.items()}, cache,
                  inputs, fingerprint, store_file, output_dir,
                  _unchanged_window(history, bool(records), moment))
    return result


# ---------------------------------------------------------------------------------------------
# The whole-build fast path: nothing changed since the last completed build, so it stands.

_LAST_BUILD_VERSION = 5  # 4: BuildResult.warnings; 5: BuildResult.withdrawals


def last_build_path(store_file: Path) -> Path:
    """What the last completed build was made from, beside the store; its result beside that."""
    return store_file.with_name(f"{store_file.stem}.last-build.json")


def _last_result_path(last_build: Path) -> Path:
    return last_build.with_suffix(".pickle")


def _last_articles_path(last_build: Path) -> Path:
    return last_build.with_name(f"{last_build.stem}-articles.pickle")


class SavedArticles(Sequence[Article]):
    """The articles (or the embargoed ones) of the last completed build, from the file it saved
    them in, read when first used. Reading 10,000 articles takes longer than finding that nothing
    changed, and a caller such as `wirefeed build` only wants to know how many there are."""

    def __init__(self, saved: _SavedArticleLists, field: str, count: int) -> None:
        self._saved = saved
        self._field = field
        self._count = count

    def _items(self) -> tuple[Article, ...]:
        return self._saved.lists()[self._field]

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Article: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Article, ...]: ...

    def __getitem__(self, index: int | slice) -> Article | tuple[Article, ...]:
        return self._items()[index]

    def __iter__(self) -> Iterator[Article]:
        return iter(self._items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SavedArticles({self._field}, {self._count})"


class _SavedArticleLists:
    """The last build's `articles` and `embargoed`, loaded once for both.

    `made_from` names the inputs and code they were built from: a later build that saved other
    articles there is not mistaken for the one whose result this is.
    """

    def __init__(self, path: Path, made_from: str) -> None:
        self.path = path
        self.made_from = made_from
        self._lists: dict[str, tuple[Article, ...]] | None = None

    def lists(self) -> dict[str, tuple[Article, ...]]:
        if self._lists is None:
            try:
                with self.path.open("rb") as handle:
                    version, made_from, cache_path, cache_key, saved = pickle.load(handle)
                if version != _LAST_BUILD_VERSION or made_from != self.made_from or _stat_key(os.stat(cache_path)) != cache_key:
                    raise ValueError("another build's")
                entries = read_input_cache(Path(cache_path)).entries
                self._lists = {field: tuple(_as_published(entries[name][1], decided) for name, decided in items)
                               for field, items in saved.items()}
            except Exception:
                raise StoreError(self.path, "the last build's saved articles are gone or damaged; build again to list them") from None
        return self._lists


def _as_published(facts: ReadFacts, decided: tuple[object, ...]) -> Article:
    article = facts.result()
    if not isinstance(article, Article):
        raise TypeError("not an article")
    changes: dict[str, Any] = dict(zip(HISTORY_FIELDS, decided))
    return revised(article, **changes)


def _inputs_digest(paths: Sequence[Path], keys: Sequence[InputKey | None], site: Site) -> str:
    """The input files, their sidecars and the static files, by name and identity, size and times."""
    static: list[tuple[str, tuple[int, ...]]] = []
    if site.static_dir is not None and site.static_dir.is_dir():
        for path in sorted(site.static_dir.rglob("*")):
            try:
                static.append((str(path), _stat_key(os.stat(path))))
            except OSError:
                static.append((str(path), ()))
    return hashlib.sha256(repr(([str(path) for path in paths], list(keys), static)).encode("utf-8")).hexdigest()


def _fingerprint(site: Site) -> str:
    """The config, templates and code every output depends on, and the input cache's tag."""
    from wirefeed.writers.html import template_environment
    from wirefeed.writers.plan import render_fingerprint

    return hashlib.sha256(repr((render_fingerprint(site, template_environment(site)), _cache_tag(site))).encode()).hexdigest()


def _unchanged_window(history: SyncResult, has_records: bool, moment: datetime) -> tuple[datetime, datetime]:
    """The times `now` may take and give this build's outputs and history again.

    Each boundary is a time from which something is different: an embargoed article is
    released at its date, a published one would go back under embargo before it, and the News
    sitemap lists an article from its date until two days later. With an empty history a feed's
    `updated` is `now` itself, so only the same second will do.
    """
    from wirefeed.writers.sitemap import NEWS_WINDOW

    if not has_records:
        return moment, moment + timedelta(seconds=1)
    boundaries = [entry.article.published for entry in (*history.embargoed, *history.published)]
    for entry in history.published:
        try:
            boundaries.append(entry.article.published + NEWS_WINDOW)
        except OverflowError:
            pass
    since = max((boundary for boundary in boundaries if boundary <= moment), default=None)
    until = min((boundary for boundary in boundaries if boundary > moment), default=None)
    return since or datetime.min.replace(tzinfo=timezone.utc), until or datetime.max.replace(tzinfo=timezone.utc)


def _history_files(store_file: Path, output_dir: Path, last_build: Path) -> dict[str, tuple[int, ...]]:
    """Identity, size and times of every file beside the store that a build reads or writes."""
    files = [store_file, archive_ledger_path(store_file), input_cache_path(store_file),
             manifest_path(store_file, output_dir), _last_result_path(last_build), _last_articles_path(last_build),
             # The input cache's blob files, which the saved articles are read from.
             *sorted(_blob_files(input_cache_path(store_file)))]
    keys: dict[str, tuple[int, ...]] = {}
    for path in files:
        try:
            keys[str(path)] = _stat_key(os.stat(path))
        except OSError:
            keys[str(path)] = ()
    journal = store_file.with_name(store_file.name + "-journal")
    keys[str(journal)] = () if not os.path.lexists(journal) else (1,)
    return keys


def _output_folders(output_dir: Path, written: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """Identity and times of the output folder and of each folder an output lies in: a file
    added, removed or renamed in one changes its time."""
    return _folder_keys(output_dir, {""} | {path.rpartition("/")[0] for path in written})


def _folder_keys(output_dir: Path, folders: Iterable[str]) -> dict[str, tuple[int, ...]]:
    keys: dict[str, tuple[int, ...]] = {}
    for folder in sorted(folders):
        try:
            keys[folder] = _stat_key(os.stat(output_dir / folder if folder else output_dir))
        except OSError:
            keys[folder] = ()
    return keys


def _remember(last_build: Path, result: BuildResult, inputs_of: Mapping[str, str], cache: InputCache, inputs: str,
               fingerprint: str, store_file: Path, output_dir: Path, window: tuple[datetime, datetime]) -> None:
    """Record what a completed build was made from, written last: its result first, then the check.

    Its articles are kept as the input cache's entries they were read from (`inputs_of`: the
    entry of each id) and the fields the history set on them: the cache already holds them
    pickled, and writing 10,000 articles a second time cost more than finding what changed.
    Not recorded when the saved cache lacks one (an input changed just before it was read is
    not kept there): the next build then takes the long way.
    """
    lists = {"articles": tuple(result.articles), "embargoed": tuple(result.embargoed)}
    cache_path = cache.path
    if cache_path is None or not all(cache.reusable(inputs_of[article.id]) for items in lists.values() for article in items):
        return
    folder = OutputDir(last_build.parent)
    saved = {field: [(inputs_of[article.id], history_values(article)) for article in items]
             for field, items in lists.items()}
    cache_key = _stat_key(os.stat(cache_path))
    folder.write_bytes(_last_articles_path(last_build).name, pickle.dumps(
        (_LAST_BUILD_VERSION, inputs + fingerprint, str(cache_path), cache_key, saved), protocol=pickle.HIGHEST_PROTOCOL))
    stored = replace(result, articles=(), embargoed=(), rendered=(), removed=())
    folder.write_bytes(_last_result_path(last_build).name, pickle.dumps((_LAST_BUILD_VERSION, stored), protocol=pickle.HIGHEST_PROTOCOL))
    document = {
        "version": _LAST_BUILD_VERSION,
        "counts": {field: len(items) for field, items in lists.items()},
        "inputs": inputs,
        "fingerprint": fingerprint,
        "output": str(output_dir.resolve()),
        "since": window[0].isoformat(),
        "until": window[1].isoformat(),
        "history": _history_files(store_file, output_dir, last_build),
        "folders": _output_folders(output_dir, result.written),
    }
    folder.write_text(last_build.name, json.dumps(document, indent=1, sort_keys=True) + "\n")


def _save_cache(cache: InputCache) -> None:
    """Saved after the history is recorded, and only a cache: one that cannot be written (a
    full disk) costs the next build the reading of every input again, nothing more."""
    try:
        cache.save()
    except (OSError, WirefeedError):
        cache.abandon()


def _unchanged_result(last_build: Path, inputs: str, fingerprint: str, store_file: Path, output_dir: Path,
                      moment: datetime) -> BuildResult | None:
    """The last build's result when nothing it was made from has changed; else None. Reads only."""
    try:
        document = json.loads(last_build.read_text(encoding="utf-8"))
        if not (
            isinstance(document, dict)
            and document.get("version") == _LAST_BUILD_VERSION
            and document.get("inputs") == inputs
            and document.get("fingerprint") == fingerprint
            and document.get("output") == str(output_dir.resolve())
            and datetime.fromisoformat(document["since"]) <= moment < datetime.fromisoformat(document["until"])
            and document.get("history") == _as_json(_history_files(store_file, output_dir, last_build))
        ):
            return None
        folders = document.get("folders")
        if not isinstance(folders, dict) or folders != _as_json(_folder_keys(output_dir, folders)):
            return None
        with _last_result_path(last_build).open("rb") as handle:
            version, result = pickle.load(handle)
        counts = document["counts"]
        if version != _LAST_BUILD_VERSION or not isinstance(result, BuildResult) or not isinstance(counts, dict):
            return None
        saved = _SavedArticleLists(_last_articles_path(last_build), inputs + fingerprint)
        return replace(result, articles=SavedArticles(saved, "articles", int(counts["articles"])),
                       embargoed=SavedArticles(saved, "embargoed", int(counts["embargoed"])))
    except Exception:  # none, or damaged: the normal build
        return None


def _as_json(value: object) -> object:
    return json.loads(json.dumps(value))


def build_time(now: datetime | None, site: Site) -> datetime:
    """The build's time: whole seconds (as every output date is), in the site's time zone."""
    moment = now or datetime.now(timezone.utc)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"the build time must carry a UTC offset, got {moment.isoformat()}")
    # The instant is what counts: any offset given for it gives the same outputs.
    return moment.replace(microsecond=0).astimezone(site.timezone)


def archive_ledger_path(store_file: Path) -> Path:
    """The archive ledger lives beside the store: both are the site's publishing history."""
    return store_file.with_name(f"{store_file.stem}.archives.json")


def input_cache_path(store_file: Path) -> Path:
    """What each input file gave last time, keyed by its size and times, beside the store."""
    return store_file.with_name(f"{store_file.stem}.inputs.pickle")


_INPUT_CACHE_VERSION = 5
# The key of an input cache entry that is never reused: no input's key is empty.
_UNSETTLED: InputKey = ()
# A file changed within this long of being looked at may change again within the same
# timestamp (the "racy git" problem): its result is not kept, so it is read again next time.
_SETTLED_NS = 2_000_000_000

InputKey = tuple[tuple[int, ...], ...]


class ReadFacts(NamedTuple):
    """What one input gave, as the input cache keeps it: the Article (or InputError) pickled,
    and for an article what later stages would otherwise work out from it on every build."""

    blob: bytes | StoredBlob  # an article's pickle is kept in the cache's blob file, an error's here
    digest: str | None  # writers.plan.article_digest()
    content: str | None  # store.content_hash()
    listed: bytes | None  # its model.LISTED_FIELDS, pickled apart: all most builds unpickle

    @classmethod
    def of(cls, result: InputResult, blobs: BlobFile | None = None) -> ReadFacts:
        """`blobs`: where to put an article's pickle (else it is kept in memory). A file of several
        articles is the pickle of each one's ReadFacts, kept in the index (parts())."""
        if isinstance(result, tuple):
            return cls(pickle.dumps(tuple(cls.of(part) for part in result), protocol=pickle.HIGHEST_PROTOCOL), None, None, None)
        blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        if isinstance(result, InputError):
            return cls(blob, None, None, None)
        listed = pickle.dumps(listed_values(result), protocol=pickle.HIGHEST_PROTOCOL)
        stored = blob if blobs is None else StoredBlob(blobs, blobs.append(blob))
        return cls(stored, article_digest(result), content_hash(result), listed)

    def result(self) -> Article | InputError:
        """The article, as a LazyArticle (its other fields unpickled when read), or the error."""
        if self.listed is not None:
            return LazyArticle.of(self.blob, pickle.loads(self.listed))
        result = pickle.loads(pickled_bytes(self.blob))
        if not isinstance(result, InputError):
            raise TypeError(f"the input cache holds a {type(result).__name__}")
        return result

    def parts(self) -> tuple[ReadFacts, ...]:
        """The ReadFacts of each article of a file of several; (self,) for a file of one."""
        if self.listed is None and isinstance(self.blob, bytes):
            found = pickle.loads(self.blob)
            if isinstance(found, tuple):
                return found
        return (self,)

    def stored(self) -> tuple[Any, ...]:
        """As the cache file keeps it: a plain tuple, with a blob's place instead of the blob."""
        blob = self.blob if isinstance(self.blob, bytes) else tuple(self.blob.place)
        return (blob, self.digest, self.content, self.listed)


class InputCache:
    """Each input's ReadFacts from an earlier build, reused while its file, sidecar, the site
    config and wirefeed's code are unchanged: a rebuild reads only what changed.

    Two files beside the store. The blob file (`blobs.py`) holds each article's pickle, appended
    by whichever process read it, and read back when the article is rendered: a build holds
    the places, not the pickles (about 500 MB at 100,000 articles). The index file is one
    pickle of every entry (with its blob's place) followed by a pickle per later build of the
    entries it changed (None for an input gone): rewriting it whole for one edit took a tenth of
    the rebuild. It is written whole again once the appended builds are many, and the blob file
    is copied into a new one when most of it is pickles no entry uses any more.
    A missing, damaged or outdated cache (index or blob file) means every input is read again;
    a torn last append (a build killed while saving) loses only that build's entries.
    """

    def __init__(self, path: Path | None, tag: str, entries: dict[str, tuple[InputKey, ReadFacts]], appended: int = -1,
                 blobs: BlobFile | None = None) -> None:
        self.path = path
        self.tag = tag
        self.entries = entries
        self.fresh: dict[str, tuple[InputKey, ReadFacts]] = {}
        self.changed = False
        self.blobs = blobs
        self._appended = appended  # the appended pickles after the first; -1: no usable file
        self._new_blobs = False  # the blob file was made by this build: no index names it yet

    @classmethod
    def load(cls, path: Path | None, site: Site) -> InputCache:
        tag = _cache_tag(site)
        if path is None:
            return cls(None, tag, {})
        try:
            stored = read_input_cache(path)
            if stored.tag == tag:
                return cls(path, tag, stored.entries, stored.appended, stored.blobs)
        except Exception:  # none yet, or unreadable: read every input
            pass
        return cls(path, tag, {})

    def blob_file(self) -> BlobFile | None:
        """Where this build's readers put the articles' pickles; made when first needed."""
        if self.blobs is None and self.path is not None:
            self.blobs = _new_blob_file(self.path)
            self._new_blobs = True
        return self.blobs

    def get(self, path: Path, key: InputKey | None) -> ReadFacts | None:
        entry = self.entries.get(str(path))
        if key is None or entry is None or entry[0] != key:
            self.changed = True
            return None
        self.fresh[str(path)] = entry
        return entry[1]

    def put(self, path: Path, key: InputKey | None, facts: ReadFacts) -> None:
        if key is not None and _settled(key):
            self.fresh[str(path)] = (key, facts)
            return
        # Too new to be reused (it may change again within its timestamp): kept under a key no
        # input has, so it is read again next time, but known as what the file gave, which a
        # rejected edit of it falls back on (kept.py). Unchanged, the entry stays as it was.
        earlier = self.entries.get(str(path))
        if earlier is not None and earlier[0] == _UNSETTLED and _same_facts(earlier[1], facts):
            self.fresh[str(path)] = earlier
        else:
            self.fresh[str(path)] = (_UNSETTLED, facts)

    def reusable(self, name: str) -> bool:
        """Whether this build keeps the entry of input `name` for a later build to reuse."""
        entry = self.fresh.get(name)
        return entry is not None and entry[0] != _UNSETTLED

    def earlier_article(self, path: Path) -> Article | None:
        """The article `path` gave when the cache was saved; None if it gave none (or an error)."""
        entry = self.entries.get(str(path))
        if entry is None:
            return None
        parts = entry[1].parts()  # a file of several articles: none is kept in place of a bad edit
        result = parts[0].result() if len(parts) == 1 else None
        return result if isinstance(result, Article) else None

    def abandon(self) -> None:
        """A failed build's: remove the blob file it made, which no index names."""
        if self._new_blobs and self.blobs is not None:
            self.blobs.path.unlink(missing_ok=True)
            self._new_blobs = False

    def save(self) -> None:
        """Keep the entries of this build's inputs (dropping removed ones), when any changed."""
        if not self._saved() and self._new_blobs and self.blobs is not None:
            # Nothing was kept (every input read was too new): no index names the new blob file.
            self.blobs.path.unlink(missing_ok=True)

    def _saved(self) -> bool:
        if self.path is None or not (self.changed or self.fresh.keys() != self.entries.keys()):
            return False
        # An entry reused from the file is the very tuple loaded (get() keeps it): only new ones differ.
        changes: dict[str, tuple[InputKey, tuple[Any, ...]] | None] = {
            name: (entry[0], entry[1].stored()) for name, entry in self.fresh.items() if self.entries.get(name) is not entry}
        changes.update(dict.fromkeys(self.entries.keys() - self.fresh.keys()))
        if not changes:  # only inputs too new to keep were read: the file stays as it is, untouched
            return False
        if self.blobs is None:  # only inputs too new to reuse were read: their pickles are in the index
            self.blob_file()
        assert self.blobs is not None
        compact = self._mostly_unused_blobs()
        if 0 <= self._appended < _CACHE_APPENDS and len(changes) <= len(self.fresh) // 4 and not compact:
            with self.path.open("ab") as handle:
                handle.write(pickle.dumps(changes, protocol=pickle.HIGHEST_PROTOCOL))
            self._appended += 1
            return True
        if compact:
            self._copy_to_new_blob_file()
        # Stored as plain tuples: pickle then needs no class lookups for 10,000 entries.
        stored = {name: (key, facts.stored()) for name, (key, facts) in self.fresh.items()}
        data = pickle.dumps((self.tag, _blob_token(self.path, self.blobs), stored), protocol=pickle.HIGHEST_PROTOCOL)
        OutputDir(self.path.parent).write_bytes(self.path.name, data)
        self._appended = 0
        self._new_blobs = False
        _remove_other_blob_files(self.path, self.blobs)
        return True

    def _mostly_unused_blobs(self) -> bool:
        """Whether the blob file is more than half pickles of inputs gone or changed since (each
        edit appends one), or holds blobs of another file than this cache's."""
        assert self.blobs is not None
        used = 0
        for _, facts in self.fresh.values():
            if isinstance(facts.blob, StoredBlob):
                if facts.blob.file is not self.blobs:
                    return True
                used += facts.blob.place.length
        return self.blobs.size() > 2 * used + _UNUSED_BLOBS_ALLOWED

    def _copy_to_new_blob_file(self) -> None:
        assert self.path is not None
        blobs = _new_blob_file(self.path)
        for name, (key, facts) in list(self.fresh.items()):
            if isinstance(facts.blob, StoredBlob):
                self.fresh[name] = (key, facts._replace(blob=StoredBlob(blobs, blobs.append(facts.blob.read()))))
        self.blobs = blobs


# Builds appended to the input cache file before it is written whole again.
_CACHE_APPENDS = 50
# Bytes of unused pickles the blob file may hold beyond as many as it uses before it is compacted.
_UNUSED_BLOBS_ALLOWED = 1 << 20


def _same_facts(old: ReadFacts, new: ReadFacts) -> bool:
    """Whether two reads of an input gave the same (an error by its pickle, an article by its digests)."""
    if new.listed is None or old.listed is None:
        return new.blob == old.blob
    return (old.digest, old.content, old.listed) == (new.digest, new.content, new.listed)


class StoredInputCache(NamedTuple):
    tag: str
    entries: dict[str, tuple[InputKey, ReadFacts]]
    appended: int  # how many builds appended to the index file since it was written whole
    blobs: BlobFile


def read_input_cache(path: Path) -> StoredInputCache:
    """The input cache at `path` (its index file), with the blob file the index names."""
    with path.open("rb") as handle:
        tag, token, stored = pickle.load(handle)
        if not isinstance(stored, dict) or not isinstance(token, str) or not token.isalnum():
            raise TypeError("not an input cache")
        appended = 0
        while True:
            try:
                changes = pickle.load(handle)
            except EOFError:
                break
            except Exception:  # torn by a killed build: what came before it stands
                appended = _CACHE_APPENDS  # written whole next time
                break
            for name, entry in changes.items():
                if entry is None:
                    stored.pop(name, None)
                else:
                    stored[name] = entry
            appended += 1
    blob_path = _blob_path(path, token)
    if not blob_path.is_file():
        raise FileNotFoundError(f"the input cache's blob file {blob_path} is gone")
    blobs = BlobFile.at(str(blob_path))
    # A place is kept as a plain (offset, length) tuple, an error's pickle as bytes.
    if max((blob[0] + blob[1] for _, (blob, *_) in stored.values() if type(blob) is tuple), default=0) > blobs.size():
        raise ValueError(f"the input cache's blob file {blob_path} is shorter than its index says")
    entries = {name: (key, ReadFacts(blob if type(blob) is bytes else StoredBlob(blobs, BlobPlace(*blob)), digest, content, listed))
               for name, (key, (blob, digest, content, listed)) in stored.items()}
    return StoredInputCache(tag, entries, appended, blobs)


def _blob_path(index: Path, token: str) -> Path:
    """`store.inputs-<token>.blobs` beside `store.inputs.pickle`: a compacted blob file gets a new
    name, so articles of an earlier build that still read the old one read what they expect."""
    return index.with_name(f"{index.stem}-{token}.blobs")


def _blob_token(index: Path, blobs: BlobFile) -> str:
    return blobs.path.name.removeprefix(f"{index.stem}-").removesuffix(".blobs")


def _new_blob_file(index: Path) -> BlobFile:
    index.parent.mkdir(parents=True, exist_ok=True)
    return BlobFile(_blob_path(index, secrets.token_hex(8)))


def _blob_files(index: Path) -> list[Path]:
    return list(index.parent.glob(f"{glob.escape(index.stem)}-*.blobs"))


def _remove_other_blob_files(index: Path, kept: BlobFile) -> None:
    """Blob files no index names any more: replaced by a compacted one, or of an outdated cache."""
    for path in _blob_files(index):
        if path.name != kept.path.name:
            path.unlink(missing_ok=True)


def _cache_tag(site: Site) -> str:
    from wirefeed.writers.plan import _code_digest

    return hashlib.sha256(repr((_INPUT_CACHE_VERSION, _code_digest(), site)).encode("utf-8")).hexdigest()


def input_key(path: Path) -> InputKey | None:
    """The file's and its sidecar's identity, size and times; None when it cannot be looked at."""
    try:
        parts = [_stat_key(os.lstat(path)), _stat_key(os.stat(path))]
        try:
            parts.append(_stat_key(os.lstat(sidecar_path(path))))
            parts.append(_stat_key(os.stat(sidecar_path(path))))
        except FileNotFoundError:
            parts.append(())
    except OSError:
        return None
    return tuple(parts)


def _stat_key(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _settled_key(key: InputKey | None) -> bool:
    return key is not None and _settled(key)


def _settled(key: InputKey) -> bool:
    newest = max((part[4] for part in key if part), default=0)
    newest = max([newest, *(part[5] for part in key if part)])
    return newest < time.time_ns() - _SETTLED_NS


def manifest_path(store_file: Path, output_dir: Path) -> Path:
    """What was rendered into one output folder, beside the store (a store may build several)."""
    folder = hashlib.sha256(str(output_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return store_file.with_name(f"{store_file.stem}.outputs-{folder}.json")


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


def _publication(history: SyncResult, records: Sequence[ArticleRecord], now: datetime,
                 digests: Mapping[str, str] | None = None) -> Publication:
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


def discover(input_dir: Path) -> list[Path]:
    """Every article file under `input_dir`, in a stable order; hidden and site folders skipped."""
    return scan_inputs(input_dir)[0]


def scan_inputs(input_dir: Path, output_dir: Path | None = None) -> tuple[list[Path], list[InputKey | None]]:
    """Every article file under `input_dir` (in path order) with its input_key(), from one
    listing of each folder: a file that is no link needs no second look through it, and a
    sidecar that is not in the listing needs none at all. A folder reached twice (a link back
    up the tree, two links to one place) is walked once; hidden and site folders are skipped,
    and so are `output_dir` and its stages (`<output>.wirefeed-next` and the like) when they
    lie inside: a build never reads its own outputs back as inputs.
    """
    found: list[tuple[Path, InputKey | None]] = []
    seen: set[Path] = set()
    if output_dir is not None:
        real = output_dir.resolve()
        seen.update((real, *(path.resolve() for path in real.parent.glob(f"{glob.escape(real.name)}.wirefeed-*"))))
    _scan(input_dir, top=True, seen=seen, found=found)
    return [path for path, _ in found], [key for _, key in found]


def _scan(folder: Path, *, top: bool, seen: set[Path], found: list[tuple[Path, InputKey | None]]) -> None:
    real = folder.resolve()
    if real in seen:
        return
    seen.add(real)
    with os.scandir(folder) as listing:
        entries = sorted((entry for entry in listing if not entry.name.startswith(".")), key=lambda entry: entry.name)
    by_name = {entry.name: entry for entry in entries}
    for entry in entries:
        path = folder / entry.name
        if entry.is_dir():
            if not (top and entry.name in _SITE_FOLDERS):
                _scan(path, top=False, seen=seen, found=found)
        elif entry.is_file() and is_article(path):
            found.append((path, _entry_key(entry, by_name.get(sidecar_path(path).name))))


def _entry_key(entry: os.DirEntry[str], sidecar: os.DirEntry[str] | None) -> InputKey | None:
    """input_key() of a listed file and its listed sidecar (None when there is none)."""
    try:
        parts = [*_link_and_target_keys(entry)]
        if sidecar is None:
            parts.append(())
        else:
            try:
                parts.append(_stat_key(sidecar.stat(follow_symlinks=False)))
                parts.append(parts[-1] if not sidecar.is_symlink() else _stat_key(sidecar.stat()))
            except FileNotFoundError:  # gone since the listing, or a link to nothing
                parts.append(())
    except OSError:
        return None
    return tuple(parts)


def _link_and_target_keys(entry: os.DirEntry[str]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    link = _stat_key(entry.stat(follow_symlinks=False))
    if not entry.is_symlink():
        return link, link
    return link, _stat_key(entry.stat())


_READ_CHUNK = 100


def read_articles(paths: Sequence[Path], site: Site, progress: Progress | None = None, *, root: Path | None = None,
                  workers: int | None = None, cache: InputCache | None = None,
                  keys: Sequence[InputKey | None] | None = None) -> tuple[list[Article], list[InputError]]:
    """Read and normalize each path; collect the errors instead of stopping at the first.

    With more than one worker, forked processes share the paths in chunks; the articles
    and errors come back in the order of `paths` all the same. With a cache, only the
    files changed since it was saved are read (`keys`: their input_key, when already taken).
    `root`, the input folder, is where no input may lead out of through a symbolic link.
    """
    articles, rejected, _, _, withdrawals = _read_inputs(paths, site, progress, root=root, workers=workers, cache=cache, keys=keys)
    return articles, [*rejected, *withdrawals]


def _read_inputs(paths: Sequence[Path], site: Site, progress: Progress | None = None, *, root: Path | None = None,
                 workers: int | None = None, cache: InputCache | None = None,
                 keys: Sequence[InputKey | None] | None = None
                 ) -> tuple[list[Article], list[InputError], dict[str, tuple[str, ReadFacts]], list[Path], list[Withdrawal]]:
    """read_articles(), by article id its input cache entry's name and ReadFacts (the first
    one read, for an id that two inputs give: the one _without_duplicate_ids keeps), the
    input each error came from (an error may name its sidecar), and the withdrawals apart.
    Of several versions of one wire story, only the newest is kept (versions.py)."""
    known: list[ReadFacts | None] = [None] * len(paths)
    if cache is not None:
        if keys is None:
            keys = [input_key(path) for path in paths]
        known = [cache.get(path, key) for path, key in zip(paths, keys)]
    unread = [index for index, facts in enumerate(known) if facts is None]
    # An input too new to reuse keeps its pickle in the cache's index, not in the blob file:
    # it is read again every build until it settles, and would append the same pickle each time.
    unsettled = frozenset() if keys is None else frozenset(paths[index] for index in unread if not _settled_key(keys[index]))
    blobs = cache.blob_file() if cache is not None and len(unsettled) < len(unread) else None
    fresh = iter(_read_all([paths[index] for index in unread], site, progress, workers, root, blobs, unsettled))
    articles: list[Article] = []
    rejected: list[InputError] = []
    rejected_inputs: list[Path] = []
    read_from: list[tuple[str, ReadFacts]] = []  # of each article, its cache entry's name and ReadFacts
    for index, (path, facts) in enumerate(zip(paths, known)):
        if facts is None:
            facts = next(fresh)
            if cache is not None and keys is not None:
                cache.put(path, keys[index], facts)
        parts = facts.parts()
        for part_index, part in enumerate(parts):
            result = part.result()
            if isinstance(result, InputError):
                rejected.append(result)
                rejected_inputs.append(path)
            else:
                articles.append(result)
                # An article of a file of several has no entry of its own to be reused from (_remember).
                read_from.append((str(path) if len(parts) == 1 else f"{path}#{part_index}", part))
    settled = newest_versions(articles, read_from, rejected, rejected_inputs)
    by_id: dict[str, tuple[str, ReadFacts]] = {}
    for article, origin in zip(settled.articles, settled.origins):
        by_id.setdefault(article.id, origin)
    return settled.articles, settled.rejected, by_id, settled.rejected_inputs, settled.withdrawals


def _read_all(paths: Sequence[Path], site: Site, progress: Progress | None, workers: int | None,
              root: Path | None, blobs: BlobFile | None = None, unsettled: frozenset[Path] = frozenset()) -> list[ReadFacts]:
    forget_resolved_folders()
    count = worker_count(workers)
    if not should_fork(len(paths), count, forced=workers is not None):
        count = 1
    chunk_size = _READ_CHUNK if count == 1 else max(1, min(_READ_CHUNK, -(-len(paths) // (count * 4))))
    chunks = chunked(paths, chunk_size)

    def read_chunk(index: int) -> list[ReadFacts]:
        return [ReadFacts.of(_read_one(path, site, root), None if path in unsettled else blobs) for path in chunks[index]]

    def done(index: int) -> None:
        if progress:
            progress(min(len(paths), (index + 1) * chunk_size), len(paths))

    results = [result for chunk in run_chunks(len(chunks), read_chunk, count, done) for result in chunk]
    if progress and paths:
        progress(len(paths), len(paths))
    return results


def _read_one(path: Path, site: Site, root: Path | None) -> InputResult:
    return articles_of(path, site, root)


def _without_duplicate_ids(articles: list[Article]) -> tuple[list[Article], list[InputError]]:
    kept: dict[str, Article] = {}
    duplicates: list[InputError] = []
    for article in articles:
        first = kept.get(article.id)
        if first is None:
            kept[article.id] = article
        else:
            duplicates.append(InputError(article.source.path, None, f"id {article.id!r} is already used by {first.source.path}; expected each article to have its own id (rename the file or set id in its sidecar)"))
    return list(kept.values()), duplicates


def _given_page(article: Article, site: Site) -> str | None:
    """The page path of a canonical URL the input gave on this site; None for the default slug URL
    (two of those are told apart by _with_unique_slugs) and for URLs on other hosts."""
    if article.url == slug_url(article.slug, site):
        return None
    return url_path_in_site(article.url, site)


def _without_clashing_pages(articles: list[Article], site: Site) -> tuple[list[Article], list[InputError]]:
    """Reject an article whose given canonical URL names the page of an earlier one.

    (normalize() already refuses a URL that would land on the site's own pages.)
    """
    owners: dict[str, Article] = {}
    kept: list[Article] = []
    clashes: list[InputError] = []
    for article in articles:
        page = _given_page(article, site)
        if page is None:
            kept.append(article)
        elif page in owners:
            clashes.append(InputError(article.source.path, None, f"url {article.url} is already the address of {owners[page].source.path}; expected each article to have its own URL"))
        else:
            owners[page] = article
            kept.append(article)
    return kept, clashes


def _canonical_slugs(articles: Sequence[Article], site: Site) -> dict[str, str]:
    """Slug -> id for canonical URLs that are slug pages (`articles/x.html`): no headline may take them."""
    slugs: dict[str, str] = {}
    for article in articles:
        page = _given_page(article, site) or ""
        if page.startswith("articles/") and page.endswith(".html") and page.count("/") == 1:
            slugs.setdefault(page[len("articles/") : -len(".html")], article.id)
    return slugs


def _with_unique_slugs(articles: list[Article], kept: Mapping[str, str], site: Site) -> list[Article]:
    """A slug already taken (by a stored article, or an earlier one of this build) gets a suffix from the id."""
    owners = dict(kept)
    unique = []
    for article in sorted(articles, key=lambda article: (article.published, article.id)):
        if owners.get(article.slug, article.id) != article.id:
            suffix = hashlib.sha256(article.id.encode("utf-8")).hexdigest()[:8]
            article = _with_slug(article, f"{article.slug}-{suffix}", site)
        owners.setdefault(article.slug, article.id)
        unique.append(article)
    return unique


def _with_slug(article: Article, slug: str, site: Site) -> Article:
    # Only the slug page's own URL follows the slug; a canonical URL the input gave stays as given.
    url = slug_url(slug, site) if article.url == slug_url(article.slug, site) else article.url
    return revised(article, slug=slug, url=url)
