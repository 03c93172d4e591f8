"""What a build returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wirefeed.errors import InputError, Withdrawal
from wirefeed.model import Article

__all__ = ["BuildResult"]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build published, what it rejected (each with file and place) and what it wrote.

    articles: published, newest first, with the history's slug, URL and dateModified.
    embargoed: stored, published nowhere yet (datePublished after `now`), soonest first.
        (When nothing changed since the last build, these two and `written` are its saved
        ones, read from beside the store the first time they are used: most callers only
        count them.)
    withdrawn: ids of every released article whose input is gone (or withdraws it: `withdrawals`).
    written: every output path the build stands for; rendered: those it rendered this time;
    removed: the outputs it took down.
    """

    articles: Sequence[Article]
    rejected: tuple[InputError, ...]
    written: Sequence[str]
    embargoed: Sequence[Article] = ()
    withdrawn: tuple[str, ...] = ()
    withdrawals: tuple[Withdrawal, ...] = ()  # inputs that take their story down (no errors: pipeline/versions.py)
    rendered: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # what was left out of published articles, one line each

    @property
    def ok(self) -> bool:
        return not self.rejected
