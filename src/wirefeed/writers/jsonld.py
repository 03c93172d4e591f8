"""schema.org NewsArticle JSON-LD: one linked @graph per article, as the best emitters write it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import orjson

from wirefeed.layout import author_path, section_path
from wirefeed.model import Agent, Article, Image, Site
from wirefeed.normalize.ids import name_slug

JsonObject = dict[str, Any]

# Inside <script> the text is raw: `</script>` or `<!--` in a headline would end the element or
# open a comment. JSON's \u escapes keep the same string without those characters.
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def article_jsonld(article: Article, site: Site) -> JsonObject:
    """The JSON-LD document for one article (not to be changed: the last one is reused).

    An article's page and its `.jsonld` file carry the same document and are rendered one
    after the other: the document is built once for both.
    """
    for last_article, last_site, last_document in _last_document:
        if last_article is article and last_site is site:
            return last_document
    document = _article_jsonld(article, site)
    _last_document[:] = [(article, site, document)]
    return document


_last_document: list[tuple[Article, Site, JsonObject]] = []


def _article_jsonld(article: Article, site: Site) -> JsonObject:
    if article.elsewhere:
        return _elsewhere_jsonld(article, site)
    nodes: list[JsonObject] = [
        _news_article(article, site),
        _web_page(article, site),
        _web_site(site),
        _organization(site.publisher, site),
    ]
    nodes.extend(_agent_node(author, site) for author in article.authors if author != site.publisher)
    nodes.extend(_image_node(image, _image_id(article, index)) for index, image in enumerate(_pictures(article)))
    nodes.append(_breadcrumbs(article, site))
    return {"@context": "https://schema.org", "@graph": nodes}


def to_json(document: JsonObject) -> str:
    """The `.jsonld` file's text: readable, UTF-8, stable key order as built."""
    return indented_json(document).decode("utf-8")


def indented_json(document: Any) -> bytes:
    """`json.dumps(document, ensure_ascii=False, indent=2) + "\\n"` as UTF-8, byte for byte.

    With `indent` set, the json module falls back to its pure-Python encoder; orjson's
    OPT_INDENT_2 writes the same bytes (checked against every golden file and in
    tests/test_fast_helpers.py) about twenty times faster (see _by_orjson).
    """
    fast = _by_orjson(document, orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    return fast if fast is not None else (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _by_orjson(document: Any, option: int = 0) -> bytes | None:
    """orjson's bytes of `document`, or None where they could differ from the json module's:
    floats and integers beyond 64 bits, which orjson writes otherwise or refuses, and what
    it refuses besides (keys that are not strings, lone surrogates)."""
    if _has_float_or_big_int(document):
        return None
    try:
        return orjson.dumps(document, option=option)
    except TypeError:
        return None


def _has_float_or_big_int(document: Any) -> bool:
    # A walk with a stack, strings passed over first: a recursive any() over generators was 7 %
    # of a full build (a JSON Feed document holds 50 items, a JSON-LD graph a dozen nodes).
    stack = [document]
    while stack:
        value = stack.pop()
        if type(value) is str:
            continue
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
        elif isinstance(value, float):
            return True
        elif isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**64:
            return True
    return False


def compact_json(document: Any) -> str:
    """`json.dumps(document, ensure_ascii=False, separators=(",", ":"))`, character for character.

    orjson writes the same text (checked in tests/test_fast_helpers.py), about ten times
    faster: an article page's JSON-LD was 2 % of a full build in the json module (see _by_orjson).
    """
    fast = _by_orjson(document)
    return fast.decode("utf-8") if fast is not None else json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def to_script_text(document: JsonObject, *, ascii_only: bool = False) -> str:
    """The text to put between <script type="application/ld+json"> and </script>, safe as it is;
    `ascii_only`: every other character as a `\\u` escape (for a page in any ASCII-compatible charset)."""
    text = json.dumps(document, ensure_ascii=True, separators=(",", ":")) if ascii_only else compact_json(document)
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def iso(moment: datetime, article: Article | None = None) -> str:
    """ISO 8601 with the offset, to the second (schema.org and Atom both read it); with `article`,
    the day alone (`2021-03-11`, a schema.org Date) when the article's input gave only the day."""
    day = article.day_of(moment) if article is not None else None
    return day.isoformat() if day else moment.isoformat(timespec="seconds")


def organization_id(site: Site) -> str:
    return site.base_url + "#organization"


def agent_id(agent: Agent, site: Site) -> str:
    if agent == site.publisher:
        return organization_id(site)
    kind = "person" if agent.kind == "Person" else "organization"
    return f"{site.base_url}#/schema/{kind}/{name_slug(agent.name)}"


def _image_id(article: Article, index: int) -> str:
    return f"{article.url}#primaryimage" if index == 0 else f"{article.url}#image-{index + 1}"


def _pictures(article: Article) -> list[Image]:
    """The images that are pictures: an image without a URL is a caption only, which the page
    shows as text, and never a schema.org `image` (Google needs a URL to show one)."""
    return [image for image in article.images if image.url]


def _ref(node_id: str) -> JsonObject:
    return {"@id": node_id}


def _news_article(article: Article, site: Site) -> JsonObject:
    node: JsonObject = {
        "@type": "NewsArticle",
        "@id": f"{article.url}#article",
        "isPartOf": _ref(f"{article.url}#webpage"),
        "mainEntityOfPage": _ref(f"{article.url}#webpage"),
        "headline": article.headline,
        "description": article.description,
        "datePublished": iso(article.published, article),
        "dateModified": iso(article.modified, article),
        "author": [_ref(agent_id(author, site)) for author in article.authors],
        "publisher": _ref(organization_id(site)),
    }
    pictures = _pictures(article)
    if pictures:
        node["image"] = [_ref(_image_id(article, index)) for index in range(len(pictures))]
        node["thumbnailUrl"] = pictures[0].url
    if article.sections:
        node["articleSection"] = list(article.sections)
    if article.keywords:
        node["keywords"] = list(article.keywords)
    if article.dateline:
        node["dateline"] = article.dateline
    node.update({
        "articleBody": "\n\n".join(article.body),
        "wordCount": article.word_count,
        "inLanguage": article.language,
        "isAccessibleForFree": True,
        "copyrightHolder": _ref(organization_id(site)),
        "copyrightYear": article.published.year,
    })
    if not article.body:
        del node["articleBody"]
    return node


def _elsewhere_jsonld(article: Article, site: Site) -> JsonObject:
    """The graph of another publisher's article: theirs as publisher, source and copyright holder,
    based on their URL; our site only the sdPublisher (who wrote this structured data).

    Its WebPage is the original page, so it is no part of our WebSite.
    """
    origin = article.provenance.publisher
    news_article = _news_article(article, site)
    _credit_origin(news_article, article, site)
    web_page = _web_page(article, site)
    del web_page["isPartOf"]
    nodes: list[JsonObject] = [news_article, web_page, _organization(site.publisher, site)]
    if origin is not None:
        nodes.append(_source_organization(origin, site))
    # An author of the origin's name is the origin's node already (one @id, one node).
    taken = {organization_id(site), *([agent_id(origin, site)] if origin else [])}
    nodes.extend(_agent_node(author, site) for author in article.authors if agent_id(author, site) not in taken)
    nodes.extend(_image_node(image, _image_id(article, index)) for index, image in enumerate(article.images))
    nodes.append(_breadcrumbs(article, site))
    return {"@context": "https://schema.org", "@graph": nodes}


def _credit_origin(node: JsonObject, article: Article, site: Site) -> None:
    """Give a NewsArticle node of an article from elsewhere its origin: publisher, sourceOrganization
    and copyrightHolder the original publisher (left out when nothing names it), isBasedOn the
    original URL, and sdPublisher our organization."""
    origin = article.provenance.publisher
    for key in ("publisher", "copyrightHolder", "copyrightYear"):
        node.pop(key)
    if origin is not None:
        node["publisher"] = _ref(agent_id(origin, site))
        node["sourceOrganization"] = _ref(agent_id(origin, site))
        node["copyrightHolder"] = _ref(agent_id(origin, site))
        node["copyrightYear"] = article.published.year
    if article.provenance.url:
        node["isBasedOn"] = article.provenance.url
    node["sdPublisher"] = _ref(organization_id(site))
    if not node["author"]:
        del node["author"]  # no byline: nobody stands in for the original's authors


def _source_organization(origin: Agent, site: Site) -> JsonObject:
    """The original publisher's node: only what is known of it (no page of ours stands in for its URL)."""
    node: JsonObject = {"@type": "Organization", "@id": agent_id(origin, site), "name": origin.name}
    if origin.url:
        node["url"] = origin.url
    if origin.logo and origin.logo.url:
        node["logo"] = _image_node(origin.logo, agent_id(origin, site) + "/logo")
    return node


def _web_page(article: Article, site: Site) -> JsonObject:
    node: JsonObject = {
        "@type": "WebPage",
        "@id": f"{article.url}#webpage",
        "url": article.url,
        "name": article.headline,
        "isPartOf": _ref(site.base_url + "#website"),
        "inLanguage": article.language,
        "datePublished": iso(article.published, article),
        "dateModified": iso(article.modified, article),
        "breadcrumb": _ref(f"{article.url}#breadcrumb"),
    }
    if _pictures(article):
        node["primaryImageOfPage"] = _ref(_image_id(article, 0))
    return node


def _web_site(site: Site) -> JsonObject:
    return {
        "@type": "WebSite",
        "@id": site.base_url + "#website",
        "url": site.base_url,
        "name": site.title,
        "description": site.description,
        "publisher": _ref(organization_id(site)),
        "inLanguage": site.language,
    }


def _organization(publisher: Agent, site: Site) -> JsonObject:
    node: JsonObject = {"@type": "Organization", "@id": organization_id(site), "name": publisher.name}
    if publisher.url:
        node["url"] = publisher.url
    if publisher.logo and publisher.logo.url:
        node["logo"] = _image_node(publisher.logo, site.base_url + "#logo")
    return node


def _agent_node(agent: Agent, site: Site) -> JsonObject:
    # An author without a URL of their own is identified by their page on this site.
    url = agent.url or site.absolute(author_path(agent.name))
    node: JsonObject = {"@type": agent.kind, "@id": agent_id(agent, site), "name": agent.name, "url": url}
    if agent.logo and agent.logo.url:
        node["logo"] = _image_node(agent.logo, agent_id(agent, site) + "/logo")
    return node


def _image_node(image: Image, node_id: str) -> JsonObject:
    node: JsonObject = {"@type": "ImageObject", "@id": node_id}
    if image.url:
        node["url"] = image.url
        node["contentUrl"] = image.url
    if image.width and image.height:
        node["width"] = image.width
        node["height"] = image.height
    if image.caption:
        node["caption"] = image.caption
    if image.credit:
        node["creditText"] = image.credit
    return node


def _breadcrumbs(article: Article, site: Site) -> JsonObject:
    trail = [("Home", site.base_url)]
    trail += [(section, site.absolute(section_path(section))) for section in article.sections]
    trail.append((article.headline, article.url))
    items = [
        {"@type": "ListItem", "position": position, "name": name, "item": _ref(url)}
        for position, (name, url) in enumerate(trail, start=1)
    ]
    return {"@type": "BreadcrumbList", "@id": f"{article.url}#breadcrumb", "itemListElement": items}
