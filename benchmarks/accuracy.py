"""Metadata accuracy of wirefeed's HTML reader against trafilatura and newspaper4k.

Corpus: the Readability.js test pages in ../shared/corpus/readability (each folder has
`source.html` and `expected-metadata.json`; `manifest.json` labels pages news/other).
The expected values are Readability's own output, so they are noisy: the same page
is scored for every tool by the same rules, and a field counts only where gold exists.

Scoring rules (applied identically to every tool):
  headline     whitespace collapsed, case folded, quotes unified (‘’ -> ', “” -> ");
               equal, or equal once a trailing "<separator> <suffix>" (| - – — · » :: _ /)
               is removed from either side (site names in titles).
  author       both sides as a set of names: parenthesised asides (a handle, a URL,
               "avec ...") and a leading "By"/"Par"/"Por"/"Von"/"Written by" removed;
               split on commas, semicolons, "|", " and ", " & "; case folded; the sets
               must be equal. Readability's byline is a byline element's whole text, so
               only the gold's first line is compared (later lines hold dates, roles,
               affiliations), and a gold first line holding a year or a clock time is a
               date slot, not a byline, and is not scored.
  date         the calendar day of the publication time, in the gold value's own UTC
               offset (a tool's aware time is converted into it; a naive one is taken
               as is); a missing date is wrong.
  description  normalized as headline; equal, or one a prefix of the other with the
               shorter at least 40 characters (truncated excerpts).
  site_name    normalized as headline; equal.
  language     primary subtag (`en-US` -> `en`); equal.
  ms/page      median over pages of the tool's whole call (parse included): per page the
               best wall time of --repeat runs (3), after one warm-up page; the tools
               take turns page by page, so a busy machine slows them alike.

Tools:
  wirefeed     normalize(read_html(path, data), site) with a neutral Site (UTC); when
               normalize() is not there yet, or rejects a page (no headline or no date,
               as it must for pages that are not articles), that page is scored from the
               raw Draft with a small local cleanup instead, and its date counts as absent.
  trafilatura  trafilatura.bare_extraction(data, with_metadata=True) (its default mode).
  newspaper4k  newspaper.Article(url, fetch_images=False).download(input_html=text) then
               parse(); the text is decoded by wirefeed's charset rules (newspaper takes
               only text); image fetching is off because it downloads over the network.
No tool is given the page's URL.

Run: .venv/bin/python benchmarks/accuracy.py [--only news|other] [--json] [--repeat N] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import tempfile
import time
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dateutil import parser as date_parser

from wirefeed.errors import InputError
from wirefeed.model import Draft, Site
from wirefeed.readers.html import read_html
from wirefeed.readers.html_parse import decode_page

FIELDS = ("headline", "author", "date", "description", "site_name", "language")
TOOLS = ("wirefeed", "trafilatura", "newspaper4k")
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "readability"
_MIN_PREFIX_CHARS = 40
_SUFFIX = re.compile(r"\s*(?:\s[|\-–—·»/]\s|\s::\s|_|\|)\s*[^|\-–—·»/_]*$")
_BY = re.compile(r"^\s*(?:written\s+by|by|par|por|von)\b[:\s]*", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:[,;|]|\s+and\s+|\s+&\s+)\s*", re.IGNORECASE)
_DATE_IN_BYLINE = re.compile(r"(?:19|20)\d\d|\d{1,2}:\d\d")
_ASIDE = re.compile(r"\([^)]*\)")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})


@dataclass
class Prediction:
    """What a tool says about a page, in plain values."""

    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | date | None = None
    description: str | None = None
    site_name: str | None = None
    language: str | None = None


# ---------------------------------------------------------------- normalizing and scoring


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split()).casefold()


def headline_variants(text: str | None) -> set[str]:
    variants = {norm(text)}
    current = norm(text)
    for _ in range(3):
        current = _SUFFIX.sub("", current).strip()
        if current:
            variants.add(current)
    return variants - {""}


def names(byline: str | list[str] | None) -> frozenset[str]:
    parts = byline if isinstance(byline, list) else [byline or ""]
    parts = [_ASIDE.sub(" ", part) for part in parts]
    cleaned = (norm(_BY.sub("", part)) for part in parts for part in _NAME_SPLIT.split(part))
    return frozenset(part for part in cleaned if part)


def gold_byline(byline: str | None) -> str | None:
    """The first line of Readability's byline, or None when that line is a date."""
    first = (byline or "").strip().split("\n")[0]
    return None if not first or _DATE_IN_BYLINE.search(first) else first


def gold_day(value: str) -> tuple[date, Any] | None:
    try:
        moment = date_parser.isoparse(value)
    except ValueError:
        try:
            moment = date_parser.parse(value)
        except (ValueError, OverflowError):
            return None
    return moment.date(), moment.tzinfo


def same_day(predicted: datetime | date | None, gold: str) -> bool:
    expected = gold_day(gold)
    if predicted is None or expected is None:
        return False
    day, zone = expected
    if isinstance(predicted, datetime):
        if predicted.tzinfo is not None and zone is not None:
            predicted = predicted.astimezone(zone)
        return predicted.date() == day
    return predicted == day


def same_description(predicted: str | None, gold: str) -> bool:
    a, b = norm(predicted), norm(gold)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return a == b or (len(shorter) >= _MIN_PREFIX_CHARS and longer.startswith(shorter.rstrip(".…")))


def primary_subtag(tag: str | None) -> str:
    return re.split(r"[-_]", norm(tag))[0] if tag else ""


def score(prediction: Prediction, gold: dict[str, Any]) -> dict[str, bool]:
    """Field -> correct, for the fields that have gold on this page."""
    checks: dict[str, tuple[Any, Callable[[Any], bool]]] = {
        "headline": (gold.get("title"), lambda g: bool(headline_variants(prediction.headline) & headline_variants(g))),
        "author": (gold_byline(gold.get("byline")), lambda g: bool(names(g)) and names(prediction.authors) == names(g)),
        "date": (gold.get("publishedTime"), lambda g: same_day(prediction.published, g)),
        "description": (gold.get("excerpt"), lambda g: same_description(prediction.description, g)),
        "site_name": (gold.get("siteName"), lambda g: norm(prediction.site_name) == norm(g)),
        "language": (gold.get("lang"), lambda g: primary_subtag(prediction.language) == primary_subtag(g)),
    }
    return {name: check(value) for name, (value, check) in checks.items() if value and str(value).strip()}


# ---------------------------------------------------------------- the tools


def neutral_site(folder: Path) -> Site:
    from wirefeed.config import load_site

    (folder / "wirefeed.toml").write_text(
        '[site]\ntitle = "Benchmark"\nbase_url = "https://bench.invalid/"\n'
        'description = "Accuracy benchmark"\nlanguage = "en"\ntimezone = "UTC"\n'
        '[publisher]\nname = "Benchmark"\nurl = "/"\nlogo = "logo.png"\n',
        encoding="utf-8",
    )
    return load_site(folder)


def find_normalize() -> Callable[[Draft, Site], Any] | None:
    try:
        from wirefeed.normalize import normalize
    except ImportError:
        return None
    return normalize


class WirefeedTool:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.normalize = find_normalize()
        self.rejected: list[str] = []

    def __call__(self, path: Path, data: bytes) -> Prediction:
        draft = read_html(path, data)
        if self.normalize is not None:
            try:
                article = self.normalize(draft, self.site)
            except InputError:
                self.rejected.append(path.parent.name)
            else:
                return Prediction(
                    headline=article.headline,
                    # normalize() credits the site's publisher when a page names no one;
                    # that is the benchmark's own neutral site, not something found.
                    authors=[agent.name for agent in article.authors if agent != self.site.publisher],
                    published=article.published,
                    description=article.description,
                    site_name=draft.site_name.value if draft.site_name else None,
                    language=article.language,
                )
        return local_cleanup(draft, with_date=self.normalize is None)


def local_cleanup(draft: Draft, with_date: bool) -> Prediction:
    """What normalize() will do, roughly, for scoring the raw Draft while it is not there."""
    published = None
    if with_date and draft.published:
        try:
            published = date_parser.parse(draft.published.value)
        except (ValueError, OverflowError):
            published = None
    authors = [name for agent in draft.authors for name in names(agent.name.value.split("|")[0])]
    return Prediction(
        headline=draft.headline.value if draft.headline else None,
        authors=authors,
        published=published,
        description=draft.description.value if draft.description else None,
        site_name=draft.site_name.value if draft.site_name else None,
        language=draft.language.value if draft.language else None,
    )


def trafilatura_tool(path: Path, data: bytes) -> Prediction:
    from trafilatura import bare_extraction
    from trafilatura.settings import Document

    document = bare_extraction(data, with_metadata=True)
    if not isinstance(document, Document):
        return Prediction()
    published = None
    if document.date:
        published = date.fromisoformat(document.date[:10])
    return Prediction(
        headline=document.title,
        authors=[part for part in (document.author or "").split(";") if part.strip()],
        published=published,
        description=document.description,
        site_name=document.sitename,
        language=document.language,
    )


def newspaper_tool(path: Path, data: bytes) -> Prediction:
    import newspaper

    # fetch_images off: newspaper would download every image to measure it (network, seconds).
    article = newspaper.Article("https://bench.invalid/article", fetch_images=False)
    article.download(input_html=decode_page(path, data))
    article.parse()
    return Prediction(
        headline=article.title or None,
        authors=list(article.authors),
        published=article.publish_date,
        description=article.meta_description or None,
        site_name=article.meta_site_name or None,
        language=article.meta_lang or None,
    )


# ---------------------------------------------------------------- running and reporting


@dataclass
class Tally:
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    milliseconds: list[float] = field(default_factory=list)
    misses: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in FIELDS})


def timed(tool: Callable[[Path, bytes], Prediction], path: Path, data: bytes, repeat: int) -> tuple[Prediction, float]:
    """The tool's prediction and its best wall time of `repeat` runs (other processes only add time)."""
    prediction = Prediction()
    best = float("inf")
    for attempt in range(repeat):
        started = time.perf_counter()
        try:
            result = tool(path, data)
        except Exception as error:  # a tool that crashes on a page scores nothing there
            if attempt == 0:
                print(f"{getattr(tool, '__name__', type(tool).__name__)} failed on {path.parent.name}: {error!r}", file=sys.stderr)
            result = Prediction()
        best = min(best, (time.perf_counter() - started) * 1000)
        if attempt == 0:
            prediction = result
    return prediction, best


def run(
    corpus: Path, only: str | None, tools: dict[str, Callable[[Path, bytes], Prediction]], repeat: int = 3,
) -> dict[str, Tally]:
    manifest: dict[str, str] = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    pages = sorted(name for name, kind in manifest.items() if only is None or kind == only)
    tallies = {name: Tally() for name in tools}
    warm_up = corpus / pages[0] / "source.html"
    for tool in tools.values():
        tool(warm_up, warm_up.read_bytes())
    for page in pages:
        path = corpus / page / "source.html"
        data = path.read_bytes()
        gold = json.loads((corpus / page / "expected-metadata.json").read_text(encoding="utf-8"))
        for name, tool in tools.items():
            prediction, milliseconds = timed(tool, path, data, repeat)
            tallies[name].milliseconds.append(milliseconds)
            for field_name, correct in score(prediction, gold).items():
                tallies[name].total[field_name] += 1
                tallies[name].correct[field_name] += correct
                if not correct:
                    tallies[name].misses[field_name].append(page)
    return tallies


def percent(tally: Tally, field_name: str) -> float:
    total = tally.total[field_name]
    return 100.0 * tally.correct[field_name] / total if total else 0.0


def table(tallies: dict[str, Tally]) -> str:
    width = 20
    lines = ["field".ljust(12) + "".join(name.rjust(width) for name in tallies)]
    for field_name in FIELDS:
        cells = (f"{percent(t, field_name):5.1f}% (n={t.total[field_name]})" for t in tallies.values())
        lines.append(field_name.ljust(12) + "".join(cell.rjust(width) for cell in cells))
    lines.append("ms/page".ljust(12) + "".join(
        f"{statistics.median(t.milliseconds):.1f}".rjust(width) for t in tallies.values()))
    return "\n".join(lines)


def rules() -> str:
    doc = __doc__ or ""
    return doc[doc.index("Scoring rules"):doc.index("Run:")].rstrip()


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    arguments.add_argument("--only", choices=("news", "other"), help="score only pages of this kind")
    arguments.add_argument("--json", action="store_true", help="print the results as JSON")
    arguments.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    arguments.add_argument("--repeat", type=int, default=3, help="timed runs per page and tool (best counts)")
    arguments.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ",".join(TOOLS))
    options = arguments.parse_args()
    logging.disable(logging.CRITICAL)  # the peers log every page they dislike
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as folder:
        wirefeed = WirefeedTool(neutral_site(Path(folder)))
        available: dict[str, Callable[[Path, bytes], Prediction]] = {
            "wirefeed": wirefeed, "trafilatura": trafilatura_tool, "newspaper4k": newspaper_tool,
        }
        chosen = {name: available[name] for name in options.tools.split(",")}
        tallies = run(options.corpus, options.only, chosen, max(1, options.repeat))
    normalize_note = ("normalize(): " + ("not available; Drafts scored with the local cleanup"
                      if wirefeed.normalize is None else f"rejected {len(set(wirefeed.rejected))} pages "
                      f"(scored from the Draft, no date): {', '.join(sorted(set(wirefeed.rejected))) or '-'}"))
    if options.json:
        print(json.dumps({
            "only": options.only, "rules": rules(), "normalize": normalize_note,
            "tools": {name: {**asdict(t), "percent": {f: percent(t, f) for f in FIELDS},
                             "median_ms": statistics.median(t.milliseconds)} for name, t in tallies.items()},
        }, indent=1))
    else:
        print(rules())
        print()
        print(f"pages: {options.only or 'all'}; {normalize_note}")
        print(table(tallies))
    return 0


if __name__ == "__main__":
    sys.exit(main())
