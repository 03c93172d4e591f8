"""A sitemap file's newest date found again from the places an edit changed (site/newest.py):
always max() over every entry, the same object, at the same place."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirefeed.site.newest import Newest, newest_after, newest_of
from wirefeed.writers.sitemap import SitemapUrl

UTC = timezone.utc
BEIJING = timezone(timedelta(hours=8))
NOON = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
NOON_IN_BEIJING = NOON.astimezone(BEIJING)  # the same instant, printed 20:00+08:00


def _urls(*dates: datetime) -> list[SitemapUrl]:
    return [SitemapUrl(f"https://example.com/{place}.html", date) for place, date in enumerate(dates)]


def _max_and_place(urls: list[SitemapUrl]) -> tuple[datetime, int]:
    newest = max((url.lastmod for url in urls))
    return newest, next(place for place, url in enumerate(urls) if url.lastmod is newest)


def test_newest_of_is_the_first_of_equal_instants() -> None:
    urls = _urls(NOON - timedelta(days=1), NOON_IN_BEIJING, NOON, NOON - timedelta(hours=1))
    newest = newest_of(urls)
    assert newest == Newest(NOON_IN_BEIJING, 1, 4)
    assert newest.value.isoformat() == "2024-03-01T20:00:00+08:00"


def test_a_later_changed_date_is_the_newest() -> None:
    before = _urls(NOON, NOON - timedelta(days=1), NOON - timedelta(days=2))
    after = [before[0], before[1], SitemapUrl(before[2].loc, NOON + timedelta(minutes=5))]
    assert newest_after(newest_of(before), after, {2}) == Newest(NOON + timedelta(minutes=5), 2, 3)


def test_an_equal_instant_before_the_newest_takes_its_place() -> None:
    before = _urls(NOON - timedelta(days=1), NOON, NOON_IN_BEIJING)
    after = [SitemapUrl(before[0].loc, NOON_IN_BEIJING), before[1], before[2]]
    found = newest_after(newest_of(before), after, {0})
    assert found == Newest(NOON_IN_BEIJING, 0, 3) == newest_of(after)
    assert found.value.isoformat() == "2024-03-01T20:00:00+08:00"


def test_an_equal_instant_after_the_newest_leaves_it() -> None:
    before = _urls(NOON, NOON - timedelta(days=1))
    after = [before[0], SitemapUrl(before[1].loc, NOON_IN_BEIJING)]
    found = newest_after(newest_of(before), after, {1})
    assert found == Newest(NOON, 0, 2) and found.value.isoformat() == "2024-03-01T12:00:00+00:00"


def test_the_newest_gone_back_is_looked_for_among_all() -> None:
    before = _urls(NOON - timedelta(days=2), NOON, NOON - timedelta(days=1))
    after = [before[0], SitemapUrl(before[1].loc, NOON - timedelta(days=3)), before[2]]
    assert newest_after(newest_of(before), after, {1}) == Newest(NOON - timedelta(days=1), 2, 3)


def test_another_count_of_entries_is_looked_at_whole() -> None:
    before = _urls(NOON, NOON - timedelta(days=1))
    after = [*before, SitemapUrl("https://example.com/new.html", NOON + timedelta(days=1))]
    assert newest_after(newest_of(before), after, ()) == Newest(NOON + timedelta(days=1), 2, 3)


def test_newest_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        newest_of([])


# Few distinct instants, each at several offsets: ties between prints of one instant are the point.
_ZONES = st.sampled_from([UTC, BEIJING, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))])
_DATES = st.builds(lambda hours, zone: (NOON + timedelta(hours=hours)).astimezone(zone),
                   st.integers(min_value=0, max_value=4), _ZONES)


@given(st.lists(_DATES, min_size=1, max_size=30), st.data())
def test_newest_after_any_edit_is_max_over_all(dates: list[datetime], data: st.DataObject) -> None:
    before = _urls(*dates)
    changed = data.draw(st.sets(st.integers(min_value=0, max_value=len(dates) - 1), max_size=len(dates)))
    after = list(before)
    for place in changed:
        after[place] = SitemapUrl(before[place].loc, data.draw(_DATES))
    found = newest_after(newest_of(before), after, changed)
    value, place = _max_and_place(after)
    assert found.value is value and found.at == place and found.size == len(after)


def test_the_newest_edited_again_is_found_among_the_changed_alone() -> None:
    before = _urls(NOON - timedelta(days=1), NOON, NOON_IN_BEIJING)
    after = [before[0], SitemapUrl(before[1].loc, NOON_IN_BEIJING), before[2]]
    # The same instant, printed as the edit gives it, at the same place: before the entry at place 2.
    found = newest_after(newest_of(before), after, {1})
    assert found == Newest(NOON_IN_BEIJING, 1, 3) == newest_of(after) and found.value is after[1].lastmod


def test_a_changed_newest_is_looked_at_in_place() -> None:
    class Counted(list[SitemapUrl]):
        looked = 0

        def __getitem__(self, place):  # type: ignore[no-untyped-def]
            Counted.looked += 1
            return super().__getitem__(place)

    before = _urls(*(NOON - timedelta(hours=hours) for hours in range(100)))
    after = Counted(before)
    after[0] = SitemapUrl(before[0].loc, NOON + timedelta(hours=1))
    Counted.looked = 0
    assert newest_after(newest_of(before), after, {0}) == Newest(NOON + timedelta(hours=1), 0, 100)
    assert Counted.looked == 2  # the previous newest's place and the changed one, not the 100
