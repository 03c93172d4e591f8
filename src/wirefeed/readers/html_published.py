"""A page's publication date among the dates it states (README: Date rules, html_precedence).

The first usable value of the best source (html_precedence) is the publication, with three
corrections for what CMSs commonly do: the update time written as the publication, a UTC time
whose local twin the page also states, and htmldate guesses that are a month or a year.
"""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime, timedelta, timezone

import lxml.html

from wirefeed.model import Found
from wirefeed.readers.html_body import guessed_date
from wirefeed.readers.html_dates import is_month_or_year, usable_date
from wirefeed.readers.html_harvest import Harvest
from wirefeed.readers.html_precedence import GUESS_SOURCES, HTMLDATE_SOURCE, TRAFILATURA_SOURCE, sources

# An ISO 8601 calendar day, the start of an ISO 8601 time.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# How many of a page's date sources must agree on a day to outvote the first source's (_outvoted).
_MAJORITY = 3
# A clock time to the second (`23:30:59`): two such times a whole offset apart are one instant.
_HAS_SECONDS = re.compile(r"\d:\d\d:\d\d")


def _first_usable(harvest: Harvest) -> Found[str] | None:
    """The first value of the best published source that is a date (in the form usable_date gives)."""
    for source in sources("published"):
        for value in harvest.text("published", source):
            if value and (kept := usable_date(value)):
                return Found(kept, source)
    return None


def published_date(harvest: Harvest) -> Found[str] | None:
    """The best publication date, unless it is really the update time.

    Some CMSs write the last update into datePublished. When the best value is also a
    modification time the page declares, and another source gives an earlier date, the
    earlier one is the publication.
    """
    best = _first_usable(harvest)
    if best is None:
        return None
    best = _outvoted(best, harvest)
    best = _local_form(best, harvest)
    modified = {_moment(value) for source in sources("modified") for value in harvest.text("modified", source)}
    best_moment = _moment(best.value)
    if best_moment is None:
        return _before_update_day(best, harvest)
    if best_moment not in modified:
        return best
    for source in sources("published"):
        for value in harvest.text("published", source):
            moment = _moment(value)
            if moment is not None and moment < best_moment and usable_date(value):
                return Found(value, source)
    return best


def _before_update_day(best: Found[str], harvest: Harvest) -> Found[str]:
    """An earlier stated day than `best`, when `best` is a day alone that is the day of the page's update.

    A CMS that writes the last update into datePublished as a day (`2020-02-19`) hides it from the
    check above, which compares moments: the day of a declared update time counts the same.
    """
    day = best.value.strip()
    if not _ISO_DAY.fullmatch(day):
        return best
    updated = {moment.date().isoformat() for source in sources("modified") for value in harvest.text("modified", source) if (moment := _moment(value))}
    if day not in updated:
        return best
    for source in sources("published"):
        for value in harvest.text("published", source):
            if _ISO_DAY.match(value) and value[:10] < day and usable_date(value):
                return Found(value, source)
    return best


def _outvoted(best: Found[str], harvest: Harvest) -> Found[str]:
    """The first value of the day most of the page's sources state, when they outvote `best`'s day.

    One stray value among a page's dates (a JSON-LD record of a related article, a template's
    default, a date left from a draft) sits first as often as anywhere. When at least
    _MAJORITY sources (each counted once; trafilatura's reading of the page is one) agree on a day
    two or more days from `best`'s, and more of them than agree with `best`, that day wins.
    A day apart is left alone: the same instant is often written on two calendars (UTC and local).
    """
    best_day = _day(best.value)
    days: dict[date, list[Found[str]]] = {}
    for source in sources("published"):
        # Each source votes once, with its first value that names a day.
        vote = next(((day, value) for value in harvest.text("published", source) if (day := _day(value))), None)
        if vote is not None:
            days.setdefault(vote[0], []).append(Found(vote[1], source))
    if best_day is None or best_day not in days:
        return best
    top = max(days, key=lambda day: len(days[day]))
    voters = days[top]
    if len(voters) < _MAJORITY or len(voters) <= len(days[best_day]) or abs(top - best_day) < timedelta(days=2):
        return best
    return next((found for found in voters if usable_date(found.value)), best)


def _day(value: str) -> date | None:
    """The calendar day an ISO 8601 value starts with, as written."""
    match = _ISO_DAY.match(value.strip())
    try:
        return date.fromisoformat(match.group(0)) if match else None
    except ValueError:
        return None


def date_guesses(tree: lxml.html.HtmlElement, page_url: str | None, harvest: Harvest) -> None:
    """htmldate's guesses, when the page declares no publication date of its own.

    trafilatura's date is htmldate's extensive search, which reads the page's free text when the
    markup and URL give no day; when that text holds only a month (`März 2020`) or a year (a
    copyright line), htmldate fills the missing parts with 1 and returns the 1st. Such a guess is
    not a publication day: it stands only when the markup-and-URL search finds that same day.
    """
    declared = (value for name in sources("published") if name not in GUESS_SOURCES for value in harvest.text("published", name))
    if any(usable_date(value) for value in declared):
        return
    markup_guess = guessed_date(tree, page_url)
    text_guess = harvest.first_text("published", TRAFILATURA_SOURCE)
    if text_guess and is_month_or_year(text_guess) and text_guess != markup_guess:
        harvest.replace_texts("published", TRAFILATURA_SOURCE, [])
    harvest.add_text("published", HTMLDATE_SOURCE, markup_guess)


def _local_form(best: Found[str], harvest: Harvest) -> Found[str]:
    """The same instant as `best` in the page's own offset, when `best` is in UTC and another source gives it so.

    A CMS often writes JSON-LD in UTC and the visible or Dublin Core date in local time;
    both are the same moment, but only the local one has the newsroom's calendar day.
    """
    best_moment = _moment(best.value)
    if best_moment is None or best_moment.utcoffset():
        return best
    for source in sources("published"):
        for value in harvest.text("published", source):
            moment = _moment(value) or _moment(_rfc_to_iso(value))
            if moment is not None and moment == best_moment and moment.utcoffset():
                return Found(value, source)
            if (local := _local_twin(value, best_moment)) is not None:
                return Found(local, source)
    return best


def _local_twin(value: str, utc: datetime) -> str | None:
    """`value`, a time with seconds and no offset, as `utc` on the page's clock when it is that instant there.

    A page that gives `2023-11-09T05:30:59Z` in its metadata and `2023-11-08 23:30:59` in its
    `<time>` states the same instant twice: the same minutes and seconds, a whole number of half
    hours apart within the offsets in use (UTC-12 to UTC+14), reveal the offset (-06:00).
    """
    try:
        wall = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if wall.tzinfo is not None or not _HAS_SECONDS.search(value):
        return None
    offset = wall - utc.replace(tzinfo=None)
    if not offset or offset % timedelta(minutes=30) or not timedelta(hours=-12) <= offset <= timedelta(hours=14):
        return None
    return utc.astimezone(timezone(offset)).isoformat()


def _rfc_to_iso(value: str) -> str:
    """`Sat, 19 Oct 2019 00:04:00 +0200` (RFC 822, Dublin Core's usual form) as ISO 8601; else as given."""
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def _moment(value: str) -> datetime | None:
    """An ISO 8601 time with its offset, for comparing; None for anything else (normalize parses dates)."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
