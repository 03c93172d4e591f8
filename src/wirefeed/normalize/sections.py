"""Section lines into cased section names."""

from __future__ import annotations

import re

from wirefeed.model import Found
from wirefeed.normalize.text import clean_text

_SEPARATORS = re.compile(r"\s*(?:/|>|\||»|›|::)\s*")
# Kept in capitals when a section line is shouted: acronyms a newsroom puts in section names.
_ACRONYMS = frozenset({
    "AI", "APEC", "ASEAN", "BRICS", "CPC", "CPPCC", "EU", "G20", "G7", "GDP", "HK", "IMF", "IT",
    "NATO", "NBA", "NPC", "SAR", "UK", "UN", "US", "USA", "WHO", "WTO", "5G", "COVID-19", "ESG", "SCO",
})
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs"})


def split_sections(found: tuple[Found[str], ...], *, as_given: bool = False) -> tuple[str, ...]:
    """`SOURCE / ECONOMY` -> (`Source`, `Economy`); duplicates dropped, order kept.

    `as_given` is for a list the user wrote (a sidecar's `sections`): each entry is one section,
    cleaned of stray spaces but neither split at `/` or `>` nor recased.
    """
    names: dict[str, str] = {}
    for item in found:
        text = clean_text(item.value)
        parts = [text] if as_given else [case_section(part.strip()) for part in _SEPARATORS.split(text)]
        for name in parts:
            if name:
                names.setdefault(name.lower(), name)
    return tuple(names.values())


def case_section(name: str) -> str:
    """Title case for a shouted or lower-case name; a name already in mixed case is kept."""
    if not (name.isupper() or name.islower()):
        return name
    words = name.split(" ")
    return " ".join(_case_word(word, first=index == 0) for index, word in enumerate(words))


def _case_word(word: str, *, first: bool) -> str:
    if word.upper() in _ACRONYMS:
        return word.upper()
    if not first and word.lower() in _SMALL_WORDS:
        return word.lower()
    # `SCI-TECH` -> `Sci-Tech`
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
