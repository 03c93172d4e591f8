"""A wire's embargo holds an article back; a withdrawn or canceled status keeps it off the site."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TypedDict, Unpack

import pytest

from wirefeed.errors import InputError, Withdrawal
from wirefeed.model import Draft, Found, Site, Source
from wirefeed.normalize import normalize


class WireFields(TypedDict, total=False):
    """The Draft fields these tests set, typed as Draft types them (so mypy checks each call)."""

    embargoed: Found[str] | None
    status: Found[str] | None


def _draft(**fields: Unpack[WireFields]) -> Draft:
    return Draft(
        source=Source(path=Path("wire.xml"), format="newsml-g2", sha256="0"),
        headline=Found("Rates held", "/newsItem/contentMeta/headline[1]"),
        published=Found("2018-10-18T13:00:00Z", "/newsItem/itemMeta/firstCreated[1]"),
        modified=Found("2018-10-21T16:00:00Z", "/newsItem/itemMeta/versionCreated[1]"),
        **fields,
    )


def test_an_embargo_later_than_both_dates_becomes_them(test_site: Site) -> None:
    article = normalize(_draft(embargoed=Found("2018-10-23T12:00:00Z", "/newsItem/itemMeta/embargoed[1]")), test_site)
    assert article.published == article.modified == datetime(2018, 10, 23, 12, tzinfo=timezone.utc)


def test_an_embargo_between_the_dates_moves_only_publication(test_site: Site) -> None:
    article = normalize(_draft(embargoed=Found("2018-10-19T00:00:00Z", "/newsItem/itemMeta/embargoed[1]")), test_site)
    assert article.published == datetime(2018, 10, 19, tzinfo=timezone.utc)
    assert article.modified == datetime(2018, 10, 21, 16, tzinfo=timezone.utc)


def test_an_embargo_before_publication_changes_nothing(test_site: Site) -> None:
    article = normalize(_draft(embargoed=Found("2018-10-17T00:00:00Z", "/newsItem/itemMeta/embargoed[1]")), test_site)
    assert article.published == datetime(2018, 10, 18, 13, tzinfo=timezone.utc)


def test_a_bad_embargo_names_its_place(test_site: Site) -> None:
    with pytest.raises(InputError) as error:
        normalize(_draft(embargoed=Found("soon", "/newsItem/itemMeta/embargoed[1]")), test_site)
    assert error.value.where == "/newsItem/itemMeta/embargoed[1]"
    assert error.value.message == "the embargo 'soon' has no four-digit year; expected a date such as Mar 11, 2021 12:58 PM"


@pytest.mark.parametrize("status", ["withdrawn", "canceled", "withheld"])
def test_a_withdrawn_status_is_refused(test_site: Site, status: str) -> None:
    with pytest.raises(Withdrawal) as error:
        normalize(_draft(status=Found(status, "/newsItem/itemMeta/pubStatus[1]/@qcode")), test_site)
    assert error.value.where == "/newsItem/itemMeta/pubStatus[1]/@qcode"
    assert error.value.message == f"the provider's status is {status!r}: the story is taken down (a version published before is withdrawn)"
    # It names the story it takes down, for a version of it in another file (pipeline/versions.py).
    assert error.value.article_id == normalize(_draft(), test_site).id


def test_a_usable_status_publishes(test_site: Site) -> None:
    assert normalize(_draft(status=Found("usable", "x")), test_site).headline == "Rates held"


@pytest.mark.parametrize(("format", "field", "message"), [
    ("newsml-g2", "headline", "no headline found; expected a <headline> in the text newsItem's contentMeta (or an <hl1> in its NITF body)"),
    ("nitf", "published", "no publication date found; expected a norm date in head/docdata/date.issue or date.release, or pubdata/@date.publication"),
    ("iptc7901", "published", "no publication date found; expected a trailer line such as 211259 GMT Nov 18 before ETX, or `published` in the sidecar"),
])
def test_a_missing_value_says_what_the_format_should_have_had(test_site: Site, format: str, field: str, message: str) -> None:
    draft = Draft(source=Source(path=Path("wire"), format=format, sha256="0"),
                  headline=Found("Rates held", "line 2"), published=Found("2024-05-01T09:00:00Z", "line 9"))
    # The field is named in the parameters, so each is removed by its own keyword (checked by mypy).
    assert field in ("headline", "published")
    without = replace(draft, headline=None) if field == "headline" else replace(draft, published=None)
    with pytest.raises(InputError) as error:
        normalize(without, test_site)
    assert error.value.message == message
