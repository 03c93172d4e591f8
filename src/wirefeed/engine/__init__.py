"""What runs a build's work and puts it in place: the local parallel runner (parallel.py), the
jobs and their manifest (runner.py), staging and the atomic swap (staging.py), recording the
history once the output is in place (commit.py), and one build at a time (lock.py); which engine
runs the map and reduce steps (engines.py: the local one, or Dask's in dask_engine.py, imported
only when asked for)."""

from typing import TYPE_CHECKING, Any

from wirefeed.engine.engines import Engine, EngineFailed, EngineUnavailable, engine_named
from wirefeed.engine.lock import LockedError, build_lock

if TYPE_CHECKING:
    from wirefeed.engine.runner import Job, Manifest, RunReport, run_jobs

__all__ = ["Engine", "EngineFailed", "EngineUnavailable", "Job", "LockedError", "Manifest", "RunReport", "build_lock", "engine_named", "run_jobs"]


def __getattr__(name: str) -> Any:
    # The runner (and the staging it swaps outputs with) only when a build renders or removes
    # something: `wirefeed build` imports this package, and most rebuilds find nothing changed.
    if name in ("Job", "Manifest", "RunReport", "run_jobs"):
        from wirefeed.engine import runner

        return getattr(runner, name)
    raise AttributeError(f"module 'wirefeed.engine' has no attribute {name!r}")
