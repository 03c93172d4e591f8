"""Where each output lives inside the site: one place, so pages, feeds and links always agree."""

from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from wirefeed.model import Article, Site
from wirefeed.normalize.ids import name_slug

# Names Windows refuses whatever the extension; a site built here may be served from there.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
_PAGE_SUFFIXES = (".html", ".htm")


def check_relative_path(relative: str) -> str:
    """`relative` if it is a plain path inside the site, else ValueError saying why not."""
    if not relative or "\x00" in relative or "\\" in relative or relative.startswith("/"):
        raise ValueError("an output path must be a plain relative path")
    parts = PurePosixPath(relative).parts
    if any(part in ("..", ".") or _RESERVED.match(part) or any(ord(char) < 32 for char in part) for part in parts):
        raise ValueError("the path would leave the output folder or uses a reserved name")
    return relative


def url_path_in_site(url: str, site: Site) -> str | None:
    """The file a URL on this site is served from (`.../a/` -> `a/index.html`); None for other hosts."""
    if not url.startswith(site.base_url):
        return None
    path = unquote(urlsplit(url).path)[len(urlsplit(site.base_url).path):]
    if not path or path.endswith("/"):
        return path + "index.html"
    if posixpath.splitext(path)[1].lower() in _PAGE_SUFFIXES:
        return path
    # `/2021/03/smic` is served from `2021/03/smic.html` by static hosts (GitHub Pages, Netlify, nginx try_files).
    return path + ".html"


def article_page_path(article: Article, site: Site) -> str:
    """The article page: at its canonical URL when that is on this site, else `articles/<slug>.html`."""
    return url_path_in_site(article.url, site) or f"articles/{article.slug}.html"


def article_jsonld_path(article: Article, site: Site) -> str:
    """The article's JSON-LD file, beside its page."""
    return posixpath.splitext(article_page_path(article, site))[0] + ".jsonld"


def section_path(section: str) -> str:
    """The folder of a section's page (`sections/economy/`)."""
    return f"sections/{name_slug(section)}/"


def relative_root(path: str) -> str:
    """The prefix that leads from the page at `path` back to the site's root (`../` for `articles/x.html`)."""
    return "../" * path.count("/")
