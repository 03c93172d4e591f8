"""HTML pages: the JSON-LD they embed, and how safely it is embedded.

Inside `<script type="application/ld+json">` the text is raw: entities are not decoded, and
the element ends at the first `</script`. A headline holding `</script><script>` or `<!--`
therefore ends the element or opens a comment unless `<` is written as `\\u003c`; any
other character, a raw `&` included, is safe there. The page is parsed the way browsers and
extruct parse it (lxml, HTML5 script rules), with no network access.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import lxml.html
from lxml import etree

from wirefeed.check.finding import Finding, Report
from wirefeed.check.jsonld import Block, check_blocks
from wirefeed.check.jsontext import parse_json
from wirefeed.check.nodes import Node, at, local_name
from wirefeed.check.schemaorg import Vocabulary, load_vocabulary
from wirefeed.check.values import iso8601_instant

JSON_LD_TYPE: Final = "application/ld+json"
_PARSER: Final = lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_comments=False)
# What ends a script element early or opens a comment that can swallow the page. Any other
# character is safe raw inside one (entities are not decoded there): `&`, a lone `<` or `>`
# and the JavaScript line breaks are valid JSON, and Google reads them.
_UNSAFE_SEQUENCES: Final = {
    "</script": "'</script' ends the element early (write '<' as \\u003c)",
    "<!--": "'<!--' opens a comment that can swallow the page (write '<' as \\u003c)",
}
_SCRIPT_END = re.compile(r"</script", re.I)
# A value cut at `</script` is recovered by trying the next few element ends.
_RECOVERY_ATTEMPTS: Final = 5
# The properties an article's several descriptions must agree on.
_COMPARED: Final = ("headline", "name", "description", "datePublished", "dateModified", "url")


@dataclass(frozen=True, slots=True)
class _Script:
    text: str
    line: int | None


def check_html(data: bytes, path: Path) -> list[Finding]:
    """All findings for an HTML page's embedded JSON-LD."""
    report = Report(path)
    if not data.strip():
        return report.findings
    try:
        document = lxml.html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, ValueError) as error:
        report.add("SAXError", f"not an HTML page: {error}")
        return report.findings
    source = data.decode("utf-8", errors="replace")
    blocks = [block for script in _json_ld_scripts(document) if (block := _block(script, source, report))]
    graph = check_blocks(blocks, report)
    vocabulary = load_vocabulary()
    articles = [node for node in graph.nodes if vocabulary.is_a(node.types, ("Article",))]
    _check_blocks_agree(articles, report)
    _check_microdata_agrees(document, articles, vocabulary, report)
    return report.findings


def _json_ld_scripts(document: lxml.html.HtmlElement) -> Iterator[_Script]:
    for script in document.iter("script"):
        media_type = (script.get("type") or "").split(";")[0].strip().lower()
        if media_type == JSON_LD_TYPE:
            yield _Script(script.text or "", script.sourceline)


def _block(script: _Script, source: str, report: Report) -> Block | None:
    """The script's JSON-LD after the embedding checks, or None when it cannot be read."""
    _check_embedding(script, report)
    if not script.text.strip():
        report.add("EmptyValue", "an empty JSON-LD script", script.line)
        return None
    # The parse error is held back: a cut-off value is the embedding's fault, not the JSON's.
    parse_errors = Report(report.path)
    parsed = parse_json(script.text, parse_errors, script.line)
    if parsed is not None:
        return Block(parsed.value, script.line)
    recovered = _recover_cut_json(script, source)
    if recovered is not None:
        report.add(
            "UnsafeEmbedding",
            "a value holds '</script', which ends the element early: the rest shows as page "
            "text and readers lose the JSON-LD (write '<' as \\u003c)",
            script.line,
        )
        return Block(recovered, script.line)
    report.findings.extend(parse_errors.findings)
    return None


def _check_embedding(script: _Script, report: Report) -> None:
    lowered = script.text.lower()
    found = [why for sequence, why in _UNSAFE_SEQUENCES.items() if sequence in lowered]
    if found:
        report.add("UnsafeEmbedding", f"the JSON-LD script holds {'; '.join(found)}", script.line)


def _recover_cut_json(script: _Script, source: str) -> object | None:
    """The JSON the author meant when a value held `</script`: the text up to a later end tag."""
    start = source.find(script.text, _line_offset(source, script.line))
    if start < 0:
        return None
    ends = [match.start() for match in _SCRIPT_END.finditer(source, start + len(script.text) + 1)]
    for end in ends[:_RECOVERY_ATTEMPTS]:
        try:
            recovered: object = json.loads(source[start:end])
        except ValueError:
            continue
        return recovered
    return None


def _line_offset(source: str, line: int | None) -> int:
    offset = 0
    for _ in range((line or 1) - 1):
        offset = source.find("\n", offset) + 1
        if offset == 0:
            return 0
    return offset


def _identity(node: Node) -> str:
    """What tells two descriptions of an article apart: @id, url, or (none) the page itself."""
    for key in ("@id", "url", "mainEntityOfPage"):
        value = node.data.get(key)
        if isinstance(value, str):
            return value
    return "(page)"


def _check_blocks_agree(articles: Sequence[Node], report: Report) -> None:
    """JsonLdMismatch: two JSON-LD blocks describing one article with different values."""
    first_by_identity: dict[str, Node] = {}
    for node in articles:
        first = first_by_identity.setdefault(_identity(node), node)
        if first is node or first.line == node.line:
            continue
        for key, theirs, ours in _differences(first.data, node.data):
            report.add(
                "JsonLdMismatch",
                f"{at(node.where, key)}: {ours!r} here, {theirs!r} in the JSON-LD on line {first.line}",
                node.line,
            )


def _differences(
    first: Mapping[str, object], second: Mapping[str, object]
) -> Iterator[tuple[str, object, object]]:
    for key in _COMPARED:
        a, b = first.get(key), second.get(key)
        if isinstance(a, (str, int, float)) and isinstance(b, (str, int, float)) and not _same(a, b):
            yield key, a, b


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        when_a, when_b = iso8601_instant(a), iso8601_instant(b)
        if when_a is not None and when_b is not None and (when_a.tzinfo is None) == (when_b.tzinfo is None):
            return when_a == when_b
        return " ".join(a.split()) == " ".join(b.split())
    return a == b


def _check_microdata_agrees(
    document: lxml.html.HtmlElement, articles: Sequence[Node], vocabulary: Vocabulary, report: Report
) -> None:
    """JsonLdMismatch: microdata that repeats the JSON-LD article with other values."""
    identities = {_identity(node) for node in articles}
    if len(identities) != 1:
        return  # several articles: which microdata scope matches which is not cheap to tell
    for scope in document.iter():
        if not _is_article_scope(scope, vocabulary):
            continue
        values = _microdata_values(scope)
        for node in articles:
            for key, json_ld, microdata in _differences(node.data, values):
                report.add(
                    "JsonLdMismatch",
                    f"microdata {key} {microdata!r} (line {scope.sourceline}) differs from the "
                    f"JSON-LD {json_ld!r}",
                    node.line,
                )


def _is_article_scope(element: etree._Element, vocabulary: Vocabulary) -> bool:
    if not isinstance(element.tag, str) or element.get("itemscope") is None:
        return False
    types = [local_name(url) for url in (element.get("itemtype") or "").split()]
    return vocabulary.is_a(types, ("Article",))


def _microdata_values(scope: lxml.html.HtmlElement) -> dict[str, object]:
    values: dict[str, object] = {}
    for element in scope.iterdescendants():
        if not isinstance(element.tag, str) or _owning_scope(element) is not scope:
            continue
        for name in (element.get("itemprop") or "").split():
            values.setdefault(name, _microdata_value(element))
    return values


def _owning_scope(element: etree._Element) -> etree._Element | None:
    return next((a for a in element.iterancestors() if a.get("itemscope") is not None), None)


def _microdata_value(element: lxml.html.HtmlElement) -> str:
    for attribute in ("content", "datetime", "href", "src"):
        value = element.get(attribute)
        if value is not None:
            return str(value)
    return str(element.text_content()).strip()

