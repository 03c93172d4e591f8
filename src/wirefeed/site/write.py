"""Bringing an output folder up to date with a Publication: the site's plan of outputs as jobs
(plan.py), run by the engine (engine/runner.py), which renders only what changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wirefeed.cache.templates import kept_templates
from wirefeed.model import Site
from wirefeed.output import OutputDir
from wirefeed.site.archive import ArchiveLedger
from wirefeed.engine.engines import Engine
from wirefeed.engine.runner import Manifest, RunReport, run_jobs
from wirefeed.site.plan import Publication, SitePlan, plan_jobs, withdrawn_paths

__all__ = ["SiteWrite", "write_site"]


@dataclass(frozen=True, slots=True)
class SiteWrite:
    """What write_site did, the archive ledger to keep for the next build, and the plan it
    wrote from (which a rebuild kept in memory revises: pipeline/warm.py)."""

    report: RunReport
    ledger: ArchiveLedger
    plan: SitePlan


def write_site(
    publication: Publication,
    site: Site,
    output: OutputDir,
    *,
    ledger: ArchiveLedger | None = None,
    manifest: Manifest | None = None,
    workers: int | None = None,
    render_all: bool = False,
    commit: Callable[[ArchiveLedger], None] | None = None,
    engine: Engine | None = None,
) -> SiteWrite:
    """Bring `output` up to date with `publication`: render what changed, remove what is gone.

    Without a manifest, or with `render_all`, every output is rendered (and identical bytes
    still left untouched); the manifest still tells which outputs are no longer made.
    `commit`: called with the archive ledger to keep once the new output is in place; when it
    raises, the previous output is put back (see engine/runner.py run_jobs).
    `engine`: where the channels are grouped and the jobs rendered (default: here, in forked workers).
    """
    ledger = ledger or ArchiveLedger()
    channels = engine.channels(publication.articles, site) if engine is not None else None
    # A build that keeps no cache (render_all) keeps no compiled templates either.
    plan = SitePlan(publication, site, ledger, channels, None if render_all else kept_templates())
    try:
        report = run_jobs(
            plan_jobs(plan),
            output,
            manifest or Manifest(None, {}),
            also_remove=withdrawn_paths(publication.withdrawn, site),
            workers=workers,
            render_all=render_all,
            render=engine.renderer(publication, site, ledger, plan.channels) if engine is not None else None,
            prepare=lambda pending, folder: plan.keep_items(pending, folder, workers),
            commit=(lambda: commit(plan.ledger)) if commit is not None else (lambda: None),
        )
    finally:
        plan.forget_items()
    return SiteWrite(report=report, ledger=plan.ledger, plan=plan)
