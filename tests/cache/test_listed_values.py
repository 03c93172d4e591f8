"""An article's listed values as the input cache packs them (cache/ref.py): unpacked, the same
values with the same repr (job keys are made of reprs), the authors shared."""

from __future__ import annotations

import importlib.resources
import io
import pickle
import zoneinfo
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from wirefeed.cache.ref import listed_values, packed_listed, unpacked_listed
from wirefeed.model import OWN, Agent, Article, Image, Source

_LOGO = Image(url="https://example.com/logo.png", width=600, height=60)
_PUBLISHER = Agent("Global Times", "Organization", "https://www.globaltimes.cn/", _LOGO)


def _article(published: datetime, modified: datetime, authors: tuple[Agent, ...] = ()) -> Article:
    return Article(
        id="story-1", guid="urn:uuid:1", slug="story", url="https://example.com/story.html", headline="Story",
        published=published, modified=modified, publisher=_PUBLISHER, source=Source(Path("in/story.txt"), "text", "ab12"),
        language="en", description="", sections=("World",), authors=authors, warnings=("story.txt:3: warning: x",),
        version="2", provenance=OWN,
    )


def _round_trip(article: Article) -> tuple[Any, ...]:
    return unpacked_listed(pickle.loads(pickle.dumps(packed_listed(listed_values(article)), protocol=5)))


@pytest.mark.parametrize("zone", [
    ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York"), timezone.utc, timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(hours=-3, seconds=7, microseconds=11)),
    timezone(timedelta(hours=1), "CET"),  # a named fixed zone: kept as it is
])
def test_dates_come_back_equal_with_the_same_zone_and_repr(zone: timezone | ZoneInfo) -> None:
    published = datetime(2021, 3, 11, 12, 58, 7, 123456, tzinfo=zone)
    modified = datetime(2021, 3, 12, 1, 0, tzinfo=zone)
    values = listed_values(_article(published, modified))
    back = _round_trip(_article(published, modified))
    assert back == values
    assert repr(back) == repr(values)
    assert back[4].tzinfo is zone or back[4].tzinfo == zone  # a named zone is ZoneInfo's own instance


def test_the_second_of_two_same_wall_times_keeps_its_fold() -> None:
    new_york = ZoneInfo("America/New_York")
    second = datetime(2021, 11, 7, 1, 30, tzinfo=new_york, fold=1)  # the clocks went back at 2:00
    back = _round_trip(_article(second, second))
    assert back[4].fold == 1 and back[4].utcoffset() == timedelta(hours=-5)
    assert back[4] == second and repr(back[4]) == repr(second)


def _zone_file(key: str) -> bytes:
    """The compiled zone `key` as ZoneInfo finds it: in the system's zone folders, else in tzdata."""
    for folder in zoneinfo.TZPATH:
        if (Path(folder) / key).is_file():
            return (Path(folder) / key).read_bytes()
    return importlib.resources.files("tzdata.zoneinfo").joinpath(key).read_bytes()


def test_a_zone_read_from_a_file_is_kept_as_it_is() -> None:
    zone = ZoneInfo.from_file(io.BytesIO(_zone_file("Europe/Berlin")))
    moment = datetime(2021, 3, 11, 12, 0, tzinfo=zone)
    packed = packed_listed(listed_values(_article(moment, moment)))
    assert packed[4] is moment
    assert unpacked_listed(packed)[4] is moment


def test_authors_come_back_equal_and_one_agent_is_shared_by_every_article_naming_it() -> None:
    moment = datetime(2021, 3, 11, 12, 0, tzinfo=timezone.utc)
    authors = (Agent("Xu Keyue", "Person"), Agent("Global Times", "Organization", "https://www.globaltimes.cn/", _LOGO),
               Agent("Desk", "Organization", None, Image(caption="c", credit="d", position=2)))
    first, second = _round_trip(_article(moment, moment, authors)), _round_trip(_article(moment, moment, authors))
    assert first[7] == authors and repr(first[7]) == repr(authors)
    assert all(one is other for one, other in zip(first[7], second[7]))
