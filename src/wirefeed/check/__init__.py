"""Conformance checks for feeds, JSON-LD and article pages: anyone's files, not only wirefeed's.

RSS 2.0 and Atom 1.0 by the W3C Feed Validation Service's rules, JSON Feed 1.1, schema.org
JSON-LD with Google's Article recommendations, and JSON-LD embedded in HTML pages
(the rules are written out in CONFORMANCE.md).

    from wirefeed.check import check_path
    for finding in check_path(Path("output/feed.xml")):
        print(finding)  # output/feed.xml:12: error: InvalidRFC2822Date: <pubDate>: ...
"""

from __future__ import annotations

from pathlib import Path

from wirefeed.check.finding import Finding, Severity
from wirefeed.check.jsonld import check_jsonld
from wirefeed.check.reading import DEFAULT_MAX_CHECK_BYTES, RefusedFile, read_for_check
from wirefeed.check.registry import CHECKED_SUFFIXES, CHECKERS, Kind, sniff
from wirefeed.check.rules import SEVERITY

__all__ = [
    "CHECKED_SUFFIXES",
    "DEFAULT_MAX_CHECK_BYTES",
    "Finding",
    "Kind",
    "SEVERITY",
    "Severity",
    "check_bytes",
    "check_jsonld",
    "check_path",
    "sniff",
]


def check_path(path: Path, max_bytes: int = DEFAULT_MAX_CHECK_BYTES) -> list[Finding]:
    """Every finding for one file; a file that is refused or cannot be read is itself a finding
    (IOError): a pipe, device or socket, or a file over `max_bytes`."""
    try:
        data = read_for_check(path, max_bytes)
    except RefusedFile as refused:
        return [Finding(path, None, "IOError", str(refused), SEVERITY["IOError"])]
    return check_bytes(data, path)


def check_bytes(data: bytes, path: Path) -> list[Finding]:
    """Every finding for a document's bytes; `path` names it and helps tell its kind."""
    kind = sniff(data, path)
    try:
        return CHECKERS[kind](data, path)
    except RecursionError:
        # Nesting deep enough to parse but not to walk: a hostile or broken file, not a crash.
        rule = "SAXError" if kind in (Kind.RSS, Kind.ATOM, Kind.SITEMAP, Kind.OTHER_XML, Kind.HTML) else "InvalidJson"
        return [Finding(path, None, rule, "nested too deeply to check", SEVERITY[rule])]
