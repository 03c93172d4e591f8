"""The two development corpora of benchmarks/accuracy.py, read into one gold form.

readability      ../shared/corpus/readability: <page>/source.html and expected-metadata.json
                 (Readability.js's own output); manifest.json labels pages news/other. A field
                 without gold is not scored (an empty value there means "Readability found none",
                 not "the page has none").
trafilatura-eval ../shared/corpus/trafilatura-eval: pages/<id>.html.gz and expected.jsonl
                 (trafilatura's evaluation set; see its README.txt). null = not scored; an empty
                 string = the page has none, and a tool is right only when it gives none.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_DATE_IN_BYLINE = re.compile(r"(?:19|20)\d\d|\d{1,2}:\d\d")
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@dataclass(frozen=True)
class Gold:
    """What a page should give. None: not scored; "": scored, and the right answer is none."""

    title: str | None = None
    byline: str | None = None
    date: str | None = None
    description: str | None = None
    site_name: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Page:
    name: str
    kind: str  # news / other (readability's manifest); "page" where the corpus does not say
    path: Path  # the name the reader sees (a .html name: the tools take bytes, not a gzip file)
    data: bytes
    gold: Gold


def corpus_name(folder: Path) -> str:
    return "trafilatura-eval" if (folder / "expected.jsonl").exists() else "readability"


def pages(folder: Path, only: str | None = None, names: set[str] | None = None) -> Iterator[Page]:
    reader = _trafilatura_eval if corpus_name(folder) == "trafilatura-eval" else _readability
    for page in reader(folder):
        if (only is None or page.kind == only) and (names is None or page.name in names):
            yield page


def _readability(folder: Path) -> Iterator[Page]:
    manifest: dict[str, str] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for name in sorted(manifest):
        gold = json.loads((folder / name / "expected-metadata.json").read_text(encoding="utf-8"))
        # Readability's "" is "not found by Readability": not scored (None), unlike trafilatura-eval's.
        def given(key: str) -> str | None:
            value = gold.get(key)
            return value if isinstance(value, str) and value.strip() else None
        path = folder / name / "source.html"
        yield Page(name, manifest[name], path, path.read_bytes(), Gold(
            title=given("title"), byline=_first_line_byline(given("byline")), date=given("publishedTime"),
            description=given("excerpt"), site_name=given("siteName"), language=given("lang"),
        ))


def _first_line_byline(byline: str | None) -> str | None:
    """Readability's byline is an element's whole text: its first line, or None when that line is a date."""
    first = (byline or "").strip().split("\n")[0]
    return None if not first or _DATE_IN_BYLINE.search(first) else first


def _trafilatura_eval(folder: Path) -> Iterator[Page]:
    for line in (folder / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        data = gzip.decompress((folder / "pages" / f"{entry['id']}.html.gz").read_bytes())
        # The description is scored only where the gold has one: wirefeed writes the lede as the
        # description of a page that has none (feeds and search results need one), by design.
        description = entry.get("description") or None
        yield Page(entry["id"], "page", folder / "pages" / f"{entry['id']}.html", data, Gold(
            title=_scored(entry.get("title")), byline=_scored(entry.get("author")), date=_scored(entry.get("date")),
            description=description, site_name=entry.get("sitename") or None,
        ))


def _scored(value: object) -> str | None:
    """trafilatura-eval: null is not scored; "" says the page has none (scored as empty)."""
    return value if isinstance(value, str) else None
