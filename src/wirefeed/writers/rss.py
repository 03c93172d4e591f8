"""RSS 2.0 through feedgen, clean by the W3C feed validator's rules."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Sequence

from feedgen.feed import FeedGenerator

from wirefeed.model import Article, Image, Site

GENERATOR = "wirefeed"


def render_rss(articles: Sequence[Article], site: Site, content: Callable[[Article], str], *, feed_url: str | None = None) -> bytes:
    """The RSS document for `articles` (newest first), with each item's body from `content`."""
    generator = _channel(articles, site, feed_url or site.feed_url)
    # feedgen prepends each new entry, so adding oldest first leaves the newest on top.
    for article in reversed(articles):
        _item(generator, article, content(article))
    return bytes(generator.rss_str(pretty=True))


def _channel(articles: Sequence[Article], site: Site, feed_url: str) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("dc")
    generator.load_extension("media")
    generator.title(site.title)
    generator.description(site.description)
    # feedgen takes the channel <link> from the last link added: self first, the site last.
    generator.link(href=feed_url, rel="self", type="application/rss+xml")
    generator.link(href=site.base_url, rel="alternate")
    generator.language(site.language)
    generator.generator(GENERATOR)
    generator.copyright(site.copyright or f"Copyright {site.publisher.name}")
    if site.publisher.logo and site.publisher.logo.url:
        # The validator wants the channel image to repeat the channel's own title and link.
        generator.image(url=site.publisher.logo.url, title=site.title, link=site.base_url)
    if articles:
        # Never the clock: the same input must give the same bytes.
        generator.lastBuildDate(max(article.modified for article in articles))
        generator.pubDate(max(article.published for article in articles))
    return generator


def _item(generator: FeedGenerator, article: Article, content: str) -> None:
    entry = generator.add_entry()
    entry.title(article.headline)
    entry.link(href=article.url)
    entry.guid(article.guid, permalink=False)
    entry.pubDate(article.published)
    entry.description(article.description)
    entry.content(content, type="CDATA")
    for author in article.authors:
        entry.dc.dc_creator(author.name)
    for section in article.sections:
        entry.category(term=section)
    for image in article.images:
        if image.url:
            entry.media.content(_media(image), group=None)


def _media(image: Image) -> dict[str, str]:
    assert image.url is not None
    media = {"url": image.url, "medium": "image"}
    kind = mimetypes.guess_type(image.url)[0]
    if kind and kind.startswith("image/"):
        media["type"] = kind
    if image.width and image.height:
        media["width"] = str(image.width)
        media["height"] = str(image.height)
    return media
