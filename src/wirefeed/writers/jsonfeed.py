"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the same items, ids and dates as the RSS feed.

JSON Feed has no RFC 5005 archives; its `next_url` ("the next n items") leads from each document
to the next older one, the same chain that Atom and RSS follow with `prev-archive`.
"""

from __future__ import annotations

from typing import Any

from wirefeed.model import Agent, Article, Site
from wirefeed.site.feedpage import Content, FeedPage, Item, ItemText
from wirefeed.writers.jsonld import indented_json, iso

MEDIA_TYPE = "application/feed+json"
SUFFIX = ".json"
VERSION = "https://jsonfeed.org/version/1.1"

JsonObject = dict[str, Any]


def render_json_feed_page(page: FeedPage[Article], site: Site, content: Content) -> bytes:
    """One JSON Feed document of a channel, readable and in a fixed key order."""
    return render_json_feed_document(page, site, lambda article: item_text(article, content(article), site).encode("utf-8"))


def render_json_feed_document(page: FeedPage[Item], site: Site, items: ItemText[Item]) -> bytes:
    """The JSON Feed document of `page` with each item's text from `items` (item_text()'s).

    The bytes are `json.dumps(document, ensure_ascii=False, indent=2)`'s with the items in the
    document: the document is written with an empty `items` (its last member), and the items'
    own indented text goes in its place, each line two levels in.
    """
    document: JsonObject = {
        "version": VERSION,
        "title": page.title,
        "home_page_url": page.home_url,
        "feed_url": page.self_url(site, SUFFIX),
        "description": page.description,
        "language": site.language,
        "authors": [_author(site.publisher)],
    }
    if page.hubs:
        document["hubs"] = [{"type": "WebSub", "url": hub} for hub in page.hubs]
    if page.prev_archive:
        document["next_url"] = page.url(site, page.prev_archive, SUFFIX)
    document["items"] = []
    text = indented_json(document)
    if not page.articles:
        return text
    if not text.endswith(_NO_ITEMS):
        raise ValueError(f"JSON Feed document does not end with {_NO_ITEMS!r}")
    joined = b",\n".join(items(article) for article in page.articles)
    return text[: -len(_NO_ITEMS)] + b'  "items": [\n' + joined + b"\n  ]\n}\n"


# How the document without items ends: `items` is its last member.
_NO_ITEMS = b'  "items": []\n}\n'
# An item's lines inside the document's `items` array: two levels of two spaces.
_ITEM_INDENT = "    "


def item_text(article: Article, content: str, site: Site) -> str:
    """The item of `article` as it stands in a JSON Feed document's `items`: indented two levels,
    without the comma between items or a newline after it (site/feeds.py's FeedFormat.item).
    JSON escapes every newline inside a string, so each line of the text is a line of JSON."""
    text = indented_json(_item(article, content)).decode("utf-8").rstrip("\n")
    return _ITEM_INDENT + text.replace("\n", "\n" + _ITEM_INDENT)


def _item(article: Article, content: str) -> JsonObject:
    item: JsonObject = {
        "id": article.guid,
        "url": article.url,
        "title": article.headline,
        "content_html": content,
        "summary": article.description,
    }
    image = next((image.url for image in article.images if image.url), None)
    if image:
        item["image"] = image
    item.update({
        "date_published": iso(article.published),
        "date_modified": iso(article.modified),
        "authors": [_author(author) for author in item_authors(article)],
    })
    if article.sections:
        item["tags"] = list(article.sections)
    item["language"] = article.language
    if not item["authors"]:
        del item["authors"]
    return item


def item_authors(article: Article) -> tuple[Agent, ...]:
    """JSON Feed has no source element: a story from elsewhere without a byline is credited to its
    original publisher (with its site's URL), never to ours."""
    if article.authors or not article.elsewhere or article.provenance.publisher is None:
        return article.authors
    return (article.provenance.publisher,)


def _author(agent: Agent) -> JsonObject:
    author: JsonObject = {"name": agent.name}
    if agent.url:
        author["url"] = agent.url
    return author
