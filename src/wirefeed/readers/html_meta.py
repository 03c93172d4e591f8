"""Metadata in the page's head: meta tags (OpenGraph and Dublin Core through extruct), <title>, links, lang."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import lxml.html
from extruct.dublincore import DublinCoreExtractor
from extruct.opengraph import OpenGraphExtractor

from wirefeed.model import DraftImage
from wirefeed.readers.html_extract import items_or_none
from wirefeed.readers.html_harvest import Harvest
from wirefeed.readers.html_schema import pixels

# meta name (lowercased) -> Draft field; the source is `meta[name=...]`, or the name
# itself for namespaced names such as `twitter:title`.
_META_NAMES: Mapping[str, str] = {
    "author": "authors",
    "parsely-author": "authors",
    "sailthru.author": "authors",
    "citation_author": "authors",
    "parsely-title": "headline",
    "sailthru.title": "headline",
    "citation_title": "headline",
    "twitter:title": "headline",
    "parsely-pub-date": "published",
    "sailthru.date": "published",
    "citation_publication_date": "published",
    "citation_date": "published",
    "pubdate": "published",
    "publish-date": "published",
    "date": "published",
    "description": "description",
    "twitter:description": "description",
    "parsely-section": "sections",
    "parsely-tags": "keywords",
    "sailthru.tags": "keywords",
    "news_keywords": "keywords",
    "keywords": "keywords",
    "application-name": "site_name",
}
# These hold comma-separated lists in one tag.
_LIST_NAMES = frozenset({"parsely-tags", "sailthru.tags", "news_keywords", "keywords", "article:tag"})
_META_ITEMPROPS: Mapping[str, str] = {"datePublished": "published", "dateModified": "modified"}
_META_HTTP_EQUIV: Mapping[str, str] = {"content-language": "language"}

# OpenGraph property -> Draft field; the source is the property itself.
_OPENGRAPH: Mapping[str, str] = {
    "og:title": "headline",
    "og:description": "description",
    "og:site_name": "site_name",
    "og:url": "url",
    "og:locale": "language",
    "og:updated_time": "modified",
    "article:published_time": "published",
    "article:modified_time": "modified",
    "article:author": "authors",
    "article:section": "sections",
    "article:tag": "keywords",
}
_OG_IMAGE_STARTS = frozenset({"og:image", "og:image:url"})

# Dublin Core element or term (after `DC.` / `DCTERMS.`) -> (Draft field, source).
_DUBLIN_CORE: Mapping[str, tuple[str, str]] = {
    "title": ("headline", "dc:title"),
    "creator": ("authors", "dc:creator"),
    "date": ("published", "dc:date"),
    "created": ("published", "dc:date"),
    "issued": ("published", "dc:date"),
    "modified": ("modified", "dc:modified"),
    "description": ("description", "dc:description"),
    "language": ("language", "dc:language"),
}


def harvest_head(tree: lxml.html.HtmlElement, harvest: Harvest) -> None:
    """Everything the head says about the article, each value under its own source."""
    _harvest_opengraph(_opengraph_properties(tree), harvest)
    _harvest_meta_tags(tree, harvest)
    _harvest_dublin_core(tree, harvest)
    harvest.add_text("headline", "<title>", _title(tree))
    harvest.add_text("url", "<link rel=canonical>", link_href(tree, "canonical"))
    root = tree.getroottree().getroot()
    harvest.add_text("language", "<html lang>", root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))


def base_href(tree: lxml.html.HtmlElement) -> str | None:
    hrefs = tree.xpath("//base/@href")
    return str(hrefs[0]).strip() if hrefs else None


def link_href(tree: lxml.html.HtmlElement, relation: str) -> str | None:
    for link in tree.iter("link"):
        if relation in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href")).strip()
    return None


def _title(tree: lxml.html.HtmlElement) -> str | None:
    # The head's <title>, not an SVG icon's <title> in the body.
    titles = tree.xpath("//head/title") or tree.xpath("//title[not(ancestor::svg)]")
    return titles[0].text_content() if titles else None


def _opengraph_properties(tree: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    properties: list[tuple[str, str]] = []
    for block in items_or_none(lambda: list(OpenGraphExtractor().extract_items(tree)), "OpenGraph"):
        properties.extend((str(key).lower(), str(value)) for key, value in block.get("properties", []))
    if not properties:
        # Some CMSs write OpenGraph with name= instead of property=, which extruct skips.
        properties = [(key, value) for kind, key, value in _meta_tags(tree)
                      if kind == "name" and key.startswith(("og:", "article:"))]
    return properties


def _harvest_opengraph(properties: list[tuple[str, str]], harvest: Harvest) -> None:
    for key, value in properties:
        field = _OPENGRAPH.get(key)
        if field == "authors":
            harvest.add_agent(key, value)
        elif field is not None:
            for part in value.split(",") if key in _LIST_NAMES else [value]:
                harvest.add_text(field, key, part)
    for image in _opengraph_images(properties):
        harvest.add_image(image)


def _opengraph_images(properties: list[tuple[str, str]]) -> Iterator[DraftImage]:
    """og:image and the og:image:* properties that follow it, grouped per image."""
    current: dict[str, str] = {}
    for key, value in properties:
        if key in _OG_IMAGE_STARTS and value.strip():
            if current:
                yield _og_image(current)
            current = {"url": value.strip()}
        elif key.startswith("og:image:") and current:
            current.setdefault(key.removeprefix("og:image:"), value.strip())
    if current:
        yield _og_image(current)


def _og_image(properties: Mapping[str, str]) -> DraftImage:
    url = properties.get("secure_url") or properties["url"]
    return DraftImage(
        where="og:image", url=url, caption=properties.get("alt") or None,
        width=pixels(properties.get("width")), height=pixels(properties.get("height")),
    )


def _harvest_meta_tags(tree: lxml.html.HtmlElement, harvest: Harvest) -> None:
    for kind, key, value in _meta_tags(tree):
        field, source = _meta_field(kind, key)
        if field is None:
            continue
        if key == "twitter:image":
            harvest.add_image(DraftImage(where=source, url=value.strip()))
        elif field == "authors":
            harvest.add_agent(source, value)
        else:
            for part in value.split(",") if key in _LIST_NAMES else [value]:
                harvest.add_text(field, source, part)


def _meta_field(kind: str, key: str) -> tuple[str | None, str]:
    if kind == "name":
        if key in ("twitter:image", "twitter:image:src"):
            return "images", "twitter:image"
        source = key if key.startswith("twitter:") else f"meta[name={key}]"
        return _META_NAMES.get(key), source
    if kind == "itemprop":
        return _META_ITEMPROPS.get(key), f"meta[itemprop={key}]"
    return _META_HTTP_EQUIV.get(key), f"meta[http-equiv={key}]"


def _meta_tags(tree: lxml.html.HtmlElement) -> Iterator[tuple[str, str, str]]:
    """(attribute kind, key, content) of every meta tag with content.

    `name` keys are lowercased (meta names are case-insensitive); `property`
    values that are not OpenGraph (twitter: under property=) count as names; an
    itemprop inside an itemscope belongs to microdata and is skipped here.
    """
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        name = meta.get("name") or meta.get("property")
        if name:
            yield "name", name.strip().lower(), content
        elif meta.get("itemprop") and not _inside_item(meta):
            yield "itemprop", str(meta.get("itemprop")).strip(), content
        elif meta.get("http-equiv"):
            yield "http-equiv", str(meta.get("http-equiv")).strip().lower(), content


def _inside_item(element: lxml.html.HtmlElement) -> bool:
    return any(ancestor.get("itemscope") is not None for ancestor in element.iterancestors())


def _harvest_dublin_core(tree: lxml.html.HtmlElement, harvest: Harvest) -> None:
    for block in items_or_none(lambda: list(DublinCoreExtractor().extract_items(tree)), "Dublin Core"):
        for entry in [*block.get("elements", []), *block.get("terms", [])]:
            term = str(entry.get("name", "")).rsplit(".", 1)[-1].lower()
            field_source = _DUBLIN_CORE.get(term)
            if field_source is None:
                continue
            field, source = field_source
            if field == "authors":
                harvest.add_agent(source, entry.get("content"))
            else:
                harvest.add_text(field, source, entry.get("content"))
