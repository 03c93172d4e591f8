"""Value syntaxes shared by the feed and JSON checkers: dates, URLs, language tags, e-mail.

Each check returns the rule a value breaks and why, or None; the caller knows the place.
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone
from email.utils import parseaddr, parsedate_to_datetime
from typing import Final, NamedTuple
from urllib.parse import urlsplit

# Before the web, or more than ten minutes ahead: a typo or a wrong clock (the W3C's bounds).
_EARLIEST_PLAUSIBLE: Final = datetime(1990, 1, 1, tzinfo=timezone.utc)
_FUTURE_SLACK_SECONDS: Final = 600


class Problem(NamedTuple):
    """A rule that a value breaks and a message saying how."""

    rule: str
    message: str


# RSS dates: RFC 822 as RFC 2822 writes it (four-digit year, single spaces, a numeric offset or a
# zone RFC 822 names). This is the W3C's strict pattern; its lenient one only earns a warning.
_RFC2822 = re.compile(
    r"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d\d? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d\d:\d\d(:\d\d)? ([+-]\d\d[0-5]\d|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)"
)
_RFC822_LENIENT = re.compile(
    r"((mon|tue|wed|thu|fri|sat|sun)\s*,\s*)?\d\d?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov"
    r"|dec)\s+\d\d(\d\d)?\s+\d\d:\d\d(:\d\d)?\s+([+-]\d{4}|ut|gmt|est|edt|cst|cdt|mst|mdt|pst|pdt"
    r"|[a-ik-z])?"
)
# Fixed English names: strftime("%a") follows the locale, RFC 822 does not.
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
_W3CDTF = re.compile(r"\d{4}(-\d\d(-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?)?)?")
# ISO 8601 as schema.org writes it: a date, then optionally a time, then optionally an offset.
_ISO8601 = re.compile(
    r"\d{4}-\d\d-\d\d(?:T(?P<time>\d\d:\d\d(?::\d\d(?:\.\d+)?)?)(?P<offset>Z|[+-]\d\d:?\d\d)?)?"
)


def rfc822_date_problem(value: str) -> Problem | None:
    """RSS `pubDate` / `lastBuildDate`: InvalidRFC2822Date, IncorrectDOW or ImplausibleDate."""
    if not _RFC2822.fullmatch(value):
        if _RFC822_LENIENT.fullmatch(value.strip().lower()):
            return Problem(
                "ProblematicalRFC822Date", f"{value!r} is RFC 822, but not as RFC 2822 writes it"
            )
        return Problem(
            "InvalidRFC2822Date",
            f"{value!r} is not an RFC 822 date like 'Thu, 11 Mar 2021 12:58:00 +0800'",
        )
    try:
        instant = _as_aware(parsedate_to_datetime(value))
    except ValueError as error:
        return Problem("InvalidRFC2822Date", f"{value!r}: {error}")
    # The weekday names the calendar day at the date's own offset, as written.
    weekday = _WEEKDAYS[instant.weekday()]
    if "," in value and not weekday.startswith(value[:3]):
        return Problem("IncorrectDOW", f"{value!r}: {instant.date().isoformat()} is a {weekday}")
    return _implausible(instant, value)


def rfc822_instant(value: str) -> datetime | None:
    """The moment an RFC 822 date names, or None when it is not one."""
    try:
        return _as_aware(parsedate_to_datetime(value))
    except (TypeError, ValueError):
        return None


def rfc3339_date_problem(value: str) -> Problem | None:
    """Atom `updated` / `published`, JSON Feed dates: a full date, time and offset."""
    if not _RFC3339.fullmatch(value):
        return Problem(
            "InvalidRFC3339Date",
            f"{value!r} is not an RFC 3339 date-time like '2021-03-11T12:58:00+08:00'",
        )
    try:
        instant = datetime.fromisoformat(value)
    except ValueError as error:
        return Problem("InvalidRFC3339Date", f"{value!r}: {error}")
    return _implausible(instant, value)


def w3cdtf_date_problem(value: str) -> Problem | None:
    """Dublin Core `dc:date`: W3C-DTF, whose time, when present, carries an offset."""
    if not _W3CDTF.fullmatch(value):
        return Problem(
            "InvalidW3CDTFDate",
            f"{value!r} is not a W3C-DTF date like '2021-03-11T12:58:00+08:00'",
        )
    return None


def iso8601_date_problem(value: str) -> Problem | None:
    """schema.org Date / DateTime: ISO 8601, and a time never without its offset."""
    match = _ISO8601.fullmatch(value)
    if match is None:
        return Problem(
            "InvalidDate", f"{value!r} is not an ISO 8601 date like '2021-03-11T12:58:00+08:00'"
        )
    try:
        datetime.fromisoformat(value)
    except ValueError as error:
        return Problem("InvalidDate", f"{value!r}: {error}")
    if match.group("time") and not match.group("offset"):
        return Problem(
            "DateWithoutOffset",
            f"{value!r} has a time but no offset: readers cannot tell when it was",
        )
    return None


def iso8601_instant(value: str) -> datetime | None:
    """The moment an ISO 8601 value names (naive when it has no offset), or None."""
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _as_aware(instant: datetime) -> datetime:
    # `-0000` means "offset unknown"; the instant is still read as UTC, as RFC 2822 says.
    return instant if instant.tzinfo else instant.replace(tzinfo=timezone.utc)


def _implausible(instant: datetime, value: str) -> Problem | None:
    if instant < _EARLIEST_PLAUSIBLE:
        return Problem("ImplausibleDate", f"{value!r} is before 1990")
    if instant.timestamp() > time.time() + _FUTURE_SLACK_SECONDS:
        return Problem("ImplausibleDate", f"{value!r} is in the future")
    return None


def is_absolute_url(value: str) -> bool:
    """A URL a reader can fetch without knowing where the document was: scheme and host."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    if parts.scheme in ("http", "https", "ftp"):
        return bool(parts.netloc) and not any(c.isspace() for c in value.strip())
    # mailto:, urn:, tag:, data: and the like are absolute without a host.
    return bool(parts.scheme) and len(parts.scheme) > 1 and bool(parts.path or parts.netloc)


def looks_like_relative_url(value: str) -> bool:
    """A path or fragment reference (`/a`, `./a`, `../a`, `#a`, `?a`), not free text."""
    return value.startswith(("/", "./", "../", "#", "?")) and " " not in value


# ISO 639-1 two-letter codes (as the W3C validator's iso639codes.py accepts them).
_ISO639_1: Final = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la
    lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc
    oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st
    su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh
    zu x xx i""".split()
)
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


def language_problem(value: str) -> Problem | None:
    """A language tag: `en`, `zh-cn`, `pt-BR`; never `zh_CN` or a language's name."""
    if not _LANGUAGE_TAG.fullmatch(value):
        return Problem("InvalidLanguage", f"{value!r} is not a language tag like 'en' or 'zh-cn'")
    primary = value.split("-", 1)[0].lower()
    # Three-letter ISO 639-2/3 codes are too many to list; their shape is checked above.
    if len(primary) != 3 and primary not in _ISO639_1:
        return Problem("InvalidLanguage", f"{value!r}: {primary!r} is not an ISO 639 language code")
    return None


_ADDR_SPEC = re.compile(r"[A-Z0-9_\-+.']+@(\d{1,3}(\.\d{1,3}){3}|([A-Z0-9\-]+\.)+[A-Z][-A-Z0-9]*)", re.I)


def email_problem(value: str, hint: str = "") -> Problem | None:
    """RSS `author`, `managingEditor`, `webMaster`, Atom `email`: `jane@example.com (Jane Doe)`."""
    _, address = parseaddr(value)
    if not _ADDR_SPEC.fullmatch(address or value):
        return Problem("InvalidContact", f"{value!r} is not an e-mail address{hint}")
    return None
