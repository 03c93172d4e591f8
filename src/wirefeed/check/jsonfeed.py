"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final, Literal

from wirefeed.check.finding import Finding, Report
from wirefeed.check.jsontext import parse_json
from wirefeed.check.markup import content_problems, text_problem
from wirefeed.check.values import Problem, is_absolute_url, language_problem, rfc3339_date_problem

VERSION_1_1: Final = "https://jsonfeed.org/version/1.1"
VERSION_1: Final = "https://jsonfeed.org/version/1"

FieldKind = Literal[
    "text", "title", "html", "url", "date", "language", "bool", "list", "object", "objects", "number"
]

# Every field the spec defines, and what its value is. Anything else must start with "_".
_FEED_FIELDS: Final[Mapping[str, FieldKind]] = {
    "version": "text",
    "title": "title",
    "home_page_url": "url",
    "feed_url": "url",
    "description": "text",
    "user_comment": "text",
    "next_url": "url",
    "icon": "url",
    "favicon": "url",
    "author": "object",
    "authors": "objects",
    "language": "language",
    "expired": "bool",
    "hubs": "objects",
    "items": "objects",
}
_ITEM_FIELDS: Final[Mapping[str, FieldKind]] = {
    "id": "text",
    "url": "url",
    "external_url": "url",
    "title": "title",
    "content_html": "html",
    "content_text": "text",
    "summary": "text",
    "image": "url",
    "banner_image": "url",
    "date_published": "date",
    "date_modified": "date",
    "author": "object",
    "authors": "objects",
    "tags": "list",
    "language": "language",
    "attachments": "objects",
}
_AUTHOR_FIELDS: Final[Mapping[str, FieldKind]] = {"name": "text", "url": "url", "avatar": "url"}
_ATTACHMENT_FIELDS: Final[Mapping[str, FieldKind]] = {
    "url": "url",
    "mime_type": "text",
    "title": "title",
    "size_in_bytes": "number",
    "duration_in_seconds": "number",
}
_HUB_FIELDS: Final[Mapping[str, FieldKind]] = {"type": "text", "url": "url"}

_JSON_TYPES: Final[Mapping[FieldKind, tuple[type, ...]]] = {
    "text": (str,),
    "title": (str,),
    "html": (str,),
    "url": (str,),
    "date": (str,),
    "language": (str,),
    "bool": (bool,),
    "list": (list,),
    "object": (dict,),
    "objects": (list,),
    "number": (int, float),
}


def _url_problem(value: str) -> Problem | None:
    return None if is_absolute_url(value) else Problem("RelativeUrl", f"{value!r} is not an absolute URL")


def _listed(check: Callable[[str], Problem | None]) -> Callable[[str], list[Problem]]:
    def checked(value: str) -> list[Problem]:
        problem = check(value)
        return [problem] if problem is not None else []

    return checked


# What a string field's value must look like, beyond being a string.
_STRING_CHECKS: Final[Mapping[FieldKind, Callable[[str], list[Problem]]]] = {
    "title": _listed(text_problem),
    "html": content_problems,
    "url": _listed(_url_problem),
    "date": _listed(rfc3339_date_problem),
    "language": _listed(language_problem),
}

def check_jsonfeed(data: bytes, path: Path) -> list[Finding]:
    """All findings for a JSON Feed document."""
    report = Report(path)
    parsed = parse_json(data, report)
    if parsed is None:
        return report.findings
    if not isinstance(parsed.value, dict):
        report.add("InvalidType", "a JSON Feed is an object")
        return report.findings
    _check_feed(parsed.value, report)
    return report.findings


def _check_feed(feed: Mapping[str, object], report: Report) -> None:
    _check_version(feed.get("version"), report)
    _require(feed, "", ("version", "title", "items"), report)
    if "home_page_url" not in feed:
        report.add("MissingRecommended", "home_page_url: the spec strongly recommends it")
    if "feed_url" not in feed:
        report.add("MissingSelf", "feed_url: readers need the feed's own URL to follow it")
    _check_fields(feed, "", _FEED_FIELDS, report)
    _check_deprecated_author(feed, "", report)
    _check_authors(feed.get("authors"), "authors", report)
    _check_objects(feed.get("hubs"), "hubs", _HUB_FIELDS, ("type", "url"), report)
    items = feed.get("items")
    if isinstance(items, list):
        _check_items(items, report)


def _check_version(version: object, report: Report) -> None:
    if version == VERSION_1:
        report.add("ObsoleteVersion", f"version {VERSION_1!r}: 1.1 is current ({VERSION_1_1!r})")
    elif version is not None and version != VERSION_1_1:
        report.add("InvalidVersion", f"version {json.dumps(version)} is not {VERSION_1_1!r}")


def _require(obj: Mapping[str, object], where: str, names: tuple[str, ...], report: Report) -> None:
    for name in names:
        if name not in obj:
            report.add("MissingField", f"{where or 'feed'}: {name!r} is required")


def _check_fields(
    obj: Mapping[str, object], where: str, fields: Mapping[str, FieldKind], report: Report
) -> None:
    for key, value in obj.items():
        place = f"{where}.{key}" if where else key
        kind = fields.get(key)
        if kind is None:
            if not key.startswith("_"):
                report.add("UnknownField", f"{place}: not a JSON Feed field (extensions start with '_')")
        elif value is None or value == "":
            report.add("EmptyValue", f"{place}: empty: leave the field out")
        elif not isinstance(value, _JSON_TYPES[kind]) or (kind == "number" and isinstance(value, bool)):
            report.add("InvalidType", f"{place}: expected {kind}, found {type(value).__name__}")
        elif isinstance(value, str) and kind in _STRING_CHECKS:
            for problem in _STRING_CHECKS[kind](value):
                report.add(problem.rule, f"{place}: {problem.message}")


def _check_deprecated_author(obj: Mapping[str, object], where: str, report: Report) -> None:
    if "author" in obj:
        place = f"{where}.author" if where else "author"
        report.add("DeprecatedField", f"{place}: deprecated in 1.1; use 'authors', a list")
        if isinstance(obj["author"], dict):
            _check_author(obj["author"], place, report)


def _check_authors(authors: object, where: str, report: Report) -> None:
    if isinstance(authors, list):
        for index, author in enumerate(authors):
            place = f"{where}[{index}]"
            if isinstance(author, dict):
                _check_author(author, place, report)
            else:
                report.add("InvalidType", f"{place}: an author is an object")


def _check_author(author: Mapping[str, object], where: str, report: Report) -> None:
    if not author.keys() & {"name", "url", "avatar"}:
        report.add("MissingField", f"{where}: an author has a name, url or avatar")
    _check_fields(author, where, _AUTHOR_FIELDS, report)


def _check_objects(
    objects: object,
    where: str,
    fields: Mapping[str, FieldKind],
    required: tuple[str, ...],
    report: Report,
) -> None:
    if not isinstance(objects, list):
        return
    for index, obj in enumerate(objects):
        place = f"{where}[{index}]"
        if isinstance(obj, dict):
            _require(obj, place, required, report)
            _check_fields(obj, place, fields, report)
        else:
            report.add("InvalidType", f"{place}: expected an object")


def _check_items(items: list[object], report: Report) -> None:
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        where = f"items[{index}]"
        if not isinstance(item, dict):
            report.add("InvalidType", f"{where}: an item is an object")
            continue
        _check_item(item, where, report)
        identifier = item.get("id")
        if isinstance(identifier, str) and identifier:
            if identifier in first_seen:
                report.add(
                    "DuplicateValue",
                    f"{where}.id: {identifier!r} is also the id of items[{first_seen[identifier]}]",
                )
            else:
                first_seen[identifier] = index


def _check_item(item: Mapping[str, object], where: str, report: Report) -> None:
    _require(item, where, ("id",), report)
    if not item.keys() & {"content_html", "content_text"}:
        report.add("MissingField", f"{where}: an item has content_html or content_text")
    _check_fields(item, where, _ITEM_FIELDS, report)
    _check_deprecated_author(item, where, report)
    _check_authors(item.get("authors"), f"{where}.authors", report)
    attachments = item.get("attachments")
    _check_objects(attachments, f"{where}.attachments", _ATTACHMENT_FIELDS, ("url", "mime_type"), report)
    tags = item.get("tags")
    if isinstance(tags, list) and not all(isinstance(tag, str) and tag for tag in tags):
        report.add("InvalidType", f"{where}.tags: tags are non-empty strings")
