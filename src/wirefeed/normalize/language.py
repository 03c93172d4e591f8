"""The language of an article, from the script its text is written in when no source says.

A Chinese or Arabic story on a site configured as `en` must not be published as
`inLanguage: en`: search engines and screen readers would treat it as English. The
script is a reliable signal for these languages, the letters of Latin-script text
are not (English, French and Indonesian share them), so Latin text keeps the site's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Script:
    """A writing system: its letters, the language it usually means, and languages written in it."""

    name: str
    letters: re.Pattern[str]
    language: str
    languages: frozenset[str]


HAN = Script("Han", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"), "zh", frozenset({"zh", "ja", "ko", "yue", "wuu", "hak", "nan", "lzh"}))
KANA = Script("Kana", re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]"), "ja", frozenset({"ja"}))
HANGUL = Script("Hangul", re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"), "ko", frozenset({"ko"}))
ARABIC = Script("Arabic", re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdff\ufe70-\ufefc]"), "ar", frozenset({"ar", "fa", "ur", "ps", "sd", "ug", "ku", "ckb", "ks"}))
CYRILLIC = Script("Cyrillic", re.compile(r"[\u0400-\u0481\u048a-\u052f]"), "ru", frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg", "tt", "ba", "cv", "sah", "ce", "os", "ab", "rue"}))
HEBREW = Script("Hebrew", re.compile(r"[\u05d0-\u05ea\u05ef-\u05f2\ufb1d-\ufb4f]"), "he", frozenset({"he", "yi", "lad"}))
LATIN = Script("Latin", re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]"), "", frozenset())
SCRIPTS = (HAN, KANA, HANGUL, ARABIC, CYRILLIC, HEBREW, LATIN)

# Japanese mixes kanji (Han) with kana; a text with this share of kana among its Han and kana
# letters is Japanese, while Chinese quoting a Japanese name stays Chinese.
_KANA_SHARE = 0.1
# Any letter of a script other than Latin: without one, the text is Latin or has no letters.
_NOT_LATIN = re.compile("|".join(script.letters.pattern for script in SCRIPTS if script is not LATIN))


def dominant_script(text: str) -> Script | None:
    """The script most of the letters of `text` are written in; None for text without letters."""
    counts = {script: len(script.letters.findall(text)) for script in SCRIPTS}
    kana, han = counts.pop(KANA), counts[HAN]
    if kana and kana >= _KANA_SHARE * (kana + han):
        counts[KANA], counts[HAN] = kana + han, 0
    else:
        counts[HAN] = han + kana
    script, letters = max(counts.items(), key=lambda item: item[1])
    return script if letters else None


def text_language(text: str, site_language: str) -> str:
    """`site_language`, unless `text` is in a script that language is not written in.

    Han text on a `zh-cn` or `ja` site keeps the site's tag (and its region); on an `en`
    site it is `zh`. Latin text, or text without letters, always keeps the site's tag.
    """
    if not _NOT_LATIN.search(text):
        return site_language  # Latin text or none: the site's language, as below, in one pass
    script = dominant_script(text)
    if script is None or script is LATIN:
        return site_language
    if site_language.split("-")[0] in script.languages:
        return site_language
    return script.language
