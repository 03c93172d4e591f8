"""HTML-specific filtering of harvested values: a title's site-name suffix, authors that are not people.

General cleanup (whitespace, splitting bylines, parsing dates) is normalize()'s; what
is here only makes sense for web pages, where CMS templates fill metadata slots with
the site's name, a profile URL or a date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from wirefeed.model import DraftAgent

# "Headline | Site", "Headline - Site", "Site :: Headline", "标题_频道_网站".
# Full-width forms (`｜`, `：`, `－`) separate CJK titles from the site name without spaces.
_SEPARATOR = re.compile(r"\s+[|\-–—·•»/\\:]{1,2}\s+|\s*\|\s*|\s*_\s*|\s+::\s+|\s*[｜：－]\s*")
# A photo credit appended to a title: `（写真＝ロイター）`, `(Photo: AP)`, `(사진=연합뉴스)`, `(Фото: ТАСС)`.
_PHOTO_CREDIT = re.compile(
    r"\s*[（(](?:写真|写真提供|图|圖|图片|圖片|사진|photos?|foto|фото|صورة)\s*[＝=:：/][^）)]*[）)]", re.IGNORECASE)
# Case-sensitive top-level domain: `J.R.R.Tolkien` is a name, `ebb.org` is not.
_URL_LIKE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//|^[Ww]{3}\.|^[\w.-]+\.[a-z]{2,}(?:/\S*)?$")
# A year or a clock time or a numeric date: a name never has one, a CMS date slot does.
_DATE_LIKE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
# The size a CMS appends to a resized copy's name (WordPress `-1024x768.jpg`, `_800x450.png`).
_SIZE_SUFFIX = re.compile(r"[-_]\d{2,4}x\d{2,4}(\.\w{3,4})$", re.IGNORECASE)
# A folder naming an image size: `800x450`, `w800`, `w_800,h_450,c_fill` (a resizing CDN's options).
_SIZE_FOLDER = re.compile(r"(?:\d{2,4}x\d{2,4}|(?:[wh]|width|height|size)[_=-]?\d{2,4}(?:,[a-z]{1,6}_[\w.]+)*)", re.IGNORECASE)
# A rendition's content hash after the name (`Scanner-With-Border-f0c62350bd8d9d96.jpeg`).
_HASH_SUFFIX = re.compile(r"[-_][0-9a-f]{12,40}(\.\w{3,4})$", re.IGNORECASE)
NAMED_PICTURE = 12
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_MAX_NAME_CHARS = 100
# The shortest start of a site's name that is read as the name in a title's suffix (`日本経済新聞`, `Spiegel`).
_SITE_PREFIX_CHARS = 4
# Host labels that name no one: `www.bbc.co.uk` is known by `bbc`.
_SHORT_LABEL = 2


# What compact() drops: `\w` is str.isalnum() plus the underscore, so this is every character
# that is not a letter or a digit (one regex pass, where a test per character took a tenth of
# reading an HTML page; tests/test_fast_helpers.py holds the two equal).
_NOT_ALNUM = re.compile(r"[\W_]+")


def compact(text: str) -> str:
    """Text reduced for comparing names: no accents, no case, letters and digits only."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text).casefold())


def site_name_keys(names: Iterable[str], page_url: str | None) -> frozenset[str]:
    """Compact forms of the site's names and of its host (`aktualne.cz` -> `aktualnecz`, `aktualne`)."""
    keys = {compact(name) for name in names}
    host = _hostname(page_url) if page_url and "//" in page_url else None
    if host:
        host = host.removeprefix("www.")
        keys.add(compact(host))
        labels = host.split(".")
        keys.update(compact(label) for label in labels[:-1] if len(label) > _SHORT_LABEL)
    return frozenset(key for key in keys if key)


def without_site_name(title: str, site_keys: frozenset[str]) -> str:
    """`Headline | Site` -> `Headline` (also a leading `Site: `), only when Site is the site's name."""
    while True:
        separators = list(_SEPARATOR.finditer(title))
        if not separators:
            return title
        last, first = separators[-1], separators[0]
        if _names_site(compact(title[last.end():]), site_keys) and title[:last.start()].strip():
            title = title[:last.start()].strip()
        elif compact(title[:first.start()]) in site_keys and title[first.end():].strip():
            title = title[first.end():].strip()
        else:
            return title


def _names_site(suffix: str, site_keys: frozenset[str]) -> bool:
    """A title's last part is the site's name, or the start of it: `：日本経済新聞` on a site
    that calls itself `日本経済新聞 電子版`, `| Spiegel` for `Spiegel Online`."""
    return suffix in site_keys or (len(suffix) >= _SITE_PREFIX_CHARS and any(key.startswith(suffix) for key in site_keys))


def without_photo_credit(title: str) -> str:
    """`米朝首脳直通電話 （写真＝ロイター）` -> `米朝首脳直通電話`: a credit is the photo's, not the story's."""
    return _PHOTO_CREDIT.sub("", title).strip() or title


def image_key(url: str | None) -> str | None:
    """One key for one picture at any size, on any of the site's image hosts.

    A file name that names the picture (`Barcode-Scanner-With-Border.jpeg`, BBC's
    `_84455751_84455749.jpg`; NAMED_PICTURE characters or more once a `-1024x768` size or
    a rendition's content hash is cut off) is the key by itself: a resizing service puts the
    same file under `/scale/geometry/600/q75/` or `/news/560/`. A short name (`1.jpg`) keeps
    its folders, less those that only name a size (`/800x450/`, `/w_800,h_450/`): then
    `/gallery/12/1.jpg` and `/gallery/13/1.jpg` stay two pictures. The query never counts.
    """
    if url is None:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    folders, _, name = path.rpartition("/")
    name = _SIZE_SUFFIX.sub(r"\1", name)
    unhashed = _HASH_SUFFIX.sub(r"\1", name)
    if len(unhashed.rsplit(".", 1)[0]) >= NAMED_PICTURE:
        return unhashed.lower()
    kept = [folder for folder in folders.split("/") if not _SIZE_FOLDER.fullmatch(folder)]
    return "/".join([*kept, name]).lower()


def title_prefixes(title: str) -> list[str]:
    """The parts of a title before each separator: `A | B | C` -> `A`, `A | B`."""
    return [title[:match.start()] for match in _SEPARATOR.finditer(title)]


def is_person_like(agent: DraftAgent, site_keys: frozenset[str]) -> bool:
    """False for an author slot holding a URL, an e-mail, a @handle, a date or the site's own name.

    An author typed Organization in schema.org is kept even when it is the site: that
    is a deliberate claim (agency or desk copy), not a template default.
    """
    name = agent.name.value.strip()
    if not any(char.isalpha() for char in name) or len(name) > _MAX_NAME_CHARS:
        return False
    if looks_like_url(name) or _EMAIL.search(name) or name.startswith("@"):
        return False
    if _DATE_LIKE.search(name):
        return False
    return agent.kind == "Organization" or compact(name) not in site_keys


def looks_like_url(text: str) -> bool:
    """`https://x/y`, `//x/y`, `www.x.com`, `x.com/y` or a site path such as `/code/2013/post/`."""
    text = text.strip()
    return bool(_URL_LIKE.search(text)) or (text.startswith("/") and " " not in text)


def absolute_url(url: str | None, base: str | None) -> str | None:
    """`url` resolved against the page's base when the base is absolute; else as found.

    A value that does not parse as a URL (`http://[` has no valid host) is no URL: None.
    """
    if url is None:
        return None
    url = url.strip()
    if base and is_absolute(base) and not url.startswith("data:"):
        try:
            return urljoin(base, url)
        except ValueError:
            return None
    return url


def is_absolute(url: str) -> bool:
    try:
        return url.startswith(("http://", "https://")) and bool(urlsplit(url).netloc)
    except ValueError:
        return False


def _hostname(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None
