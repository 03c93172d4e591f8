"""The whole-build shortcut: when nothing a completed build was made from has changed, it stands.

`LastBuild.get()` gives the last build's result when its inputs, config, templates, code, the
files beside the store, the output folders and the window `now` lies in are all as they were;
`LastBuild.put()` records a completed build for the next one to check.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from wirefeed.cache.inputs import InputCache, ReadFacts, cache_tag, read_input_cache
from wirefeed.cache.ref import ArticleRef, ResolvedArticles, packed_time, unpacked_time
from wirefeed.cache.keys import HISTORY_FIELDS, bytes_digest, history_values, path_stat_key, render_fingerprint, stat_key
from wirefeed.cache.state import BuildState, manifest_changes_path
from wirefeed.errors import StoreError
from wirefeed.model import Article, ListedArticle, Site
from wirefeed.output import OutputDir

if TYPE_CHECKING:
    from wirefeed.pipeline.result import BuildResult
    from wirefeed.store import SyncResult

__all__ = ["LastBuild", "SavedArticles", "SavedPaths", "fingerprint", "unchanged_window"]

LAST_BUILD_VERSION = 8  # 4: BuildResult.warnings; 5: BuildResult.withdrawals; 6: racy inputs; 7: `modified` packed; 8: `written` joined

# The written paths are kept as one string, joined by a character no file path can hold
# (SavedPaths).
_PATHS_JOINED_BY = "\0"


class LastBuild:
    """The record of the last completed build into `output_dir`, made from `inputs` (the
    inputs_digest()) and `fingerprint` (config, templates, code)."""

    def __init__(self, state: BuildState, output_dir: Path, inputs: str, fingerprint: str, max_bytes: int) -> None:
        self.state = state
        self.max_bytes = max_bytes  # the most of an input a racy check reads (site.max_input_bytes)
        self.output_dir = output_dir
        self.made_from = inputs + fingerprint
        self.inputs = inputs
        self.fingerprint = fingerprint

    @property
    def usable(self) -> bool:
        """Whether this build may stand on, and record, a last build. Not without caches, nor with
        a history in a database: another writer may change that without touching any file here,
        so no file's stat can say the history is as this build left it."""
        return self.state.enabled and self.state.store_url is None

    def get(self, moment: datetime) -> BuildResult | None:
        """The last build's result when nothing it was made from has changed; else None. Reads only."""
        if not self.usable:
            return None
        try:
            return self._unchanged(moment)
        except Exception:  # none, or damaged: the normal build
            return None

    def _unchanged(self, moment: datetime) -> BuildResult | None:
        # Imported here: the pipeline's package imports its build, which imports this module,
        # so importing it above made `import wirefeed.cache.lastbuild` on its own fail.
        from wirefeed.pipeline.result import BuildResult

        state = self.state
        document = json.loads(state.last_build.read_text(encoding="utf-8"))
        if not (
            isinstance(document, dict)
            and document.get("version") == LAST_BUILD_VERSION
            and document.get("inputs") == self.inputs
            and document.get("fingerprint") == self.fingerprint
            and document.get("output") == str(self.output_dir.resolve())
            and datetime.fromisoformat(document["since"]) <= moment < datetime.fromisoformat(document["until"])
            and document.get("history") == _as_json(_history_files(state, self.output_dir))
        ):
            return None
        folders = document.get("folders")
        if not isinstance(folders, dict) or folders != _as_json(_folder_keys(self.output_dir, folders)):
            return None
        racy = document["racy"]  # inputs edited just before that build: their bytes, not their times
        if not all(f"{bytes_digest(Path(name), self.max_bytes):x}" == digest for name, digest in racy.items()):
            return None
        with state.last_result.open("rb") as handle:
            version, result, written_count, written = pickle.load(handle)
        counts = document["counts"]
        if version != LAST_BUILD_VERSION or not isinstance(result, BuildResult) or not isinstance(counts, dict):
            return None
        saved = _SavedArticleLists(state.last_articles, self.made_from)
        return replace(result, articles=SavedArticles(saved, "articles", int(counts["articles"])),
                       embargoed=SavedArticles(saved, "embargoed", int(counts["embargoed"])),
                       written=SavedPaths(written, int(written_count)))

    def put(self, result: BuildResult, inputs_of: Mapping[str, str], cache: InputCache,
            window: tuple[datetime, datetime], racy: Mapping[str, int]) -> None:
        """Record what a completed build was made from, written last: its result first, then the check.

        Its articles are kept as the input cache's entries they were read from (`inputs_of`: the
        entry of each id) and the fields the history set on them: the cache already holds them
        pickled, and writing 10,000 articles a second time cost more than finding what changed.
        Not recorded when the saved cache lacks one: the next build then takes the long way.
        `racy`: the inputs edited just before they were read, with the digest of their bytes,
        which the next build compares, as their times cannot be trusted yet.
        """
        lists = {"articles": _held(result.articles), "embargoed": _held(result.embargoed)}
        cache_path = cache.path
        if (not self.usable or cache_path is None
                or not all(cache.reusable(inputs_of[article.id]) for items in lists.values() for article in items)):
            return
        state = self.state
        # The check goes first: a put that fails half way leaves none, never an older one that
        # would vouch for files this put has replaced.
        self.forget()
        folder = OutputDir(state.last_build.parent)
        saved = {field: [(inputs_of[article.id], _packed_decided(history_values(article))) for article in items]
                 for field, items in lists.items()}
        cache_key = stat_key(os.stat(cache_path))
        folder.write_bytes(state.last_articles.name, pickle.dumps(
            (LAST_BUILD_VERSION, self.made_from, str(cache_path), cache_key, saved), protocol=pickle.HIGHEST_PROTOCOL))
        stored = replace(result, articles=(), embargoed=(), rendered=(), removed=(), written=())
        written = (len(result.written), _PATHS_JOINED_BY.join(result.written))
        folder.write_bytes(state.last_result.name, pickle.dumps((LAST_BUILD_VERSION, stored, *written), protocol=pickle.HIGHEST_PROTOCOL))
        document = {
            "version": LAST_BUILD_VERSION,
            "counts": {field: len(items) for field, items in lists.items()},
            "inputs": self.inputs,
            "fingerprint": self.fingerprint,
            "output": str(self.output_dir.resolve()),
            "since": window[0].isoformat(),
            "until": window[1].isoformat(),
            "history": _history_files(state, self.output_dir),
            "folders": _output_folders(self.output_dir, result.written),
            "racy": {name: f"{digest:x}" for name, digest in sorted(racy.items())},
        }
        folder.write_text(state.last_build.name, json.dumps(document, indent=1, sort_keys=True) + "\n")

    def forget(self) -> None:
        """No last build to stand on (its check removed): the next build takes the long way."""
        if self.state.enabled:
            self.state.last_build.unlink(missing_ok=True)


def _held(articles: Sequence[Article]) -> Sequence[ListedArticle]:
    """A build's articles as it holds them: what put() reads of them is listed, resolving none."""
    return articles.held() if isinstance(articles, ResolvedArticles) else articles


class SavedArticles(ResolvedArticles):
    """The articles (or the embargoed ones) of the last completed build, from the file it saved
    them in, read when first used (each resolved when read). Reading 10,000 articles takes longer
    than finding that nothing changed, and a caller such as `wirefeed build` only wants to know
    how many there are."""

    def __init__(self, saved: _SavedArticleLists, field: str, count: int) -> None:
        super().__init__()
        self._saved = saved
        self._field = field
        self._count = count

    def held(self) -> tuple[ArticleRef, ...]:
        return self._saved.lists()[self._field]

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:
        return f"SavedArticles({self._field}, {self._count})"


class SavedPaths(Sequence[str]):
    """The output paths the last completed build stands for, kept as one string (joined by
    _PATHS_JOINED_BY) and split when first read. Making 33,034 strings took 9 ms of a
    10,000-article rebuild that finds nothing changed, whose command only counts them."""

    def __init__(self, joined: str, count: int) -> None:
        self._joined = joined
        self._count = count
        self._paths: tuple[str, ...] | None = None

    def paths(self) -> tuple[str, ...]:
        if self._paths is None:
            self._paths = tuple(self._joined.split(_PATHS_JOINED_BY)) if self._count else ()
        return self._paths

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        return self.paths()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and self.paths() == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SavedPaths({self._count} paths)"


class _SavedArticleLists:
    """The last build's `articles` and `embargoed`, loaded once for both.

    `made_from` names the inputs and code they were built from: a later build that saved other
    articles there is not mistaken for the one whose result this is.
    """

    def __init__(self, path: Path, made_from: str) -> None:
        self.path = path
        self.made_from = made_from
        self._lists: dict[str, tuple[ArticleRef, ...]] | None = None

    def lists(self) -> dict[str, tuple[ArticleRef, ...]]:
        if self._lists is None:
            try:
                with self.path.open("rb") as handle:
                    version, made_from, cache_path, cache_key, saved = pickle.load(handle)
                if version != LAST_BUILD_VERSION or made_from != self.made_from or stat_key(os.stat(cache_path)) != cache_key:
                    raise ValueError("another build's")
                entries = read_input_cache(Path(cache_path)).entries
                self._lists = {field: tuple(_as_published(entries[name][1], decided) for name, decided in items)
                               for field, items in saved.items()}
            except Exception:
                raise StoreError(self.path, "the last build's saved articles are gone or damaged; build again to list them") from None
        return self._lists


def _as_published(facts: ReadFacts, decided: tuple[object, ...]) -> ArticleRef:
    article = facts.result()
    if not isinstance(article, ArticleRef):
        raise TypeError("not an article")
    changes: dict[str, Any] = dict(zip(HISTORY_FIELDS, decided))
    changes[_MODIFIED] = unpacked_time(changes[_MODIFIED])
    return replace(article, **changes)


# The history's values of each saved article, its `modified` packed as the input cache packs an
# article's dates (cache/ref.py packed_time): pickling 10,000 datetimes in a named zone was
# most of the 27 ms that saving the lists took.
_MODIFIED = "modified"
_MODIFIED_AT = HISTORY_FIELDS.index(_MODIFIED)


def _packed_decided(values: tuple[Any, ...]) -> tuple[Any, ...]:
    return (*values[:_MODIFIED_AT], packed_time(values[_MODIFIED_AT]), *values[_MODIFIED_AT + 1:])


def fingerprint(site: Site) -> str:
    """The config, templates and code every output depends on, and the input cache's tag."""
    return hashlib.sha256(repr((render_fingerprint(site), cache_tag(site))).encode()).hexdigest()


def unchanged_window(history: SyncResult[Any], has_records: bool, moment: datetime) -> tuple[datetime, datetime]:
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


def _history_files(state: BuildState, output_dir: Path) -> dict[str, tuple[int, ...]]:
    """Identity, size and times of every file beside the store that a build reads or writes."""
    manifest = state.manifest(output_dir)
    files = [state.store_file, state.archive_ledger, state.input_cache,
             manifest, manifest_changes_path(manifest), state.last_result, state.last_articles,
             # The input cache's blob files, which the saved articles are read from.
             *sorted(state.blob_files())]
    keys = {str(path): path_stat_key(path) for path in files}
    keys[str(state.journal)] = () if not os.path.lexists(state.journal) else (1,)
    return keys


def _output_folders(output_dir: Path, written: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """Identity and times of the output folder and of each folder an output lies in: a file
    added, removed or renamed in one changes its time."""
    return _folder_keys(output_dir, {""} | {path.rpartition("/")[0] for path in written})


def _folder_keys(output_dir: Path, folders: Iterable[str]) -> dict[str, tuple[int, ...]]:
    # Joined as strings: making a Path of each of 282 folders was half of this check.
    root = os.fspath(output_dir)
    return {folder: path_stat_key(f"{root}/{folder}" if folder else root) for folder in sorted(folders)}


def _as_json(value: object) -> object:
    return json.loads(json.dumps(value))
