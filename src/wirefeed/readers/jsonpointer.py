"""Reading values out of parsed JSON with the JSON pointer (RFC 6901) of each, for error messages
and `show --explain`: `/headlines/0/value` names the place in the file a value came from."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wirefeed.errors import InputError
from wirefeed.model import Found

JsonObject = dict[str, Any]


def pointer(*parts: str | int) -> str:
    """`pointer("headlines", 0, "value")` -> `/headlines/0/value` (`~` and `/` in keys escaped)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def parse_object(path: Path, data: bytes, expected: str) -> JsonObject:
    """The JSON object in `data`; InputError naming the line for malformed JSON or another value.

    JSON is UTF-8 (RFC 8259); a byte-order mark is allowed. Nesting deeper than Python's stack
    is refused like any other malformed input.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, None, f"not UTF-8 (byte {error.start}); expected {expected} in UTF-8") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, f"line {error.lineno}", f"not valid JSON: {error.msg} at column {error.colno}; expected {expected}") from None
    except RecursionError:
        raise InputError(path, None, f"JSON nested too deeply to read; expected {expected}") from None
    if not isinstance(document, dict):
        raise InputError(path, None, f"a JSON {_json_type(document)}, not an object; expected {expected}")
    return document


def text_at(path: Path, table: JsonObject, base: str, *names: str) -> Found[str] | None:
    """The first of `names` that `table` has as a non-empty string, with its pointer.

    A key that holds something else (a number, a list) is refused, naming the place: the
    value meant something to whoever wrote it, and guessing would publish the wrong thing.
    """
    for name in names:
        if name not in table or table[name] is None:
            continue
        value = table[name]
        place = base + pointer(name)
        if not isinstance(value, str):
            raise InputError(path, place, f"a JSON {_json_type(value)}; expected a string")
        if value.strip():
            return Found(value, place)
    return None


def objects_at(path: Path, table: JsonObject, base: str, name: str) -> Iterator[tuple[str, JsonObject]]:
    """The objects of the array (or, as ninjs 1.x writes some, the object of objects) at `name`,
    each with its pointer; anything else there is refused."""
    value = table.get(name)
    if value is None:
        return
    place = base + pointer(name)
    if isinstance(value, list):
        items: Iterator[tuple[str | int, Any]] = iter(enumerate(value))
    elif isinstance(value, dict):
        items = iter(value.items())
    else:
        raise InputError(path, place, f"a JSON {_json_type(value)}; expected an array of objects")
    for key, item in items:
        if not isinstance(item, dict):
            raise InputError(path, place + pointer(key), f"a JSON {_json_type(item)}; expected an object")
        yield place + pointer(key), item


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"
