"""The article's main text and trafilatura's own metadata guesses.

trafilatura's metadata (title, author, date, description) is filed as one more
source, ranked after the page's own declarations (html_precedence): it fills what the
page's metadata leaves empty, with heuristics maintained on far more pages than ours.

The body comes from trafilatura's own options, chosen by a quality gate rather than by
a list of phrases: its precision mode drops share lines, meta lists and paywall teasers
that its default mode keeps (BBC's `- 24 July 2015` / `- 941 comments`), but on some
pages it loses the article (engadget: 117 words of 1,959). So both are run and the
precise body is kept when it holds most of the default one's words (PRECISE_SHARE);
when neither finds a body, trafilatura's fallback extractors (readability, jusText) try.
Measured with benchmarks/body_quality.py on the readability corpus (word precision /
recall against its expected text): default 0.975 / 0.941, precision alone 0.958 / 0.895,
gated 0.976 / 0.940.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import lxml.html
from htmldate import find_date
from trafilatura import bare_extraction
from trafilatura.settings import Document

_LOG = logging.getLogger(__name__)
METADATA_FIELDS = ("title", "author", "date", "description")
# The precise body is kept when it has at least this share of the default body's words:
# precision mode drops a few lines of boilerplate, not half an article.
PRECISE_SHARE = 0.8
# Not include_images: it changes what trafilatura keeps (word precision 0.960 against 0.976);
# figures are placed from the page itself (html_page).
_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True}


@dataclass(frozen=True, slots=True)
class Extraction:
    """What trafilatura found: the body as paragraphs, and its metadata field -> value."""

    paragraphs: list[str]
    metadata: dict[str, str]


def extract(tree: lxml.html.HtmlElement, url: str | None) -> Extraction:
    """The main text without navigation, ads or reader comments, and trafilatura's metadata.

    trafilatura copies the tree before cleaning it, so the shared tree stays intact.
    `fast` skips the fallback extractors, which are tried only when no body is found:
    on the Readability corpus they score lower (word precision 0.961 against 0.975) in
    more time. Its date search is extensive (htmldate's, original date first).
    """
    document = _run(tree, url, fast=True, with_metadata=True)
    if document is None:
        return Extraction([], {})
    metadata = {name: value for name in METADATA_FIELDS if isinstance(value := getattr(document, name, None), str) and value.strip()}
    lines = gated(_lines(document), _lines(_run(tree, url, fast=True, favor_precision=True)))
    if not _word_count(lines):
        lines = _lines(_run(tree, url, fast=False))
    return Extraction(lines, metadata)


def _run(tree: lxml.html.HtmlElement, url: str | None, **options: Any) -> Document | None:
    try:
        document = bare_extraction(tree, url=url, **_OPTIONS, **options)
    except Exception as error:  # trafilatura raises from deep inside on odd markup; no body is not fatal.
        _LOG.debug("trafilatura failed: %s", error)
        return None
    return document if isinstance(document, Document) else None


def _lines(document: Document | None) -> list[str]:
    text = document.text if document is not None else None
    lines = (" ".join(line.split()) for line in (text or "").split("\n"))
    return [line for line in lines if line]


def gated(default: list[str], precise: list[str]) -> list[str]:
    """The precise body when it keeps most of the default one's words (PRECISE_SHARE); else the default."""
    return precise if _word_count(precise) >= PRECISE_SHARE * _word_count(default) else default


def _word_count(lines: list[str]) -> int:
    return sum(len(line.split()) for line in lines)


def body_paragraphs(tree: lxml.html.HtmlElement, url: str | None) -> list[str]:
    """The main text only (see extract)."""
    return extract(tree, url).paragraphs


def guessed_date(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    """htmldate's guess at the original publication day, from the URL and markup only."""
    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False)
    except Exception as error:  # same reasoning as above: a guess that fails is no guess.
        _LOG.debug("htmldate failed: %s", error)
        return None
    return found if isinstance(found, str) else None
