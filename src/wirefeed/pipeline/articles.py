"""One input file into what a build publishes of it: an Article, or an InputError saying why not.

Most files are one article. A NewsML-G2 newsMessage carrying several text items is several,
each its own article (with its own guid as id and the pictures it names); an item that cannot
be published is refused on its own line, which names the item by its guid, and the other
items of the message are published all the same.
"""

from __future__ import annotations

from pathlib import Path

from wirefeed.errors import InputError, Withdrawal
from wirefeed.model import Article, Draft, Site
from wirefeed.normalize import normalize
from wirefeed.readers import read_all

# What an input gives: one article (or error), or a tuple of them for a file of several.
InputResult = Article | InputError | tuple[Article | InputError, ...]


def articles_of(path: Path, site: Site, root: Path | None) -> InputResult:
    """The article of `path`, or for a file of several articles each one; errors as values."""
    try:
        drafts = read_all(path, max_bytes=site.max_input_bytes, root=root)
        if len(drafts) == 1:
            return normalize(drafts[0], site)
    except InputError as error:
        return error
    return tuple(_item_article(draft, site) for draft in drafts)


def _item_article(draft: Draft, site: Site) -> Article | InputError:
    try:
        return normalize(draft, site)
    except InputError as error:
        return _naming_item(error, draft)


def _naming_item(error: InputError, draft: Draft) -> InputError:
    """The error of one item of a file of several, naming the item by its guid."""
    if draft.id is None:
        return error
    message = f"{error.message} (in the item {draft.id.value!r})"
    if isinstance(error, Withdrawal):
        return Withdrawal(error.path, error.where, message, error.article_id, error.version, error.moment)
    return InputError(error.path, error.where, message)
