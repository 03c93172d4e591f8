"""A `.json` input, read by the reader its keys call for.

JSON says nothing of what it holds, so each kind is recognised by the keys it must have:
a ninjs item by its `uri` (or a `standard` / `$schema` naming ninjs), a JSON Feed by its
`version` (jsonfeed.org's: each of its items is an article, read_json_all). A reader for
another kind of one article adds a line to JSON_KINDS.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wirefeed.errors import InputError
from wirefeed.model import Draft
from wirefeed.readers.feed import is_json_feed, read_json_feed
from wirefeed.readers.jsonpointer import JsonObject, parse_object
from wirefeed.readers.ninjs import is_ninjs, read_ninjs_document

_EXPECTED = "a ninjs news item (a JSON object with a uri) or a JSON Feed"

# (what it is, whether a parsed object is one, its reader)
JSON_KINDS: tuple[tuple[str, Callable[[JsonObject], bool], Callable[[Path, bytes, JsonObject], Draft]], ...] = (
    ("a ninjs news item", is_ninjs, read_ninjs_document),
)


def read_json_all(path: Path, data: bytes) -> tuple[Draft, ...]:
    """Every article of a `.json` file: each item of a JSON Feed, else the one."""
    document = parse_object(path, data, _EXPECTED)
    if is_json_feed(document):
        return read_json_feed(path, data, document)
    return (_of_kind(path, data, document),)


def read_json(path: Path, data: bytes) -> Draft:
    document = parse_object(path, data, _EXPECTED)
    if is_json_feed(document):
        drafts = read_json_feed(path, data, document)
        if len(drafts) == 1:
            return drafts[0]
        raise InputError(path, "/items", f"a JSON Feed of {len(drafts)} items; expected one here (a build reads each as its own article)")
    return _of_kind(path, data, document)


def _of_kind(path: Path, data: bytes, document: JsonObject) -> Draft:
    for _, recognises, reader in JSON_KINDS:
        if recognises(document):
            return reader(path, data, document)
    kinds = " or ".join((*(kind for kind, _, _ in JSON_KINDS), "a JSON Feed (its version https://jsonfeed.org/version/1.1)"))
    raise InputError(path, None, f"a JSON object of no kind wirefeed reads (keys: {', '.join(_shown_key(key) for key in sorted(document)[:8]) or 'none'}); expected {kinds}")


def _shown_key(key: str) -> str:
    """A key as an error line shows it: one line (a key may hold line breaks), at most 40 characters."""
    shown = key.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= 40 else shown[:39] + "…"
