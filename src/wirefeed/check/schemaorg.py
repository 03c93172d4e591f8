"""The schema.org vocabulary (release 30.0), as the JSON-LD checker asks about it.

The data is `wirefeed/data/schemaorg-vocabulary.json`, derived from schema.org's release
file by `python -m wirefeed.check.make_vocabulary`; it ships with the package, so checks
run offline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final, Literal

VOCABULARY_FILE: Final = "schemaorg-vocabulary.json"

LiteralKind = Literal["Text", "URL", "Number", "Integer", "Boolean", "Date", "DateTime", "Time", "Quantity"]
# The data types a value's JSON form is judged by, most specific first: URL before Text,
# Integer before Number, so a type is classed by its nearest listed ancestor.
_LITERAL_KINDS: Final[tuple[LiteralKind, ...]] = (
    "URL",
    "Integer",
    "DateTime",
    "Date",
    "Time",
    "Boolean",
    "Number",
    "Quantity",
    "Text",
)


@dataclass(frozen=True, slots=True)
class Property:
    """A schema.org property: the types it may be used on and the types of its values."""

    name: str
    domain: frozenset[str]
    range: frozenset[str]
    superseded_by: tuple[str, ...]


class Vocabulary:
    """Types with their supertypes and properties with their domains and ranges."""

    def __init__(
        self,
        types: Mapping[str, Iterable[str]],
        datatypes: Iterable[str],
        superseded_types: Mapping[str, Iterable[str]],
        properties: Mapping[str, Property],
    ) -> None:
        self._supertypes = {name: tuple(parents) for name, parents in types.items()}
        self._datatypes = frozenset(datatypes)
        self._superseded_types = {name: tuple(by) for name, by in superseded_types.items()}
        self._properties = dict(properties)
        # Exact spelling is the rule; these only power "did you mean" hints.
        self._types_by_folded = {name.casefold(): name for name in self._supertypes}
        self._properties_by_folded = {name.casefold(): name for name in self._properties}
        self._ancestors: dict[str, frozenset[str]] = {}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Vocabulary:
        properties = {
            name: Property(
                name=name,
                domain=frozenset(entry["domain"]),
                range=frozenset(entry["range"]),
                superseded_by=tuple(entry.get("supersededBy", ())),
            )
            for name, entry in data["properties"].items()
        }
        return cls(data["types"], data["datatypes"], data["supersededTypes"], properties)

    def is_type(self, name: str) -> bool:
        return name in self._supertypes

    def is_datatype(self, name: str) -> bool:
        return name in self._datatypes

    def superseded_type(self, name: str) -> tuple[str, ...]:
        return self._superseded_types.get(name, ())

    def property(self, name: str) -> Property | None:
        return self._properties.get(name)

    def suggest_type(self, name: str) -> str | None:
        return self._types_by_folded.get(name.casefold())

    def suggest_property(self, name: str) -> str | None:
        return self._properties_by_folded.get(name.casefold())

    def ancestors(self, name: str) -> frozenset[str]:
        """The type and every type above it: NewsArticle -> NewsArticle, Article, CreativeWork, Thing."""
        if name not in self._ancestors:
            found = {name}
            stack = [name]
            while stack:
                for parent in self._supertypes.get(stack.pop(), ()):
                    if parent not in found:
                        found.add(parent)
                        stack.append(parent)
            self._ancestors[name] = frozenset(found)
        return self._ancestors[name]

    def is_a(self, types: Iterable[str], wanted: Iterable[str]) -> bool:
        """Whether any of `types` is, or is below, any of `wanted`."""
        wanted_set = set(wanted)
        return any(self.ancestors(name) & wanted_set for name in types)

    def in_domain(self, prop: Property, types: Iterable[str]) -> bool:
        # A property without declared domain (interactionCount) constrains nothing.
        return not prop.domain or self.is_a(types, prop.domain)

    def range_kinds(self, prop: Property) -> frozenset[LiteralKind | None]:
        """How the property's values may be written: its ranges' literal kinds, None for a node type."""
        return frozenset(self.literal_kind(name) for name in prop.range)

    def literal_kind(self, name: str) -> LiteralKind | None:
        """How a data type's values are written: URL, Integer, Date, Text... None for node types."""
        if name not in self._datatypes:
            return None
        ancestry = self.ancestors(name)
        return next((kind for kind in _LITERAL_KINDS if kind in ancestry), "Text")


@cache
def load_vocabulary() -> Vocabulary:
    """The vocabulary shipped with the package (read once per process)."""
    text = resources.files("wirefeed").joinpath("data", VOCABULARY_FILE).read_text(encoding="utf-8")
    return Vocabulary.from_json(json.loads(text))
