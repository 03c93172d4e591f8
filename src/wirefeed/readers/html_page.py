"""What the visible page says: <h1>s, article <time>s, byline elements, captioned figures."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

from wirefeed.model import DraftAgent, DraftImage, Found
from wirefeed.readers.html_filters import is_person_like
from wirefeed.readers.html_harvest import Harvest
from wirefeed.readers.html_precedence import FIGURE_SOURCE
from wirefeed.readers.html_schema import pixels

# A page's <h1>s: the headline is nearly always among the first few (others are widgets).
_MAX_H1 = 5
_MAX_FIGURES = 30
_PERMALINK_SIGNS = " ¶§#🔗"
# A byline is a line, not a paragraph: longer text in an "author" element is a bio.
_MAX_BYLINE_CHARS = 100

_ARTICLE_TIME = (
    "//time[@datetime][@pubdate or @itemprop='datePublished'"
    " or ancestor::article or ancestor::header]"
)
# Class and id tests lowercased by translate(): XPath 1.0 has no lower-case().
_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_NOT_IN_COMMENTS = (
    f"not(ancestor-or-self::*[contains({_LOWER.format('@class')}, 'comment')"
    f" or contains({_LOWER.format('@id')}, 'comment')])"
)
_BYLINE_QUERIES = (
    ("[itemprop=author]", f"//*[contains(concat(' ', @itemprop, ' '), ' author ')][not(self::meta or self::link)][{_NOT_IN_COMMENTS}]"),
    ("a[rel=author]", f"//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')][{_NOT_IN_COMMENTS}]"),
    (".byline", f"//*[contains({_LOWER.format('@class')}, 'byline') or contains({_LOWER.format('@id')}, 'byline')][{_NOT_IN_COMMENTS}]"),
    (".author", f"//*[contains({_LOWER.format('@class')}, 'author')][not(self::body or self::html or self::article)][{_NOT_IN_COMMENTS}]"),
)
# Text of these never belongs to a byline or a caption.
_SKIPPED_TAGS = frozenset({"time", "script", "style", "noscript", "button", "svg", "img"})
# Separators a template puts around a byline's name: "James Akinaka •", "| By A |".
_BYLINE_EDGES = re.compile(r"^[\s•·|/,;:\-–—]+|[\s•·|/,;:\-–—]+$")
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-srcset", "src", "srcset")


def h1_texts(tree: lxml.html.HtmlElement) -> list[str]:
    # Documentation generators end headings with a permalink sign (`Title¶`).
    texts = (" ".join(visible_text(h1).split()).rstrip(_PERMALINK_SIGNS) for h1 in tree.iter("h1"))
    return [text for text in texts if text][:_MAX_H1]


def harvest_page(tree: lxml.html.HtmlElement, harvest: Harvest) -> None:
    times = tree.xpath(_ARTICLE_TIME)
    if times:
        harvest.add_text("published", "<time datetime>", times[0].get("datetime"))
    for source, query in _BYLINE_QUERIES:
        _harvest_bylines(tree.xpath(query), source, harvest)
    for image in _figures(tree):
        harvest.add_image(image)


def _harvest_bylines(elements: list[lxml.html.HtmlElement], source: str, harvest: Harvest) -> None:
    """The names in the first element of this kind that has any; later ones are other stories'."""
    for element in elements:
        names = _byline_names(element)
        if names:
            for name, url in names:
                harvest.add_agent(source, name, url=url)
            return


def _byline_names(element: lxml.html.HtmlElement) -> list[tuple[str, str | None]]:
    """(name, URL) pairs: the element's author links when it has them, else its whole text.

    Links come first because a byline's role, date and "Follow" lines are not links
    while its names usually are (`By <a>A</a> and <a>B</a> | Games Editor`).
    """
    marked = element.xpath(".//*[@itemprop='name']")
    if marked:
        return _plausible([(visible_text(marked[0]), None)])
    links = element.xpath(".//a[@href]") if element.tag != "a" else [element]
    named_links = _plausible([(visible_text(link), link.get("href")) for link in links])
    return named_links or _plausible([(visible_text(element), None)])


def _plausible(candidates: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    names = ((_BYLINE_EDGES.sub("", text), url) for text, url in candidates)
    return [(text, url) for text, url in names
            if 0 < len(text) <= _MAX_BYLINE_CHARS and any(char.isalpha() for char in text)
            and is_person_like(DraftAgent(Found(text, "")), frozenset())]


def visible_text(element: lxml.html.HtmlElement) -> str:
    """The element's text without scripts, icons or <time>s (a byline's date is not a name)."""
    parts: list[str] = []
    _collect_text(element, parts)
    return " ".join(" ".join(parts).split())


def _collect_text(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    parts.append(element.text or "")
    for child in element:
        # Comments and processing instructions have a non-string tag; their tail still counts.
        if isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS:
            _collect_text(child, parts)
        parts.append(child.tail or "")


def _figures(tree: lxml.html.HtmlElement) -> Iterator[DraftImage]:
    # Inside the article when there is one: figures elsewhere illustrate other stories.
    scope = tree.xpath("//article[.//figure]") or [tree]
    for figure in scope[0].xpath(".//figure[.//figcaption]")[:_MAX_FIGURES]:
        images = figure.xpath(".//img")
        url = _image_url(images[0]) if images else None
        caption = visible_text(figure.xpath(".//figcaption")[0])
        if url or caption:
            yield DraftImage(
                where=FIGURE_SOURCE, url=url, caption=caption or None,
                width=pixels(images[0].get("width")) if images else None,
                height=pixels(images[0].get("height")) if images else None,
            )


def _image_url(image: lxml.html.HtmlElement) -> str | None:
    # Lazy-loading pages keep the real address in data-* and a placeholder in src.
    for attribute in _LAZY_SOURCES:
        value = (image.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return value.split(",")[0].split()[0] if "srcset" in attribute else value
    return None
