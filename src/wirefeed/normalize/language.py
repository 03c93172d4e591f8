"""The language of an article, from its text when no source says.

A Chinese or Arabic story on a site configured as `en` must not be published as
`inLanguage: en`: search engines and screen readers would treat it as English. The
script is a reliable signal for Han, Kana, Hangul and the like. Within a script shared
by many languages (Latin: English, French, German; Cyrillic; Arabic) a statistical
identifier decides: py3langid, whose model ships inside the package, run over the first
few thousand characters. It overrides the site's language only when the text is long
enough and the identifier is nearly sure; otherwise the site's language stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any


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


# Below this many characters an identifier guesses; above this many it has seen enough.
_MIN_IDENTIFY_CHARS = 100
_MAX_IDENTIFY_CHARS = 3000
# The first look (identified_language). Measured against one look at 3,000 characters on 2,851
# texts the build identifies (the bench corpus and the development pages without a declared
# language) and on the texts of the 943 development pages (German, English, Spanish, French and
# 13 more): the same answer for all but one, an English list of names that the whole sample left
# unsure (p 0.995) and 600 characters did not (p 0.99999). A first look at 300 moved three.
_FIRST_LOOK_CHARS = 600
# The identifier's normalized probability it must reach to overrule the site's language.
_SURE = 0.999
# Scripts shared by several languages, where the letters alone do not tell which.
_SHARED_SCRIPTS = frozenset({"Latin", "Cyrillic", "Arabic"})


def text_language(text: str, site_language: str) -> str:
    """`site_language`, unless `text` is in a script or (when long enough) a language it is not.

    Han text on a `zh-cn` or `ja` site keeps the site's tag (and its region); on an `en`
    site it is `zh`. French text on an `en` site is `fr`; English text there keeps `en`
    (and `en-GB` stays `en-GB`). Short text, or text without letters, keeps the site's tag.
    """
    script = dominant_script(text) if _NOT_LATIN.search(text) else LATIN
    if script is None:
        return site_language
    site_primary = site_language.split("-")[0]
    identified = identified_language(text) if script.name in _SHARED_SCRIPTS else None
    if identified is not None:
        return site_language if identified == site_primary else identified
    if script is LATIN or site_primary in script.languages:
        return site_language
    return script.language


def identified_language(text: str) -> str | None:
    """The language py3langid is nearly sure `text` is in; None for short or uncertain text.

    A first look at the opening characters settles most texts; only one it leaves unsure is
    looked at whole (up to _MAX_IDENTIFY_CHARS). py3langid walks every byte in Python, so the
    sample's length is its cost: 1.4 ms a wire story read whole, a third of that this way.
    """
    for size in (_FIRST_LOOK_CHARS, _MAX_IDENTIFY_CHARS):
        sample = text[:size]
        if len(sample) < _MIN_IDENTIFY_CHARS:
            return None
        language, probability = _identifier().classify(sample)
        if probability >= _SURE:
            return str(language)
        if len(sample) < size:  # that was the whole text
            return None
    return None


def load_identifier() -> None:
    """Load py3langid's model now (a quarter of a second), in a process that will identify
    languages later while someone waits for it (a rebuild kept in memory: pipeline/warm.py)."""
    _identifier()


@contextmanager
def identifier_shared() -> Iterator[None]:
    """py3langid's model loaded for the block, and let go after it. Around forking workers
    that read: they share its pages (76 MB: the transition table and the feature weights)
    instead of each loading a copy of its own, and the process that forked them does not keep
    it through rendering, which needs none of it."""
    loaded = _identifier.cache_info().currsize > 0
    _identifier()
    try:
        yield
    finally:
        if not loaded:
            _identifier.cache_clear()


@cache
def _identifier() -> Any:
    """py3langid's identifier with probabilities (its model loads once a process; see langid_model.py)."""
    from wirefeed.normalize.langid_model import language_identifier

    return language_identifier()
