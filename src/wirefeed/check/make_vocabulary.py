"""Derive the compact schema.org vocabulary the checker ships with.

    python -m wirefeed.check.make_vocabulary SRC OUT

SRC is schema.org's `schemaorg-current-https.jsonld` (a release's full vocabulary, about 1.5 MB);
OUT receives only what the checker asks about: each type's direct supertypes, each property's
domain and range, which types are literal data types, and what superseded terms were replaced by.
The output is committed as package data, so a clone checks JSON-LD offline.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

SCHEMA_PREFIX = "schema:"
CLASS = "rdfs:Class"
PROPERTY = "rdf:Property"
DATATYPE = "schema:DataType"


def _ids(value: object) -> list[str]:
    """The `@id`s of a JSON-LD reference or a list of them, in their file order."""
    items = value if isinstance(value, list) else [value] if value is not None else []
    return [item["@id"] for item in items if isinstance(item, dict) and "@id" in item]


def _local(term_id: str) -> str | None:
    """`schema:NewsArticle` -> `NewsArticle`; None for terms of other vocabularies."""
    return term_id[len(SCHEMA_PREFIX) :] if term_id.startswith(SCHEMA_PREFIX) else None


def _local_names(term_ids: Iterable[str]) -> list[str]:
    return sorted(name for name in map(_local, term_ids) if name is not None)


def _node_types(node: Mapping[str, Any]) -> list[str]:
    raw = node.get("@type", [])
    return raw if isinstance(raw, list) else [raw]


def _types(graph: list[dict[str, Any]]) -> dict[str, list[str]]:
    types: dict[str, list[str]] = {}
    for node in graph:
        name = _local(node["@id"])
        if name is not None and CLASS in _node_types(node):
            types[name] = _local_names(_ids(node.get("rdfs:subClassOf")))
    return types


def _properties(graph: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    properties: dict[str, dict[str, Any]] = {}
    for node in graph:
        name = _local(node["@id"])
        if name is None or PROPERTY not in _node_types(node):
            continue
        entry: dict[str, Any] = {
            "domain": _local_names(_ids(node.get("schema:domainIncludes"))),
            "range": _local_names(_ids(node.get("schema:rangeIncludes"))),
        }
        superseded_by = _local_names(_ids(node.get("schema:supersededBy")))
        if superseded_by:
            entry["supersededBy"] = superseded_by
        properties[name] = entry
    return properties


def _ancestors(name: str, types: Mapping[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = [name]
    while stack:
        for parent in types.get(stack.pop(), []):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


def _datatypes(graph: list[dict[str, Any]], types: Mapping[str, list[str]]) -> list[str]:
    """Literal types: those marked schema:DataType (Text, Number, Date, Quantity...) and their
    subtypes (URL, Integer, Distance...), whose values are written as strings or numbers."""
    marked = {
        name
        for node in graph
        if (name := _local(node["@id"])) is not None and DATATYPE in _node_types(node)
    }
    return sorted(name for name in types if (_ancestors(name, types) | {name}) & marked)


def _superseded_types(graph: list[dict[str, Any]]) -> dict[str, list[str]]:
    superseded: dict[str, list[str]] = {}
    for node in graph:
        name = _local(node["@id"])
        replacement = _local_names(_ids(node.get("schema:supersededBy")))
        if name is not None and replacement and CLASS in _node_types(node):
            superseded[name] = replacement
    return superseded


def build_vocabulary(source: Mapping[str, Any]) -> dict[str, Any]:
    """The compact vocabulary of a schema.org release given as its parsed JSON-LD file."""
    graph: list[dict[str, Any]] = source["@graph"]
    types = _types(graph)
    return {
        "types": types,
        "datatypes": _datatypes(graph, types),
        "supersededTypes": _superseded_types(graph),
        "properties": _properties(graph),
    }


def render(vocabulary: Mapping[str, Any]) -> str:
    """One term per line, keys sorted: small diffs when a new schema.org release is imported."""
    sections = []
    for section, entries in vocabulary.items():
        if isinstance(entries, dict):
            lines = ",\n".join(
                f"  {json.dumps(key)}: {json.dumps(entries[key], sort_keys=True)}"
                for key in sorted(entries)
            )
            sections.append(f"{json.dumps(section)}: {{\n{lines}\n}}")
        else:
            sections.append(f"{json.dumps(section)}: {json.dumps(entries)}")
    return "{\n" + ",\n".join(sections) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", type=Path, help="schemaorg-current-https.jsonld")
    parser.add_argument("output", type=Path, help="where to write the compact vocabulary")
    args = parser.parse_args(argv)
    source = json.loads(args.source.read_text(encoding="utf-8"))
    args.output.write_text(render(build_vocabulary(source)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
