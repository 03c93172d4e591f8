"""Text cleanup shared by every stage: NFC, one kind of space, no characters XML forbids."""

from __future__ import annotations

import re
import unicodedata

# Every Unicode space separator (NBSP, thin, ideographic, ...) and the zero-width ones become
# a plain space or nothing, so outputs never carry an invisible character a reader cannot search.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\t]")
# (Zero-width joiner and non-joiner stay: Persian and Indic words and emoji sequences need them.)
_ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
# Characters XML 1.0 forbids (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF) and
# the C1 controls, which feed readers choke on. (U+2028/U+2029 are line breaks: spaces, above.)
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_RUNS_OF_SPACE = re.compile(r"[ \r\n]+")

# Combining marks inside words: Arabic and Hebrew vowel signs, Cyrillic and Latin accents typed
# separately, Indic vowel signs. They are not `\w`, and without this would split a word in two.
_MARK = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u200c\u200d"
# A word: letters/digits (with their marks) joined by inner hyphens, apostrophes or points
# (`China-US`, `year's`, `U.S`, `كَتَبَ`).
_LETTERS = rf"(?:[^\W_][{_MARK}]*)+"
_WORD = re.compile(rf"{_LETTERS}(?:[-'’.]{_LETTERS})*")
# Scripts written without spaces between words: each character counts as one word, as
# Chinese and Japanese word counts are conventionally given.
_UNSPACED_RANGES = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_UNSPACED = re.compile(rf"[{_UNSPACED_RANGES}]")
# Text with neither marks nor unspaced scripts (nearly all Latin-script copy) has words of plain
# `[^\W_]+` letters, which a simpler pattern counts in half the time with the same result.
_MARK_OR_UNSPACED = re.compile(rf"[{_MARK}{_UNSPACED_RANGES}]")
_PLAIN_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")


def without_forbidden(text: str) -> str:
    """`text` without the characters XML forbids (parsers and extractors choke on them)."""
    return _FORBIDDEN.sub("", text)


# Anything clean_text would change besides NFC: every character its patterns replace or remove
# (controls, tab and line ends among them, odd and zero-width spaces, surrogates) and a double space.
_NEEDS_CLEANING = re.compile(r"[\x00-\x1f\x7f-\x9f\u00a0\u00ad\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u2060\u3000\ud800-\udfff\ufeff\ufffe\uffff]|  ")


def clean_text(text: str) -> str:
    """NFC, odd spaces to plain ones, forbidden characters removed, runs of space collapsed."""
    # Most text is clean already (a paragraph joined from its lines, a headline): one search
    # tells, instead of four substitutions that each copy it.
    if (text.isascii() or unicodedata.is_normalized("NFC", text)) and _NEEDS_CLEANING.search(text) is None:
        return text.strip(" ")
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", _ODD_SPACES.sub(" ", text))
    text = _FORBIDDEN.sub("", text)
    return _RUNS_OF_SPACE.sub(" ", text).strip()


def count_words(text: str) -> int:
    """Words in running text; characters of unspaced scripts (Chinese, Japanese) count one each."""
    if _MARK_OR_UNSPACED.search(text) is None:
        # A word never spans white space, and a run of letters and digits alone (str.isalnum:
        # what `[^\W_]` matches, by CPython's definition of \w) is one word: only the other
        # runs (`U.S.-China`, `(2021)`, `--`) need the pattern. A third less time than findall
        # over the whole text, with the same count.
        runs = text.split()
        others = [run for run in runs if not run.isalnum()]
        return len(runs) - len(others) + len(_PLAIN_WORD.findall(" ".join(others)))
    unspaced = len(_UNSPACED.findall(text))
    return unspaced + len(_WORD.findall(_UNSPACED.sub(" ", text)))


def cut_at_word(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else cut at the last word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    boundary = cut.rfind(" ")
    if boundary > limit // 2:
        cut = cut[:boundary]
    return cut.rstrip(" ,;:-–—(") + "…"
