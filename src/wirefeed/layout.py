"""Where each output lives inside the site: one place, so pages, feeds and links always agree."""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from wirefeed.model import ListedArticle, Site

# Names Windows refuses whatever the extension; a site built here may be served from there.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
# Characters Windows refuses in a file name (and `:` would make `a:b.html` a URL scheme in a link).
# A control character or one Windows forbids in a name, found by one search of the name.
_UNPORTABLE_CHARACTER = re.compile(r'[\x00-\x1f<>:"|?*]')
_PAGE_SUFFIXES = (".html", ".htm")
# What the site itself writes at these places; an article page there would overwrite it or be overwritten.
_SITE_FILES = frozenset({"index.html"})
_SITE_FOLDERS = ("sections/", "authors/", "archive/", "static/")


@functools.lru_cache(maxsize=1 << 16)
def check_relative_path(relative: str) -> str:
    """`relative` if it is a plain path inside the site, else ValueError saying why not.

    (Cached: every build checks the same tens of thousands of output paths again.)
    """
    if not relative or "\x00" in relative or "\\" in relative or relative.startswith("/"):
        raise ValueError("an output path must be a plain relative path")
    parts = PurePosixPath(relative).parts
    if any(part in ("..", ".") or _RESERVED.match(part) or not _portable_name(part) for part in parts):
        raise ValueError("the path would leave the output folder or uses a reserved name")
    return relative


def _portable_name(part: str) -> bool:
    # Windows drops a trailing dot or space, so `a.` and `a` would be the same file there.
    return not (_UNPORTABLE_CHARACTER.search(part) or part.endswith((".", " ")))


# What a file system takes: a name of at most 255 bytes (ext4, XFS, Btrfs, APFS, NTFS) and a
# whole path of at most PATH_MAX (4,096 bytes on Linux). An article page's path is held well
# inside the second, so that it fits under any output folder a site is likely to have.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4096
MAX_PAGE_PATH_BYTES = 1024
MAX_PAGE_FOLDERS = 64


def check_page_path(relative: str) -> str:
    """`relative` if an article page may be written there: inside the site, not where the
    site's own index, section pages or static files go, and short enough for a file system
    (the page and its JSON-LD beside it)."""
    check_relative_path(relative)
    if relative in _SITE_FILES or relative.startswith(_SITE_FOLDERS):
        raise ValueError(f"{relative} is where the site's own pages go")
    check_writable(relative)
    return relative


def check_writable(relative: str) -> None:
    """ValueError unless the page at `relative` and its JSON-LD file have names, depth and
    length that any common file system takes (see MAX_NAME_BYTES and the others)."""
    parts = relative.split("/")
    if len(parts) - 1 > MAX_PAGE_FOLDERS:
        raise ValueError(f"its page would be {len(parts) - 1} folders deep; expected at most {MAX_PAGE_FOLDERS}")
    for part in (*parts, jsonld_path_beside(relative).rpartition("/")[2]):
        if len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
            raise ValueError(f"its page would have a file or folder name of {len(part.encode('utf-8', 'surrogatepass')):,} bytes; expected at most {MAX_NAME_BYTES}")
    size = len(jsonld_path_beside(relative).encode("utf-8", "surrogatepass"))
    if size > MAX_PAGE_PATH_BYTES:
        raise ValueError(f"its page's path would be {size:,} bytes long; expected at most {MAX_PAGE_PATH_BYTES:,}")


# How much longer an article page's JSON-LD path can be than the page's: `.jsonld` in place
# of the page's suffix, or added to a path without one.
_JSONLD_GROWTH = len(".jsonld")


def plainly_writable(relative: str, root_bytes: int) -> bool:
    """Whether the page at `relative` passes check_writable() and fits_under(`root_bytes`) on its
    length alone: ASCII, so that characters are bytes, and short enough (with its JSON-LD path)
    that no name in it can be over MAX_NAME_BYTES, nor the whole over either path limit. Most
    pages are; the others take the long checks, which say why. A build asks it of every
    article: 0.2 µs against the long checks' 2.9 µs."""
    longest = len(relative) + _JSONLD_GROWTH
    return (longest <= MAX_NAME_BYTES and relative.isascii() and relative.count("/") <= MAX_PAGE_FOLDERS
            and root_bytes + 1 + longest < MAX_PATH_BYTES)


def fits_under(root_bytes: int, relative: str) -> bool:
    """Whether the page at `relative` and its JSON-LD fit in PATH_MAX under a folder whose
    absolute path is `root_bytes` long."""
    longest = max(len(relative.encode("utf-8", "surrogatepass")), len(jsonld_path_beside(relative).encode("utf-8", "surrogatepass")))
    return root_bytes + 1 + longest < MAX_PATH_BYTES


def href(relative: str) -> str:
    """A site-relative path as a link target: escaped, so `中文.html` and `a b.html` reach their file."""
    return quote(relative, safe="/")


def url_path_in_site(url: str, site: Site) -> str | None:
    """The file a URL on this site is served from (`.../a/` -> `a/index.html`); None for other hosts."""
    if not url.startswith(site.base_url):
        return None
    return _path_in_site(url, site.base_url)


@functools.lru_cache(maxsize=1 << 16)
def _path_in_site(url: str, base_url: str) -> str:
    # Cached: a build asks for each article's page path several times (page, JSON-LD, sitemap, links).
    path = unquote(_url_path(url, base_url))[len(_base_path(base_url)):]
    if not path or path.endswith("/"):
        return path + "index.html"
    if posixpath.splitext(path)[1].lower() in _PAGE_SUFFIXES:
        return path
    # `/2021/03/smic` is served from `2021/03/smic.html` by static hosts (GitHub Pages, Netlify, nginx try_files).
    return path + ".html"


def _url_path(url: str, base_url: str) -> str:
    """urlsplit(url).path of a URL that starts with `base_url`: the base's path and what follows
    it up to a query or fragment. Three times faster, and each of 10,000 articles asks once.
    A URL holding characters urlsplit() drops (tab, CR, LF) takes the long way."""
    if "\t" in url or "\r" in url or "\n" in url:
        return urlsplit(url).path
    rest = url[len(base_url):]
    return _base_path(base_url) + rest.partition("#")[0].partition("?")[0]


@functools.cache
def _base_path(base_url: str) -> str:
    return urlsplit(base_url).path


def page_address(path: str) -> str:
    """The site-relative address a page is known by, url_path_in_site() the other way: a
    folder's index page by its folder (`a/index.html` -> `a/`, `index.html` -> ``), any other by its path."""
    return path.removesuffix("index.html") if path.rpartition("/")[2] == "index.html" else path


def article_page_path(article: ListedArticle, site: Site) -> str:
    """The article page: at its canonical URL when that is on this site, else `articles/<slug>.html`."""
    return url_path_in_site(article.url, site) or slug_page_path(article.slug)


def slug_url(slug: str, site: Site) -> str:
    """The URL of an article the input gives no canonical URL: its slug page on this site."""
    return site.absolute(f"articles/{slug}.html")


def slug_page_path(slug: str) -> str:
    """The page of an article that has no canonical URL on the site; `slug` as its URL spells it."""
    return f"articles/{unquote(slug)}.html"


def article_jsonld_path(article: ListedArticle, site: Site) -> str:
    """The article's JSON-LD file, beside its page."""
    return jsonld_path_beside(article_page_path(article, site))


def jsonld_path_beside(page: str) -> str:
    """The JSON-LD file of the article page at `page`."""
    return page_stem(page) + ".jsonld"


def page_stem(page: str) -> str:
    """posixpath.splitext(page)[0]: an article page's path without its suffix, which the files
    beside it (JSON-LD, ninjs) are named after. A page named `<something>.html` (nearly every
    one) is cut without splitext, which took a tenth of planning the jobs of 10,000 articles."""
    if page.endswith(".html") and len(page) > 5 and page[-6] not in "/.":
        return page[:-5]
    return posixpath.splitext(page)[0]


def _name_slug(name: str) -> str:
    # Imported here, not at the top: normalize imports this module to check canonical URLs, and
    # loading the normalize package from here at import time would go round in a circle.
    from wirefeed.normalize.ids import name_slug

    return name_slug(name)


def section_path(section: str) -> str:
    """The folder of a section's page (`sections/economy/`)."""
    return f"sections/{_name_slug(section)}/"


def author_path(name: str) -> str:
    """The folder of an author's page and feeds (`authors/wang-qi/`)."""
    return f"authors/{_name_slug(name)}/"


def relative_root(path: str) -> str:
    """The prefix that leads from the page at `path` back to the site's root (`../` for `articles/x.html`)."""
    return "../" * path.count("/")
