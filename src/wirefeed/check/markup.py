"""HTML carried inside feeds: escaped markup in content, and markup where plain text belongs.

Used by the RSS, Atom and JSON Feed checkers. Feed readers show content inside their own
pages, so what would run there (scripts, event handlers, styles that load code) is a
SecurityRisk, and a relative link points into the reader instead of the publisher's site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

import lxml.html
from lxml import etree

from wirefeed.check.values import Problem

# Elements a reader would have to strip (the W3C validator's list, reduced to what is dangerous).
_UNSAFE_ELEMENTS: Final = frozenset(
    "applet base basefont embed frame frameset iframe link meta noframes object param script "
    "style".split()
)
# Attributes holding a URL that a browser may follow or load.
_URL_ATTRIBUTES: Final = ("href", "src", "poster", "action", "formaction", "background", "cite")
_SCRIPT_URL = re.compile(r"\s*(javascript|vbscript|livescript)\s*:|\s*data\s*:\s*text/html", re.I)
# CSS that runs code or loads a resource (IE expressions, bindings, url(), imports).
_DANGEROUS_CSS = re.compile(
    r"expression\s*\(|url\s*\(|javascript\s*:|behavior\s*:|-moz-binding|@import", re.I
)
_HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")

# Tags whose presence in a title or name means HTML went where text belongs.
_HTML_TAGS: Final = frozenset(
    "a abbr b big blockquote br cite code del div em font h1 h2 h3 h4 h5 h6 hr i img ins kbd li "
    "ol p pre q s small span strike strong sub sup table td th tr tt u ul".split()
)
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
# What in a plain-text value would run in a reader that renders it as HTML after all: a script
# or embedding element, an event handler, a script URL (the same things content_problems finds).
_RUNNABLE_TAGS: Final = frozenset("script iframe object embed applet frame frameset".split())
_RUNNABLE_ATTRIBUTE = re.compile(r"<[A-Za-z][^<>]*?\s(on[a-z]+\s*=|[a-z]+\s*=\s*[\"']?\s*(?:javascript|vbscript)\s*:)", re.I)
# An entity left after XML decoding: the text was escaped twice (`&amp;amp;` in the file).
_ESCAPED_ENTITY = re.compile(r"&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")

_PARSER: Final = lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True)


def text_problem(text: str) -> Problem | None:
    """ContainsHTML for a title or other plain-text value that holds tags or escaped entities."""
    runnable = _runnable_text(text)
    if runnable:
        return Problem(
            "ContainsHTML",
            f"plain text holds {runnable}: readers that follow the RSS profile show it as text, "
            "but one that renders this element as HTML would run it",
        )
    tags = [tag for tag in _TAG.findall(text) if tag.lower() in _HTML_TAGS]
    if tags:
        return Problem("ContainsHTML", f"plain text holds HTML markup (<{tags[0]}>)")
    entity = _ESCAPED_ENTITY.search(text)
    if entity:
        return Problem("ContainsHTML", f"plain text holds the entity {entity.group(0)}: escaped twice?")
    return None


def _runnable_text(text: str) -> str | None:
    """What would run if this text were rendered as HTML: `<script>`, `onerror=`, None if nothing."""
    tag = next((tag for tag in _TAG.findall(text) if tag.lower() in _RUNNABLE_TAGS), None)
    if tag is not None:
        return f"<{tag}>"
    attribute = _RUNNABLE_ATTRIBUTE.search(text)
    return repr(attribute.group(1)) if attribute else None


def content_problems(html: str, *, has_base: bool = False) -> list[Problem]:
    """SecurityRisk, SecurityRiskAttr, DangerousStyleAttr and ContainsRelRef in an HTML fragment.

    `has_base` is true when an xml:base applies, which makes relative references resolvable.
    """
    if not html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div", parser=_PARSER)
    except (etree.ParserError, ValueError):
        return []
    problems: list[Problem] = []
    for element in _elements(root):
        problems.extend(_element_problems(element, has_base=has_base))
    return problems


def _elements(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    for element in root.iterdescendants():
        if isinstance(element.tag, str):
            yield element


def _element_problems(element: lxml.html.HtmlElement, *, has_base: bool) -> Iterator[Problem]:
    tag = element.tag.lower()
    if tag in _UNSAFE_ELEMENTS:
        yield Problem("SecurityRisk", f"<{tag}> in content: readers strip it, or run it")
    for name, value in element.attrib.items():
        yield from _attribute_problems(tag, name.lower(), value, has_base=has_base)


def _attribute_problems(tag: str, name: str, value: str, *, has_base: bool) -> Iterator[Problem]:
    if name.startswith("on"):
        yield Problem("SecurityRiskAttr", f"<{tag} {name}=...> runs script in the reader")
    elif name == "style" and _DANGEROUS_CSS.search(value):
        yield Problem("DangerousStyleAttr", f"<{tag} style={value!r}> can load or run code")
    elif name in _URL_ATTRIBUTES:
        if _SCRIPT_URL.match(value):
            yield Problem("SecurityRiskAttr", f"<{tag} {name}={value!r}> is a script URL")
        elif value.strip() and not has_base and not _HAS_SCHEME.match(value.strip()):
            yield Problem(
                "ContainsRelRef",
                f"<{tag} {name}={value!r}> is relative: readers resolve it against themselves",
            )
