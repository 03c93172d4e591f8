"""Running one of extruct's extractors on an untrusted page: a failure loses that syntax only."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

_LOG = logging.getLogger(__name__)
T = TypeVar("T")


def items_or_none(extract: Callable[[], list[T]], syntax: str) -> list[T]:
    """`extract()`'s items, or none when it fails.

    extruct's extractors raise whatever their parsing meets on odd markup (an AttributeError
    for a page whose <head> comes after </html>, a ValueError from lxml on a control
    character); like a malformed JSON-LD block, that costs the page one source, not the page.
    """
    try:
        return extract()
    except Exception as error:  # noqa: BLE001 - any failure of a third-party extractor on untrusted input
        _LOG.debug("skipping %s: %s: %s", syntax, type(error).__name__, error)
        return []
