"""Body text that a structured format carries as markup or plain text, turned into paragraphs.

A ninjs body, or a Markdown file rendered to HTML, is a fragment of HTML written by someone
else: it may hold a <script>, an inline event handler, a `javascript:` link or a repeated
headline. An article's body is plain paragraphs (every writer escapes them), so what is kept
here is only text, and only the text of elements that carry running text: nothing of a script,
a style sheet, a form or an embedded frame survives as a word.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from wirefeed.normalize.text import clean_text, without_forbidden

# Elements whose content is never running text: code, embedded documents, the headline that
# some agencies repeat in an HTML body (<h1>, <title>), and figures, whose captions are the
# images' (the readers take them from the format's own image records).
_DROPPED = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "form", "button", "select", "textarea", "input", "svg", "math", "canvas", "audio",
    "video", "head", "title", "h1", "figure", "figcaption", "nav", "aside",
)
# Elements that hold one paragraph of text each (when no such element is inside them).
_PARAGRAPHS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th", "address"})
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def html_paragraphs(markup: str) -> list[str]:
    """The paragraphs of an HTML fragment or document, as clean text.

    The text of each innermost paragraph-like element (<p>, <li>, <blockquote>, <h2>...); a
    fragment with none of them (`Text<br>more text`) is split at its line breaks instead.
    Text outside paragraphs in a fragment that has them (a rubric line, a stray `<span>`) is
    left out: in agency markup that is layout, not the story.
    """
    root = _parsed(markup)
    if root is None:
        return []
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()  # keeps the element's tail: the text after it is not its own
    blocks = [element for element in root.iter(*_PARAGRAPHS) if not _has_paragraph_inside(element)]
    if not blocks:
        return _line_paragraphs(root)
    return [text for text in (clean_text(_text_of(element)) for element in blocks) if text]


def text_paragraphs(text: str) -> list[str]:
    """Plain text split into paragraphs: at blank lines when it has any (lines in between are
    one wrapped paragraph), else at each line end (one paragraph a line, as agencies send it)."""
    parts = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [paragraph for paragraph in (clean_text(part) for part in parts) if paragraph]


def _parsed(markup: str) -> lxml.html.HtmlElement | None:
    markup = without_forbidden(markup)
    if not markup.strip():
        return None
    # No network, no processing instructions, no comments; libxml2's own depth and size limits stay on.
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None
    return root if isinstance(root, lxml.html.HtmlElement) else None


def _has_paragraph_inside(element: lxml.html.HtmlElement) -> bool:
    return any(inner.tag in _PARAGRAPHS for inner in element.iterdescendants())


def _text_of(element: lxml.html.HtmlElement) -> str:
    # A <br> inside a paragraph is a line break in it: a space, not two words run together.
    for br in element.iter("br"):
        br.tail = " " + (br.tail or "")
    return "".join(element.itertext())


def _line_paragraphs(root: lxml.html.HtmlElement) -> list[str]:
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return text_paragraphs(root.text_content())
