"""What runs a build's work and puts it in place: the local parallel runner (parallel.py), the
jobs and their manifest (runner.py), staging and the atomic swap (staging.py), recording the
history once the output is in place (commit.py), and one build at a time (lock.py)."""

from wirefeed.engine.lock import LockedError, build_lock
from wirefeed.engine.runner import Job, Manifest, RunReport, run_jobs

__all__ = ["Job", "LockedError", "Manifest", "RunReport", "build_lock", "run_jobs"]
