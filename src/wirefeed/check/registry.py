"""Which checker a file needs: sniff its kind from its first bytes (then its name), look it up."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Final

from lxml import etree

from wirefeed.check.atom import check_atom, check_atom_tree
from wirefeed.check.finding import Finding, Report
from wirefeed.check.html import check_html
from wirefeed.check.jsonfeed import check_jsonfeed
from wirefeed.check.jsonld import check_jsonld_file
from wirefeed.check.jsontext import parse_json
from wirefeed.check.ninjs import check_ninjs
from wirefeed.check.rss import check_rss, check_rss_tree
from wirefeed.check.sitemap import check_sitemap, check_sitemap_tree, is_sitemap_root
from wirefeed.check.xmlfeed import ATOM, check_document, qualified


class Kind(StrEnum):
    """The syntaxes the checker knows, and the "none of these" kinds."""

    RSS = "rss"
    ATOM = "atom"
    JSON_FEED = "json-feed"
    JSON_LD = "json-ld"
    HTML = "html"
    SITEMAP = "sitemap"
    OTHER_XML = "xml"
    NINJS = "ninjs"
    OTHER_JSON = "json"
    UNKNOWN = "unknown"


Checker = Callable[[bytes, Path], list[Finding]]

CHECKED_SUFFIXES: Final = (".xml", ".atom", ".rss", ".json", ".jsonld", ".html")

_SUFFIX_KINDS: Final = {
    ".rss": Kind.RSS,
    ".atom": Kind.ATOM,
    ".jsonld": Kind.JSON_LD,
    ".json": Kind.OTHER_JSON,
    ".xml": Kind.OTHER_XML,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
}
# Declarations, comments and a doctype may come before an XML document's root element.
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*", re.S | re.I)
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_HTML_DOCTYPE = re.compile(rb"<!DOCTYPE\s+html", re.I)
_JSON_FEED_VERSION = re.compile(rb'"version"\s*:\s*"https?:(?:\\?/){2}jsonfeed\.org(?:\\?/)version(?:\\?/)')
_JSON_FEED_PREFIXES: Final = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
# Every ninjs item has a uri (JSON Feed and JSON-LD are told apart before this is asked).
_NINJS_URI = re.compile(rb'"uri"\s*:')
_BOM: Final = b"\xef\xbb\xbf"


def sniff(data: bytes, path: Path) -> Kind:
    """The kind of a document, by content first: feeds are often saved as plain `.xml`."""
    head = data.removeprefix(_BOM).lstrip()
    if path.suffix.lower() in (".html", ".htm", ".jsonld"):
        return _SUFFIX_KINDS[path.suffix.lower()]
    if head[:1] in (b"{", b"["):
        return _json_kind(data)
    by_name = _SUFFIX_KINDS.get(path.suffix.lower())
    if head[:1] == b"<":
        return _xml_kind(head) or by_name or Kind.OTHER_XML
    if by_name is Kind.OTHER_JSON:
        return _json_kind(data)
    return by_name or Kind.UNKNOWN


def _json_kind(data: bytes) -> Kind:
    """By the parsed values (JSON may write `/` as `\\/`, as NPR's feed does); by bytes when it does not parse."""
    try:
        value: object = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return _unparsed_json_kind(data)
    if isinstance(value, dict):
        version = value.get("version")
        if isinstance(version, str) and version.startswith(_JSON_FEED_PREFIXES):
            return Kind.JSON_FEED
        if "@context" in value:
            return Kind.JSON_LD
        # Every ninjs item has a uri (JSON Feed and JSON-LD are told apart above).
        return Kind.NINJS if "uri" in value else Kind.OTHER_JSON
    if isinstance(value, list) and any(isinstance(item, dict) and "@context" in item for item in value):
        return Kind.JSON_LD
    return Kind.OTHER_JSON


def _unparsed_json_kind(data: bytes) -> Kind:
    """What JSON that does not parse was meant to be, so its checker reports why."""
    if _JSON_FEED_VERSION.search(data):
        return Kind.JSON_FEED
    if b'"@context"' in data:
        return Kind.JSON_LD
    if _NINJS_URI.search(data):
        return Kind.NINJS
    return Kind.OTHER_JSON


def _xml_kind(head: bytes) -> Kind | None:
    prolog = _PROLOG.match(head)
    end = prolog.end() if prolog else 0
    if _HTML_DOCTYPE.search(head, 0, end):
        return Kind.HTML
    root = _ROOT.match(head, end)
    name = root.group(1).decode("ascii").lower() if root else None
    return {"rss": Kind.RSS, "feed": Kind.ATOM, "html": Kind.HTML, "urlset": Kind.SITEMAP, "sitemapindex": Kind.SITEMAP}.get(name or "")


def _check_other_xml(data: bytes, path: Path) -> list[Finding]:
    """XML whose root the byte sniffing missed (UTF-16, a long prolog): the parsed root decides."""
    return check_document(data, path, _check_by_root)


def _check_by_root(root: etree._Element, report: Report) -> None:
    if root.tag == "rss":
        check_rss_tree(root, report)
    elif root.tag == qualified(ATOM, "feed"):
        check_atom_tree(root, report)
    elif is_sitemap_root(root):
        check_sitemap_tree(root, report)
    else:
        report.add("UnknownFormat", f"XML with root <{root.tag}> is not RSS 2.0, Atom 1.0 or a sitemap")


def _check_unknown(data: bytes, path: Path) -> list[Finding]:
    report = Report(path)
    report.add("UnknownFormat", "not a feed, JSON-LD document or HTML page")
    return report.findings


def _check_other_json(data: bytes, path: Path) -> list[Finding]:
    report = Report(path)
    if parse_json(data, report) is not None:
        report.add(
            "UnknownFormat", 'JSON that is neither JSON Feed (no "version") nor JSON-LD (no "@context")'
        )
    return report.findings


CHECKERS: Final[Mapping[Kind, Checker]] = {
    Kind.RSS: check_rss,
    Kind.ATOM: check_atom,
    Kind.JSON_FEED: check_jsonfeed,
    Kind.JSON_LD: check_jsonld_file,
    Kind.HTML: check_html,
    Kind.SITEMAP: check_sitemap,
    Kind.OTHER_XML: _check_other_xml,
    Kind.NINJS: check_ninjs,
    Kind.OTHER_JSON: _check_other_json,
    Kind.UNKNOWN: _check_unknown,
}
