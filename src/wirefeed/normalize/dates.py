"""Date strings as articles spell them into timezone-aware datetimes."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

from wirefeed.errors import InputError
from wirefeed.model import Found

# dateutil reads `p.m.` as two tokens it does not know; newsroom style spells it that way.
_MERIDIEM = re.compile(r"\b([ap])\.\s?m\.?(?=\W|$)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# Zone abbreviations that mean one thing wherever they are printed. CST, IST and the like mean
# different zones in different newsrooms, so they are left out and the site's zone applies.
_ZONES: dict[str, tzinfo] = {
    "UTC": timezone.utc,
    "GMT": timezone.utc,
    "Z": timezone.utc,
    "BJT": timezone(timedelta(hours=8)),
    "HKT": timezone(timedelta(hours=8)),
    "SGT": timezone(timedelta(hours=8)),
    "JST": timezone(timedelta(hours=9)),
    "KST": timezone(timedelta(hours=9)),
    "CET": timezone(timedelta(hours=1)),
    "CEST": timezone(timedelta(hours=2)),
    "BST": timezone(timedelta(hours=1)),
    "EST": timezone(timedelta(hours=-5)),
    "EDT": timezone(timedelta(hours=-4)),
    "PST": timezone(timedelta(hours=-8)),
    "PDT": timezone(timedelta(hours=-7)),
}
# Outside these years a date is a typing mistake, not news (and feed readers flag it as implausible).
# The UTC offsets in use on Earth run from -12:00 (Baker Island) to +14:00 (Line Islands).
_EARLIEST_OFFSET = timedelta(hours=-12)
_LATEST_OFFSET = timedelta(hours=14)
EARLIEST_YEAR = 1900
LATEST_YEAR = 2199


@dataclass(frozen=True, slots=True)
class StatedDate:
    """A date as the input spells it: naive when it names no zone, and whether it has a time of day."""

    moment: datetime
    has_time: bool


def read_date(found: Found[str], path: Path, field: str, languages: tuple[str, ...] = ()) -> StatedDate:
    """The date that `found` spells, its zone (if any) as given; `languages` (ISO 639-1 codes, may
    be empty for "any") are those a date written out in words may be in (`jueves, 09 enero 2014`)."""
    text = _MERIDIEM.sub(lambda match: f"{match.group(1).upper()}M", found.value.strip())
    if not _YEAR.search(text):
        raise InputError(path, found.where, f"{field} {found.value!r} has no four-digit year; expected a date such as Mar 11, 2021 12:58 PM")
    try:
        parsed: datetime = _common_form(text) or _day_first(text, languages) or dateutil_parser.parse(text, tzinfos=_ZONES, default=datetime(2000, 1, 1))
    # dateutil also lets decimal's errors out: `12:58 P2222...M` asks it for seconds it cannot divide.
    except (ValueError, ArithmeticError) as error:
        in_words = in_other_language(text, languages)
        if in_words is None:
            raise InputError(path, found.where, f"{field} {found.value!r} is not a date ({_reason(error)}); expected a date such as Mar 11, 2021 12:58 PM") from None
        parsed = in_words
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise InputError(path, found.where, f"{field} {found.value!r} is implausible; expected a year between {EARLIEST_YEAR} and {LATEST_YEAR}")
    if parsed.tzinfo is not None and not _plausible_offset(parsed):
        raise InputError(path, found.where, f"{field} {found.value!r} has an impossible UTC offset; expected one between -12:00 and +14:00")
    return StatedDate(parsed, has_time=bool(_HAS_TIME.search(text)))


def parse_date(found: Found[str], zone: ZoneInfo, path: Path, field: str) -> datetime:
    """The aware datetime that `found` spells; a date without a zone takes `zone`."""
    stated = read_date(found, path, field)
    return stated.moment if stated.moment.tzinfo is not None else stated.moment.replace(tzinfo=zone)


# A time of day in any of the forms dates are written in: `12:58`, `T07:30`, `2 PM`, `14h30`,
# `7時30分`, `오후 2시`, `10点`, `07.30 Uhr`. A value without one names a day, not a moment.
_HAS_TIME = re.compile(r"\d{1,2}(?:\s*:\s*\d{2}|\s*[AP]M\b|h\d{2}|\s*[時时시点點]|[.:]\d{2}\s*Uhr|\s+Uhr)", re.IGNORECASE)
# dateparser reads dates in some 200 languages. Only its absolute readers are used: a page's
# `gestern` or `2 hours ago` would otherwise be read against the build's clock (the same input
# would give another date tomorrow), and a bare number as a Unix timestamp.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
}


def in_other_language(text: str, languages: tuple[str, ...]) -> datetime | None:
    """`text` read as a date written out in one of `languages` (any when empty), or None."""
    parser = _date_parser(languages)
    try:
        found = parser.get_date_data(text).date_obj
    # dateparser raises whatever its readers raise on odd text; a value it cannot read is not a date.
    except Exception:  # noqa: BLE001
        return None
    return found if isinstance(found, datetime) else None


@functools.lru_cache(maxsize=32)
def _date_parser(languages: tuple[str, ...]) -> Any:
    # Imported when first needed: loading dateparser takes a third of a second, and wire copy
    # and most pages never need it.
    from dateparser.date import DateDataParser
    from dateparser.languages.loader import default_loader

    # A language dateparser does not know is left out; with none left, it detects the language.
    known = [language for language in languages if language in default_loader.get_locale_map()]
    return DateDataParser(languages=known or None, settings=_DATEPARSER_SETTINGS)


# The forms wire copy nearly always uses, read without dateutil (about 100 microseconds a date,
# a tenth of reading a whole article): ISO 8601 (`2021-03-11 12:58`, `2021-03-11T12:58:00+08:00`),
# `Mar 11, 2021 12:58 PM` and `11 March 2021`. Anything else, or anything out of range, goes to
# dateutil, which reads these forms the same (tests/normalize/test_dates_fast.py) and words the errors.
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?")
_MONTH_FIRST = re.compile(r"(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}), (?P<year>\d{4})(?: (?P<hour>\d{1,2}):(?P<minute>\d{2}) ?(?P<half>[AP]M))?")
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2}) (?P<month>[A-Za-z]{3,9})\.? (?P<year>\d{4})")
_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}


def _common_form(text: str) -> datetime | None:
    """`text` read when it is one of the common forms and a valid date; None sends it to dateutil."""
    try:
        if _ISO.fullmatch(text):
            return datetime.fromisoformat(text)
        match = _MONTH_FIRST.fullmatch(text) or _DAY_FIRST.fullmatch(text)
        if match is None or (month := _MONTHS.get(match["month"].lower())) is None:
            return None
        hour, minute = 0, 0
        if match.re is _MONTH_FIRST and match["hour"]:
            hour, minute = int(match["hour"]), int(match["minute"])
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if match["half"] == "PM" else 0)
        return datetime(int(match["year"]), month, int(match["day"]), hour, minute)
    except ValueError:
        return None


# `11.03.2021 12:58`, `10.12.2022, 07:00:03`, `11.03.2021, 12.58 Uhr`: with dots between the numbers
# the day comes first, in every country that writes dates so (dateutil would read the month first,
# as in `03/11/2021`). With dashes (`01-11-2023 10:29`) the order depends on the writer: the month
# comes first in US English only, so a page in any other language is read day first; English, or no
# language stated, is left to dateutil (month first). With slashes it is left to dateutil too: CMSs
# print their US default (`11/01/2023 12:43:42` on a German page is 1 November) as often as not.
_DAY_MONTH_YEAR = re.compile(
    r"(?P<day>\d{1,2})(?P<separator>[-.])(?P<month>\d{1,2})(?P=separator)(?P<year>\d{4})"
    r"(?:,?\s+(?:-\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\s*(?P<half>[AP]M)|\s*Uhr)?)?",
    re.IGNORECASE,
)


def _day_first(text: str, languages: tuple[str, ...]) -> datetime | None:
    """`text` read day first when it is all numbers with dots, or with dashes in a language other than English; else None."""
    match = _DAY_MONTH_YEAR.fullmatch(text)
    if match is None or (match["separator"] != "." and (not languages or languages[0] == "en")):
        return None
    hour, minute, second = (int(match[name] or 0) for name in ("hour", "minute", "second"))
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"].upper() == "PM" else 0)
    try:
        return datetime(int(match["year"]), int(match["month"]), int(match["day"]), hour, minute, second)
    except ValueError:  # no such day read day first (`05/22/2022`): dateutil reads it month first
        return None


def _plausible_offset(moment: datetime) -> bool:
    # `18:0-50` reads as an offset of -50 hours; datetime refuses to even report one past a day.
    try:
        offset = moment.utcoffset()
    except ValueError:
        return False
    return offset is not None and _EARLIEST_OFFSET <= offset <= _LATEST_OFFSET


# dateutil's wording for "not a date at all", in the lower case of its other reasons.
_DATEUTIL_REASONS = {"Unknown string format": "unrecognised format", "String does not contain a date": "no date in it"}


def _reason(error: Exception) -> str:
    if isinstance(error, ArithmeticError):
        return "a number in it is out of range"
    message = str(error)
    # dateutil's messages are like "day is out of range for month: Feb 30, 2021"; keep the reason.
    reason = message.split(":")[0] if message else "unrecognised"
    return _DATEUTIL_REASONS.get(reason, reason)
