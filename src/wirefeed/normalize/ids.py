"""Stable identities: the article id, its slug and its feed GUID."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from urllib.parse import quote

from wirefeed.normalize.text import clean_text

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_LIMIT = 100
# A file name may have 255 bytes; this leaves room for a de-duplicating suffix and `.jsonld`.
# Chinese is 3 bytes a character in UTF-8, so a Chinese slug keeps its first 40 characters.
SLUG_BYTES = 120
# Latin letters that Unicode does not decompose into an ASCII letter and a mark.
_LATIN_LETTERS = str.maketrans({
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i", "ŋ": "n", "ħ": "h",
})
_APOSTROPHES = str.maketrans({"'": None, "’": None, "ʼ": None})
_LATIN = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
# Names Windows refuses for a file whatever the extension; a site built here may be served from there.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])$")


def slugify(text: str, limit: int = SLUG_LIMIT) -> str:
    """ASCII, lower case, words joined by hyphens, cut at a word; empty when nothing Latin is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower().replace("'", "").replace("’", "")).strip("-")
    if len(slug) > limit:
        slug = slug[: limit + 1].rsplit("-", 1)[0]
    return slug


def slug_or_digest(text: str, key: str) -> str:
    """`text`'s ASCII slug; when it has fewer than three letters, one made from `key`'s digest."""
    slug = slugify(text)
    if len(slug) >= 3:
        return slug
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else f"article-{digest}"


def unicode_slug(text: str) -> str:
    """Lower-case words of any script joined by hyphens: `China-US talks` -> `china-us-talks`,
    `中美半导体工作组` -> `中美半导体工作组`, `Дефицит микросхем` -> `дефицит-микросхем`.

    Latin letters lose their accents (`Café` -> `cafe`), as they always have; other scripts
    keep their letters, because no transliteration is both available offline and right
    (Chinese has none at all without a dictionary, Russian has several competing standards).
    """
    # Apostrophes join (`China's` -> `chinas`), as in the ASCII slugs published before.
    text = unicodedata.normalize("NFKC", clean_text(text)).lower().translate(_APOSTROPHES)
    words = "".join(_slug_char(char) for char in text)
    slug = "-".join(words.split())
    return _cut(slug, SLUG_LIMIT, SLUG_BYTES)


def _slug_char(char: str) -> str:
    if char.isascii():
        return char if char.isalnum() else " "
    if _LATIN.match(char):
        folded = unicodedata.normalize("NFKD", char.translate(_LATIN_LETTERS)).encode("ascii", "ignore").decode("ascii")
        return "".join(letter for letter in folded if letter.isalnum())
    if unicodedata.category(char)[0] == "M":
        return ""  # Arabic vowel marks and the like: the word reads the same without them
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    return char if char.isalnum() else " "


def _cut(slug: str, characters: int, utf8_bytes: int) -> str:
    """`slug` within both limits, cut at a hyphen (as `slugify` cuts) or else at a character."""
    if len(slug) > characters:
        slug = slug[: characters + 1].rsplit("-", 1)[0]
    while len(slug.encode("utf-8")) > utf8_bytes:
        slug = slug.rsplit("-", 1)[0] if "-" in slug[len(slug) // 2 :] else slug[:-1]
    return slug.strip("-")


def article_slug(headline: str, article_id: str) -> str:
    """The last segment of the article's URL, percent-encoded when it holds non-ASCII letters.

    From the headline in any script; from the id's digest when the headline gives fewer
    than three characters or a name Windows reserves (`CON`, `NUL`).
    """
    slug = unicode_slug(headline)
    if len(slug) < 3 or _RESERVED.match(slug):
        digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:12]
        slug = f"{slug}-{digest}" if slug else f"article-{digest}"
    # The slug is used as the URL spells it, so a de-duplicating suffix and the page's URL
    # agree (build.py appends to it); the page's file is named by the decoded form.
    return quote(slug, safe="-")


def article_guid(base_url: str, article_id: str) -> str:
    """A GUID that depends only on the site and the article id: never on its headline or dates."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{base_url}#article/{article_id}").urn


def name_slug(name: str) -> str:
    """A slug for a name (section, author) that is never empty and never shared by two names."""
    slug = slugify(name)
    if slug:
        return slug
    return "n-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
