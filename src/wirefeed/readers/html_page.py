"""What the visible page says: <h1>s, article <time>s, byline elements, captioned figures."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.etree
import lxml.html

from wirefeed.model import DraftAgent, DraftImage, Found
from wirefeed.readers.html_filters import is_person_like
from wirefeed.readers.html_harvest import FigureContext, Harvest
from wirefeed.readers.html_precedence import FIGURE_SOURCE
from wirefeed.readers.html_schema import pixels

# A page's <h1>s: the headline is nearly always among the first few (others are widgets).
_MAX_H1 = 5
_MAX_FIGURES = 30
_PERMALINK_SIGNS = " ¶§#🔗"
# A byline is a line, not a paragraph: longer text in an "author" element is a bio.
_MAX_BYLINE_CHARS = 100

_ARTICLE_ANCESTORS = frozenset({"article", "header"})
# One pass finds every element that may hold a byline ("yline"/"uthor" match both
# cases of the first letter); the kinds are told apart in Python. Four separate
# queries, or translate() for case-folding, cost more than the rest of the harvest.
_BYLINE_CANDIDATES = lxml.etree.XPath(
    "//*[contains(@itemprop, 'author') or contains(@rel, 'author')"
    " or contains(@class, 'yline') or contains(@class, 'YLINE') or contains(@id, 'yline')"
    " or contains(@class, 'uthor') or contains(@class, 'UTHOR')]"
    "[not(self::meta or self::link or self::body or self::html or self::article)]"
)
# The name inside a byline, when marked: schema.org itemprop or the microformats hCard `fn`.
_MARKED_NAME = lxml.etree.XPath(".//*[@itemprop='name' or contains(concat(' ', normalize-space(@class), ' '), ' fn ')]")
_BYLINE_KINDS = ("[itemprop=author]", "a[rel=author]", ".byline", ".author")
# Elements that run inside a line of text: no word break at their edges.
_INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "em", "font", "i",
                          "mark", "q", "s", "small", "span", "strong", "sub", "sup", "u", "var"})
# Text of these never belongs to a byline, a caption or a headline.
_SKIPPED_TAGS = frozenset({"time", "script", "style", "noscript", "button", "svg", "img"})
# Separators a template puts around a byline's name: "James Akinaka •", "| By A |".
_BYLINE_EDGES = re.compile(r"^[\s•·|/,;:\-–—]+|[\s•·|/,;:\-–—]+$")
# The nearest block of text before and after a figure (not inside it): where it stands in the story.
_TEXT_BLOCK = "[self::p or self::h2 or self::h3 or self::h4 or self::li or self::blockquote][normalize-space()][1]"
_TEXT_BEFORE = lxml.etree.XPath("preceding::*" + _TEXT_BLOCK)
_TEXT_AFTER = lxml.etree.XPath("following::*" + _TEXT_BLOCK)
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-srcset", "src", "srcset")


def h1_texts(tree: lxml.html.HtmlElement) -> list[str]:
    # Documentation generators end headings with a permalink sign (`Title¶`).
    texts = (visible_text(h1).rstrip(_PERMALINK_SIGNS) for h1 in tree.iter("h1"))
    return [text for text in texts if text][:_MAX_H1]


def harvest_page(tree: lxml.html.HtmlElement, harvest: Harvest) -> None:
    harvest.add_text("published", "<time datetime>", _article_time(tree))
    by_kind: dict[str, list[lxml.html.HtmlElement]] = {kind: [] for kind in _BYLINE_KINDS}
    for element in _BYLINE_CANDIDATES(tree):
        kind = _byline_kind(element)
        if kind is not None and not _in_comments(element):
            by_kind[kind].append(element)
    for kind, elements in by_kind.items():
        _harvest_bylines(elements, kind, harvest)
    for image, context in _figures(tree):
        harvest.add_image(image)
        harvest.figure_context.append(context)


def _article_time(tree: lxml.html.HtmlElement) -> str | None:
    """The first <time datetime> marked as the publication time or standing in the article's
    header; a <time> elsewhere dates a comment, a related story or the footer."""
    for time in tree.iter("time"):
        if time.get("datetime") and (
            time.get("pubdate") is not None or time.get("itemprop") == "datePublished"
            or any(ancestor.tag in _ARTICLE_ANCESTORS for ancestor in time.iterancestors())
        ):
            return str(time.get("datetime"))
    return None


def _byline_kind(element: lxml.html.HtmlElement) -> str | None:
    if "author" in (element.get("itemprop") or "").split():
        return "[itemprop=author]"
    if element.tag == "a" and "author" in (element.get("rel") or "").lower().split():
        return "a[rel=author]"
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    if "byline" in names:
        return ".byline"
    return ".author" if "author" in (element.get("class") or "").lower() else None


def _in_comments(element: lxml.html.HtmlElement) -> bool:
    """Inside a reader-comments block, where every entry has its own "author"."""
    for node in (element, *element.iterancestors()):
        if "comment" in f"{node.get('class') or ''} {node.get('id') or ''}".lower():
            return True
    return False


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
    marked = _MARKED_NAME(element)
    if marked:
        return _plausible([(visible_text(marked[0]), None)])
    links = element.xpath(".//a[@href]") if element.tag != "a" else [element]
    named_links = _plausible([(visible_text(link), link.get("href")) for link in links])
    # The first line only: `By <b>A</b><br>March 25, 2015` puts the date on the next.
    return named_links or _plausible([(visible_text(element, first_line=True), None)])


def _plausible(candidates: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    names = ((_BYLINE_EDGES.sub("", text), url) for text, url in candidates)
    return [(text, url) for text, url in names
            if 0 < len(text) <= _MAX_BYLINE_CHARS and any(char.isalpha() for char in text)
            and is_person_like(DraftAgent(Found(text, "")), frozenset())]


def visible_text(element: lxml.html.HtmlElement, first_line: bool = False) -> str:
    """The element's text without scripts, icons or <time>s (a byline's date is not a name);
    with `first_line`, only what comes before the first <br> that follows some text."""
    parts: list[str] = []
    _collect_text(element, parts, first_line)
    return " ".join("".join(parts).split())


def _collect_text(element: lxml.html.HtmlElement, parts: list[str], first_line: bool) -> bool:
    """Append the text of `element` to `parts`; True once a line break ended the first line."""
    parts.append(element.text or "")
    for child in element:
        if first_line and child.tag == "br" and "".join(parts).strip():
            return True
        # Inline children join the text as they are (`Metroid<b>,</b>`); block ones and
        # skipped ones separate words (`Name</div><div>Role`).
        separator = "" if child.tag in _INLINE_TAGS else " "
        parts.append(separator)
        # Comments and processing instructions have a non-string tag; their tail still counts.
        if isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS:
            if _collect_text(child, parts, first_line):
                return True
        parts.append(separator + (child.tail or ""))
    return False


def _figures(tree: lxml.html.HtmlElement) -> Iterator[tuple[DraftImage, FigureContext]]:
    # Inside the article when there is one: figures elsewhere illustrate other stories.
    scope = next((article for article in tree.iter("article") if article.find(".//figure") is not None), tree)
    for figure in scope.xpath(".//figure[.//figcaption]")[:_MAX_FIGURES]:
        images = figure.xpath(".//img")
        url = _image_url(images[0]) if images else None
        caption = visible_text(figure.xpath(".//figcaption")[0])
        if url or caption:
            image = DraftImage(
                where=FIGURE_SOURCE, url=url, caption=caption or None,
                width=pixels(images[0].get("width")) if images else None,
                height=pixels(images[0].get("height")) if images else None,
            )
            yield image, FigureContext(_block_text(_TEXT_BEFORE(figure)), _block_text(_TEXT_AFTER(figure)))


def _block_text(found: list[lxml.html.HtmlElement]) -> str:
    return visible_text(found[0]) if found else ""


def _image_url(image: lxml.html.HtmlElement) -> str | None:
    # Lazy-loading pages keep the real address in data-* and a placeholder in src.
    for attribute in _LAZY_SOURCES:
        value = (image.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return value.split(",")[0].split()[0] if "srcset" in attribute else value
    return None
