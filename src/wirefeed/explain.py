"""Where each value of a Draft came from, as rows a person reads: field, value, source."""

from __future__ import annotations

from dataclasses import dataclass

from wirefeed.model import Draft, DraftAgent, DraftImage, Found
from wirefeed.normalize.text import clean_text

VALUE_WIDTH = 72


@dataclass(frozen=True, slots=True)
class Explanation:
    field: str
    value: str
    source: str


def explain(draft: Draft) -> list[Explanation]:
    """One row per value the reader found, in the Draft's field order; the body as one summary row."""
    rows: list[Explanation] = []
    for name, value in draft.fields().items():
        rows.extend(_rows(name, value))
    return rows


def format_explanation(draft: Draft) -> str:
    """The rows as aligned text, headed by the file they describe."""
    rows = explain(draft)
    width = max((len(row.field) for row in rows), default=0)
    lines = [f"{draft.source.path} ({draft.source.format})"]
    lines += [f"  {row.field:<{width}}  {row.value}  [{row.source}]" for row in rows]
    return "\n".join(lines) + "\n"


def _rows(name: str, value: object) -> list[Explanation]:
    if name == "body" and isinstance(value, tuple):
        words = sum(len(clean_text(paragraph.value).split()) for paragraph in value)
        return [Explanation("body", f"{len(value)} paragraphs, {words} words", value[0].where)]
    items = value if isinstance(value, tuple) else (value,)
    return [_row(name, item) for item in items]


def _row(name: str, item: object) -> Explanation:
    if isinstance(item, Found):
        return Explanation(name, _short(str(item.value)), item.where)
    if isinstance(item, DraftAgent):
        details = ", ".join(part for part in (item.kind, item.url) if part)
        return Explanation(name, _short(item.name.value + (f" ({details})" if details else "")), item.name.where)
    if isinstance(item, DraftImage):
        parts = [item.url or "no URL"]
        if item.width and item.height:
            parts.append(f"{item.width}x{item.height}")
        if item.caption:
            parts.append(f"caption {item.caption!r}")
        if item.credit:
            parts.append(f"credit {item.credit!r}")
        return Explanation(name, _short(", ".join(parts)), item.where)
    return Explanation(name, _short(str(item)), "")


def _short(text: str) -> str:
    text = clean_text(text)
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"
