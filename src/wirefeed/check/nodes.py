"""The nodes of a JSON-LD document as written, and the @id links between them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

_SCHEMA_PREFIXES: Final = ("https://schema.org/", "http://schema.org/", "schema:")


def at(where: str, key: str) -> str:
    """A readable path into the document: `@graph[0].author[1].name`."""
    if not where:
        return key
    return f"{where}{key}" if key.startswith("[") else f"{where}.{key}"


def located(where: str, message: str) -> str:
    """A message prefixed with the path it is about, when there is one."""
    return f"{where}: {message}" if where else message


def local_name(term: str) -> str:
    """`https://schema.org/NewsArticle` and `schema:NewsArticle` -> `NewsArticle`."""
    for prefix in _SCHEMA_PREFIXES:
        if term.startswith(prefix):
            return term[len(prefix) :]
    return term


def node_types(node: Mapping[str, object]) -> tuple[str, ...]:
    """The node's @type names (local names), ignoring values that are not strings."""
    raw = node.get("@type", ())
    names = raw if isinstance(raw, list) else [raw]
    return tuple(local_name(name) for name in names if isinstance(name, str))


def reference_id(value: Mapping[str, object]) -> str | None:
    """The target of a pure reference `{"@id": ...}`, or None for anything else."""
    target = value.get("@id")
    return target if len(value) == 1 and isinstance(target, str) else None


@dataclass(frozen=True, slots=True)
class Node:
    """A node object where it was written: its path, its data, its page line (None in a file)."""

    where: str
    data: Mapping[str, object]
    line: int | None = None

    @property
    def types(self) -> tuple[str, ...]:
        return node_types(self.data)

    @property
    def identifier(self) -> str | None:
        value = self.data.get("@id")
        return value if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class Graph:
    """All nodes of one page (or file), and those that define an @id."""

    nodes: tuple[Node, ...]
    by_id: Mapping[str, tuple[Node, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, nodes: Iterable[Node]) -> Graph:
        all_nodes = tuple(nodes)
        by_id: dict[str, list[Node]] = {}
        for node in all_nodes:
            if node.identifier is not None:
                by_id.setdefault(node.identifier, []).append(node)
        return cls(all_nodes, {key: tuple(found) for key, found in by_id.items()})

    def defines(self, identifier: str) -> bool:
        return identifier in self.by_id

    def types_of(self, identifier: str) -> tuple[str, ...]:
        """Every type given to the node with this @id, wherever it was described."""
        return tuple(name for node in self.by_id.get(identifier, ()) for name in node.types)

    def resolve(self, value: object) -> Mapping[str, object] | None:
        """The node a value stands for: itself when it is a node, its target when a reference.

        A node described in several places is read as the merge of them (JSON-LD's rule).
        """
        if not isinstance(value, dict):
            return None
        target = reference_id(value)
        if target is None:
            return value
        found = self.by_id.get(target)
        if not found:
            return None
        merged: dict[str, object] = {}
        for node in found:
            merged.update(node.data)
        merged["@type"] = list(self.types_of(target))
        return merged
