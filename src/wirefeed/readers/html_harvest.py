"""What the harvesters found on one page, filed by field and by source, before any choice."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from wirefeed.model import AgentKind, DraftAgent, DraftImage, Found

# Metadata values are short; anything longer is a mistake (a whole article in a meta tag).
_MAX_VALUE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class FigureContext:
    """The text just before and just after a figure on the page, to find its place in the body."""

    before: str
    after: str


@dataclass(slots=True)
class Harvest:
    """Candidate values in page order: `texts[field][source]`, `agents[source]`, `images[source]`.

    Mutable while the harvesters fill it; the precedence step only reads it.
    """

    texts: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    agents: dict[str, list[DraftAgent]] = field(default_factory=dict)
    images: dict[str, list[DraftImage]] = field(default_factory=dict)
    # One per image of html_precedence.FIGURE_SOURCE, in the same order.
    figure_context: list[FigureContext] = field(default_factory=list)

    def add_text(self, field_name: str, source: str, value: object) -> None:
        """File a text value; blanks and non-text are ignored, so callers need not check."""
        if not isinstance(value, str):
            return
        text = _plain(value)
        if text and len(text) <= _MAX_VALUE_CHARS:
            self.texts.setdefault(field_name, {}).setdefault(source, []).append(text)

    def add_agent(self, source: str, name: object, url: str | None = None, kind: str | None = None) -> None:
        if not isinstance(name, str) or not name.strip():
            return
        found = Found(_plain(name), source)
        self.agents.setdefault(source, []).append(DraftAgent(name=found, url=url, kind=_agent_kind(kind)))

    def add_image(self, image: DraftImage) -> None:
        self.images.setdefault(image.where, []).append(image)

    def text(self, field_name: str, source: str) -> list[str]:
        return self.texts.get(field_name, {}).get(source, [])

    def first_text(self, field_name: str, source: str) -> str | None:
        values = self.text(field_name, source)
        return values[0] if values else None

    def replace_texts(self, field_name: str, source: str, values: list[str]) -> None:
        """Put cleaned values back (a title without its site name); an empty list drops the source."""
        by_source = self.texts.setdefault(field_name, {})
        if values:
            by_source[source] = values
        else:
            by_source.pop(source, None)


def _plain(value: str) -> str:
    """Whitespace collapsed and HTML entities decoded: CMSs escape metadata twice
    (`content="That&amp;#039;s"`, JSON-LD `"That&#039;s"`), and no reader of a
    headline wants `&#039;` in it."""
    if "&" in value:
        value = html.unescape(value)
    return " ".join(value.split())


def _agent_kind(kind: str | None) -> AgentKind | None:
    if kind == "Person":
        return "Person"
    if kind == "Organization":
        return "Organization"
    return None
