"""Which of a page's date values can stand as its publication and update times.

normalize() parses dates with dateutil, which reads English and numeric forms only. A page
may give a time without a day (`08:00`, a template's clock) or a date in its own language
(`jueves, 09 enero 2014 10:21`): the first is no date, the second is read here with
dateparser (a maintained multilingual parser) and handed on as ISO 8601 text.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone

from dateutil import parser as dateutil_parser

_LOG = logging.getLogger(__name__)
_YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)")
_CLOCK = re.compile(r"\d:\d\d")
_DEFAULT = datetime(2000, 1, 1)


def usable_date(value: str) -> str | None:
    """`value` when dateutil reads it as a date with a year; its ISO form when only dateparser does; else None."""
    text = value.strip()
    if not _YEAR.search(text):
        return None
    try:
        dateutil_parser.parse(text, default=_DEFAULT)
    except (ValueError, OverflowError, ArithmeticError):
        return _other_language(text)
    return text


def _other_language(text: str) -> str | None:
    import dateparser  # loads its language data on first use: only for dates dateutil cannot read

    try:
        parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception as error:  # dateparser raises assorted errors on odd text; unreadable is no date
        _LOG.debug("dateparser failed on %r: %s", text, error)
        return None
    if parsed is None:
        return None
    # A day without a clock stays a day: no invented midnight.
    return parsed.isoformat() if _CLOCK.search(text) else parsed.date().isoformat()


def moment(value: str) -> datetime | None:
    """A comparable time: an aware one as given, a naive one read as UTC (both sides alike)."""
    try:
        parsed = dateutil_parser.parse(value, default=_DEFAULT)
    except (ValueError, OverflowError, ArithmeticError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=timezone.utc)


def update_after(published: str | None, modified: str | None, page: str) -> str | None:
    """The update time, or None when it is before the publication (a CMS's stale or swapped field).

    An update cannot precede the story; keeping the publication and dropping the update
    publishes the story with the date readers saw first, instead of refusing the page.
    """
    if modified is None or published is None:
        return modified
    first, last = moment(published), moment(modified)
    if first is not None and last is not None and last < first:
        _LOG.warning("%s: the update date %s is before the publication date %s; the update date is ignored", page, modified, published)
        return None
    return modified
