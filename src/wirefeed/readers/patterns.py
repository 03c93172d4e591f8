"""Shapes of wire-copy lines that more than one stage recognises (photo credits, bylines, datelines)."""

from __future__ import annotations

import re
from collections.abc import Callable

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

# Bylines in other languages: a word that introduces the names, then names of the shape that
# language writes them in (checked by byline_names). German, French, Spanish and Portuguese,
# Italian, Dutch, Russian; Arabic; Chinese and Japanese before the names; Korean and Japanese after.
_WORD_BYLINE = re.compile(
    r"^(?:by|written by|reported by|von|text von|par|por|di|a cura di|door|автор|текст|автор текста)\s*:?\s+(?P<names>\S.*)$",
    re.IGNORECASE,
)
_ARABIC_BYLINE = re.compile(r"^(?:بقلم|كتب|كتبت)\s*[:：]?\s*(?P<names>\S.*)$")
# `作者 王琦`, `记者：王琦 李梅`, `本报记者 王琦`, `文/王琦`, `（记者 王琦）`, `記者 山田太郎`.
_HAN_BYLINE = re.compile(
    r"^[(（]?(?P<outlet>[^\W\d_]{0,8}?)(?P<word>作者|记者|記者|撰文|编辑|編集委員|文(?=\s*[/／]))\s*[:：/／]?\s*(?P<names>[^()（）]+?)[)）]?$"
)
# `홍길동 기자`, `홍길동 기자 hong@yna.co.kr`, `山田太郎記者`: the names before the word.
_TRAILING_BYLINE = re.compile(r"^(?P<names>[^()（）=]+?)\s*(?:기자|특파원|記者|特派員)(?:\s+\S+@\S+)?\s*=?$")
_SIMPLIFIED_WORDS = ("作者", "记者", "撰文", "编辑", "文")
_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|、|，|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bи\b|\s و|和)\s*", re.IGNORECASE)
_PARTICLES = frozenset("de da das do dos del della di du la le van von der den ter zu al el bin ibn".split())
_HAN_NAME = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{2,4}|[\u3040-\u30ff\u3400-\u9fff]{1,3} [\u3040-\u30ff\u3400-\u9fff]{1,4}")
_HANGUL_NAME = re.compile(r"[\uac00-\ud7a3]{2,4}")
_ARABIC_NAME = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+(?: [\u0621-\u064a\u0671-\u06d3]+){0,4}")


def byline_names(line: str) -> list[str] | None:
    """The names of a byline line in any of the languages above (`Von Jürgen Müller`, `作者 王琦`,
    `홍길동 기자`), or None when the line is not a byline or what follows the word is no name."""
    text = line.strip()
    if match := _WORD_BYLINE.match(text):
        return _names(match["names"], _is_cased_name)
    if match := _ARABIC_BYLINE.match(text):
        return _names(match["names"], _ARABIC_NAME.fullmatch)
    if match := _HAN_BYLINE.match(text):
        # Simplified Chinese puts a space between two people (`王琦 李梅`); Japanese between a
        # family and a given name (`山田 太郎`).
        names = re.sub(r"\s+", "、", match["names"]) if match["word"] in _SIMPLIFIED_WORDS else match["names"]
        return _names(names, _HAN_NAME.fullmatch)
    if match := _TRAILING_BYLINE.match(text):
        return _names(match["names"], lambda name: bool(_HANGUL_NAME.fullmatch(name) or _HAN_NAME.fullmatch(name)))
    return None


def _names(text: str, is_name: Callable[[str], object]) -> list[str] | None:
    names = [name.strip(" .:：") for name in _LIST_SEPARATORS.split(text.strip(" .:："))]
    names = [name for name in names if name]
    return names if names and all(is_name(name) for name in names) else None


def _is_cased_name(name: str) -> bool:
    """`Jürgen Müller`, `Ana de la Cruz`, `Ольга Иванова`: one to five words, each capitalised
    but for the particles, no digits and no sentence."""
    words = name.split()
    if not 1 <= len(words) <= 5 or any(char.isdigit() for char in name) or name.endswith(("!", "?")):
        return False
    return words[0][0].isupper() and words[-1][0].isupper() and all(
        word[0].isupper() or word.lower() in _PARTICLES for word in words)

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
