"""What a wire's publication status and embargo mean for an article (NewsML-G2, NITF).

An embargoed story is held until its embargo ends: its publication date becomes the
embargo's end when that is later, so the store keeps it unpublished until then (as any
future-dated article) and it goes out as the site publishes it then. A story whose
status is withdrawn or canceled must not be published at all: it is refused, and an
earlier version of it that went out is withdrawn by the store like an input removed.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from wirefeed.errors import InputError
from wirefeed.model import Draft
from wirefeed.normalize.dates import parse_date
from wirefeed.normalize.text import clean_text

# pubStatus codes (IPTC's stat: scheme) and NITF management-status values that take a story down.
WITHDRAWN = frozenset({"withdrawn", "canceled", "cancelled", "withheld"})


def check_status(draft: Draft) -> None:
    """InputError when the provider withdrew or canceled the story."""
    if draft.status is not None and clean_text(draft.status.value).lower() in WITHDRAWN:
        raise InputError(draft.source.path, draft.status.where, f"the provider's status is {draft.status.value!r}: the story is not published, and a version published before is withdrawn; expected status usable to publish it")


def held_until_embargo(draft: Draft, published: datetime, modified: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """`published` and `modified`, neither before the embargo's end."""
    if draft.embargoed is None or not clean_text(draft.embargoed.value):
        return published, modified
    embargo = parse_date(draft.embargoed, zone, draft.source.path, "the embargo")
    return max(published, embargo), max(modified, embargo)
