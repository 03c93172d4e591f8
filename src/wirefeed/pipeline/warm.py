"""A build kept in memory between rebuilds (`wirefeed serve --watch`): an edit of a few inputs
costs what they change, not what the site holds.

A full build (pipeline/publish.py) that published every input as it was read (nothing
rejected, kept from before or refused) hands over what it worked out: the inputs' keys, the
input cache, the history's records, the publication, the site plan and every output's key.
A rebuild of a few edited inputs then reads only those, advances only their history records
(by store/history.py's own rule), revises the plan (SitePlan.revised) and renders the outputs
that show them (plan.changed_jobs), each article's page first.

It takes that way only when the edit leaves what every other stage decides as it was: each
edited input gives the one article it gave before, with the same id, slug, URL, date,
sections, authors and version (so the same place in every list and page), and that article
stays published (an edit of its sidecar counts as one of it). Anything else (an input added
or removed, the config, a template, a rejected edit, a new headline or date) is left to a
full build, and so is every rebuild after another process changed the history (SQLite's
data_version tells). Either way the outputs and the history are the same:
tests/pipeline/test_warm.py compares them after each kind of edit.

The few files go into the output folder in place, each atomically, not through a stage: a
reader may see an article's new page some milliseconds before the feeds that list it. Before
the first of them is written the last build's record is removed, and each file's key in the
manifest is cleared before the file is written and set once it is, by lines appended beside
the manifest (engine/runner.py ManifestChanges): a rebuild killed halfway leaves the next
build to render again what it touched. The history is committed once the files are in place;
the input cache is saved after the server has answered (settle()).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from wirefeed.cache.inputs import InputCache, ReadFacts
from wirefeed.cache.keys import InputKey, input_key, path_stat_key
from wirefeed.cache.ref import ArticleRef, ResolvedArticles
from wirefeed.cache.state import BuildState, manifest_changes_path
from wirefeed.engine.lock import build_lock
from wirefeed.engine.runner import Job, Manifest, ManifestChanges
from wirefeed.errors import OutputError
from wirefeed.model import AWAITING_FIRST_SEEN, Site
from wirefeed.normalize.language import load_identifier
from wirefeed.output import OutputDir
from wirefeed.pipeline.changes import InputWatch
from wirefeed.pipeline.inputs import InputsRead, read_inputs, read_one
from wirefeed.pipeline.result import BuildResult
from wirefeed.pipeline.scan import Scanned
from wirefeed.readers.sidecar import sidecar_name
from wirefeed.site.plan import Publication, SitePlan, changed_jobs, rendered_once
from wirefeed.store import ArticleRecord, PendingSync, Store, SyncResult
from wirefeed.store.history import advanced_record, history_entry
from wirefeed.store.records import as_stored

__all__ = ["KeptBuilds", "Retained", "WarmSite"]

# What an edit may change of an article's listed fields for the warm way: the rest decide its
# page, its place in every list and its channels.
_PLACED = ("id", "guid", "slug", "url", "published", "sections", "authors", "version", "source_path", "source_format")


@dataclass(frozen=True, slots=True)
class Retained:
    """What a full build hands over to the rebuilds kept in memory after it."""

    scanned: Scanned
    site: Site
    state: BuildState
    store_file: Path
    cache: InputCache
    read_as: dict[str, ArticleRef]  # by id, each article as read, before identity and history
    facts: dict[str, tuple[str, ReadFacts]]  # by id, its input cache entry's name and ReadFacts
    records: dict[str, ArticleRecord]  # the history after the build, by id
    publication: Publication
    plan: SitePlan
    keys: dict[str, str]  # every output's job key, as the manifest keeps them
    result: BuildResult
    window: tuple[datetime, datetime]  # the times a build may take and publish the same (lastbuild.unchanged_window)


class WarmSite:
    """The last build of one input and output folder, kept for rebuilds of a few edited inputs."""

    def __init__(self, retained: Retained, output_dir: Path) -> None:
        self._kept = retained
        self._output_dir = output_dir
        self._names = {os.path.abspath(name): name for name in retained.scanned.names}
        # Each input's sidecar (there or not): its edit is an edit of the article it describes.
        self._sidecars = {os.path.abspath(os.path.join(os.path.dirname(name), sidecar_name(os.path.basename(name)))): name
                          for name in retained.scanned.names}
        self._keys = dict(zip(retained.scanned.names, retained.scanned.keys))
        self._positions = {article.id: index for index, article in enumerate(retained.publication.articles)}
        # A connection of its own, opened now that the build's is closed: SQLite's data_version
        # on it changes only when another connection commits, which a warm rebuild must not miss.
        self._store = Store.open(retained.store_file, any_thread=True)
        self._version = self._store.data_version()
        self._unsaved = False  # a rebuild's input cache is saved by settle()
        self._stale = False  # another build ran between a rebuild and its settle()
        self._fingerprint: str | None = None  # of the kept site's config, templates and code, once asked
        self._manifest = retained.state.manifest(output_dir)
        self._changes = _manifest_changes(self._manifest)  # None: no manifest to append to, full builds only
        self._as_left = _files_of(self._manifest)  # the manifest and its changes as this site last left them
        retained.cache.carried_on()

    def prepare(self) -> None:
        """Load now what the first edit would otherwise wait for (a quarter of a second): the
        readers and the language model (by reading an input again, what it gives dropped) and
        the compiled templates (by rendering a few outputs, none written)."""
        kept = self._kept
        load_identifier()
        if kept.publication.articles:
            read_one(Path(kept.publication.articles[0].source.path), kept.site, kept.scanned.root)
            rendered_once(kept.plan)

    @property
    def site(self) -> Site:
        return self._kept.site

    def close(self) -> None:
        try:
            self.settle()
        finally:
            self._store.close()
            if self._changes is not None:
                self._changes.close()

    def knows(self, paths: Iterable[Path]) -> bool:
        """Whether each of `paths` is one of the inputs or of their sidecars (there or not)."""
        return all((where := os.path.abspath(path)) in self._names or where in self._sidecars for path in paths)

    def changes(self) -> list[Path]:
        """What changed since the last build, found by looking rather than told (the build
        server's way): each input whose key moved (its sidecar's with it), each added or
        removed, and the config when the config or a template moved (the last two only ever
        lead to a full build). A config that no longer loads raises ConfigError."""
        from wirefeed.cache.lastbuild import fingerprint
        from wirefeed.config import CONFIG_NAME, load_site
        from wirefeed.pipeline.scan import scan_names

        kept = self._kept
        names, keys = scan_names(kept.scanned.root, self._output_dir)
        changed = [Path(name) for name, key in zip(names, keys) if name not in self._keys or self._keys[name] != key]
        changed += [Path(name) for name in self._keys.keys() - set(names)]
        config = kept.scanned.root / CONFIG_NAME
        if self._fingerprint is None:
            self._fingerprint = fingerprint(kept.site)
        if fingerprint(load_site(config)) != self._fingerprint:
            changed.append(config)
        return changed

    def rebuild(self, changed: Collection[Path], now: datetime | None = None) -> BuildResult | None:
        """The build after the inputs at `changed` were edited; None when a full build must
        decide it (the caller runs one, and keeps a new WarmSite from it)."""
        from wirefeed.pipeline.build import build_time

        self.settle()
        kept = self._kept
        edited = self._edited(changed)
        if edited is None or self._stale:
            return None
        moment = build_time(now, kept.site)
        if not kept.window[0] <= moment < kept.window[1]:
            return None  # an embargo ends, or the News sitemap's days move on: a full build decides
        with build_lock(kept.store_file, self._output_dir):
            if self._store.data_version() != self._version or self._changes is None or _files_of(self._manifest) != self._as_left:
                return None  # another build ran since (or the manifest went): what is kept may be out of date
            if not edited:
                return replace(kept.result, rendered=(), removed=())
            paths = [Path(name) for name in edited]
            found = read_inputs(paths, kept.site, root=kept.scanned.root, workers=1, cache=kept.cache,
                                keys=list(edited.values()))
            revision = self._revision(found, set(edited), moment)
            if revision is None:
                return None
            publication, records = revision
            revised = {article_id: publication.articles[self._positions[article_id]] for article_id in sorted(records)}
            plan = kept.plan.revised(publication, revised)
            pending = self._written(changed_jobs(plan, list(revised.values())))
            if pending is None:
                return None  # an output no build made yet: a full build plans it (and renders all: see _written)
            self._commit(records, moment)
            # Updated in place: the mappings belong to this WarmSite alone.
            kept.keys.update({job.path: job.key for job in pending})
            kept.records.update(records)
            # Every warning again (a walk of every article) only when an edited article has or had one.
            warned = any(article.warnings or kept.read_as[article.id].warnings for article in found.articles)
            kept.read_as.update({article.id: article for article in found.articles})
            kept.facts.update(found.facts)
            result = self._result(publication, pending, warned)
            self._kept = replace(kept, publication=publication, plan=plan, result=result)
            self._keys.update(edited)
            self._unsaved = True
        return result

    def settle(self) -> None:
        """Save the input cache of the last rebuild, if it left it unsaved. A cache: one that
        cannot be written costs the next build the long way, nothing more. Apart from rebuild()
        so that a server answers first; rebuild() and close() call it too."""
        if not self._unsaved:
            return
        self._unsaved = False
        kept = self._kept
        with build_lock(kept.store_file, self._output_dir):
            if _files_of(self._manifest) != self._as_left or self._store.data_version() != self._version:
                # Another build ran since, and saved its own: what is kept here may be out of date.
                self._stale = True
                return
            with contextlib.suppress(OSError, ValueError):
                kept.cache.save()
                kept.cache.carried_on()
            self._fold_changes()

    def _fold_changes(self) -> None:
        """Save the manifest whole once its appended changes are a quarter of its size (about
        3,700 edits at 100,000 articles), so that they do not grow without end under a server
        that never makes a full build. A manifest that cannot be saved leaves the changes as
        they are (the next full build saves it)."""
        manifest, changes = self._as_left
        if not manifest or not changes or changes[_SIZE] * 4 <= manifest[_SIZE]:
            return
        assert self._changes is not None
        self._changes.close()
        with contextlib.suppress(OSError, OutputError):
            Manifest(self._manifest, {}).save(self._kept.keys)
        self._changes = _manifest_changes(self._manifest)
        self._as_left = _files_of(self._manifest)

    def _edited(self, changed: Collection[Path]) -> dict[str, InputKey] | None:
        """The inputs among `changed` (or whose sidecars are among them) whose key moved, by
        name and new key; None when a change is not an edit of a known input (a new or removed
        file, the config, a template)."""
        edited: dict[str, InputKey] = {}
        for path in changed:
            where = os.path.abspath(path)
            name = self._names.get(where) or self._sidecars.get(where)
            if name is None:
                return None
            key = input_key(Path(name))
            if key is None:
                return None
            if key != self._keys[name]:
                edited[name] = key
        return edited

    def _revision(self, found: InputsRead, names: set[str], moment: datetime) -> tuple[Publication, dict[str, ArticleRecord]] | None:
        """The publication and the history's new records after the edit, when the edit changed
        nothing but the articles' contents; None otherwise. Costs the edited articles, not the
        site: 10,000 records walked or copied took a third of a rebuild."""
        kept = self._kept
        if found.rejected or found.withdrawals or len(found.articles) != len(names):
            return None
        articles = list(kept.publication.articles)
        records: dict[str, ArticleRecord] = {}
        digests: dict[str, str | None] = {}
        for article in found.articles:
            name, facts = found.facts[article.id]
            before = kept.read_as.get(article.id)
            if (before is None or name not in names or kept.facts[article.id][0] != name or facts.content is None
                    or _placed(before) != _placed(article) or AWAITING_FIRST_SEEN in (article.published, article.modified)):
                return None
            record = kept.records[article.id]
            # The slug the history has: identity gives this input the one it gave before (its
            # listed fields are the same), which the history already holds.
            new = advanced_record(record, replace(article, slug=record.slug), facts.content, as_stored(moment))
            if new.state != "published" or record.state != "published" or new.other_slugs != record.other_slugs:
                return None
            if new is record:
                continue
            if new.modified < record.modified:
                return None  # a clock gone back: the history's newest change must be looked for again
            records[article.id] = new
            articles[self._positions[article.id]] = history_entry(new, article).article
            digests[article.id] = facts.digest
        # Only the edited articles' digests change: the mapping is the one the last build's
        # plan was given, updated in place (the plan it belonged to is not used again).
        known = kept.publication.digests
        if not isinstance(known, dict):
            return None
        for article_id, digest in digests.items():
            if digest:
                known[article_id] = digest
            else:
                known.pop(article_id, None)
        # Each edited record's `modified` only moved on: the newest change is the newer of the two.
        quiet = max([kept.publication.quiet_since, *(record.modified for record in records.values())])
        publication = replace(kept.publication, articles=tuple(articles), now=moment, quiet_since=quiet)
        return publication, records

    def _written(self, jobs: Iterable[Job]) -> list[Job] | None:
        """Render and write the jobs whose key moved, as they come (see the module's note on
        writing in place), once the last build's record is gone, each after its key in the
        manifest is cleared: a rebuild killed here, or one that meets an output no build made
        yet (None), leaves the next build to render those again."""
        kept = self._kept
        changes = self._changes
        assert changes is not None  # rebuild() checked
        output: OutputDir | None = None
        pending: list[Job] = []
        try:
            for job in jobs:
                key = kept.keys.get(job.path)
                if key is None:
                    return None
                if key == job.key:
                    continue
                if output is None:
                    kept.state.last_build.unlink(missing_ok=True)
                    output = OutputDir(self._output_dir)
                changes.record({job.path: ""})
                output.write_bytes(job.path, job.render())
                pending.append(job)
            if pending:
                changes.record({job.path: job.key for job in pending})
        finally:
            self._as_left = _files_of(self._manifest)
        return pending

    def _commit(self, records: Mapping[str, ArticleRecord], moment: datetime) -> None:
        before = {article_id: self._kept.records[article_id] for article_id in records}
        nothing: SyncResult[ArticleRef] = SyncResult((), (), (), (), tuple(sorted(records)), ())
        self._store.commit(PendingSync(before, dict(records), as_stored(moment), self._version, nothing))

    def _result(self, publication: Publication, pending: list[Job], warned: bool) -> BuildResult:
        kept = self._kept
        return replace(
            kept.result,
            articles=ResolvedArticles(publication.articles),
            rendered=tuple(sorted(job.path for job in pending)),
            removed=(),
            # As a full build gives them: each article's, in the order the inputs were read.
            warnings=tuple(warning for article in kept.read_as.values() for warning in article.warnings) if warned else kept.result.warnings,
        )


_SIZE = 3  # of stat_key()


def _manifest_changes(manifest: Path) -> ManifestChanges | None:
    try:
        return ManifestChanges(manifest)
    except OSError:
        return None


def _files_of(manifest: Path) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The identity, size and times of the manifest and of its changes (() for one not there):
    another build that saved the manifest since has changed them."""
    return path_stat_key(manifest), path_stat_key(manifest_changes_path(manifest))


def _placed(article: ArticleRef) -> tuple[object, ...]:
    return tuple(getattr(article, field) for field in _PLACED)


class KeptBuilds:
    """The builds of one input folder into one output folder, each standing on the last one
    kept in memory when it can (`wirefeed serve --watch`), else a full build that keeps its own."""

    def __init__(self, input_dir: Path, output_dir: Path, *, store_path: Path | None = None,
                 on_wait: Callable[[Path], None] | None = None, watch: bool = False) -> None:
        """`watch`: build_changed() learns what changed from the kernel (pipeline/changes.py)
        where it can, instead of scanning every input."""
        self.input_dir = input_dir
        self.output_dir = output_dir
        self.store_path = store_path
        self.on_wait = on_wait
        self._warm: WarmSite | None = None
        self._watches = watch
        self._watch: InputWatch | None = None

    def build(self, changed: Collection[Path] = (), now: datetime | None = None) -> tuple[BuildResult, Site]:
        """The build after the files at `changed` changed (none: the first build), and the site
        it was made for. A bad config raises ConfigError, as build() does."""
        warm = self._warm
        if warm is not None and changed:
            try:
                result = warm.rebuild(changed, now)
            except BaseException:
                self._forget()
                raise
            if result is not None:
                return result, warm.site
        return self._full(now)

    def build_changed(self, now: datetime | None = None) -> tuple[BuildResult, Site]:
        """The build of whatever changed since the last one, found by looking (WarmSite.changes),
        not told: the build server's. Nothing changed costs a scan of the inputs."""
        warm = self._warm
        if warm is not None:
            try:
                result = warm.rebuild(self._changes(warm), now)
            except BaseException:
                self._forget()
                raise
            if result is not None:
                return result, warm.site
        elif self._watch is not None and self._watch.take() == []:
            # The last full build kept nothing (an input rejected, say) and nothing changed since:
            # the build's own shortcut for a site that did not change, not a full build each time.
            return self._plain(now)
        return self._full(now)

    def _plain(self, now: datetime | None) -> tuple[BuildResult, Site]:
        from wirefeed.config import CONFIG_NAME, load_site
        from wirefeed.pipeline.build import build

        site = load_site(self.input_dir / CONFIG_NAME)
        return build(self.input_dir, self.output_dir, site=site, now=now, store_path=self.store_path, on_wait=self.on_wait), site

    def _changes(self, warm: WarmSite) -> list[Path]:
        """The kernel's word on what changed when it has one and names only known inputs and
        sidecars; else what a scan finds (a new file, the config, a template may be among them)."""
        reported = self._watch.take() if self._watch is not None else None
        if reported is not None and warm.knows(reported):
            return reported
        return warm.changes()

    def _full(self, now: datetime | None) -> tuple[BuildResult, Site]:
        """A full build, which keeps its own WarmSite when it can."""
        from wirefeed.config import CONFIG_NAME, load_site
        from wirefeed.pipeline.build import build

        self._forget()
        site = load_site(self.input_dir / CONFIG_NAME)
        if self._watches:
            # Watching from before the build's scan: an edit made while it runs is taken by the
            # next build (its key then differs from the one the build kept).
            self._unwatch()
            self._watch = InputWatch.start(self.input_dir, self.output_dir, [site.templates_dir] if site.templates_dir else [])
        result = build(self.input_dir, self.output_dir, site=site, now=now, store_path=self.store_path,
                       on_wait=self.on_wait, retain=self._keep)
        return result, site

    def settle(self) -> None:
        """Save what the last rebuild in memory left unsaved (WarmSite.settle)."""
        if self._warm is not None:
            self._warm.settle()

    def close(self) -> None:
        self._forget()
        self._unwatch()

    def _unwatch(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    def _keep(self, retained: Retained) -> None:
        self._forget()
        self._warm = WarmSite(retained, self.output_dir)
        self._warm.prepare()

    def _forget(self) -> None:
        if self._warm is not None:
            self._warm.close()
            self._warm = None
