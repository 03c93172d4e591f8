"""The work a Dask worker does for a build: plain functions of plain data, sent by name.

Nothing here imports Dask: these are the same functions the local engine runs (read_one,
ReadFacts.of, the site plan's jobs), wrapped so that a worker can run them from what it is
sent. The driver (engine/dask_engine.py) maps and folds them over the cluster.
"""

from __future__ import annotations

import copyreg
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from wirefeed.cache.inputs import ReadFacts
from wirefeed.engine.runner import Job
from wirefeed.errors import WirefeedError
from wirefeed.model import ListedArticle, Site
from wirefeed.output import OutputDir
from wirefeed.pipeline.inputs import read_one
from wirefeed.readers import forget_resolved_folders
from wirefeed.site.archive import ArchiveLedger
from wirefeed.site.channels import CHANNEL_KINDS, Channel, named_channel, site_channel
from wirefeed.site.plan import Publication, SitePlan, plan_jobs

__all__ = [
    "ChannelKey", "ChannelFold", "Naming", "RenderRecipe", "channels_from_folds", "errors_pickled_as_their_own",
    "fold_member", "merge_folds",
    "namings", "read_chunk", "render_chunk",
    "render_chunk_into", "StageAddress",
]


def errors_pickled_as_their_own() -> None:
    """Give wirefeed's errors back their own pickling, in a process that imported distributed.

    Importing distributed installs tblib's pickling for every exception class then defined
    (copyreg), which pickles an error with its traceback and the errors it was raised in. Ours
    pickle as their path, place and message (errors.py): the input cache keeps an error's
    pickle, and an InputError raised while a TOML file nested 50,000 deep was parsed carries a
    RecursionError whose traceback no pickle can hold. Distributed registers the class of a
    task's error again when one fails, so each task calls this first.
    """
    for kind in [kind for kind in copyreg.dispatch_table if isinstance(kind, type) and issubclass(kind, WirefeedError)]:
        del copyreg.dispatch_table[kind]


# ---------------------------------------------------------------------------------------------
# The map over the inputs


def read_chunk(paths: Sequence[Path], site: Site, root: Path | None) -> list[ReadFacts]:
    """Each path read and normalized, as the input cache keeps it, the article's pickle in hand
    (the driver puts it in its blob file: a worker may not share the driver's disk)."""
    errors_pickled_as_their_own()
    forget_resolved_folders()
    return [ReadFacts.of(read_one(path, site, root)) for path in paths]


# ---------------------------------------------------------------------------------------------
# The reduce by channel (a foldby keyed by the channel's folder)

# (kind's index in CHANNEL_KINDS, the channel's folder)
ChannelKey = tuple[int, str]
# One article's name in one kind: (its position in the site's list, the name's place among the
# article's names of that kind, the name)
Naming = tuple[int, int, str]
# What the fold keeps of a channel: its first naming (whose name heads it) and its positions.
ChannelFold = tuple[Naming, tuple[int, ...]]


def namings(element: tuple[int, Sequence[Sequence[str]]]) -> list[tuple[ChannelKey, Naming]]:
    """An article's channels, each keyed by its folder (the slug of its name, the costly part),
    from its position in the site's list and its names of each kind in CHANNEL_KINDS."""
    position, names_by_kind = element
    pairs: list[tuple[ChannelKey, Naming]] = []
    for kind_index, names in enumerate(names_by_kind):
        directory = CHANNEL_KINDS[kind_index].directory
        for order, name in enumerate(dict.fromkeys(names)):
            pairs.append(((kind_index, directory(name)), (position, order, name)))
    return pairs


def fold_member(fold: ChannelFold | None, pair: tuple[ChannelKey, Naming]) -> ChannelFold:
    naming = pair[1]
    if fold is None:
        return naming, (naming[0],)
    first, positions = fold
    return min(first, naming), positions if positions[-1] == naming[0] else (*positions, naming[0])


def merge_folds(one: ChannelFold | None, other: ChannelFold | None) -> ChannelFold:
    """Two partitions' folds of one channel: the first naming of both, every position once, in order."""
    if one is None or other is None:
        found = one or other
        assert found is not None
        return found
    return min(one[0], other[0]), tuple(sorted(set(one[1]) | set(other[1])))


def channels_from_folds(articles: Sequence[ListedArticle], site: Site, folds: Sequence[tuple[ChannelKey, ChannelFold]]) -> list[Channel]:
    """channels_of(articles, site), from the folds: the site's channel, then each kind's by folder."""
    channels = [site_channel(articles, site)]
    for (kind_index, directory), ((_, _, name), positions) in sorted(folds):
        channels.append(named_channel(CHANNEL_KINDS[kind_index], directory, name,
                                      [articles[position] for position in sorted(positions)], site))
    return channels


# ---------------------------------------------------------------------------------------------
# The map over the output jobs


class RenderRecipe(NamedTuple):
    """What a worker needs to plan the same jobs as the driver: SitePlan's arguments."""

    token: str  # one build's, so that a worker plans each build once
    publication: Publication
    site: Site
    ledger: ArchiveLedger
    channels: tuple[Channel, ...]


# The jobs of the last build this worker rendered for, by path: (token, jobs).
_planned: list[tuple[str, dict[str, Job]]] = []


def render_chunk(recipe: RenderRecipe, paths: Sequence[str]) -> list[tuple[str, bytes]]:
    """The bytes of each job at `paths`, as the driver's plan would render them."""
    jobs = _jobs_of(recipe)
    return [(path, jobs[path].render()) for path in paths]


class StageAddress(NamedTuple):
    """The stage's folder and how to write into it (OutputDir's `private` and `empty`), for a
    worker that sees the driver's disk at the same paths."""

    root: str
    private: bool
    empty: bool


# The stage this worker last wrote into: (its address, the OutputDir), so that the folders it
# made sure of are not looked at again for the next chunk.
_stages: list[tuple[StageAddress, OutputDir]] = []


def render_chunk_into(recipe: RenderRecipe, paths: Sequence[str], stage: StageAddress) -> list[str]:
    """Each job at `paths` rendered and written into the stage, as a forked worker of the local
    engine writes it; only the paths go back to the driver, not the bytes."""
    jobs = _jobs_of(recipe)
    if not _stages or _stages[0][0] != stage:
        _stages[:] = [(stage, OutputDir(Path(stage.root), private=stage.private, empty=stage.empty))]
    output = _stages[0][1]
    for path in paths:
        output.write_bytes(path, jobs[path].render())
    return list(paths)


def _jobs_of(recipe: RenderRecipe) -> dict[str, Job]:
    if not _planned or _planned[0][0] != recipe.token:
        plan = SitePlan(recipe.publication, recipe.site, recipe.ledger, channels=list(recipe.channels))
        _planned[:] = [(recipe.token, {job.path: job for job in plan_jobs(plan)})]
    return _planned[0][1]
