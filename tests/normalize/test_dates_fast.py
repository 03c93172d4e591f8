"""The common date forms read without dateutil give exactly what dateutil gives for them."""

from __future__ import annotations

from datetime import datetime

from dateutil import parser as dateutil_parser
from hypothesis import given, settings, strategies as st

from wirefeed.normalize.dates import _ZONES, _common_form

_MONTHS = st.sampled_from(["Jan", "January", "Feb", "Mar", "March", "Apr", "May", "Jun", "June", "Jul", "Aug", "Sep", "Sept",
                           "Sept.", "Oct", "Nov", "Dec.", "December", "Foo", "mar", "MARCH"])
_NUMBERS = st.integers(0, 99)


@st.composite
def _dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1890, 2210))
    month, day, hour, minute, second = (draw(_NUMBERS) for _ in range(5))
    form = draw(st.integers(0, 3))
    if form == 0:
        zone = draw(st.sampled_from(["", "Z", "+08:00", "-05:30", "+14:00"]))
        time = draw(st.sampled_from(["", f" {hour:02d}:{minute:02d}", f"T{hour:02d}:{minute:02d}:{second:02d}"]))
        return f"{year:04d}-{month:02d}-{day:02d}{time}{zone if time else ''}"
    name = draw(_MONTHS)
    if form == 1:
        half = draw(st.sampled_from(["AM", "PM"]))
        return f"{name} {day}, {year} {hour}:{minute:02d} {half}" if draw(st.booleans()) else f"{name} {day}, {year}"
    if form == 2:
        return f"{name} {day}, {year} {hour}:{minute:02d}{draw(st.sampled_from(['AM', 'PM']))}"
    return f"{day} {name} {year}"


def _dateutil(text: str) -> datetime | None:
    try:
        parsed: datetime = dateutil_parser.parse(text, tzinfos=_ZONES, default=datetime(2000, 1, 1))
        return parsed
    except (ValueError, ArithmeticError):
        return None


@settings(max_examples=1500, deadline=None)
@given(_dates())
def test_a_common_form_reads_as_dateutil_reads_it(text: str) -> None:
    fast = _common_form(text)
    if fast is None:
        return  # left to dateutil, whatever it makes of it
    slow = _dateutil(text)
    assert slow is not None, text
    assert (fast.replace(tzinfo=None), fast.utcoffset()) == (slow.replace(tzinfo=None), slow.utcoffset()), text


def test_the_common_forms_are_read_and_the_rest_left_to_dateutil() -> None:
    assert _common_form("Mar 11, 2021 12:58 PM") == datetime(2021, 3, 11, 12, 58)
    assert _common_form("Mar 11, 2021 12:05 AM") == datetime(2021, 3, 11, 0, 5)
    assert _common_form("11 March 2021") == datetime(2021, 3, 11)
    assert _common_form("2021-03-11 12:58") == datetime(2021, 3, 11, 12, 58)
    assert _common_form("2021-03-11T12:58:00+08:00") == datetime.fromisoformat("2021-03-11T12:58:00+08:00")
    for other in ("Feb 30, 2021", "Mar 11, 2021 13:00 PM", "Thursday, 11 March 2021", "11/03/2021", "2021-03-11 12:58 CST"):
        assert _common_form(other) is None, other
