"""Atom 1.0 (RFC 4287) by the W3C Feed Validation Service's rules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

from lxml import etree

from wirefeed.check.finding import Finding, Report
from wirefeed.check.markup import content_problems
from wirefeed.check.values import email_problem, is_absolute_url, language_problem, rfc3339_date_problem
from wirefeed.check.xmlfeed import (
    ATOM,
    XML,
    add_problem,
    has_xml_base,
    check_document,
    check_namespaces,
    check_no_duplicates,
    check_plain_text,
    check_unique,
    child,
    children,
    qualified,
    text,
)

_FEED_ONCE: Final = tuple(
    qualified(ATOM, name) for name in "id title subtitle updated rights icon logo generator".split()
)
_ENTRY_ONCE: Final = tuple(
    qualified(ATOM, name) for name in "id title summary content updated published rights source".split()
)
_HTML_TYPES: Final = ("html", "xhtml")


def check_atom(data: bytes, path: Path) -> list[Finding]:
    """All findings for an Atom 1.0 feed document."""
    return check_document(data, path, check_atom_tree)


def check_atom_tree(root: etree._Element, report: Report) -> None:
    check_namespaces(root, report)
    if root.tag != qualified(ATOM, "feed"):
        report.add(
            "MissingElement",
            f"the root element is {root.tag}, not <feed> in {ATOM}",
            root.sourceline,
        )
        return
    _check_languages(root, report)
    _check_metadata(root, report)
    feed_has_author = child(root, ATOM, "author") is not None
    entries = children(root, ATOM, "entry")
    for entry in entries:
        _check_entry(entry, feed_has_author, report)
    check_unique((child(entry, ATOM, "id") for entry in entries), "DuplicateEntries", report)


def _check_languages(root: etree._Element, report: Report) -> None:
    lang = qualified(XML, "lang")
    for element in root.iter():
        value = element.get(lang) if isinstance(element.tag, str) else None
        if value:  # xml:lang="" is allowed: it means "no language"
            add_problem(report, language_problem(value), element)


def _check_metadata(feed: etree._Element, report: Report) -> None:
    """The feed's own id, title, updated and self link, and what feed and entries share."""
    for name in ("id", "title", "updated"):
        if child(feed, ATOM, name) is None:
            report.add("MissingElement", f"<feed> has no <{name}>", feed.sourceline)
    check_no_duplicates(feed, _FEED_ONCE, report)
    _check_common(feed, report)
    _check_self_link(feed, report)


def _check_common(parent: etree._Element, report: Report) -> None:
    """Elements that feed and entry share: id, title, dates, links, authors."""
    check_plain_text(_text_construct(parent, "title"), report)
    identifier = child(parent, ATOM, "id")
    if identifier is not None and not is_absolute_url(text(identifier)):
        report.add(
            "InvalidFullLink", f"<id> {text(identifier)!r} is not an absolute IRI", identifier.sourceline
        )
    for name in ("updated", "published"):
        element = child(parent, ATOM, name)
        if element is not None:
            add_problem(report, rfc3339_date_problem(text(element)), element)
    for link in children(parent, ATOM, "link"):
        if link.get("href") is None:
            report.add("MissingAttribute", "<link> has no href", link.sourceline)
    for person in (*children(parent, ATOM, "author"), *children(parent, ATOM, "contributor")):
        _check_person(person, report)


def _text_construct(parent: etree._Element, name: str) -> etree._Element | None:
    """The element when it is plain text; HTML titles are allowed to hold markup."""
    element = child(parent, ATOM, name)
    if element is None or element.get("type", "text") != "text":
        return None
    return element


def _check_person(person: etree._Element, report: Report) -> None:
    name = child(person, ATOM, "name")
    if name is None:
        report.add("MissingElement", f"<{etree.QName(person).localname}> has no <name>", person.sourceline)
    else:
        check_plain_text(name, report)
    email = child(person, ATOM, "email")
    if email is not None:
        add_problem(report, email_problem(text(email)), email)


def _check_self_link(feed: etree._Element, report: Report) -> None:
    self_link = next((ln for ln in children(feed, ATOM, "link") if ln.get("rel") == "self"), None)
    if self_link is None:
        report.add("MissingSelf", '<feed> has no <link rel="self"> giving its public URL', feed.sourceline)
        return
    href = self_link.get("href")
    if href is not None and not is_absolute_url(href):
        report.add("RelativeSelf", f"self link {href!r} is not an absolute URL", self_link.sourceline)


def _check_entry(entry: etree._Element, feed_has_author: bool, report: Report) -> None:
    for name in ("id", "title", "updated"):
        if child(entry, ATOM, name) is None:
            report.add("MissingElement", f"<entry> has no <{name}>", entry.sourceline)
    if not feed_has_author and child(entry, ATOM, "author") is None and not _source_has_author(entry):
        report.add("MissingElement", "<entry> has no <author>, and neither has the <feed>", entry.sourceline)
    check_no_duplicates(entry, _ENTRY_ONCE, report)
    _check_common(entry, report)
    _check_textual_content(entry, report)
    for element in _html_constructs(entry):
        has_base = has_xml_base(element)
        for problem in content_problems(_markup(element), has_base=has_base):
            add_problem(report, problem, element)


def _source_has_author(entry: etree._Element) -> bool:
    source = child(entry, ATOM, "source")
    return source is not None and child(source, ATOM, "author") is not None


def _check_textual_content(entry: etree._Element, report: Report) -> None:
    if child(entry, ATOM, "content") is not None:
        return
    alternate = any(ln.get("rel", "alternate") == "alternate" for ln in children(entry, ATOM, "link"))
    if not alternate:
        report.add(
            "MissingContentOrAlternate",
            '<entry> has neither <content> nor <link rel="alternate">',
            entry.sourceline,
        )
    elif child(entry, ATOM, "summary") is None:
        report.add("MissingTextualContent", "<entry> has neither <content> nor <summary>", entry.sourceline)


def _html_constructs(entry: etree._Element) -> Iterator[etree._Element]:
    for name in ("content", "summary", "title", "rights"):
        element = child(entry, ATOM, name)
        if element is not None and element.get("type", "text") in _HTML_TYPES:
            yield element


def _markup(element: etree._Element) -> str:
    """The HTML of a text construct: escaped text for type="html", the child div for xhtml."""
    if element.get("type") == "xhtml":
        nodes = (node for node in element if isinstance(node.tag, str))
        return "".join(etree.tostring(node, encoding="unicode") for node in nodes)
    return text(element)
