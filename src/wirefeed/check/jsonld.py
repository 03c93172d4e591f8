"""schema.org JSON-LD: context, types, properties, domains, ranges, links between nodes.

The document is walked as JSON, not expanded as RDF: a reader (Google, extruct) sees what is
written, so the checks are on what is written. Google's Article recommendations are in
`article.py`; this module finds the nodes they apply to.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from wirefeed.check.article import check_article
from wirefeed.check.finding import Finding, Report
from wirefeed.check.jsontext import parse_json
from wirefeed.check.nodes import Graph, Node, at, local_name, located, node_types, reference_id
from wirefeed.check.schemaorg import Property, Vocabulary, load_vocabulary
from wirefeed.check.values import is_absolute_url, iso8601_date_problem, looks_like_relative_url

SCHEMA_CONTEXTS: Final = ("https://schema.org", "https://schema.org/")
# JSON-LD keywords: structure, not schema.org properties.
_KEYWORDS: Final = frozenset(
    "@context @id @type @graph @value @language @direction @list @set @reverse @index @base "
    "@vocab @included @nest @json @none".split()
)
_SCHEMA_IRIS: Final = ("https://schema.org/", "http://schema.org/")
_FREE_TEXT: Final = frozenset({"Text", "Quantity"})
_DATES: Final = frozenset({"Date", "DateTime"})
_NUMBERS: Final = frozenset({"Number", "Integer"})
# The kinds a JSON number may be written for; a float is no Integer (wordCount: 612.5).
_INTEGER_FITS: Final = frozenset({"Number", "Integer", "Text", "Quantity"})
_FLOAT_FITS: Final = frozenset({"Number", "Text", "Quantity"})
# Objects that are values or containers, not nodes.
_STRUCTURAL: Final = frozenset({"@value", "@list", "@set", "@graph"})
_SCHEMA_BOOLEANS: Final = frozenset(
    f"{prefix}{value}" for prefix in _SCHEMA_IRIS for value in ("True", "False")
)


@dataclass(frozen=True, slots=True)
class Block:
    """One JSON-LD document: a `.jsonld` file, or one <script> of a page (with its line)."""

    data: object
    line: int | None = None


def check_jsonld_file(data: bytes, path: Path) -> list[Finding]:
    """All findings for a JSON-LD file (`.jsonld`, or `.json` with an @context)."""
    report = Report(path)
    parsed = parse_json(data, report)
    if parsed is not None:
        check_blocks([Block(parsed.value)], report)
    return report.findings


def check_jsonld(obj: object, path: Path) -> list[Finding]:
    """All findings for an already-parsed JSON-LD document."""
    report = Report(path)
    check_blocks([Block(obj)], report)
    return report.findings


def check_blocks(blocks: Sequence[Block], report: Report) -> Graph:
    """Check several JSON-LD documents that share one page: an @id in one resolves in another."""
    vocabulary = load_vocabulary()
    graph = Graph.of(_blocks_nodes(blocks))
    for block in blocks:
        _Walk(vocabulary, graph, report, block.line).document(block.data)
    for node in graph.nodes:
        if vocabulary.is_a(node.types, ("Article",)):
            check_article(node, graph, vocabulary, report)
    return graph


def _blocks_nodes(blocks: Sequence[Block]) -> list[Node]:
    return [node for block in blocks for node in _nodes_in(block.data, "", block.line)]


def _nodes_in(value: object, where: str, line: int | None) -> Iterator[Node]:
    """Every node object in a document, nested or in a @graph, with its path."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nodes_in(item, f"{where}[{index}]", line)
    elif isinstance(value, dict):
        if _is_node(value):
            yield Node(where, value, line)
        for key, item in value.items():
            if key != "@context":
                yield from _nodes_in(item, at(where, key), line)


def _is_node(value: Mapping[str, object]) -> bool:
    return not _STRUCTURAL & value.keys() and reference_id(value) is None


@dataclass(slots=True)
class _Walk:
    """One pass over one document, reporting as it goes."""

    vocabulary: Vocabulary
    graph: Graph
    report: Report
    line: int | None

    def add(self, rule: str, where: str, message: str) -> None:
        self.report.add(rule, located(where, message), self.line)

    def document(self, data: object) -> None:
        if isinstance(data, list):
            for index, item in enumerate(data):
                self.top_level(item, f"[{index}]")
        else:
            self.top_level(data, "")

    def top_level(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            self.add("InvalidType", where, "a JSON-LD document is an object or a list of objects")
            return
        self.context(data.get("@context"), where)
        if "@graph" in data:
            graph = data["@graph"]
            items = graph if isinstance(graph, list) else [graph]
            for index, node in enumerate(items):
                self.graph_member(node, at(where, f"@graph[{index}]"))
        else:
            self.node(data, where)

    def context(self, context: object, where: str) -> None:
        if context in SCHEMA_CONTEXTS:
            return
        if context in ("http://schema.org", "http://schema.org/"):
            # Google reads it as schema.org, as it reads "https://schema.org": a warning, not an error.
            self.add("HttpContext", at(where, "@context"), f'"@context" is {context!r}; "https://schema.org" is current')
            return
        if context is None:
            message = 'no "@context": readers cannot tell these are schema.org terms'
        else:
            message = f'"@context" is {json.dumps(context)[:80]}, not "https://schema.org"'
        self.add("InvalidContext", at(where, "@context"), message)

    def graph_member(self, node: object, where: str) -> None:
        if isinstance(node, dict):
            self.node(node, where)
        else:
            self.add("InvalidType", where, "a @graph holds node objects")

    def node(self, node: Mapping[str, object], where: str) -> None:
        types = self.types(node.get("@type", []), at(where, "@type"))
        for key, value in node.items():
            if key == "@id":
                self.identifier(value, at(where, key))
            elif key.startswith("@"):
                if key not in _KEYWORDS:
                    self.add("UnknownProperty", at(where, key), f"{key!r} is not a JSON-LD keyword")
            else:
                self.property(key, value, types, at(where, key))

    def types(self, raw: object, where: str) -> list[str]:
        """The node's schema.org types that exist, after reporting the ones that do not."""
        names = raw if isinstance(raw, list) else [raw]
        known = []
        for name in names:
            if not isinstance(name, str) or not name.strip():
                rule = "EmptyValue" if name in ("", None) else "UnknownType"
                self.add(rule, where, f"{name!r} is not a type name")
                continue
            local = local_name(name)
            if self.vocabulary.is_type(local):
                known.append(local)
                self.superseded_type(local, where)
            else:
                self.add("UnknownType", where, self.unknown_type_message(name))
        return known

    def unknown_type_message(self, name: str) -> str:
        suggestion = self.vocabulary.suggest_type(local_name(name))
        hint = f" (did you mean {suggestion!r}? spelling is exact)" if suggestion else ""
        return f"{name!r} is not a schema.org type{hint}"

    def superseded_type(self, name: str, where: str) -> None:
        replacement = self.vocabulary.superseded_type(name)
        if replacement:
            self.add("SupersededTerm", where, f"{name!r} is superseded by {' / '.join(replacement)}")

    def identifier(self, value: object, where: str) -> None:
        if not isinstance(value, str):
            self.add("InvalidType", where, "@id is a string")
        elif not value.strip():
            self.add("EmptyValue", where, "@id is empty")
        elif not value.startswith("_:") and not is_absolute_url(value):
            self.add("RelativeUrl", where, f"@id {value!r} is not an absolute URL")

    def property(self, key: str, value: object, types: list[str], where: str) -> None:
        name = key
        if key.startswith(("http://", "https://")):
            if not key.startswith(_SCHEMA_IRIS):
                return  # another vocabulary's property: not schema.org's to judge
            name = local_name(key)
        prop = self.vocabulary.property(name)
        if prop is None:
            suggestion = self.vocabulary.suggest_property(name)
            hint = f" (did you mean {suggestion!r}? spelling is exact)" if suggestion else ""
            self.add("UnknownProperty", where, f"{key!r} is not a schema.org property{hint}")
            return
        if prop.superseded_by:
            self.add("SupersededTerm", where, f"{name!r} is superseded by {' / '.join(prop.superseded_by)}")
        if types and not self.vocabulary.in_domain(prop, types):
            self.add(
                "PropertyNotInDomain",
                where,
                f"{name!r} is not a property of {' / '.join(types)} "
                f"(it belongs to {', '.join(sorted(prop.domain))})",
            )
        self.values(prop, value, where)

    def values(self, prop: Property, value: object, where: str) -> None:
        if isinstance(value, list):
            if not value:
                self.add("EmptyValue", where, "an empty list: leave the property out")
            for index, item in enumerate(value):
                self.values(prop, item, f"{where}[{index}]")
        elif isinstance(value, dict):
            self.object_value(prop, value, where)
        else:
            self.literal(prop, value, where)

    def object_value(self, prop: Property, value: Mapping[str, object], where: str) -> None:
        if not value:
            self.add("EmptyValue", where, "an empty object: leave the property out")
        elif "@value" in value:
            self.literal(prop, value["@value"], at(where, "@value"))
        elif "@list" in value or "@set" in value:
            self.values(prop, value.get("@list", value.get("@set")), where)
        elif (target := reference_id(value)) is not None:
            self.reference(prop, target, where)
        else:
            self.node(value, where)
            self.node_range(prop, node_types(value), where)

    def reference(self, prop: Property, target: str, where: str) -> None:
        self.identifier(target, at(where, "@id"))
        if self.graph.defines(target):
            self.node_range(prop, self.graph.types_of(target), where)
        elif target.startswith("_:") or "#" in target:
            # A fragment names a node of this page; without it the link goes nowhere.
            self.add("UnresolvedReference", where, f"no node in this document has @id {target!r}")
        elif prop.range and not self.accepts_reference(prop):
            self.add("RangeMismatch", where, f"{prop.name!r} expects {self.expected(prop)}, not a link")

    def accepts_reference(self, prop: Property) -> bool:
        kinds = self.vocabulary.range_kinds(prop)
        return "URL" in kinds or None in kinds

    def node_range(self, prop: Property, types: Sequence[str], where: str) -> None:
        known = [name for name in types if self.vocabulary.is_type(name)]
        node_ranges = [name for name in prop.range if not self.vocabulary.is_datatype(name)]
        if known and prop.range and not self.vocabulary.is_a(known, node_ranges):
            self.add(
                "RangeMismatch",
                where,
                f"{prop.name!r} expects {self.expected(prop)}, not a {' / '.join(known)}",
            )

    def expected(self, prop: Property) -> str:
        return " or ".join(sorted(prop.range))

    def literal(self, prop: Property, value: object, where: str) -> None:
        if value is None:
            self.add("EmptyValue", where, "null: leave the property out")
        elif isinstance(value, str):
            self.string(prop, value, where)
        elif not self.number_fits(prop, value):
            expected = self.expected(prop)
            self.add("RangeMismatch", where, f"{prop.name!r} expects {expected}, not {json.dumps(value)}")

    def number_fits(self, prop: Property, value: object) -> bool:
        """Booleans and numbers: JSON's own types must match the range (wordCount is an Integer)."""
        kinds = self.vocabulary.range_kinds(prop)
        if None in kinds or not prop.range:
            return True  # a literal may stand in for an entity (schema.org's leniency)
        if isinstance(value, bool):
            return "Boolean" in kinds
        if isinstance(value, int):
            return bool(kinds & _INTEGER_FITS)
        if isinstance(value, float):
            return bool(kinds & _FLOAT_FITS)
        return False

    def string(self, prop: Property, value: str, where: str) -> None:
        if not value.strip():
            self.add("EmptyValue", where, "an empty string: leave the property out")
            return
        kinds = self.vocabulary.range_kinds(prop)
        accepts_nodes = None in kinds
        if kinds & _FREE_TEXT or not prop.range:
            return
        if kinds & _DATES:
            problem = iso8601_date_problem(value)
            if problem is not None:
                self.add(problem.rule, where, problem.message)
        elif "URL" in kinds:
            if not is_absolute_url(value):
                self.add("RelativeUrl", where, f"{value!r} is not an absolute URL")
        elif accepts_nodes:
            if looks_like_relative_url(value):
                self.add("RelativeUrl", where, f"{value!r} is not an absolute URL")
        elif kinds & _NUMBERS:
            self.add("RangeMismatch", where, f"{prop.name!r} expects a number, not the string {value!r}")
        elif "Boolean" in kinds and value not in _SCHEMA_BOOLEANS:
            self.add("RangeMismatch", where, f"{prop.name!r} expects true or false, not {value!r}")
