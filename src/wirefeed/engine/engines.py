"""Which engine runs a build's work: the local one (forked workers, engine/parallel.py) or a Dask
cluster (engine/dask_engine.py), chosen by name.

An Engine does the three parts of a build that are a map or a reduce over the articles; the
build does everything else (the history, the plan of outputs, staging and the swap) the same
way whichever engine runs:
- `read`: each input read and normalized (a map over the inputs);
- `channels`: the articles grouped into the site's, each section's and each author's channel
  (a reduce by channel);
- `renderer`: what renders the output jobs that are out of date (a map over the jobs).

This module imports no Dask: `wirefeed build` without `--engine dask` never does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from wirefeed.errors import WirefeedError

if TYPE_CHECKING:
    from wirefeed.cache.blobs import BlobFile
    from wirefeed.cache.inputs import ReadFacts
    from wirefeed.engine.runner import Job
    from wirefeed.model import ListedArticle, Site
    from wirefeed.output import OutputDir
    from wirefeed.site.archive import ArchiveLedger
    from wirefeed.site.channels import Channel
    from wirefeed.site.plan import Publication

__all__ = ["ENGINE_NAMES", "Engine", "EngineFailed", "EngineUnavailable", "Render", "engine_named"]

ENGINE_NAMES = ("local", "dask")

# Renders the pending jobs into the stage (an OutputDir), as engine/runner.py's default does.
Render = Callable[[Sequence["Job"], "OutputDir"], None]
Progress = Callable[[int, int], None]


class EngineUnavailable(WirefeedError):
    """The engine cannot be used at all (not installed, its scheduler unreachable): nothing was written."""


class EngineFailed(WirefeedError):
    """The engine gave up on the build's work midway (a task failed on every worker it was
    retried on): the build stops before the swap, so the output and history are as they were."""


class Engine(Protocol):
    """What runs a build's map and reduce steps (see the module's docstring)."""

    def start(self) -> None:
        """Reach the engine (start or connect to its cluster); EngineUnavailable when it cannot."""

    def close(self) -> None:
        """Let go of the engine (stop what start() started)."""

    def read(self, paths: Sequence[Path], site: Site, root: Path | None, blobs: BlobFile | None,
             unsettled: frozenset[Path], progress: Progress | None) -> list[ReadFacts]:
        """ReadFacts.of(read_one(path)) for each path, in order (see pipeline/inputs.py)."""

    def channels(self, articles: Sequence[ListedArticle], site: Site) -> list[Channel]:
        """channels_of(articles, site), worked out by the engine."""

    def renderer(self, publication: Publication, site: Site, ledger: ArchiveLedger,
                 channels: Sequence[Channel]) -> Render:
        """What renders the jobs that SitePlan(publication, site, ledger, channels) plans."""


def engine_named(name: str, scheduler: str | None = None, workers: int | None = None) -> Engine | None:
    """The engine called `name` (ENGINE_NAMES); None for the local one, the build's default.

    `scheduler`: the address of a running Dask scheduler (without one, a LocalCluster of
    `workers` processes is started). Raises EngineUnavailable when Dask is not installed.
    """
    if name == "local":
        if scheduler is not None:
            raise EngineUnavailable("--scheduler is an address for the dask engine; the local engine has none")
        return None
    if name != "dask":
        raise EngineUnavailable(f"no engine named {name!r}; expected one of {', '.join(ENGINE_NAMES)}")
    try:
        from wirefeed.engine.dask_engine import DaskEngine
    except ImportError as error:
        raise EngineUnavailable(
            f"the dask engine needs dask[distributed], which is not installed ({(error.name or 'dask').split('.')[0]}): "
            "pip install 'wirefeed[dask]'") from None
    return DaskEngine(scheduler, workers=workers)
