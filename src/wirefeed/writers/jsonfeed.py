"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the same items, ids and dates as the RSS feed.

JSON Feed has no RFC 5005 archives; its `next_url` ("the next n items") leads from each document
to the next older one, the same chain that Atom and RSS follow with `prev-archive`.
"""

from __future__ import annotations

from typing import Any

from wirefeed.model import Agent, Article, Site
from wirefeed.site.feedpage import Content, FeedPage
from wirefeed.writers.jsonld import indented_json, iso

MEDIA_TYPE = "application/feed+json"
SUFFIX = ".json"
VERSION = "https://jsonfeed.org/version/1.1"

JsonObject = dict[str, Any]


def render_json_feed_page(page: FeedPage[Article], site: Site, content: Content) -> bytes:
    """One JSON Feed document of a channel, readable and in a fixed key order."""
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
    document["items"] = [_item(article, content(article)) for article in page.articles]
    return indented_json(document)


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
