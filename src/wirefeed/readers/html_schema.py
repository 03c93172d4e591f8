"""schema.org records embedded in a page (JSON-LD, microdata, RDFa) -> candidate values.

extruct turns each syntax into dicts of its own shape; each is converted here to one
plain JSON-LD-like shape (`{"@type": "NewsArticle", "headline": ...}`, short property
names, references resolved), so a single reader of article records serves all three.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping
from typing import Any

import lxml.html
from extruct.rdfa import RDFaExtractor
from extruct.w3cmicrodata import MicrodataExtractor

from wirefeed.model import DraftImage
from wirefeed.readers.html_extract import items_or_none
from wirefeed.readers.html_harvest import Harvest

Node = dict[str, Any]

# News types first: a page with both a NewsArticle and a generic Article (a related
# story, a breadcrumb's page) is about the NewsArticle.
_NEWS_TYPES = (
    "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting",
)
_ARTICLE_TYPES = (
    "Article", "BlogPosting", "Report", "TechArticle", "ScholarlyArticle",
    "SocialMediaPosting", "DiscussionForumPosting", "Review",
)
_ORGANIZATION_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation", "EducationalOrganization"})
_SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/")
# Records nest (an article's author's employer's logo...); deeper is never article data.
_MAX_DEPTH = 6

# CDATA and HTML-comment wrappers around a block's JSON, with optional `//` before them.
_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
# What hand-written blocks add that JSON does not allow: whole-line comments, trailing commas.
_COMMENT_LINE = re.compile(r"^\s*//.*$", re.MULTILINE)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")

_LOG = logging.getLogger(__name__)


def jsonld_nodes(tree: lxml.html.HtmlElement) -> list[Node]:
    """Every typed record of every JSON-LD block; a malformed block is skipped, not fatal."""
    top: list[Node] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        data = parse_jsonld_block(script.text_content())
        top.extend(item for item in _as_list(data) if isinstance(item, dict))
    return _with_references_resolved(list(_walk(top, 0)))


def parse_jsonld_block(text: str) -> Any:
    """The JSON of one block, or None when it is not JSON even after the usual wrappers go.

    CMSs wrap JSON-LD in `<![CDATA[ ... ]]>` or HTML comments (for old XHTML
    validators), and hand-written blocks have comments and trailing commas.
    """
    unwrapped = _WRAPPERS.sub("", text).strip()
    try:
        return json.loads(unwrapped, strict=False)
    except (ValueError, RecursionError):  # RecursionError: `[[[[...` thousands deep
        pass
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", _COMMENT_LINE.sub("", unwrapped)), strict=False)
    except (ValueError, RecursionError) as error:
        _LOG.debug("skipping a malformed JSON-LD block: %s", error)
        return None


def microdata_nodes(tree: lxml.html.HtmlElement, base_url: str | None) -> list[Node]:
    items = items_or_none(lambda: list(MicrodataExtractor().extract_items(tree, base_url)), "microdata")
    return list(_walk([_from_microdata(item) for item in items if isinstance(item, dict)], 0))


def rdfa_nodes(tree: lxml.html.HtmlElement, base_url: str | None) -> list[Node]:
    """schema.org items in RDFa, only when the page has typed RDFa at all.

    pyRdfa costs about as much as the rest of the reader together, and RDFa without
    `typeof` is only the document's own properties (OpenGraph meta), read elsewhere.
    """
    if not tree.xpath("boolean(//*[@typeof])"):
        return []
    expanded = items_or_none(lambda: list(RDFaExtractor().extract_items(tree, base_url=base_url)), "RDFa")
    return _from_rdfa([node for node in expanded if isinstance(node, dict)])


def harvest_schema(nodes: list[Node], source: str, harvest: Harvest) -> None:
    """File the fields of the page's article record (and the site's name) under `source`."""
    article = article_node(nodes)
    if article is not None:
        _harvest_article(article, source, harvest)
    for node in nodes:
        if "WebSite" in types_of(node):
            harvest.add_text("site_name", f"{source} WebSite", text_of(node.get("name")))


def article_node(nodes: list[Node]) -> Node | None:
    for wanted in (_NEWS_TYPES, _ARTICLE_TYPES):
        for node in nodes:
            if any(kind in wanted for kind in types_of(node)):
                return node
    return None


def _harvest_article(node: Node, source: str, harvest: Harvest) -> None:
    harvest.add_text("headline", source, text_of(node.get("headline")) or text_of(node.get("name")))
    harvest.add_text("published", source, text_of(node.get("datePublished")))
    harvest.add_text("modified", source, text_of(node.get("dateModified")))
    harvest.add_text("description", source, text_of(node.get("description")))
    harvest.add_text("language", source, _language_of(node.get("inLanguage")))
    harvest.add_text("url", source, text_of(node.get("url")) or _page_url_of(node.get("mainEntityOfPage")))
    harvest.add_text("site_name", source, _name_of(node.get("publisher")))
    _harvest_publisher(node.get("publisher"), source, harvest)
    for section in texts_of(node.get("articleSection")):
        harvest.add_text("sections", source, section)
    for keyword in texts_of(node.get("keywords")):
        for part in keyword.split(","):  # schema.org: keywords text is comma-delimited
            harvest.add_text("keywords", source, part)
    for author in _as_list(node.get("author")):
        _harvest_author(author, source, harvest)
    for image in _as_list(node.get("image")):
        _harvest_image(image, source, harvest)


def _harvest_author(author: Any, source: str, harvest: Harvest) -> None:
    if isinstance(author, str):
        harvest.add_agent(source, author)
    elif isinstance(author, dict):
        kinds = types_of(author)
        kind = "Organization" if _ORGANIZATION_TYPES & set(kinds) else ("Person" if "Person" in kinds else None)
        harvest.add_agent(source, text_of(author.get("name")), url=_url_of(author), kind=kind)


def _harvest_publisher(value: Any, source: str, harvest: Harvest) -> None:
    """The article's publisher's home page and logo, which a story from elsewhere keeps with its
    publisher's name (a site_name)."""
    publisher = next((item for item in _as_list(value) if isinstance(item, dict)), None)
    if publisher is not None:
        harvest.add_text("publisher_url", source, _url_of(publisher))
        logo = publisher.get("logo")
        harvest.add_text("publisher_logo", source, text_of(logo.get("url")) or text_of(logo.get("contentUrl")) if isinstance(logo, dict) else text_of(logo))


def _harvest_image(image: Any, source: str, harvest: Harvest) -> None:
    if isinstance(image, str):
        harvest.add_image(DraftImage(where=source, url=image))
    elif isinstance(image, dict):
        url = text_of(image.get("url")) or text_of(image.get("contentUrl")) or _id_of(image)
        if url:
            harvest.add_image(DraftImage(
                where=source, url=url, caption=text_of(image.get("caption")),
                width=pixels(image.get("width")), height=pixels(image.get("height")),
            ))


def types_of(node: Mapping[str, Any]) -> tuple[str, ...]:
    """Short type names: `http://schema.org/NewsArticle` and `schema:NewsArticle` -> `NewsArticle`."""
    return tuple(_short_name(kind) for kind in texts_of(node.get("@type")))


def text_of(value: Any) -> str | None:
    """The first text in a JSON-LD value: a string, a number, a `{"@value": ...}` or a list of them."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict) and "@value" in value:
        return text_of(value["@value"])
    if isinstance(value, list):
        return next((text for text in map(text_of, value) if text), None)
    return None


def texts_of(value: Any) -> list[str]:
    return [text for text in map(text_of, _as_list(value)) if text]


def pixels(value: Any) -> int | None:
    """A width or height: `1200`, `"1200"`, `"1200px"` or a QuantitativeValue."""
    if isinstance(value, dict):
        value = value.get("value")
    text = text_of(value)
    if text is None:
        return None
    digits = text.strip().removesuffix("px").strip()
    return int(digits) if digits.isdigit() and 0 < int(digits) < 100_000 else None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _short_name(name: str) -> str:
    return name.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].rsplit("#", 1)[-1]


def _name_of(value: Any) -> str | None:
    for item in _as_list(value):
        if isinstance(item, dict):
            name = text_of(item.get("name"))
            if name:
                return name
        elif isinstance(item, str):
            return item
    return None


def _id_of(value: Any) -> str | None:
    if isinstance(value, dict):
        return text_of(value.get("@id")) or text_of(value.get("url"))
    return text_of(value)


def _page_url_of(value: Any) -> str | None:
    """mainEntityOfPage as an address: its URL, or an @id that is not a `#fragment` name."""
    if isinstance(value, dict):
        url = text_of(value.get("url"))
        identifier = text_of(value.get("@id"))
        return url or (identifier if identifier and "#" not in identifier else None)
    return text_of(value)


def _url_of(agent: Node) -> str | None:
    url = text_of(agent.get("url")) or text_of(agent.get("@id"))
    return url if url and url.startswith(("http://", "https://", "/")) else None


def _language_of(value: Any) -> str | None:
    if isinstance(value, dict):  # a schema.org Language record
        return text_of(value.get("alternateName")) or text_of(value.get("name"))
    return text_of(value)


def _walk(items: list[Any], depth: int) -> Iterator[Node]:
    """Every typed record: top level, inside arrays, inside `@graph`, and nested ones."""
    if depth > _MAX_DEPTH:
        return
    for item in items:
        if isinstance(item, list):
            yield from _walk(item, depth + 1)
        elif isinstance(item, dict):
            if "@type" in item:
                yield item
            if "@graph" in item:
                yield from _walk(_as_list(item["@graph"]), depth + 1)
            nested = [value for key, value in item.items() if key != "@graph" and isinstance(value, (dict, list))]
            yield from _walk(nested, depth + 1)


def _with_references_resolved(nodes: list[Node]) -> list[Node]:
    """Replace `{"@id": x}` stubs by the record with that @id (Yoast-style @graph pages).

    One level only, property by property: an article's author becomes the Person record,
    whose own references stay stubs. Resolving recursively would copy a hostile graph
    of cross-references exponentially, and no field read here is deeper than one level.
    """
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str) and len(node) > 1}
    if not by_id:
        return nodes
    return [{key: _resolve(value, by_id) for key, value in node.items()} for node in nodes]


def _resolve(value: Any, by_id: Mapping[str, Node]) -> Any:
    if isinstance(value, list):
        return [_resolve_stub(item, by_id) for item in value]
    return _resolve_stub(value, by_id)


def _resolve_stub(value: Any, by_id: Mapping[str, Node]) -> Any:
    if isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str):
        return by_id.get(value["@id"], value)
    return value


def _from_microdata(item: Any) -> Any:
    """extruct's `{"type": ..., "properties": {...}}` -> `{"@type": ..., ...}`, recursively."""
    if isinstance(item, list):
        return [_from_microdata(part) for part in item]
    if not isinstance(item, dict) or "properties" not in item:
        return item
    node: Node = {"@type": item.get("type")}
    if item.get("id"):
        node["@id"] = item["id"]
    for key, value in item["properties"].items():
        node[key] = _from_microdata(value)
    return node


def _from_rdfa(expanded: list[Node]) -> list[Node]:
    """Expanded RDFa JSON-LD (`https://schema.org/headline: [{"@value": ...}]`) -> short records."""
    short = [_shorten_rdfa(node) for node in expanded]
    return _with_references_resolved(short)


def _shorten_rdfa(node: Node) -> Node:
    result: Node = {}
    for key, values in node.items():
        if key in ("@id", "@type"):
            result[key] = values
            continue
        prefix = next((prefix for prefix in _SCHEMA_PREFIXES if key.startswith(prefix)), None)
        if prefix is None:
            continue
        plain = [value.get("@value", value) if isinstance(value, dict) and "@value" in value else value
                 for value in _as_list(values)]
        result[key.removeprefix(prefix)] = plain[0] if len(plain) == 1 else plain
    return result

