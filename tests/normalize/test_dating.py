"""The date rules (README: Date rules): whose clock a time without an offset is read on, days
that stay days, dates in other languages, undated pages, and update dates that are dropped."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TypedDict, Unpack
from zoneinfo import ZoneInfo

import pytest

from wirefeed.errors import InputError
from wirefeed.model import AWAITING_FIRST_SEEN, Draft, Found, Site, Source
from wirefeed.normalize import normalize
from wirefeed.normalize.dates import read_date
from wirefeed.normalize.dating import date_article, with_first_seen
from wirefeed.normalize.zones import country_zone
from wirefeed.readers.html import read_html


class DraftFields(TypedDict, total=False):
    """The Draft fields these tests set, typed as Draft types them (so mypy checks each call)."""

    published: Found[str] | None
    modified: Found[str] | None
    body: tuple[Found[str], ...]
    other_dates: tuple[Found[str], ...]
    language: Found[str] | None


def text_draft(**fields: Unpack[DraftFields]) -> Draft:
    values: DraftFields = {
        "published": Found("2021-03-11 12:58", "line 2"),
        "body": (Found("The lede of the story.", "line 4"),),
    }
    values.update(fields)
    return Draft(source=Source(Path("in/story.txt"), "text", "0" * 64), headline=Found("A headline", "line 1"), **values)


def page_draft(url: str | None, **fields: Unpack[DraftFields]) -> Draft:
    return Draft(source=Source(Path("in/page.html"), "html", "0" * 64), headline=Found("A headline", "og:title"),
                 url=Found(url, "canonical") if url else None, **fields)


HEISE_TIME = Found("2019-06-20T07:30:00", "json-ld")


# --- whose clock -------------------------------------------------------------------------------

def test_wire_copy_without_offset_takes_the_site_zone(test_site: Site) -> None:
    dates = date_article(text_draft(), test_site)
    assert dates.published.isoformat() == "2021-03-11T12:58:00+08:00"
    assert dates.clock == "no offset stated: the site's zone Asia/Shanghai"


def test_someone_elses_page_never_takes_the_site_zone(test_site: Site) -> None:
    # heise.de's local time: Germany keeps one time, so the page was read on Berlin's clock (CEST
    # in June), not the site's Beijing clock (6 hours off).
    dates = date_article(page_draft("https://www.heise.de/news/x.html", published=HEISE_TIME), test_site)
    assert dates.published.isoformat() == "2019-06-20T07:30:00+02:00"
    assert dates.clock == "no offset stated: Europe/Berlin, the zone of the country of the page's domain"


def test_an_unknown_zone_is_read_as_utc_and_said(test_site: Site) -> None:
    for url in ("https://example.com/story", "https://startup.io/story", "https://news.example.us/story", None):
        dates = date_article(page_draft(url, published=HEISE_TIME), test_site)
        assert dates.published.isoformat() == "2019-06-20T07:30:00+00:00", url
        assert dates.clock == "no offset stated and the source's zone is unknown: read as UTC"


def test_an_offset_the_page_states_elsewhere_is_its_clock(test_site: Site) -> None:
    page = page_draft("https://example.com/story", published=HEISE_TIME,
                      other_dates=(Found("2019-06-20", "htmldate"), Found("2019-06-21T10:00:00+05:30", "og:updated_time")))
    dates = date_article(page, test_site)
    assert dates.published.isoformat() == "2019-06-20T07:30:00+05:30"
    assert dates.clock == "no offset stated: +05:30, as the input states at og:updated_time"
    # The update time stated beside it counts first.
    with_modified = page_draft("https://example.com/story", published=HEISE_TIME, modified=Found("2019-06-20T09:00:00-04:00", "json-ld"))
    assert date_article(with_modified, test_site).published.isoformat() == "2019-06-20T07:30:00-04:00"


def test_the_html_reader_gives_every_date_the_page_states(test_site: Site) -> None:
    page = (b'<html><head><link rel="canonical" href="https://example.com/a"><meta property="og:title" content="A ferry">'
            b'<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A ferry", "datePublished": "2021-03-11T09:00:00"}</script>'
            b'<meta property="og:updated_time" content="2021-03-12T10:00:00-05:00"></head><body><p>Text.</p></body></html>')
    draft = read_html(Path("in/page.html"), page)
    # trafilatura's guess is a date of the page too (a day, no offset: it states no clock).
    assert draft.other_dates == (Found("2021-03-11T09:00:00", "json-ld"), Found("2021-03-12", "trafilatura"),
                                 Found("2021-03-12T10:00:00-05:00", "og:updated_time"))
    assert date_article(draft, test_site).published.isoformat() == "2021-03-11T09:00:00-05:00"


def test_the_sources_configured_zone_comes_first(test_site: Site) -> None:
    page = page_draft("https://example.com/story", published=HEISE_TIME, modified=Found("2019-06-20T09:00:00-04:00", "json-ld"))
    dates = date_article(page, test_site, source_zone=ZoneInfo("Asia/Tokyo"))
    assert dates.published.isoformat() == "2019-06-20T07:30:00+09:00"
    assert dates.clock == "no offset stated: the source's zone Asia/Tokyo"


def test_a_page_on_the_sites_own_host_takes_the_site_zone(test_site: Site) -> None:
    dates = date_article(page_draft("https://news.example.com/articles/x.html", published=HEISE_TIME), test_site)
    assert dates.published.isoformat() == "2019-06-20T07:30:00+08:00"
    assert date_article(page_draft("https://example.com/x", published=HEISE_TIME), test_site, own=True).published.utcoffset() == timedelta(hours=8)


def test_a_stated_offset_is_kept_whatever_the_source(test_site: Site) -> None:
    dates = date_article(page_draft("https://www.heise.de/x", published=Found("2019-06-20T07:30:00-07:00", "json-ld")), test_site)
    assert (dates.published.isoformat(), dates.clock) == ("2019-06-20T07:30:00-07:00", "")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.lefigaro.fr/x", "Europe/Paris"),
        ("https://www.yna.co.kr/x", "Asia/Seoul"),
        ("https://www.bbc.co.uk/x", "Europe/London"),
        ("https://elpais.es/x", None),  # the Canary Islands keep another time
        ("https://example.ru/x", None),
        ("https://example.tv/x", None),
        ("https://example.com/x", None),
        ("mailto:a@b.de", None),
    ],
)
def test_country_zone(url: str, expected: str | None) -> None:
    zone = country_zone(url, datetime(2021, 3, 11, 12, 0))
    assert (str(zone) if zone else None) == expected


# --- days stay days ---------------------------------------------------------------------------

def test_a_day_without_a_time_stays_a_day_held_at_noon(test_site: Site) -> None:
    article = normalize(page_draft("https://www.dw.com/en/x", published=Found("2021-03-11", "json-ld"), body=(Found("Body.", "trafilatura"),)), test_site)
    assert article.published.isoformat() == "2021-03-11T12:00:00+00:00"
    assert article.date_only == (article.published,)
    assert article.day_of(article.published) == date(2021, 3, 11)
    assert article.day_of(article.published + timedelta(seconds=1)) is None


def test_a_day_in_wire_copy_is_noon_on_the_site_clock(test_site: Site) -> None:
    article = normalize(text_draft(published=Found("11 March 2021", "line 2")), test_site)
    assert article.published.isoformat() == "2021-03-11T12:00:00+08:00"
    assert article.day_of(article.modified) == date(2021, 3, 11)


def test_an_update_that_morning_moves_the_days_moment_back(test_site: Site) -> None:
    dates = date_article(text_draft(published=Found("2021-03-11", "line 2"), modified=Found("2021-03-11 09:15", "line 3")), test_site)
    assert (dates.published.isoformat(), dates.modified.isoformat()) == ("2021-03-11T09:15:00+08:00", "2021-03-11T09:15:00+08:00")
    assert dates.date_only == (dates.published,)
    assert dates.warnings == ()


# --- dates in words, in other languages ------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "languages", "expected", "has_time"),
    [
        ("jueves, 09 enero 2014 10:21", ("es",), datetime(2014, 1, 9, 10, 21), True),
        ("jueves, 09 enero 2014 10:21", (), datetime(2014, 1, 9, 10, 21), True),
        ("20. Juni 2019, 07:30 Uhr", ("de",), datetime(2019, 6, 20, 7, 30), True),
        ("11 mars 2021 à 14h30", ("fr",), datetime(2021, 3, 11, 14, 30), True),
        ("2019年6月20日 7時30分", ("ja",), datetime(2019, 6, 20, 7, 30), True),
        ("2021년 3월 11일 오후 2:30", ("ko",), datetime(2021, 3, 11, 14, 30), True),
        ("11 марта 2021", ("ru",), datetime(2021, 3, 11), False),
        ("2021年3月11日", ("zh",), datetime(2021, 3, 11), False),
    ],
)
def test_dates_in_other_languages(text: str, languages: tuple[str, ...], expected: datetime, has_time: bool) -> None:
    stated = read_date(Found(text, "<time datetime>"), Path("in/page.html"), "the publication date", languages)
    assert (stated.moment, stated.has_time) == (expected, has_time)


@pytest.mark.parametrize("text", ["gestern 2021", "vor 2 Stunden, 2021"])
def test_relative_and_partial_dates_are_not_dates(text: str) -> None:
    with pytest.raises(InputError, match="is not a date"):
        read_date(Found(text, "line 2"), Path("in/story.txt"), "the publication date", ("de",))


def test_a_spanish_time_element_is_read_with_the_pages_language(test_site: Site) -> None:
    page = page_draft("https://elpais.com/x", published=Found("jueves, 09 enero 2014 10:21", "<time datetime>"), language=Found("es", "<html lang>"))
    assert date_article(page, test_site).published.isoformat() == "2014-01-09T10:21:00+00:00"


# --- a page with no date anywhere -------------------------------------------------------------

def test_an_undated_page_waits_for_the_time_the_history_first_saw_it(test_site: Site) -> None:
    article = normalize(page_draft("https://example.com/x", body=(Found("The harbour ferry is running again.", "trafilatura"),)), test_site)
    assert (article.published, article.modified) == (AWAITING_FIRST_SEEN, AWAITING_FIRST_SEEN)
    assert article.warnings == ("in/page.html: warning: no publication date found; published with the time the history first saw it",)
    seen = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)
    now = datetime(2026, 3, 12, 9, 0, tzinfo=timezone.utc)
    [again] = with_first_seen([article], lambda: {article.id: seen}, now)
    assert (again.published, again.modified) == (seen, seen)
    [new] = with_first_seen([article], dict, now)
    assert (new.published, new.modified) == (now, now)


def test_a_page_whose_only_date_is_unreadable_is_an_undated_page(test_site: Site) -> None:
    page = page_draft("https://example.com/x", published=Found("2:33 PM", "json-ld"), body=(Found("The harbour ferry is running again.", "trafilatura"),))
    dates = date_article(page, test_site)
    assert (dates.published, dates.published_where) == (AWAITING_FIRST_SEEN, "first seen by the history")
    assert dates.warnings == ("in/page.html: json-ld: warning: the publication date '2:33 PM' has no four-digit year; published with the time the history first saw it",)
    with pytest.raises(InputError, match="'2:33 PM' has no four-digit year"):
        date_article(text_draft(published=Found("2:33 PM", "line 2")), test_site)


def test_undated_wire_copy_is_still_rejected(test_site: Site) -> None:
    with pytest.raises(InputError, match="no publication date found"):
        date_article(text_draft(published=None), test_site)


# --- update dates that are left out -----------------------------------------------------------

def test_a_bad_updated_line_is_a_warning_not_a_rejection(test_site: Site) -> None:
    article = normalize(text_draft(modified=Found("14:40 PM", "line 3")), test_site)
    assert article.modified == article.published
    assert article.warnings == (
        "in/story.txt:3: warning: the update date '14:40 PM' has no four-digit year; expected a date such as Mar 11, 2021 12:58 PM; it is left out",
    )
    garbled = normalize(text_draft(modified=Found("Mar 11, 2021 1x:40", "line 3")), test_site)
    assert garbled.warnings == (
        "in/story.txt:3: warning: the update date 'Mar 11, 2021 1x:40' is not a date (unrecognised format); expected a date such as Mar 11, 2021 12:58 PM; it is left out",
    )


def test_an_update_before_the_publication_is_left_out_with_a_warning(test_site: Site) -> None:
    article = normalize(text_draft(modified=Found("2021-03-10", "line 3")), test_site)
    assert article.modified == article.published
    assert article.date_only == ()
    assert article.warnings == (
        "in/story.txt:3: warning: the update date 2021-03-10T12:00:00+08:00 is before the publication date 2021-03-11T12:58:00+08:00; it is left out",
    )


# --- issue 15: the newsroom's calendar day ------------------------------------------------------

@pytest.mark.parametrize(
    ("url", "stated", "expected"),
    [
        # A time in UTC is shown on the clock of the page's country: the same instant, the local day.
        ("https://www.kas.de/x", "2021-11-04T23:00Z", "2021-11-05T00:00:00+01:00"),
        ("https://www.lanacion.com.ar/x", "Wed, 04 May 2022 00:25:56 GMT", "2022-05-03T21:25:56-03:00"),
        # A country of several zones, or no country: kept in UTC.
        ("https://example.com/x", "2021-11-04T23:00Z", "2021-11-04T23:00:00+00:00"),
        ("https://example.ru/x", "2021-11-04T23:00Z", "2021-11-04T23:00:00+00:00"),
        # An offset other than UTC is kept as stated.
        ("https://www.kas.de/x", "2021-11-04T23:00-05:00", "2021-11-04T23:00:00-05:00"),
    ],
)
def test_a_time_in_utc_is_shown_on_the_country_clock(url: str, stated: str, expected: str, test_site: Site) -> None:
    dates = date_article(page_draft(url, published=Found(stated, "json-ld")), test_site)
    assert dates.published.isoformat() == expected


def test_a_time_in_utc_takes_the_sources_zone_and_the_site_keeps_its_own(test_site: Site) -> None:
    page = page_draft("https://example.com/x", published=Found("2021-11-04T23:00Z", "json-ld"))
    assert date_article(page, test_site, source_zone=ZoneInfo("Asia/Tokyo")).published.isoformat() == "2021-11-05T08:00:00+09:00"
    assert date_article(page, test_site, own=True).published.isoformat() == "2021-11-04T23:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        ("10.12.2022, 07:00:03", (), datetime(2022, 12, 10, 7, 0, 3)),  # dots: day first everywhere
        ("01-11-2023 10:29", ("de",), datetime(2023, 11, 1, 10, 29)),  # dashes, not English: day first
        ("01-11-2023 10:29", ("en",), datetime(2023, 1, 11, 10, 29)),  # dashes, English: month first
        ("01-11-2023 10:29", (), datetime(2023, 1, 11, 10, 29)),  # no language stated: month first
        ("11/01/2023 12:43:42", ("de",), datetime(2023, 11, 1, 12, 43, 42)),  # slashes: month first
        ("05-22-2022 05:22 PM", ("es",), datetime(2022, 5, 22, 17, 22)),  # no 22nd month: month first
    ],
)
def test_the_order_of_day_and_month_in_numbers(text: str, languages: tuple[str, ...], expected: datetime) -> None:
    assert read_date(Found(text, "json-ld"), Path("page.html"), "the publication date", languages).moment == expected


def test_a_paragraph_cut_short_still_holds_a_sentence(test_site: Site) -> None:
    cut = Found("Mixing math and text matters. This expression", "trafilatura")
    assert normalize(page_draft("https://example.com/x", body=(cut,)), test_site).published == AWAITING_FIRST_SEEN
    in_cells = Found("| The harbour ferry is running again after the storm. |", "trafilatura")
    assert normalize(page_draft("https://example.com/x", body=(in_cells,)), test_site).published == AWAITING_FIRST_SEEN
    with pytest.raises(InputError, match="no publication date found"):
        normalize(page_draft("https://example.com/x", body=(Found("Home | News | Sport. Weather", "trafilatura"),)), test_site)


def test_utc_stated_elsewhere_is_no_clock(test_site: Site) -> None:
    page = page_draft("https://www.heise.de/x", published=HEISE_TIME, other_dates=(Found("2019-06-20T05:30:00Z", "json-ld"),))
    dates = date_article(page, test_site)
    assert dates.published.isoformat() == "2019-06-20T07:30:00+02:00"
    assert dates.clock == "no offset stated: Europe/Berlin, the zone of the country of the page's domain"
