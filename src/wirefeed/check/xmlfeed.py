"""What RSS and Atom checks share: a safe XML parse, namespaces, and element helpers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Final

from lxml import etree

from wirefeed.check.finding import Finding, Report
from wirefeed.check.markup import text_problem
from wirefeed.check.values import Problem

ATOM: Final = "http://www.w3.org/2005/Atom"
CONTENT: Final = "http://purl.org/rss/1.0/modules/content/"
DC: Final = "http://purl.org/dc/elements/1.1/"
DCTERMS: Final = "http://purl.org/dc/terms/"
MEDIA: Final = "http://search.yahoo.com/mrss/"
XML: Final = "http://www.w3.org/XML/1998/namespace"

# Namespaces feed readers know, with the prefix each is conventionally bound to
# (from the W3C validator's base.py, trimmed to the ones seen in news feeds).
KNOWN_NAMESPACES: Final = {
    ATOM: "atom",
    CONTENT: "content",
    DC: "dc",
    DCTERMS: "dcterms",
    MEDIA: "media",
    XML: "xml",
    "http://webns.net/mvcb/": "admin",
    "http://www.w3.org/2007/app": "app",
    "http://web.resource.org/cc/": "cc",
    "http://backend.userland.com/creativeCommonsRssModule": "creativeCommons",
    "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
    "http://purl.org/syndication/history/1.0": "fh",
    "http://xmlns.com/foaf/0.1/": "foaf",
    "http://www.w3.org/2003/01/geo/wgs84_pos#": "geo",
    "http://www.georss.org/georss": "georss",
    "http://www.opengis.net/gml": "gml",
    "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
    "http://a9.com/-/spec/opensearch/1.1/": "opensearch",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://purl.org/rss/1.0/modules/slash/": "slash",
    "http://purl.org/rss/1.0/modules/syndication/": "sy",
    "http://purl.org/rss/1.0/modules/taxonomy/": "taxo",
    "http://purl.org/syndication/thread/1.0": "thr",
    "http://madskills.com/public/xml/rss/module/trackback/": "trackback",
    "http://wellformedweb.org/CommentAPI/": "wfw",
    "http://www.w3.org/1999/xhtml": "xhtml",
    "http://purl.org/rss/1.0/": "rss1",
    "http://base.google.com/ns/1.0": "g",
    "http://www.google.com/schemas/sitemap-news/0.9": "news",
    "https://podcastindex.org/namespace/1.0": "podcast",
}
_PREFERRED_URI: Final = {prefix: uri for uri, prefix in KNOWN_NAMESPACES.items()}

# Safe for files from anywhere: no network, no entity expansion, no billion laughs.
PARSER_OPTIONS: Final = {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False}
_PARSER: Final = etree.XMLParser(**PARSER_OPTIONS)


def parse(data: bytes, report: Report) -> etree._Element | None:
    """The root element, or None after a SAXError finding when the XML is not well-formed."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else None
        report.add("SAXError", str(error.msg) if error.msg else str(error), line)
        return None
    return root


def check_document(
    data: bytes, path: Path, check_tree: Callable[[etree._Element, Report], None]
) -> list[Finding]:
    """Parse once, then run a syntax's checks on the tree (nothing more after a SAXError)."""
    report = Report(path)
    root = parse(data, report)
    if root is not None:
        check_tree(root, report)
    return report.findings


def qualified(namespace: str | None, name: str) -> str:
    """The Clark name lxml uses: `{namespace}name`, or `name` outside any namespace."""
    return f"{{{namespace}}}{name}" if namespace else name


def children(parent: etree._Element, namespace: str | None, name: str) -> list[etree._Element]:
    return children_by_tag(parent, qualified(namespace, name))


def child(parent: etree._Element, namespace: str | None, name: str) -> etree._Element | None:
    return next(parent.iterchildren(qualified(namespace, name)), None)


def element_children(parent: etree._Element) -> Iterator[etree._Element]:
    """Child elements, without the comments, processing instructions and entity references."""
    for node in parent.iterchildren():
        if isinstance(node.tag, str):
            yield node


def text(element: etree._Element) -> str:
    """The element's character data, trimmed as feed readers trim it."""
    return "".join(element.itertext()).strip()


def display_name(element: etree._Element) -> str:
    """`dc:creator`, `atom:link`, `title`: the name as the document writes it."""
    localname = etree.QName(element).localname
    return f"{element.prefix}:{localname}" if element.prefix else localname


def check_namespaces(root: etree._Element, report: Report) -> None:
    """UnknownNamespace, ReservedPrefix and MediaRssNamespace, where each prefix is declared."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        inherited = parent.nsmap if parent is not None else {}
        for prefix, uri in element.nsmap.items():
            if inherited.get(prefix) != uri:
                _check_declaration(prefix, uri, element.sourceline, report)


def _check_declaration(prefix: str | None, uri: str, line: int | None, report: Report) -> None:
    if prefix == "media" and uri == MEDIA.rstrip("/"):
        report.add("MediaRssNamespace", f"Media RSS is {MEDIA!r}, with the final slash", line)
    elif prefix in _PREFERRED_URI and uri != _PREFERRED_URI[prefix]:
        report.add(
            "ReservedPrefix",
            f"prefix {prefix!r} is bound to {uri!r}; readers expect {_PREFERRED_URI[prefix]!r}",
            line,
        )
    elif prefix in _PREFERRED_URI or uri in KNOWN_NAMESPACES or uri == "":
        return
    else:
        report.add("UnknownNamespace", f"namespace {uri!r} is unknown to feed readers", line)


def check_no_duplicates(parent: etree._Element, names: Iterable[str], report: Report) -> None:
    """DuplicateElement: elements that may appear once under `parent` (Clark names)."""
    wanted = set(names)
    counts = Counter(el.tag for el in element_children(parent) if el.tag in wanted)
    for tag, count in counts.items():
        if count > 1:
            duplicate = children_by_tag(parent, tag)[1]
            report.add(
                "DuplicateElement",
                f"<{display_name(parent)}> has {count} <{display_name(duplicate)}> elements",
                duplicate.sourceline,
            )


def children_by_tag(parent: etree._Element, tag: str) -> list[etree._Element]:
    return list(parent.iterchildren(tag))


def add_problem(report: Report, problem: Problem | None, element: etree._Element) -> None:
    """Report a value problem at the element it was found in, naming the element."""
    if problem is not None:
        report.add(problem.rule, f"<{display_name(element)}>: {problem.message}", element.sourceline)


def check_plain_text(element: etree._Element | None, report: Report) -> None:
    """NotBlank and ContainsHTML for a title-like element."""
    if element is None:
        return
    value = text(element)
    if not value:
        report.add("NotBlank", f"<{display_name(element)}> is empty", element.sourceline)
        return
    add_problem(report, text_problem(value), element)


def has_xml_base(element: etree._Element) -> bool:
    """Whether an xml:base applies here, making relative references in content resolvable."""
    base = qualified(XML, "base")
    return any(node.get(base) for node in (element, *element.iterancestors()))


def check_unique(elements: Iterable[etree._Element | None], rule: str, report: Report) -> None:
    """DuplicateValue, DuplicateEntries: an identifier that two items or entries share."""
    first_line: dict[str, int | None] = {}
    for element in elements:
        value = text(element) if element is not None else ""
        if not value or element is None:
            continue
        if value in first_line:
            report.add(
                rule,
                f"<{display_name(element)}> {value!r} is also the one on line {first_line[value]}",
                element.sourceline,
            )
        else:
            first_line[value] = element.sourceline
