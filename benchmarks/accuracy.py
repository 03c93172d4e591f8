"""Metadata accuracy of wirefeed against trafilatura and newspaper4k, on both development corpora.

Corpora (benchmarks/accuracy_corpora.py reads them into one gold form):
  readability       ../shared/corpus/readability: 93 Readability.js test pages; the gold is
                    Readability's own output, so noisy. A field counts only where gold exists.
  trafilatura-eval  ../shared/corpus/trafilatura-eval: 851 pages from trafilatura's OWN
                    evaluation set. trafilatura is developed and tuned on these pages, so its
                    score here is flattering. Gold null = not scored; gold "" = the page has
                    none, and a tool is right only when it gives none (title, author, date).
                    Descriptions are scored only where the gold has one (wirefeed writes the
                    lede as the description of a page without one, by design).

Scoring rules (applied identically to every tool):
  headline     whitespace collapsed, case folded, quotes unified (‘’ -> ', “” -> ");
               equal, or equal once a trailing "<separator> <suffix>" (| - – — · » :: _ /)
               is removed from either side (site names in titles).
  author       both sides as a set of names: parenthesised asides (a handle, a URL,
               "avec ...") and a leading "By"/"Par"/"Por"/"Von"/"Written by" removed;
               split on commas, semicolons, "|", " and ", " & "; case folded; the sets
               must be equal. Readability's byline is a byline element's whole text, so
               only its first line is compared (later lines hold dates, roles,
               affiliations), and a Readability first line holding a year or a clock time
               is a date slot, not a byline, and is not scored.
  date         the calendar day of the publication time, in the gold value's own UTC
               offset (a tool's aware time is converted into it; a naive one, or a gold
               day without offset, is taken as written); a missing date is wrong. A page
               wirefeed leaves undated (published when the history first sees it) gives no date.
  description  normalized as headline; equal, or, trailing "…"/"..." set aside, one a
               prefix of the other with the shorter at least 40 characters (truncated excerpts).
  site_name    normalized as headline; equal.
  language     primary subtag (`en-US` -> `en`); equal.
  no output    a page for which a tool gives nothing: wirefeed's normalize() rejects it
               (InputError: no headline, no date, ...), trafilatura returns None, newspaper4k
               raises. Every field of it is scored as empty; the pages are listed with why.
  ms/page      median over pages of the tool's whole call (parse included): per page the
               best wall time of --repeat runs, after one warm-up page; the tools take
               turns page by page, so a busy machine slows them alike.

Tools:
  wirefeed     normalize(read_html(path, data), site) with a neutral Site (UTC, no own
               domains): what a user gets. Authors equal to the neutral site's publisher
               (normalize's fallback credit) are not counted as found.
  trafilatura  trafilatura.bare_extraction(data, with_metadata=True) (its default mode).
  newspaper4k  newspaper.Article(url, fetch_images=False).download(input_html=text) then
               parse(); the text is decoded by wirefeed's charset rules (newspaper takes
               only text); image fetching is off because it downloads over the network.
No tool is given the page's URL.

Run: .venv/bin/python benchmarks/accuracy.py [--corpus readability|trafilatura-eval|DIR] [--only news|other]
     [--pages a,b] [--json] [--repeat N] [--tools wirefeed,trafilatura] [--misses FIELD]
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy_corpora import CORPORA, Gold, corpus_name, pages  # noqa: E402

from wirefeed.errors import InputError
from wirefeed.model import AWAITING_FIRST_SEEN, Site
from wirefeed.readers.html import read_html
from wirefeed.readers.html_parse import decode_page

FIELDS = ("headline", "author", "date", "description", "site_name", "language")
TOOLS = ("wirefeed", "trafilatura", "newspaper4k")
_MIN_PREFIX_CHARS = 40
_SUFFIX = re.compile(r"\s*(?:\s[|\-–—·»/]\s|\s::\s|_|\|)\s*[^|\-–—·»/_]*$")
_BY = re.compile(r"^\s*(?:written\s+by|by|par|por|von)\b[:\s]*", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:[,;|]|\s+and\s+|\s+&\s+)\s*", re.IGNORECASE)
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
    no_output: str | None = None  # why the tool gave nothing for this page


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
    # A truncated excerpt ends in "…" or "...": compared without it, the fuller text is its continuation.
    shorter, longer = sorted((a.rstrip(".…"), b.rstrip(".…")), key=len)
    return a == b or (len(shorter) >= _MIN_PREFIX_CHARS and longer.startswith(shorter))


def primary_subtag(tag: str | None) -> str:
    return re.split(r"[-_]", norm(tag))[0] if tag else ""


def score(prediction: Prediction, gold: Gold) -> dict[str, bool]:
    """Field -> correct, for the fields that are scored on this page ("" gold: right when none given)."""
    checks: dict[str, tuple[str | None, Any, Callable[[str], bool]]] = {
        "headline": (gold.title, prediction.headline, lambda g: bool(headline_variants(prediction.headline) & headline_variants(g))),
        "author": (gold.byline, prediction.authors,
                   lambda g: bool(names(g)) and names(prediction.authors) == names(g)),
        "date": (gold.date, prediction.published, lambda g: same_day(prediction.published, g)),
        "description": (gold.description, prediction.description, lambda g: same_description(prediction.description, g)),
        "site_name": (gold.site_name, prediction.site_name, lambda g: norm(prediction.site_name) == norm(g)),
        "language": (gold.language, prediction.language, lambda g: primary_subtag(prediction.language) == primary_subtag(g)),
    }
    results: dict[str, bool] = {}
    for name, (expected, predicted, check) in checks.items():
        if expected is None:
            continue
        if not expected.strip():
            results[name] = not predicted or (name == "author" and not names(predicted))
        elif name != "date" or gold_day(expected) is not None:  # a malformed gold date is not scored
            results[name] = check(expected)
    return results


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


class WirefeedTool:
    """What a user gets: normalize()'s Article; a page it rejects is no output, with the reason."""

    def __init__(self, site: Site) -> None:
        from wirefeed.normalize import normalize

        self.site = site
        self.normalize = normalize

    def __call__(self, path: Path, data: bytes) -> Prediction:
        try:
            draft = read_html(path, data)
            article = self.normalize(draft, self.site)
        except InputError as error:
            return Prediction(no_output=error.message)
        return Prediction(
            headline=article.headline,
            # normalize() credits the site's publisher when a page names no one;
            # that is the benchmark's own neutral site, not something found.
            authors=[agent.name for agent in article.authors if agent != self.site.publisher],
            # An undated page waits for the history's first-seen time: no date found.
            published=None if article.published == AWAITING_FIRST_SEEN else article.published,
            description=article.description,
            site_name=draft.site_name.value if draft.site_name else None,
            language=article.language,
        )


def trafilatura_tool(path: Path, data: bytes) -> Prediction:
    from trafilatura import bare_extraction
    from trafilatura.settings import Document

    document = bare_extraction(data, with_metadata=True)
    if not isinstance(document, Document):
        return Prediction(no_output="bare_extraction returned None")
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
    no_output: dict[str, str] = field(default_factory=dict)  # page -> why


def timed(tool: Callable[[Path, bytes], Prediction], path: Path, data: bytes, repeat: int) -> tuple[Prediction, float]:
    """The tool's prediction and its best wall time of `repeat` runs (other processes only add time)."""
    prediction = Prediction()
    best = float("inf")
    for attempt in range(repeat):
        started = time.perf_counter()
        try:
            result = tool(path, data)
        except Exception as error:  # a tool that crashes on a page scores nothing there
            result = Prediction(no_output=f"raised {error!r}"[:200])
        best = min(best, (time.perf_counter() - started) * 1000)
        if attempt == 0:
            prediction = result
    return prediction, best


def run(
    folder: Path, only: str | None, tools: dict[str, Callable[[Path, bytes], Prediction]], repeat: int = 1,
    names_wanted: set[str] | None = None, detail: str | None = None,
) -> dict[str, Tally]:
    tallies = {name: Tally() for name in tools}
    warmed = False
    for page in pages(folder, only, names_wanted):
        if not warmed:
            for tool in tools.values():
                tool(page.path, page.data)
            warmed = True
        for name, tool in tools.items():
            prediction, milliseconds = timed(tool, page.path, page.data, repeat)
            tally = tallies[name]
            tally.milliseconds.append(milliseconds)
            if prediction.no_output:
                tally.no_output[page.name] = prediction.no_output
            for field_name, correct in score(prediction, page.gold).items():
                tally.total[field_name] += 1
                tally.correct[field_name] += correct
                if not correct:
                    tally.misses[field_name].append(page.name)
                    if detail == field_name and name == "wirefeed":
                        print(f"  {page.name}: got {shown(prediction, field_name)!r} want {getattr(page.gold, GOLD_KEY[field_name])!r}")
    return tallies


GOLD_KEY = {"headline": "title", "author": "byline", "date": "date", "description": "description",
            "site_name": "site_name", "language": "language"}


def shown(prediction: Prediction, field_name: str) -> object:
    if prediction.no_output:
        return f"<no output: {prediction.no_output}>"
    return {"headline": prediction.headline, "author": prediction.authors, "date": prediction.published,
            "description": prediction.description, "site_name": prediction.site_name,
            "language": prediction.language}[field_name]


def percent(tally: Tally, field_name: str) -> float:
    total = tally.total[field_name]
    return 100.0 * tally.correct[field_name] / total if total else 0.0


def table(tallies: dict[str, Tally]) -> str:
    width = 20
    lines = ["field".ljust(12) + "".join(name.rjust(width) for name in tallies)]
    for field_name in FIELDS:
        if not any(t.total[field_name] for t in tallies.values()):
            continue
        cells = (f"{percent(t, field_name):5.1f}% (n={t.total[field_name]})" for t in tallies.values())
        lines.append(field_name.ljust(12) + "".join(cell.rjust(width) for cell in cells))
    lines.append("no output".ljust(12) + "".join(str(len(t.no_output)).rjust(width) for t in tallies.values()))
    lines.append("ms/page".ljust(12) + "".join(
        f"{statistics.median(t.milliseconds):.1f}".rjust(width) for t in tallies.values()))
    return "\n".join(lines)


def no_output_list(tallies: dict[str, Tally]) -> str:
    lines = []
    for name, tally in tallies.items():
        lines.append(f"{name}: no output for {len(tally.no_output)} pages")
        lines.extend(f"  {page}: {why}" for page, why in sorted(tally.no_output.items()))
    return "\n".join(lines)


def rules() -> str:
    doc = __doc__ or ""
    return doc[doc.index("Scoring rules"):doc.index("Run:")].rstrip()


def corpus_folder(value: str) -> Path:
    return CORPORA / value if (CORPORA / value).is_dir() else Path(value)


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    arguments.add_argument("--corpus", action="append", type=corpus_folder,
                           help="readability, trafilatura-eval or a folder (repeatable; default both)")
    arguments.add_argument("--only", choices=("news", "other"), help="readability: score only pages of this kind")
    arguments.add_argument("--pages", help="comma-separated page names (folder names or ids) to score")
    arguments.add_argument("--json", action="store_true", help="print the results as JSON")
    arguments.add_argument("--repeat", type=int, default=3, help="timed runs per page and tool (best counts)")
    arguments.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ",".join(TOOLS))
    arguments.add_argument("--misses", choices=FIELDS, help="print wirefeed's wrong answers for this field")
    options = arguments.parse_args()
    logging.disable(logging.CRITICAL)  # the peers log every page they dislike
    warnings.simplefilter("ignore")
    folders = options.corpus or [CORPORA / "readability", CORPORA / "trafilatura-eval"]
    wanted = set(options.pages.split(",")) if options.pages else None
    results = {}
    if not options.json:
        print(rules())
    with tempfile.TemporaryDirectory() as temporary:
        wirefeed = WirefeedTool(neutral_site(Path(temporary)))
        available: dict[str, Callable[[Path, bytes], Prediction]] = {
            "wirefeed": wirefeed, "trafilatura": trafilatura_tool, "newspaper4k": newspaper_tool,
        }
        chosen = {name: available[name] for name in options.tools.split(",")}
        for folder in folders:
            tallies = run(folder, options.only, chosen, max(1, options.repeat), wanted, options.misses)
            results[corpus_name(folder)] = tallies
            if not options.json:
                print(f"\n== {corpus_name(folder)} (pages: {options.only or 'all'})")
                print(table(tallies))
                print(no_output_list(tallies))
    if options.json:
        print(json.dumps({"rules": rules(), "corpora": {corpus: {
            name: {**asdict(t), "percent": {f: percent(t, f) for f in FIELDS}, "median_ms": statistics.median(t.milliseconds)}
            for name, t in tallies.items()} for corpus, tallies in results.items()}}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
