"""ninjs documents against IPTC's own JSON Schema of their generation (1.6, 2.2 or 3.1).

The schemas ship in wirefeed/data/ (MIT, IPTC; see ninjs-schemas-SOURCE.txt). Each is checked
with the validator of the JSON Schema draft it declares (draft-07 for 1.6, 2020-12 for 2.2 and
3.1), offline: the GeoJSON schema that 2.2 and 3.1 reference is registered from the local copy.
A 3.0 document is checked against 3.1, as IPTC's own test suite does (3.1 only adds to 3.0).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from wirefeed.check.finding import Finding, Report
from wirefeed.check.jsontext import parse_json
from wirefeed.errors import InputError
from wirefeed.readers.ninjs import ninjs_generation

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

__all__ = ["SCHEMA_FILES", "check_ninjs", "ninjs_problems", "ninjs_validator"]

# The schema each ninjs generation is checked against.
SCHEMA_FILES: Final = {1: "ninjs-schema_1.6.json", 2: "ninjs-schema_2.2.json", 3: "ninjs-schema_3.1.json"}
_GEOJSON_FILE: Final = "geojson-schema.json"
_GEOJSON_URI: Final = "https://geojson.org/schema/GeoJSON.json"
# Enough to say what is wrong without burying the first problem under a thousand like it.
_MOST_PROBLEMS: Final = 20


def _schema(name: str) -> Any:
    return json.loads(resources.files("wirefeed").joinpath("data", name).read_text(encoding="utf-8"))


@functools.cache
def ninjs_validator(generation: int) -> Validator:
    """The validator of IPTC's schema for ninjs `generation` (1, 2 or 3), with its own draft."""
    # Imported here: checking feeds and pages never needs jsonschema (60 ms to import).
    from jsonschema.validators import validator_for
    from referencing import Registry, Resource

    schema = _schema(SCHEMA_FILES[generation])
    registry: Registry[Any] = Registry().with_resource(_GEOJSON_URI, Resource.from_contents(_schema(_GEOJSON_FILE)))
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, registry=registry)


def ninjs_problems(document: object, generation: int) -> list[str]:
    """Each way `document` breaks the schema, as `<JSON path>: <message>`, in document order; none when valid."""
    errors = sorted(ninjs_validator(generation).iter_errors(document), key=lambda error: [str(part) for part in error.absolute_path])
    return [f"{error.json_path}: {_short(error.message)}" for error in errors[:_MOST_PROBLEMS]]


def _short(message: str) -> str:
    # jsonschema quotes the whole failing value; a body of 10 KB makes an unreadable line.
    return message if len(message) <= 300 else message[:297] + "..."


def check_ninjs(data: bytes, path: Path) -> list[Finding]:
    """The `wirefeed check` of a ninjs file: valid JSON, a generation wirefeed knows, IPTC's schema."""
    report = Report(path)
    parsed = parse_json(data, report)
    if parsed is None:
        return report.findings
    if not isinstance(parsed.value, dict):
        report.add("NinjsSchema", "a ninjs document is a JSON object")
        return report.findings
    try:
        generation = ninjs_generation(path, parsed.value)
    except InputError as error:
        report.add("InvalidVersion", error.message)
        return report.findings
    for problem in ninjs_problems(parsed.value, generation):
        report.add("NinjsSchema", f"{problem} (ninjs {SCHEMA_FILES[generation].removeprefix('ninjs-schema_').removesuffix('.json')} schema)")
    return report.findings
