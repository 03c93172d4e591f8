"""What a wire's publication status and embargo mean for an article (NewsML-G2, NITF).

An embargoed story is held until its embargo ends: its publication date becomes the
embargo's end when that is later, so the store keeps it unpublished until then (as any
future-dated article) and it goes out as the site publishes it then. A story whose
status is withdrawn or canceled must not be published at all: it is taken down (no
error: the build reports it on its own line), and an earlier version of it that went
out is withdrawn by the store like an input removed.
A wire file without a headline or date is told what its own format should have had.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from wirefeed.errors import InputError, Withdrawal
from wirefeed.model import Draft
from wirefeed.normalize.dates import parse_date
from wirefeed.normalize.text import clean_text

# What a wire format's (or a feed's) missing headline or date should have been, by Source.format.
_EXPECTED: dict[str, dict[str, str]] = {
    "newsml-g2": {
        "headline": "a <headline> in the text newsItem's contentMeta (or an <hl1> in its NITF body)",
        "publication date": "<firstCreated> or <versionCreated> in the newsItem's itemMeta, or <contentCreated> in its contentMeta",
    },
    "nitf": {
        "headline": "an <hl1> in body.head/hedline, or a <title> in head",
        "publication date": "a norm date in head/docdata/date.issue or date.release, or pubdata/@date.publication",
    },
    "rss": {"headline": "a <title> in the item"},
    "atom": {"headline": "a <title> in the entry"},
    "jsonfeed": {"headline": "a title in the item"},
    "iptc7901": {
        "headline": "a headline line after the keyword line, ending with ` =`",
        "publication date": "a trailer line such as 211259 GMT Nov 18 before ETX, or `published` in the sidecar",
    },
}


def expected_of(draft: Draft, what: str, default: str) -> str:
    """What a missing value (`headline`, `publication date`) should have been in the draft's format."""
    return _EXPECTED.get(draft.source.format, {}).get(what, default)


# pubStatus codes (IPTC's stat: scheme) and NITF management-status values that take a story down.
WITHDRAWN = frozenset({"withdrawn", "canceled", "cancelled", "withheld"})


def check_status(draft: Draft, article_id: str, zone: ZoneInfo) -> None:
    """Withdrawal when the provider withdrew or canceled the story, naming the story (`article_id`)
    and its version, so that a withdrawal newer than another file's version takes that down too."""
    if draft.status is not None and clean_text(draft.status.value).lower() in WITHDRAWN:
        version = clean_text(draft.version.value) or None if draft.version else None
        raise Withdrawal(draft.source.path, draft.status.where, f"the provider's status is {draft.status.value!r}: the story is taken down (a version published before is withdrawn)",
                         article_id, version, _version_moment(draft, zone))


def _version_moment(draft: Draft, zone: ZoneInfo) -> datetime | None:
    """When this version was made (its modified date, else its published one); None when unreadable:
    a withdrawal needs no readable date to take a story down."""
    for found in (draft.modified, draft.published):
        if found is not None:
            try:
                return parse_date(found, zone, draft.source.path, "the version's date")
            except InputError:
                return None
    return None


def held_until_embargo(draft: Draft, published: datetime, modified: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """`published` and `modified`, neither before the embargo's end."""
    if draft.embargoed is None or not clean_text(draft.embargoed.value):
        return published, modified
    embargo = parse_date(draft.embargoed, zone, draft.source.path, "the embargo")
    return max(published, embargo), max(modified, embargo)
