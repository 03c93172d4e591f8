"""Where each value of a Draft came from, as rows a person reads: field, value, source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wirefeed.errors import InputError
from wirefeed.model import Draft, DraftAgent, DraftImage, Found, Site
from wirefeed.normalize.dates import read_date
from wirefeed.normalize.dating import FIRST_SEEN, Dating, date_article
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


def format_explanation(draft: Draft, site: Site | None = None) -> str:
    """The rows as aligned text, headed by the file they describe; with `site`, the dates as
    they are published, and which rule gave each its zone (README: Date rules)."""
    rows = explain(draft) if site is None else explain_dates(draft, site, explain(draft))
    width = max((len(row.field) for row in rows), default=0)
    lines = [f"{draft.source.path} ({draft.source.format})"]
    lines += [f"  {row.field:<{width}}  {row.value}  [{row.source}]" for row in rows]
    return "\n".join(lines) + "\n"


def explain_dates(draft: Draft, site: Site, rows: list[Explanation]) -> list[Explanation]:
    """`rows` with the published and modified rows giving the time published and the rule that
    gave its zone; an undated page's first-seen rule; an update date left out, said so."""
    try:
        dates = date_article(draft, site)
    except InputError:
        return rows  # the error itself says what is wrong with the date
    if dates.published_where == FIRST_SEEN:
        return [Explanation("published", "the time the history first saw it", FIRST_SEEN), *rows]
    by_field = {"published": _date_row("published", dates, dates.published, draft.published)}
    if draft.modified is not None:
        by_field["modified"] = (Explanation("modified", _short(draft.modified.value), f"{draft.modified.where}; left out, see the warning")
                                if dates.modified_left_out else _date_row("modified", dates, dates.modified, draft.modified))
    return [by_field.get(row.field, row) for row in rows]


def _date_row(field: str, dates: Dating, moment: datetime, found: Found[str] | None) -> Explanation:
    shown = f"{moment.date().isoformat()} (a day; feeds say {moment.isoformat()})" if moment in dates.date_only else moment.isoformat()
    where = f"{found.where}: {found.value!r}" if found else ""
    return Explanation(field, shown, f"{where}; {dates.clock}" if dates.clock and found and _without_offset(found) else where)


def _without_offset(found: Found[str]) -> bool:
    try:
        return read_date(found, Path(), "a date").moment.tzinfo is None
    except InputError:
        return True


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
