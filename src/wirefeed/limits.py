"""Bounds on what one input may cost: how many authors, images, sections and keywords an
article keeps, and how many digits a number in a sidecar or the site config may have.

Each author and section gets a feed of its own, and every one of those feeds lists the article
with all its authors: without a bound, a page naming 4,000 authors wrote 14,809 files and 2.1 GB.
The defaults are far above any real article (wire stories name one to a dozen authors) and keep
what one input can write linear in its size.

What is over a bound is handled by who wrote it:
- a sidecar is the user's own file: too many entries is an InputError naming the file and key
  (`story.toml: authors: 5000 authors; expected at most 50`), to be fixed there;
- an article from elsewhere (an HTML page, a wire text) still publishes: its list is cut to the
  first entries and a warning line says so (`page.html: authors: 4000 authors; kept the first 50`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeGuard, TypeVar

from wirefeed.errors import shown

T = TypeVar("T")

MAX_AUTHORS = 50
MAX_IMAGES = 100
MAX_SECTIONS = 20
MAX_KEYWORDS = 100
# Digits in any whole number of a sidecar or the config (image sizes, feed size, byte limits).
# Python itself refuses to read an integer of more than 4,300 digits, with a ValueError.
MAX_DIGITS = 20

# What a bound is for, by the field it bounds: the nouns of the messages.
PER_ARTICLE = {"authors": MAX_AUTHORS, "images": MAX_IMAGES, "sections": MAX_SECTIONS, "keywords": MAX_KEYWORDS}


def over_limit(field: str, count: int) -> str | None:
    """The message for `count` entries of `field` (`authors`...) when over its bound, else None."""
    limit = PER_ARTICLE[field]
    return f"{count:,} {field}; expected at most {limit}" if count > limit else None


def cut_to_limit(items: Sequence[T], field: str, path: Path, warnings: list[str]) -> tuple[T, ...]:
    """The first entries of `field` up to its bound; a line added to `warnings` (the article's,
    printed by build and show like its date warnings) when some are dropped."""
    limit = PER_ARTICLE[field]
    if len(items) <= limit:
        return tuple(items)
    warnings.append(f"{shown(path)}: {field}: warning: {len(items):,} {field}; kept the first {limit} (at most {limit} per article)")
    return tuple(items[:limit])


def too_many_digits(value: object) -> TypeGuard[int]:
    """A whole number with more digits than MAX_DIGITS (booleans are not numbers here)."""
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**MAX_DIGITS


def digits_message(value: int) -> str:
    """Says how long the number is without printing all of it."""
    return f"a number of {len(str(abs(value))):,} digits; expected at most {MAX_DIGITS}"


# Python's own limit: int() and str() refuse longer numbers with a ValueError.
LONG_NUMBER = f"a number of more than 4,300 digits; expected at most {MAX_DIGITS}"


def is_long_number_error(error: ValueError) -> bool:
    """Whether `error` is Python refusing to convert an integer string of too many digits."""
    return "integer string conversion" in str(error)
