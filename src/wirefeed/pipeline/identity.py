"""The publishing rules on identity: one article per id, one article per page, unique slugs,
and only pages a file system can hold.

Each rule keeps what it can and returns an InputError (file, place, what was expected) for
each article it refuses; the rest of the build goes on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from wirefeed.cache.ref import Listed
from wirefeed.engine.staging import next_folder
from wirefeed.errors import InputError
from wirefeed.layout import MAX_PATH_BYTES, check_writable, fits_under, plainly_writable, slug_url, url_path_in_site
from wirefeed.model import ListedArticle, Site

__all__ = ["canonical_slugs", "with_unique_slugs", "without_clashing_pages", "without_duplicate_ids", "without_unwritable_pages"]

# Room left in a path for the stage folder's name beyond `<output>.wirefeed-next`.
STAGE_NAME_ROOM = 32


def without_duplicate_ids(articles: list[Listed]) -> tuple[list[Listed], list[InputError]]:
    kept: dict[str, Listed] = {}
    duplicates: list[InputError] = []
    for article in articles:
        first = kept.get(article.id)
        if first is None:
            kept[article.id] = article
        else:
            duplicates.append(InputError(article.source.path, None, f"id {article.id!r} is already used by {first.source.path}; expected each article to have its own id (rename the file or set id in its sidecar)"))
    return list(kept.values()), duplicates


def _given_page(article: ListedArticle, site: Site) -> str | None:
    """The page path of a canonical URL the input gave on this site; None for the default slug URL
    (two of those are told apart by with_unique_slugs) and for URLs on other hosts."""
    if article.url == slug_url(article.slug, site):
        return None
    return url_path_in_site(article.url, site)


def without_clashing_pages(articles: list[Listed], site: Site) -> tuple[list[Listed], list[InputError]]:
    """Reject an article whose given canonical URL names the page of an earlier one.

    (normalize() already refuses a URL that would land on the site's own pages.)
    """
    owners: dict[str, Listed] = {}
    kept: list[Listed] = []
    clashes: list[InputError] = []
    for article in articles:
        page = _given_page(article, site)
        if page is None:
            kept.append(article)
        elif page in owners:
            clashes.append(InputError(article.source.path, None, f"url {article.url} is already the address of {owners[page].source.path}; expected each article to have its own URL"))
        else:
            owners[page] = article
            kept.append(article)
    return kept, clashes


def canonical_slugs(articles: Sequence[ListedArticle], site: Site) -> dict[str, str]:
    """Slug -> id for canonical URLs that are slug pages (`articles/x.html`): no headline may take them."""
    slugs: dict[str, str] = {}
    for article in articles:
        page = _given_page(article, site) or ""
        if page.startswith("articles/") and page.endswith(".html") and page.count("/") == 1:
            slugs.setdefault(page[len("articles/") : -len(".html")], article.id)
    return slugs


def with_unique_slugs(articles: list[Listed], kept: Mapping[str, str], site: Site) -> list[Listed]:
    """A slug already taken (by a stored article, or an earlier one of this build) gets a suffix from the id."""
    owners = dict(kept)
    unique = []
    for article in sorted(articles, key=lambda article: (article.published, article.id)):
        if owners.get(article.slug, article.id) != article.id:
            suffix = hashlib.sha256(article.id.encode("utf-8")).hexdigest()[:8]
            article = _with_slug(article, f"{article.slug}-{suffix}", site)
        owners.setdefault(article.slug, article.id)
        unique.append(article)
    return unique


def _with_slug(article: Listed, slug: str, site: Site) -> Listed:
    # Only the slug page's own URL follows the slug; a canonical URL the input gave stays as given.
    url = slug_url(slug, site) if article.url == slug_url(article.slug, site) else article.url
    return replace(article, slug=slug, url=url)


def without_unwritable_pages(articles: Sequence[Listed], released_urls: Mapping[str, str], site: Site,
                             output_dir: Path) -> tuple[list[Listed], list[InputError]]:
    """The articles whose page and JSON-LD can be written under `output_dir`, and an error for
    each other one, checked at the URL it will be published under: the one the history keeps
    for an article released before (a store written before this check may hold a URL no file
    system takes: that article is refused, so withdrawn, and the rest of the site builds)."""
    root_bytes = len(os.fsencode(str(next_folder(output_dir.absolute())))) + STAGE_NAME_ROOM
    kept: list[Listed] = []
    refused: list[InputError] = []
    for article in articles:
        stored = released_urls.get(article.id)
        url = stored or article.url
        page = url_path_in_site(url, site)
        reason = None if page is None else _unwritable(page, root_bytes, output_dir)
        if reason is None:
            kept.append(article)
        elif stored is not None:
            refused.append(InputError(article.source.path, "url", (
                f"the URL {url} it was first published under, kept by the publishing history, cannot be written: "
                f"{reason}; the article is withdrawn")))
        else:
            refused.append(InputError(article.source.path, "url", f"url {url!r} cannot be published: {reason}"))
    return kept, refused


def _unwritable(page: str, root_bytes: int, output_dir: Path) -> str | None:
    if plainly_writable(page, root_bytes):
        return None
    try:
        check_writable(page)
    except ValueError as error:
        return str(error)
    if not fits_under(root_bytes, page):
        return f"its page's path under {output_dir} would be over the {MAX_PATH_BYTES:,}-byte limit of a path"
    return None
