"""The newest date of a sitemap file, found again after an edit from the places that changed.

A sitemap file's date in the sitemap index is the newest of its 50,000 entries' dates, as
max() finds it: the first of the entries that hold the latest instant. Which of equal instants
it is matters, since the same instant at two UTC offsets prints two ways. The dates carry
several kinds of zone object (the site's, fixed offsets, the history's), and then each
comparison asks both for their offset: max() over one file took 7 to 12 ms at 100,000 articles,
about a quarter of the build server's work for an edit. After an edit only the changed places are
looked at (newest_after), with the same answer as max() over them all.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

__all__ = ["Dated", "Newest", "newest_after", "newest_of"]


class Dated(Protocol):
    """A sitemap entry, as far as its file's date goes."""

    @property
    def lastmod(self) -> datetime: ...


_LASTMOD = operator.attrgetter("lastmod")


@dataclass(frozen=True, slots=True)
class Newest:
    """The newest of some entries' dates, as max() gives it, the place of the first entry that
    holds it, and how many entries there were."""

    value: datetime
    at: int
    size: int


def newest_of(entries: Sequence[Dated]) -> Newest:
    """The newest of the entries' dates, with its place: the first date equal to it, as max()
    keeps the first of equals. `entries` must not be empty."""
    dates = list(map(_LASTMOD, entries))
    value = max(dates)
    return Newest(value, dates.index(value), len(dates))


def newest_after(previous: Newest, entries: Sequence[Dated], changed: Iterable[int]) -> Newest:
    """newest_of(entries), where `previous` is newest_of() of entries whose dates differ from
    these only at the `changed` places; those alone are looked at, unless the date at the
    previous newest's place went back (what comes next is not known) or the count differs.

    Why that is exact: of the unchanged dates, those before `previous.at` are earlier than
    `previous.value` (max() moves on only to a later date) and those after it are not later.
    The date now at `previous.at` is not earlier either. So the newest is the latest of that
    date and the changed ones, at the first place that holds that instant. An edited story is
    edited again, so the newest date's own place changing is the common case, not a rare one.
    """
    if len(entries) != previous.size:
        return newest_of(entries)
    at = previous.at
    value = entries[at].lastmod
    if value < previous.value:
        return newest_of(entries)
    # In any order: a later date, or the same instant at an earlier place, takes over.
    for place in changed:
        date = entries[place].lastmod
        if date > value or (date == value and place < at):
            value, at = date, place
    return Newest(value, at, len(entries))
