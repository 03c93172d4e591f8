"""The article's main text and trafilatura's own metadata guesses, in one trafilatura pass.

trafilatura's metadata (title, author, date, description) is filed as one more
source, ranked after the page's own declarations (html_precedence): it fills what the
page's metadata leaves empty, with heuristics maintained on far more pages than ours.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import lxml.html
from htmldate import find_date
from trafilatura import bare_extraction
from trafilatura.settings import Document

_LOG = logging.getLogger(__name__)
METADATA_FIELDS = ("title", "author", "date", "description")


@dataclass(frozen=True, slots=True)
class Extraction:
    """What trafilatura found: the body as paragraphs, and its metadata field -> value."""

    paragraphs: list[str]
    metadata: dict[str, str]


def extract(tree: lxml.html.HtmlElement, url: str | None) -> Extraction:
    """The main text without navigation, ads or reader comments, and trafilatura's metadata.

    trafilatura copies the tree before cleaning it, so the shared tree stays intact.
    `fast` skips the fallback extractors: on the Readability corpus the text scores
    the same (token F1 0.844 vs 0.842 against Readability's) in two thirds of the time.
    Its date search is extensive (htmldate's, original date first).
    """
    try:
        document = bare_extraction(
            tree, url=url, fast=True, with_metadata=True, include_comments=False, include_tables=True,
        )
    except Exception as error:  # trafilatura raises from deep inside on odd markup; no body is not fatal.
        _LOG.debug("trafilatura failed: %s", error)
        return Extraction([], {})
    if not isinstance(document, Document):
        return Extraction([], {})
    metadata = {name: value for name in METADATA_FIELDS if isinstance(value := getattr(document, name, None), str) and value.strip()}
    lines = (" ".join(line.split()) for line in (document.text or "").split("\n"))
    return Extraction([line for line in lines if line], metadata)


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
