"""What runs a build's work and puts it in place: the local parallel runner (parallel.py), the
jobs and their manifest (runner.py), staging and the atomic swap (staging.py), recording the
history once the output is in place (commit.py), and one build at a time (lock.py); which engine
runs the map and reduce steps (engines.py: the local one, or Dask's in dask_engine.py, imported
only when asked for)."""

from wirefeed.engine.engines import Engine, EngineFailed, EngineUnavailable, engine_named
from wirefeed.engine.lock import LockedError, build_lock
from wirefeed.engine.runner import Job, Manifest, RunReport, run_jobs

__all__ = ["Engine", "EngineFailed", "EngineUnavailable", "Job", "LockedError", "Manifest", "RunReport", "build_lock", "engine_named", "run_jobs"]
