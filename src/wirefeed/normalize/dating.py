"""An article's publication and update times from the dates its input states (README: Date rules).

- A time with an offset is kept as stated.
- A time without one is read on the source's clock: the source's configured zone; else an offset
  the same input states beside another of its dates; else, for the site's own copy, the site's
  zone; else the zone of the country of the page's domain, when that country keeps one time;
  else UTC, noted as "zone unknown". Never the site's zone for someone else's page.
- A day without a time stays a day (Article.date_only): held as 12:00 on that clock, the moment
  whose day is the same from UTC-12 to UTC+12, so feeds and sorting get a moment.
- A page with no date at all is published when the history first saw it (the build fills it in).
- An update date that cannot be read, or that is before the publication, is left out with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from wirefeed.cache.ref import Listed
from wirefeed.errors import InputError
from wirefeed.model import AWAITING_FIRST_SEEN, Draft, Found, Site
from wirefeed.normalize.dates import StatedDate, read_date
from wirefeed.normalize.wire_status import expected_of
from wirefeed.normalize.zones import country_zone, host_of, on_domains

# Only a page or a feed item from elsewhere may be dated by first sight. Copy a desk writes or a wire service
# sends (text, Markdown, ninjs, NewsML-G2, NITF, 7901) states its date: a missing or unreadable one is
# a slip to fix, and a rejection says so.
_DATED_BY_FIRST_SIGHT = frozenset({"html", "rss", "atom", "jsonfeed"})
DATE_EXPECTED = "a date such as a `Published: Mar 11, 2021 12:58 PM` line below the headline, or datePublished in the page's metadata"
FIRST_SEEN = "first seen by the history"
_NOON = time(12)
_SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", "؟", "।")
_SENTENCE_WORDS = 5
# A sentence end followed by the next sentence: `important. This expression`.
_SENTENCE_INSIDE = re.compile(r"\w[.!?。！？؟।]\s+(?![a-z])\w")


@dataclass(frozen=True, slots=True)
class Dating:
    """An article's dates, with where each came from (for `show --explain`)."""

    published: datetime
    modified: datetime
    date_only: tuple[datetime, ...] = ()
    warnings: tuple[str, ...] = ()
    published_where: str = ""
    modified_where: str = ""
    clock: str = ""  # which clock a date without an offset was read on; empty when every date stated one
    modified_left_out: bool = False  # the input's update date was unreadable or before the publication


def date_article(draft: Draft, site: Site, *, source_zone: ZoneInfo | None = None, own: bool | None = None) -> Dating:
    """The dates of `draft`, or InputError when its publication date cannot be read.

    `source_zone`: the zone configured for the article's source. `own`: whether the article is the
    site's own copy (default: a text input, or a page whose URL is on the site's host).
    """
    found = draft.published if draft.published and draft.published.value.strip() else None
    if found is None:
        return _undated(draft)
    languages = _languages(draft)
    try:
        published = read_date(found, draft.source.path, "the publication date", languages)
    except InputError as error:
        # A page whose only date is unreadable (`2:33 PM`, no day) is an undated page.
        return _undated(draft, error)
    warnings: list[str] = []
    modified = _update_date(draft, languages, warnings)
    stated = [date for date in (published, modified) if date is not None]
    clock, zone = _clock(draft, site, stated, source_zone, own) if any(date.moment.tzinfo is None for date in stated) else ("", timezone.utc)
    published_at, modified_at = _moments(published, modified, zone)
    if modified_at < published_at:
        assert draft.modified is not None
        warnings.append(_warning(draft, draft.modified, f"the update date {modified_at.isoformat()} is before the publication date {published_at.isoformat()}; it is left out"))
        modified, modified_at = None, published_at
    published_at = _on_source_clock(published_at, published, draft, site, source_zone, own)
    modified_at = _on_source_clock(modified_at, modified, draft, site, source_zone, own) if modified else published_at
    date_only = tuple(dict.fromkeys(at for date, at in ((published, published_at), (modified, modified_at)) if date and not date.has_time))
    modified_where = draft.modified.where if modified and draft.modified else found.where
    return Dating(published_at, modified_at, date_only, tuple(warnings), found.where, modified_where, clock,
                  modified_left_out=_has_update_date(draft) and modified is None)


def _on_source_clock(at: datetime, stated: StatedDate, draft: Draft, site: Site, source_zone: ZoneInfo | None, own: bool | None) -> datetime:
    """A time the input states in UTC (`Z`, `+00:00`, `GMT`), shown on the source's clock: the same
    instant, on the calendar day of the newsroom and its readers. CMSs often write their
    machine-readable times in UTC: `2022-11-06T23:00Z` on a German page is 00:00 on 7 November there.
    The clock is the source's configured zone, else the zone of the country of the page's domain
    (as for a time without an offset); the site's own copy keeps UTC, as its desk chose."""
    if not stated.has_time or stated.moment.utcoffset() != timedelta(0):
        return at
    if source_zone is not None:
        return at.astimezone(source_zone)
    if _is_own(draft, site) if own is None else own:
        return at
    country = country_zone(draft.url.value if draft.url else None, at.replace(tzinfo=None))
    return at.astimezone(country) if country is not None else at


def _moments(published: StatedDate, modified: StatedDate | None, zone: tzinfo) -> tuple[datetime, datetime]:
    published_at = _moment(published, zone)
    modified_at = _moment(modified, zone) if modified else published_at
    if not published.has_time and modified_at.date() == published_at.date():
        published_at = min(published_at, modified_at)  # an update that morning: the day began no later
    return published_at, modified_at


def with_first_seen(articles: Sequence[Listed], first_seen: Callable[[], Mapping[str, datetime]], now: datetime) -> list[Listed]:
    """The articles, each undated one published at the time the history first saw it (`now` for a
    new one); `first_seen` gives those times by id, asked only when an article needs them."""
    undated = [index for index, article in enumerate(articles) if article.published == AWAITING_FIRST_SEEN]
    dated = list(articles)
    if undated:
        seen = first_seen()
        for index in undated:
            dated[index] = _first_seen(dated[index], seen.get(dated[index].id, now))
    return dated


def _first_seen(article: Listed, seen: datetime) -> Listed:
    modified = seen if article.modified == AWAITING_FIRST_SEEN else max(seen, article.modified)
    return replace(article, published=seen, modified=modified)


def _undated(draft: Draft, unreadable: InputError | None = None) -> Dating:
    # Wire copy is the desk's own, and a missing date line is a slip the desk can fix; a page of
    # someone else's with no date anywhere still has a time it became news here. A page with
    # neither a date nor a sentence of text (a portal's link lists, a login form) is no article.
    if draft.source.format not in _DATED_BY_FIRST_SIGHT or not any(_is_sentence(paragraph.value) for paragraph in draft.body):
        expected = expected_of(draft, "publication date", DATE_EXPECTED)
        raise unreadable or InputError(draft.source.path, draft.published.where if draft.published else None, f"no publication date found; expected {expected}")
    problem = unreadable.message.split("; expected")[0] if unreadable else "no publication date found"
    warning = _warning(draft, draft.published if unreadable else None, f"{problem}; published with the time the history first saw it")
    return Dating(AWAITING_FIRST_SEEN, AWAITING_FIRST_SEEN, (), (warning,), FIRST_SEEN, FIRST_SEEN)


def _is_sentence(text: str) -> bool:
    """Prose, not a menu item: a few words holding a whole sentence (`。` ends one without spaces).

    The sentence may end inside the paragraph: a paragraph cut short by inline markup (a formula,
    a widget) still holds the sentences before the cut. trafilatura writes a layout table's cells
    as `| text |`, so the cell bars around a paragraph are not part of it.
    """
    text = text.strip().strip("|").strip()
    words = [token for token in text.split() if any(character.isalnum() for character in token)]  # not `|` or `·`
    if len(words) < _SENTENCE_WORDS and text.isascii():
        return False
    return text.endswith(_SENTENCE_ENDS) or _SENTENCE_INSIDE.search(text) is not None


def _has_update_date(draft: Draft) -> bool:
    return draft.modified is not None and bool(draft.modified.value.strip())


def _update_date(draft: Draft, languages: tuple[str, ...], warnings: list[str]) -> StatedDate | None:
    if draft.modified is None or not _has_update_date(draft):
        return None
    try:
        return read_date(draft.modified, draft.source.path, "the update date", languages)
    except InputError as error:
        warnings.append(_warning(draft, draft.modified, f"{error.message}; it is left out"))
        return None


def _moment(date: StatedDate, zone: tzinfo) -> datetime:
    moment = date.moment if date.moment.tzinfo else date.moment.replace(tzinfo=zone)
    return moment if date.has_time else datetime.combine(moment.date(), _NOON, tzinfo=moment.tzinfo)


def _clock(draft: Draft, site: Site, stated: list[StatedDate], source_zone: ZoneInfo | None, own: bool | None) -> tuple[str, tzinfo]:
    """Which clock the input's dates without an offset were read on, said for `show --explain`."""
    if source_zone is not None:
        return f"no offset stated: the source's zone {source_zone.key}", source_zone
    offset = _stated_offset(draft)
    if offset is not None:
        moment, where = offset
        return f"no offset stated: {moment.strftime('%z')[:3]}:{moment.strftime('%z')[3:]}, as the input states at {where}", moment.tzinfo or timezone.utc
    if _is_own(draft, site) if own is None else own:
        return f"no offset stated: the site's zone {site.timezone.key}", site.timezone
    naive = next(date.moment for date in stated if date.moment.tzinfo is None)
    country = country_zone(draft.url.value if draft.url else None, naive)
    if country is not None:
        return f"no offset stated: {country}, the zone of the country of the page's domain", country
    return "no offset stated and the source's zone is unknown: read as UTC", timezone.utc


def _stated_offset(draft: Draft) -> tuple[datetime, str] | None:
    """The first time the input states with an offset, among all its date values."""
    for found in (draft.published, draft.modified, *draft.other_dates):
        if found is None:
            continue
        try:
            date = read_date(found, draft.source.path, "a date")
        except InputError:
            continue
        # `Z` or `+00:00` beside a local time says only that the CMS writes machine times in UTC
        # (`2022-12-15T08:13:00Z` in JSON-LD, `2022-12-15T09:13:00` in og): it is no newsroom's clock.
        if date.moment.tzinfo is not None and date.has_time and date.moment.utcoffset():
            return date.moment, found.where
    return None


def _is_own(draft: Draft, site: Site) -> bool:
    """Text inputs are the site's wire copy; a page is its own when its URL is on the site's host."""
    if draft.source.format == "text":
        return True
    site_host = host_of(site.base_url)
    return draft.url is not None and site_host is not None and on_domains(draft.url.value, (site_host,))


def _languages(draft: Draft) -> tuple[str, ...]:
    """The language a date in words is in: the input's language when it gives one."""
    if draft.language is None:
        return ()
    primary = draft.language.value.strip().replace("_", "-").split("-")[0].lower()
    return (primary,) if primary.isalpha() else ()


def _warning(draft: Draft, found: Found[str] | None, message: str) -> str:
    return str(InputError(draft.source.path, found.where if found else None, f"warning: {message}"))
