"""The IPTC 7901 reader: wire copy framed by control characters (dpa and other agencies' text services).

    SOH                                         start of message (byte 0x01)
    eca0001 4 rs 46  dpa 0027                   header: service + number, priority, category, words, source...
    STX                                         start of text (0x02)
    American Football/NFL/                      keyword line, ending with `/` -> keywords
    (Achtung)                                   a note in brackets -> dropped
    Chiefs-Rams 2.0? Would be a fun Super Bowl  headline
    By Tom Krasovic, The Union-Tribune =        byline; ` =` ends the headline block
    San Diego (tca/dpa) - History says ...      dateline, then the text: paragraphs at blank
                                                lines or indented first lines
    The following information is not intended for publication
                                                -> it and all after it dropped (notes to editors)
    dpa tca bag                                 sign-off initials -> dropped
    211259 Nov 18                               trailer: day 21, 12:59, November, (20)18 -> published
    ETX                                         end of text (0x03)

The trailer's last number is the year's last two digits (`211259 Nov 18` closes a story on a
game of 19 November 2018). A trailer without it takes the year that puts the date nearest the
file's modification time, so the same file reads the same on every build; a sidecar's
`published` overrides either.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import datetime, timezone
from pathlib import Path

from wirefeed.errors import InputError
from wirefeed.model import Draft, DraftAgent, Found, Source
from wirefeed.readers.decoding import decode_text
from wirefeed.readers.lines import NumberedLine

SOH, STX, ETX = b"\x01", b"\x02", b"\x03"
EXPECTED = "an IPTC 7901 message: SOH, a header line, STX, the text, ETX"
_HEADER = re.compile(r"^(?P<service>[A-Za-z]*)(?P<number>\d*)\s+(?P<priority>\d)\s+(?P<category>[A-Za-z]{1,3})\s+(?P<words>\d+)(?P<rest>.*)$")
_BYLINE = re.compile(r"^(?:by|von|par|por|di|av|door)\s+\S", re.IGNORECASE)
_NOTE = re.compile(r"^\(.*\)$")
_NOT_FOR_PUBLICATION = re.compile(
    r"not (?:intended )?for publication|nicht zur veröffentlichung|nicht für die veröffentlichung", re.IGNORECASE)
# Separator lines (`* * * *`) and the telex end-of-message marker `NNNN`.
_SEPARATOR = re.compile(r"^(?:[\s*=_-]+|NNNN)$")
_SIGNOFF = re.compile(r"^[a-z]{2,6}(?:[ /][a-z0-9]{1,6}){1,8}$")
_TRAILER = re.compile(r"^(?P<day>\d{2})(?P<hour>\d{2})(?P<minute>\d{2})(?:\s+(?P<zone>[A-Z]{1,4}))?\s+(?P<month>[A-Z][a-z]{2})(?:\s+(?P<year>\d{2}))?$")
_DATELINE = re.compile(r"^(?P<dateline>[^\W\d][^()\n]{0,40}?\s*\([^()]{2,30}\))\s*[-–—]+\s+")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_ZONES = {"GMT": "+00:00", "UTC": "+00:00", "UT": "+00:00", "Z": "+00:00", "CET": "+01:00", "MEZ": "+01:00",
          "CEST": "+02:00", "MESZ": "+02:00"}
_SNIFF_BYTES = 4096
# A header is a line of text: any other control byte in it means the file is binary data, not 7901.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A headline block ends at its ` =` line within this many lines, or the copy has none.
_HEADLINE_LINES = 6


def is_iptc7901(data: bytes) -> bool:
    """Whether the bytes are framed as an IPTC 7901 message: SOH, a header line of text, STX."""
    head = data.lstrip(b"\r\n\x16 ")
    if not head.startswith(SOH):
        return False
    end = head.find(STX, 1, _SNIFF_BYTES)
    header = head[1:end]
    return end > 0 and bool(header.strip()) and not _CONTROL_BYTES.search(header)


def read_iptc7901(path: Path, data: bytes) -> Draft:
    """Read one IPTC 7901 message into a Draft."""
    header, lines = _framed(path, data)
    source_name, site_where = _header(header)
    keywords, lines = _keyword_line(lines)
    headline, authors, lines = _headline_block(lines)
    body, trailer = _body(lines)
    dateline = None
    if body:
        dateline, body[0] = _take_dateline(body[0])
    return Draft(
        source=Source(path=path, format="iptc7901", sha256=hashlib.sha256(data).hexdigest()),
        headline=headline,
        published=_published(path, trailer),
        authors=tuple(authors),
        dateline=dateline,
        body=tuple(body),
        keywords=tuple(keywords),
        site_name=Found(source_name, site_where) if source_name else None,
    )


def _framed(path: Path, data: bytes) -> tuple[NumberedLine, list[NumberedLine]]:
    """The header line and the lines of text between STX and ETX, numbered as in the file."""
    start = data.find(SOH)
    text_start = data.find(STX, start + 1)
    if start < 0 or text_start < 0:
        raise InputError(path, None, f"no SOH and STX framing; expected {EXPECTED}")
    end = data.find(ETX, text_start + 1)
    if end < 0:
        raise InputError(path, None, f"no ETX after the text: the message is cut off; expected {EXPECTED}")
    first_line = data.count(b"\n", 0, start) + 1
    header = _decode(path, data[start + 1 : text_start]).strip()
    text = _decode(path, data[text_start + 1 : end])
    text_line = data.count(b"\n", 0, text_start) + 1
    lines = [NumberedLine(text_line + index, line.rstrip()) for index, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))]
    return NumberedLine(first_line, header), lines


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        return ""
    try:
        return decode_text(path, data)
    except InputError:
        if _CONTROL_BYTES.search(data):
            raise
        # 7901 is a format of the ISO 8859 family: a short text whose encoding cannot be told is Latin-1.
        return data.decode("latin-1")


def _header(header: NumberedLine) -> tuple[str | None, str]:
    """The source named in the header (`dpa` in `eca0001 4 rs 46  dpa 0027`); service, priority,
    category and word count have no place in an article."""
    first_line = header.text.splitlines()[0] if header.text else ""
    match = _HEADER.match(first_line)
    if match is None:
        return None, header.where
    source = next((word for word in match.group("rest").split() if any(char.isalpha() for char in word)), None)
    return source, header.where


def _keyword_line(lines: list[NumberedLine]) -> tuple[list[Found[str]], list[NumberedLine]]:
    """`Berlin/Regierung/` -> keywords `Berlin`, `Regierung`; None when the first line is not one."""
    filled = _without_leading_blanks(lines)
    if not filled or not filled[0].text.rstrip().endswith("/"):
        return [], filled
    line = filled[0]
    keywords = [Found(word.strip(), line.where) for word in line.text.split("/") if word.strip()]
    return keywords, filled[1:]


def _headline_block(lines: list[NumberedLine]) -> tuple[Found[str] | None, list[DraftAgent], list[NumberedLine]]:
    """Headline and byline lines, up to the line ending with ` =`; notes in brackets are dropped."""
    filled = _without_leading_blanks(lines)
    end = next((index for index, line in enumerate(filled[:_HEADLINE_LINES]) if line.text.rstrip().endswith("=")), None)
    block = filled[: end + 1] if end is not None else filled[:1]
    headline_lines: list[NumberedLine] = []
    authors: list[DraftAgent] = []
    for line in block:
        text = line.text.strip().removesuffix("=").rstrip()
        if not text or _NOTE.match(text):
            continue
        if _BYLINE.match(text) and headline_lines:
            authors.append(DraftAgent(name=Found(text, line.where)))
        else:
            headline_lines.append(NumberedLine(line.number, text))
    headline = Found(" ".join(line.text for line in headline_lines), headline_lines[0].where) if headline_lines else None
    return headline, authors, filled[len(block):]


def _body(lines: list[NumberedLine]) -> tuple[list[Found[str]], NumberedLine | None]:
    """Paragraphs (at blank lines or indented lines) up to the end markers, and the trailer line."""
    paragraphs: list[list[NumberedLine]] = []
    trailer: NumberedLine | None = None
    current: list[NumberedLine] = []
    for line in lines:
        text = line.text.strip()
        if _TRAILER.match(text):
            trailer = line
            break
        if _NOT_FOR_PUBLICATION.search(text):
            break
        if not text or line.text[:1].isspace() or _SEPARATOR.match(text):
            current = _closed(current, paragraphs)
        if text and not _SEPARATOR.match(text):
            # Telex copy may end each paragraph with ` =` as it ends the headline.
            current.append(NumberedLine(line.number, text.removesuffix(" =")))
    _closed(current, paragraphs)
    if trailer is None:
        trailer = next((line for line in lines if _TRAILER.match(line.text.strip())), None)
    if paragraphs and _SIGNOFF.match(" ".join(line.text for line in paragraphs[-1])):
        paragraphs.pop()
    return [Found(" ".join(line.text for line in paragraph), paragraph[0].where) for paragraph in paragraphs], trailer


def _closed(current: list[NumberedLine], paragraphs: list[list[NumberedLine]]) -> list[NumberedLine]:
    if current:
        paragraphs.append(current)
    return []


def _take_dateline(first: Found[str]) -> tuple[Found[str] | None, Found[str]]:
    """`San Diego (tca/dpa) - History says...` -> dateline `San Diego (tca/dpa)` and the rest."""
    match = _DATELINE.match(first.value)
    if match is None:
        return None, first
    return Found(match.group("dateline"), first.where), Found(first.value[match.end():], first.where)


def _published(path: Path, trailer: NumberedLine | None) -> Found[str] | None:
    if trailer is None:
        return None
    match = _TRAILER.match(trailer.text.strip())
    assert match is not None
    expected = "expected day, hour and minute, a month and the year's two digits, such as 211259 GMT Nov 18"
    month = _MONTHS.get(match.group("month").lower())
    if month is None:
        raise InputError(path, trailer.where, f"the trailer {trailer.text.strip()!r} names no month; {expected}")
    day, hour, minute = int(match.group("day")), int(match.group("hour")), int(match.group("minute"))
    try:
        moment = _dated(match.group("year"), datetime(2000, month, day, hour, minute), _file_time(path))
    except ValueError as error:
        raise InputError(path, trailer.where, f"the trailer {trailer.text.strip()!r} is not a date ({error}); {expected}") from None
    offset = _ZONES.get(match.group("zone") or "", "")
    return Found(moment.isoformat() + offset, trailer.where)


def _file_time(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).replace(tzinfo=None)
    except (OSError, OverflowError, ValueError):
        return datetime(2000, 1, 1)


def _dated(two_digits: str | None, moment: datetime, reference: datetime) -> datetime:
    """`moment` in the year the trailer means: its two digits in the century nearest `reference`;
    without them, the year (of the one before, that one and the one after) nearest `reference`."""
    if two_digits is not None:
        century = reference.year - reference.year % 100
        years = [century + offset + int(two_digits) for offset in (-100, 0, 100)]
        return moment.replace(year=min(years, key=lambda year: abs(year - reference.year)))
    candidates: list[datetime] = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(moment.replace(year=year))
        except ValueError:  # 29 February in a year without one
            continue
    if not candidates:
        raise ValueError("day is out of range for month")
    return min(candidates, key=lambda candidate: abs(candidate - reference))


def _without_leading_blanks(lines: list[NumberedLine]) -> list[NumberedLine]:
    index = next((index for index, line in enumerate(lines) if line.text.strip()), len(lines))
    return lines[index:]
