"""A `.json` input, read by the reader its keys call for.

JSON says nothing of what it holds, so each kind is recognised by the keys it must have:
a ninjs item by its `uri` (or a `standard` / `$schema` naming ninjs). A reader for another
kind (a JSON Feed, say) adds a line to JSON_KINDS.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wirefeed.errors import InputError
from wirefeed.model import Draft
from wirefeed.readers.jsonpointer import JsonObject, parse_object
from wirefeed.readers.ninjs import is_ninjs, read_ninjs_document

_EXPECTED = "a ninjs news item (a JSON object with a uri)"

# (what it is, whether a parsed object is one, its reader)
JSON_KINDS: tuple[tuple[str, Callable[[JsonObject], bool], Callable[[Path, bytes, JsonObject], Draft]], ...] = (
    ("a ninjs news item", is_ninjs, read_ninjs_document),
)


def read_json(path: Path, data: bytes) -> Draft:
    document = parse_object(path, data, _EXPECTED)
    for _, recognises, reader in JSON_KINDS:
        if recognises(document):
            return reader(path, data, document)
    kinds = " or ".join(kind for kind, _, _ in JSON_KINDS)
    raise InputError(path, None, f"a JSON object of no kind wirefeed reads (keys: {', '.join(sorted(document)[:8]) or 'none'}); expected {kinds}")
