"""Shapes of wire-copy lines that more than one stage recognises (photo credits, bylines, datelines)."""

from __future__ import annotations

import re

# `Photo: IC`, `Photo: Li Hao/GT`, `(Photo: VCG)`, `Photo/Agencies`, `Photos: Xinhua`, `File photo: AFP`.
# The credit is short, so a sentence that merely mentions a photo is not taken for a caption.
CREDIT_AT_END = re.compile(
    r"""[\s(\[]*
        (?:(?:file|cover|top|lead)\s+)?(?:photos?|images?|pictures?|graphics?|illustrations?|video|photograph)
        \s*(?::|/|by\b)\s*
        (?P<credit>[^()\[\]:]{1,60}?)
        [\s)\]]*$""",
    re.IGNORECASE | re.VERBOSE,
)

BYLINE = re.compile(r"^(?:by|written by|reported by)\s+(?P<names>\S.*)$", re.IGNORECASE)

# `BEIJING, March 11 (Xinhua) --` and `WASHINGTON (Reuters) -`: a place in capitals, maybe a date,
# maybe the agency in brackets, then a dash.
DATELINE = re.compile(
    r"""^(?P<dateline>
        [A-Z][A-Z.'’\- ]+[A-Z.]              # the place, in capitals
        (?:,\s*[A-Z][A-Za-z.'’\- ]+?)?        # an optional region or country
        (?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))? # an optional date: March 11
        (?:\s*\((?P<agency>[^)]{2,40})\))?    # the agency: (Xinhua)
        )\s*(?:--|—|–|-)\s+""",
    re.VERBOSE,
)


def dateline_of(paragraph: str) -> re.Match[str] | None:
    """The dateline opening a paragraph, when it has a date or an agency (a bare `USA -` is not one)."""
    match = DATELINE.match(paragraph)
    if match and (match.group("date") or match.group("agency")):
        return match
    return None


# A credit match holds at most this many characters that are not space or brackets (a prefix word,
# the longest marker word, the separator, the 60-character credit); everything else in it is
# space or brackets, which the patterns allow any number of.
_CREDIT_SOLID_CHARACTERS = 80
_CREDIT_WINDOW = 240
_LOOSE = re.compile(r"[\s()\[\]]")


def _credit_search_start(text: str) -> int:
    """Where a search for the credit can begin and still find the same (leftmost) match.

    Every match ends at the end of the text. One that began before the last _CREDIT_WINDOW
    characters would hold all of them, so at most _CREDIT_SOLID_CHARACTERS of them could be
    other than space or brackets. When more are, no match starts before the window.
    """
    start = len(text) - _CREDIT_WINDOW
    if start <= 0:
        return 0
    solid = _CREDIT_WINDOW - len(_LOOSE.findall(text, start))
    return start if solid > _CREDIT_SOLID_CHARACTERS else 0


# Every credit holds one of these stems (the marker words of CREDIT_AT_END), so a paragraph
# without any is no caption: a substring test is some 40 times cheaper than the search, and
# nearly every body paragraph is decided by it. The translation gives the few letters that
# IGNORECASE matches but lower() does not map onto their ASCII partners (dotless i, long s).
_MARKER_STEMS = ("photo", "image", "picture", "graphic", "illustration", "video")
_IGNORECASE_PARTNERS = {"ı": "i", "İ": "i", "ſ": "s", "K": "k"}
_TO_IGNORECASE_PARTNERS = str.maketrans(_IGNORECASE_PARTNERS)


def _may_hold_credit(text: str) -> bool:
    if not text.isascii() and any(letter in text for letter in _IGNORECASE_PARTNERS):
        text = text.translate(_TO_IGNORECASE_PARTNERS)
    lowered = text.lower()
    return any(stem in lowered for stem in _MARKER_STEMS)


def credit_of(text: str) -> re.Match[str] | None:
    """The photo credit ending a caption, or None.

    A credit stands on its own (at the start, after a sentence's end, in brackets or
    with a capital `Photo`) and is a short name, not a sentence (`a photo: it was lovely.` is not a credit).
    """
    if not _may_hold_credit(text):
        return None
    match = CREDIT_AT_END.search(text, _credit_search_start(text))
    if match is None:
        return None
    credit = match.group("credit").strip()
    before = text[: match.start()].rstrip()
    marker = match.group(0).lstrip()
    bracketed = marker.startswith(("(", "["))
    # `Photo: X` with a capital is a credit even without a full stop before it; `photo:` is prose.
    capitalised = marker[:1].isupper()
    stands_alone = not before or bracketed or capitalised or before.endswith((".", "!", "?", '"', "”", "’", ")"))
    if not stands_alone or credit.endswith((".", "!", "?")) or len(credit.split()) > 6:
        return None
    return match
