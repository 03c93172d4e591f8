"""ninjs out: each article as an IPTC ninjs 3.1 document (or 2.2, `[site] ninjs_version`).

The document sits beside the article's JSON-LD (`articles/<slug>.ninjs.json`), for the
newsroom systems and aggregators that take ninjs rather than schema.org. It validates against
IPTC's JSON Schema of its version (tests/test_ninjs_out.py). The two versions say the same
things: 2.2 spells the keys in lower case (`versioncreated`, `contenttype`), 3.x in camelCase.
"""

from __future__ import annotations

from html import escape
from typing import Any

from wirefeed.layout import page_stem
from wirefeed.model import Agent, Article, Image, Site
from wirefeed.writers.jsonld import indented_json, iso

__all__ = ["NINJS_SUFFIX", "NINJS_VERSIONS", "article_ninjs", "ninjs_bytes", "ninjs_path_beside"]

JsonObject = dict[str, Any]

NINJS_SUFFIX = ".ninjs.json"
# The versions wirefeed writes, each with its keys that differ (3.x name -> 2.x name).
NINJS_VERSIONS = ("3.1", "2.2")
_LOWER_CASE_KEYS = {
    "firstCreated": "firstcreated", "versionCreated": "versioncreated", "pubStatus": "pubstatus",
    "contentType": "contenttype", "copyrightHolder": "copyrightholder", "copyrightNotice": "copyrightnotice",
}


def ninjs_path_beside(page: str) -> str:
    """The ninjs file of the article page at `page` (`articles/x.html` -> `articles/x.ninjs.json`)."""
    return page_stem(page) + NINJS_SUFFIX


def ninjs_bytes(article: Article, site: Site) -> bytes:
    """The `.ninjs.json` file: the document as indented UTF-8 JSON, keys in a fixed order."""
    return indented_json(article_ninjs(article, site))


def article_ninjs(article: Article, site: Site) -> JsonObject:
    """The ninjs document of one article, in the version the site asks for."""
    document = _ninjs_3(article, site)
    if site.ninjs_version.startswith("2."):
        lowered: JsonObject = _in_lower_case(document)
        return lowered
    return document


def _ninjs_3(article: Article, site: Site) -> JsonObject:
    version = site.ninjs_version
    document: JsonObject = {
        # The story's own identifier when it came with one (a wire item's uri), else its feed GUID.
        "uri": article.uri or article.guid,
        "standard": {"name": "ninjs", "version": version, "schema": f"http://www.iptc.org/std/ninjs/ninjs-schema_{version}.json#"},
        "type": "text",
        "version": article.version or "1",
        "firstCreated": iso(article.published),
        "versionCreated": iso(article.modified),
        "pubStatus": "usable",
        "language": article.language,
        "headlines": [{"role": "main", "value": article.headline}],
        "descriptions": [{"role": "summary", "contentType": "text/plain", "value": article.description}],
    }
    authors = [author for author in article.authors if author != site.publisher]
    if authors:
        document["by"] = _byline(authors)
        document["people"] = [_agent(author) for author in authors if author.kind == "Person"]
    if article.dateline:
        document["located"] = article.dateline
    subjects = _subjects(article)
    if subjects:
        document["subjects"] = subjects
    document["bodies"] = [{"role": "main", "contentType": "text/html", "value": body_html(article.body)}]
    associations = [_association(image, number) for number, image in enumerate(article.images, start=1) if image.url]
    if associations:
        document["associations"] = associations
    holder = _copyright_holder(article, site)
    if holder:
        document["copyrightHolder"] = holder
    # The site's notice covers its own articles only (a story from elsewhere is its publisher's).
    if site.copyright and not article.elsewhere:
        document["copyrightNotice"] = site.copyright
    # The article's page: where a reader of the ninjs finds the story on the web.
    document["renditions"] = [{"name": "web", "href": article.url, "contentType": "text/html"}]
    return {key: value for key, value in document.items() if value != []}


def body_html(paragraphs: tuple[str, ...]) -> str:
    """The paragraphs as escaped HTML, one <p> a line."""
    return "\n".join(f"<p>{escape(paragraph, quote=False)}</p>" for paragraph in paragraphs)


def _copyright_holder(article: Article, site: Site) -> str | None:
    """The site's publisher for its own articles; for one from elsewhere, its original publisher
    (nobody when nothing names it), as the JSON-LD says."""
    if not article.elsewhere:
        return site.publisher.name
    publisher = article.provenance.publisher
    return publisher.name if publisher else None


def _byline(authors: list[Agent]) -> str:
    names = [author.name for author in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _agent(author: Agent) -> JsonObject:
    person: JsonObject = {"name": author.name, "rel": "creator"}
    if author.url:
        person["uri"] = author.url
    return person


def _subjects(article: Article) -> list[JsonObject]:
    """Sections first, then keywords not already among them (case aside)."""
    names: list[str] = []
    for name in (*article.sections, *article.keywords):
        if name.lower() not in {kept.lower() for kept in names}:
            names.append(name)
    return [{"name": name} for name in names]


def _association(image: Image, number: int) -> JsonObject:
    assert image.url is not None
    rendition: JsonObject = {"name": "main", "href": image.url}
    if image.width:
        rendition["width"] = image.width
    if image.height:
        rendition["height"] = image.height
    association: JsonObject = {"name": f"image{number}", "uri": image.url, "type": "picture"}
    if image.caption:
        association["descriptions"] = [{"role": "caption", "contentType": "text/plain", "value": image.caption}]
    if image.credit:
        association["by"] = image.credit
    association["renditions"] = [rendition]
    return association


def _in_lower_case(value: Any) -> Any:
    """The 3.x document with 2.x's spelling of the keys."""
    if isinstance(value, dict):
        return {_LOWER_CASE_KEYS.get(key, key): _in_lower_case(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_in_lower_case(item) for item in value]
    return value
