"""Which of a page's date values can stand as its publication and update times.

normalize() parses dates with dateutil, which reads English and numeric forms only. A page
may give a time without a day (`08:00`, a template's clock) or a date in its own language
(`jueves, 09 enero 2014 10:21`): the first is no date, the second is read here with
dateparser (a maintained multilingual parser) and handed on as ISO 8601 text.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

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
    if not isinstance(parsed, datetime):
        return None
    # A day without a clock stays a day: no invented midnight.
    return parsed.isoformat() if _CLOCK.search(text) else parsed.date().isoformat()


# htmldate's output form (`%Y-%m-%d`) on the 1st of a month: what it returns for a month or a year alone.
_FIRST_OF_MONTH = re.compile(r"\d{4}-\d{2}-01")


def is_month_or_year(guess: str) -> bool:
    """Whether an htmldate guess may stand for a month or a year: it fills a missing day (and month) with 1."""
    return bool(_FIRST_OF_MONTH.fullmatch(guess.strip()))

