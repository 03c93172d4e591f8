"""The optional `<name>.toml` beside an article: fields a text file cannot carry, or corrections."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wirefeed.errors import InputError
from wirefeed.limits import LONG_NUMBER, digits_message, is_long_number_error, over_limit, too_many_digits
from wirefeed.model import Draft, DraftAgent, DraftImage, Found
from wirefeed.readers.bounded import read_bounded
from wirefeed.readers.decoding import encoding_named

_TEXT_FIELDS = ("id", "url", "headline", "description", "language", "published", "modified")
_LIST_FIELDS = ("keywords", "sections")
# `encoding` is the article file's own (a legacy encoding that cannot be told from short text):
# read before the article is, by sidecar_encoding().
_KNOWN = frozenset(_TEXT_FIELDS + _LIST_FIELDS + ("updated", "authors", "images", "encoding"))
_AUTHOR_KEYS = frozenset({"name", "url", "kind"})
_IMAGE_KEYS = frozenset({"url", "width", "height", "caption", "credit"})
_TOML_PLACE = re.compile(r"\(at line (\d+), column \d+\)")
# The most of a value an error message repeats.
_SHOWN_CHARS = 80
# A sidecar is a few lines of metadata; anything this big is a mistake, refused before parsing.
MAX_SIDECAR_BYTES = 1024 * 1024


SIDECAR_SUFFIX = ".toml"


def sidecar_path(article: Path) -> Path:
    return article.with_name(sidecar_name(article.name))


def sidecar_name(article: str, suffix: str | None = None) -> str:
    """The name of the sidecar of the article file named `article`: its suffix (name_suffix) replaced.
    `suffix`: name_suffix(article), when the caller has it already."""
    return article[: len(article) - len(name_suffix(article) if suffix is None else suffix)] + SIDECAR_SUFFIX


def name_suffix(name: str) -> str:
    """Path(name).suffix, from the name alone: a scan looks at 10,000 names, most of which it
    never makes a Path of."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def sidecar_table(path: Path) -> dict[str, Any]:
    """The sidecar file at `path` as read (a TOML table): read once for both sidecar_encoding()
    and apply_sidecar()."""
    return _load(path)


def apply_sidecar(draft: Draft, path: Path, table: dict[str, Any] | None) -> Draft:
    """The draft with the values of the sidecar at `path` (`table`, as sidecar_table() read it)
    over the file's own; unchanged when there is none."""
    if table is None:
        return draft
    where = f"sidecar {path.name}"
    changes: dict[str, Any] = {}
    for key in sorted(set(table) - _KNOWN):
        raise InputError(path, None, f"unknown key {key!r}; expected one of {', '.join(sorted(_KNOWN))}")
    for key in _TEXT_FIELDS:
        if key in table:
            changes[key] = Found(_text(table, key, path), f"{where} {key}")
    if "updated" in table:
        changes["modified"] = Found(_text(table, "updated", path), f"{where} updated")
    for key in _LIST_FIELDS:
        if key in table:
            changes[key] = tuple(Found(item, f"{where} {key}") for item in _strings(table, key, path))
    if "sections" in table:
        # An explicit list is the user's own: `Economy / Trade` is one section, not split again.
        changes["sections_as_given"] = True
    if "authors" in table:
        changes["authors"] = _authors(table["authors"], path, where)
    if "images" in table:
        changes["images"] = _merged_images(draft.images, _images(table["images"], path, where))
    return dataclasses.replace(draft, **changes)


def sidecar_encoding(path: Path, table: dict[str, Any] | None) -> str | None:
    """The article's encoding as the sidecar at `path` (`table`, as sidecar_table() read it)
    declares it (`encoding = "cp1251"`), a Python codec name."""
    if table is None or "encoding" not in table:
        return None
    label = table["encoding"]
    codec = encoding_named(label) if isinstance(label, str) else None
    if codec is None:
        raise InputError(path, "encoding", f"{label!r} is not a known text encoding; expected one such as cp1251, koi8-r, gb18030, shift_jis or latin-1")
    return codec


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(_read_limited(path).decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(path, None, "not UTF-8; expected a UTF-8 TOML file") from None
    except tomllib.TOMLDecodeError as error:
        place = _TOML_PLACE.search(str(error))
        reason = _TOML_PLACE.sub("", str(error)).strip()
        raise InputError(path, f"line {place.group(1)}" if place else None, f"not valid TOML: {reason}") from None
    except ValueError as error:
        # Python refuses to read an integer of over 4,300 digits; it would end the whole build.
        if not is_long_number_error(error):
            raise
        raise InputError(path, None, LONG_NUMBER) from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively: `x = [[[[...` a few
        # thousand deep would otherwise end the whole build.
        raise InputError(path, None, "not valid TOML: arrays or tables nested too deeply") from None


def _read_limited(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = read_bounded(handle, os.fstat(handle.fileno()).st_size, MAX_SIDECAR_BYTES)
    except OSError as error:
        raise InputError(path, None, f"cannot read the sidecar: {error.strerror}") from None
    if len(data) > MAX_SIDECAR_BYTES:
        raise InputError(path, None, f"the sidecar is over the {MAX_SIDECAR_BYTES:,}-byte limit; expected a few lines of TOML")
    return data


def _text(table: dict[str, Any], key: str, path: Path) -> str:
    value = table[key]
    if isinstance(value, str) and value.strip():
        return value
    # TOML has dates of its own: `published = 2021-03-11T12:58:00+08:00` is as good as a string.
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    raise InputError(path, None, f"{key} must be a non-empty string, got {_shown(value)}")


def _strings(table: dict[str, Any], key: str, path: Path) -> list[str]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise InputError(path, None, f"{key} must be a list of non-empty strings, got {_shown(value)}")
    _check_count(value, key, path)
    return value


def _check_count(value: list[Any], key: str, path: Path) -> None:
    problem = over_limit(key, len(value))
    if problem is not None:
        raise InputError(path, key, problem)


def _shown(value: object) -> str:
    """A value as an error shows it: a long list or text is cut, so the message stays one short line."""
    text = digits_message(value) if too_many_digits(value) else repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def _entries(value: object, key: str, known: frozenset[str], path: Path) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise InputError(path, None, f"{key} must be a list of tables ([[{key}]]), got {_shown(value)}")
    _check_count(value, key, path)
    for index, item in enumerate(value, start=1):
        for unknown in sorted(set(item) - known):
            raise InputError(path, None, f"{key}[{index}] has unknown key {unknown!r}; expected one of {', '.join(sorted(known))}")
    return value


def _authors(value: object, path: Path, where: str) -> tuple[DraftAgent, ...]:
    authors = []
    for index, item in enumerate(_entries(value, "authors", _AUTHOR_KEYS, path), start=1):
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise InputError(path, None, f"authors[{index}] needs a name")
        kind = item.get("kind")
        if kind not in (None, "Person", "Organization"):
            raise InputError(path, None, f"authors[{index}].kind must be Person or Organization, got {kind!r}")
        url = _optional_url(item, "authors", index, path)
        authors.append(DraftAgent(name=Found(name, f"{where} authors[{index}]"), url=url, kind=kind, stated=True))
    return tuple(authors)


def _images(value: object, path: Path, where: str) -> list[DraftImage]:
    images = []
    for index, item in enumerate(_entries(value, "images", _IMAGE_KEYS, path), start=1):
        images.append(DraftImage(
            where=f"{where} images[{index}]",
            url=_optional_url(item, "images", index, path),
            caption=_optional_str(item, "caption", index, path),
            credit=_optional_str(item, "credit", index, path),
            width=_optional_size(item, "width", index, path),
            height=_optional_size(item, "height", index, path),
        ))
    return images


def _optional_str(item: dict[str, Any], key: str, index: int, path: Path) -> str | None:
    value = item.get(key)
    if value is not None and not (isinstance(value, str) and value.strip()):
        raise InputError(path, None, f"[{index}].{key} must be a non-empty string, got {_shown(value)}")
    return value


def _optional_url(item: dict[str, Any], key: str, index: int, path: Path) -> str | None:
    """An http(s) URL or a path on the site; `javascript:`, `data:` and `file:` links are refused."""
    value = _optional_str(item, "url", index, path)
    if value is not None and _scheme(value) not in ("", "http", "https"):
        raise InputError(path, None, f"{key}[{index}].url must be an http(s) URL or a path on the site, got {_shown(value)}")
    return value


def _scheme(url: str) -> str | None:
    """The URL's scheme in lower case; None for a value that does not parse as a URL."""
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None


def _optional_size(item: dict[str, Any], key: str, index: int, path: Path) -> int | None:
    value = item.get(key)
    if too_many_digits(value):
        raise InputError(path, f"images[{index}].{key}", digits_message(value))
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise InputError(path, None, f"images[{index}].{key} must be a size in pixels, got {_shown(value)}")
    return value


def _merged_images(found: tuple[DraftImage, ...], given: list[DraftImage]) -> tuple[DraftImage, ...]:
    """The sidecar's n-th image completes the article's n-th distinct picture (its URL, its size)."""
    distinct: list[DraftImage] = []
    for image in found:
        if all(image.caption != kept.caption or image.url != kept.url for kept in distinct):
            distinct.append(image)
    merged = []
    for index, image in enumerate(given):
        if index < len(distinct):
            original = distinct[index]
            image = dataclasses.replace(image, caption=image.caption or original.caption, credit=image.credit or original.credit)
        merged.append(image)
    return tuple(merged + distinct[len(given):])
