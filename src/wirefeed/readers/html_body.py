"""The article's main text (trafilatura) and a last-resort publication date (htmldate)."""

from __future__ import annotations

import logging

import lxml.html
from htmldate import find_date
from trafilatura import bare_extraction
from trafilatura.settings import Document

_LOG = logging.getLogger(__name__)


def body_paragraphs(tree: lxml.html.HtmlElement, url: str | None) -> list[str]:
    """The main text as paragraphs, without navigation, ads or reader comments.

    trafilatura copies the tree before cleaning it, so the shared tree stays intact;
    its own metadata pass is off because the harvesters already did that work.
    `fast` skips the fallback extractors: on the Readability corpus the text scores
    the same (token F1 0.844 vs 0.842 against Readability's) in two thirds of the time.
    """
    try:
        document = bare_extraction(
            tree, url=url, fast=True, with_metadata=False, include_comments=False, include_tables=True,
        )
    except Exception as error:  # trafilatura raises from deep inside on odd markup; no body is not fatal.
        _LOG.debug("trafilatura failed: %s", error)
        return []
    if not isinstance(document, Document) or not document.text:
        return []
    lines = (" ".join(line.split()) for line in document.text.split("\n"))
    return [line for line in lines if line]


def guessed_date(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    """htmldate's guess at the original publication day, from the URL and markup only.

    `extensive_search` is off: on pages that are not articles it picks up copyright
    years and "last updated" footers, and an empty date is the right answer there.
    """
    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False)
    except Exception as error:  # same reasoning as above: a guess that fails is no guess.
        _LOG.debug("htmldate failed: %s", error)
        return None
    return found if isinstance(found, str) else None
