"""Read a ninjs news item (IPTC's News in JSON, 1.x, 2.x and 3.x) into a Draft.

The three generations say the same things with different spellings: 1.x `headline`,
`body_html` and `byline`; 2.x `headlines[]`, `bodies[]` and `versioncreated`; 3.x the same
arrays in camelCase (`versionCreated`, `contentType`, `pubStatus`). The generation is read from
the document's `standard` / `$standard` / `$schema` when it names one (an unknown one is refused),
else from its keys; each value is then looked up under every spelling, so the JSON that agencies
send "close to ninjs" reads too. Every value keeps its JSON pointer (`/headlines/0/value`).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from wirefeed.errors import InputError
from wirefeed.model import Draft, DraftAgent, Found, Source
from wirefeed.readers.jsonpointer import JsonObject, objects_at, parse_object, pointer, text_at
from wirefeed.readers.ninjs_content import body_of, description_of, headline_of, images_of

__all__ = ["NINJS_GENERATIONS", "is_ninjs", "ninjs_generation", "read_ninjs", "read_ninjs_document"]

NINJS_GENERATIONS = (1, 2, 3)
_EXPECTED = "a ninjs news item (a JSON object with a uri)"
_SCHEMA_VERSION = re.compile(r"ninjs-schema_(\d+(?:\.\d+)*)\.json")
_VERSION = re.compile(r"\d+(?:\.\d+)*")
# Keys only 3.x spells this way (2.x and 1.x write them in lower case).
_CAMEL_KEYS = frozenset({
    "versionCreated", "firstCreated", "contentCreated", "pubStatus", "embargoedUntil", "copyrightHolder",
    "copyrightNotice", "usageTerms", "edNote", "altIds", "representationType", "infoSources", "trustIndicators",
    "rightsInfo", "digitalSourceType", "plannedCoverage", "eventDetails",
})
# Keys of 2.x/3.x (arrays) that 1.x writes otherwise.
_ARRAY_KEYS = frozenset({"headlines", "bodies", "descriptions", "subjects", "people", "genres", "places", "organisations"})
# Item types that are a story in words (`composite`: text with its pictures). Anything else,
# such as a picture sent on its own, has no text to publish as an article.
_TEXT_TYPES = frozenset({"text", "composite"})
# A `people` entry that made the story rather than appears in it.
_CREATOR_RELATIONS = re.compile(r"(?:^|[/:#])(?:creator|author|writer|by|byline|contributor)$", re.IGNORECASE)


def read_ninjs(path: Path, data: bytes) -> Draft:
    """The Draft of one ninjs file; InputError for malformed JSON or what is not a text item."""
    return read_ninjs_document(path, data, parse_object(path, data, _EXPECTED))


def is_ninjs(document: JsonObject) -> bool:
    """Whether a parsed JSON object is a ninjs item: it has the `uri` every generation requires,
    or names ninjs as its standard or schema."""
    declared = _declared_version(document)
    return "uri" in document or (declared is not None and "ninjs" in declared[2])


def ninjs_generation(path: Path, document: JsonObject) -> int:
    """1, 2 or 3: the generation the document declares, else the one its keys are spelt in."""
    declared = _declared_version(document)
    if declared is not None:
        place, version, _ = declared
        major = int(version.split(".")[0]) if _VERSION.fullmatch(version) else None
        if major not in NINJS_GENERATIONS:
            raise InputError(path, place, f"ninjs version {version!r} is not one wirefeed reads; expected 1.x, 2.x or 3.x")
        return major
    if _CAMEL_KEYS & document.keys() or any("contentType" in body for _, body in _bodies(document)):
        return 3
    if _ARRAY_KEYS & document.keys():
        return 2
    return 1


def read_ninjs_document(path: Path, data: bytes, document: JsonObject) -> Draft:
    """The Draft of a ninjs document already parsed from `data`."""
    uri = text_at(path, document, "", "uri", "guid")
    if uri is None:
        raise InputError(path, "/uri", f"no uri; expected {_EXPECTED}")
    generation = ninjs_generation(path, document)
    _refuse_non_text(path, document)
    headline = headline_of(path, document)
    if headline is None:
        raise InputError(path, "/headlines", "no headline; expected a headlines entry with a value (ninjs 2.x/3.x) or a headline (1.x)")
    modified = text_at(path, document, "", "versionCreated", "versioncreated")
    published = text_at(path, document, "", "firstCreated", "firstcreated") or modified
    if published is None:
        raise InputError(path, "/versionCreated", "no date; expected firstCreated or versionCreated, in ISO 8601 such as 2021-05-26T13:40:18+02:00")
    return Draft(
        source=Source(path, format=f"ninjs {generation}", sha256=hashlib.sha256(data).hexdigest()),
        headline=headline,
        published=published,
        modified=modified,
        sections=_subjects(path, document)[:1],
        authors=_authors(path, document),
        dateline=text_at(path, document, "", "located"),
        images=images_of(path, document),
        body=body_of(path, document),
        description=description_of(path, document),
        language=text_at(path, document, "", "language"),
        keywords=_subjects(path, document),
        id=uri,
        site_name=_provider(path, document),
        status=text_at(path, document, "", "pubStatus", "pubstatus"),
        embargoed=text_at(path, document, "", "embargoedUntil", "embargoed"),
        uri=uri,
        version=_version(path, document),
    )


def _declared_version(document: JsonObject) -> tuple[str, str, str] | None:
    """(pointer, version, what declared it) from `standard`, `$standard` or a ninjs schema URI."""
    for key in ("standard", "$standard"):
        standard = document.get(key)
        if isinstance(standard, dict):
            version = standard.get("version")
            if isinstance(version, str | int | float) and not isinstance(version, bool):
                return pointer(key, "version"), str(version), str(standard.get("name", "ninjs")).lower()
            schema = standard.get("schema")
            if isinstance(schema, str) and (match := _SCHEMA_VERSION.search(schema)):
                return pointer(key, "schema"), match.group(1), "ninjs"
    schema = document.get("$schema")
    if isinstance(schema, str) and (match := _SCHEMA_VERSION.search(schema)):
        return pointer("$schema"), match.group(1), "ninjs"
    return None


def _bodies(document: JsonObject) -> list[tuple[int, JsonObject]]:
    bodies = document.get("bodies")
    return [(index, body) for index, body in enumerate(bodies) if isinstance(body, dict)] if isinstance(bodies, list) else []


def _refuse_non_text(path: Path, document: JsonObject) -> None:
    kind = document.get("type")
    if kind is not None and (not isinstance(kind, str) or kind.strip().lower() not in _TEXT_TYPES):
        raise InputError(path, "/type", f"the item's type is {kind!r}; expected a text (or composite) item: a picture, video or graphic on its own is no article")


def _authors(path: Path, document: JsonObject) -> tuple[DraftAgent, ...]:
    """`by` (2.x/3.x) or `byline` (1.x) as written; without one, the `people` who made the story."""
    byline = text_at(path, document, "", "by", "byline")
    if byline is not None:
        return (DraftAgent(name=byline),)
    authors = []
    for key in ("people", "person"):
        for place, person in objects_at(path, document, "", key):
            name = text_at(path, person, place, "name")
            relation = person.get("rel")
            if name is not None and isinstance(relation, str) and _CREATOR_RELATIONS.search(relation.strip()):
                authors.append(DraftAgent(name=name, kind="Person"))
    return tuple(authors)


def _subjects(path: Path, document: JsonObject) -> tuple[Found[str], ...]:
    """The subjects' names (their code when unnamed), `subjects` in 2.x/3.x, `subject` in 1.x."""
    found: list[Found[str]] = []
    for key in ("subjects", "subject"):
        for place, subject in objects_at(path, document, "", key):
            name = text_at(path, subject, place, "name", "literal")
            if name is not None:
                found.append(name)
    return tuple(found)


def _provider(path: Path, document: JsonObject) -> Found[str] | None:
    """Whose story it is: the copyright holder, else the first named information source."""
    holder = text_at(path, document, "", "copyrightHolder", "copyrightholder")
    if holder is not None:
        return holder
    for key in ("infoSources", "infosources", "infosource"):
        for place, source in objects_at(path, document, "", key):
            name = text_at(path, source, place, "name")
            if name is not None:
                return name
    return None


def _version(path: Path, document: JsonObject) -> Found[str] | None:
    value = document.get("version")
    # The schema says a string; agencies' JSON often sends the number.
    if isinstance(value, int) and not isinstance(value, bool):
        return Found(str(value), "/version")
    return text_at(path, document, "", "version")
