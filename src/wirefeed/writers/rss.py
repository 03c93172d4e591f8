"""RSS 2.0 through feedgen, clean by the W3C feed validator's rules."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

from wirefeed.model import Article, Image, Site
from wirefeed.writers.feedlinks import add_feed_links
from wirefeed.writers.feedpage import Content, FeedPage

GENERATOR = "wirefeed"
MEDIA_TYPE = "application/rss+xml"
SUFFIX = ".xml"

# What an empty feed built by render_rss() says it was updated; RSS writes no channel date then.
_NO_ITEMS = datetime(1970, 1, 1, tzinfo=timezone.utc)


def render_rss(articles: Sequence[Article], site: Site, content: Content, *, feed_url: str | None = None) -> bytes:
    """The site's RSS document for `articles` (newest first), with each item's body from `content`."""
    page = FeedPage(
        title=site.title,
        description=site.description,
        home_url=site.base_url,
        stem="feed",
        articles=tuple(articles),
        updated=max((article.modified for article in articles), default=_NO_ITEMS),
        hub=site.hub,
    )
    return render_rss_page(page, site, content, self_url=feed_url)


def render_rss_page(page: FeedPage, site: Site, content: Content, *, self_url: str | None = None) -> bytes:
    """One RSS document of a channel: the subscription feed or an RFC 5005 archive page."""
    generator = _channel(page, site, self_url or page.self_url(site, SUFFIX))
    # feedgen prepends each new entry, so adding oldest first leaves the newest on top.
    for article in reversed(page.articles):
        _item(generator, article, content(article))
    return bytes(generator.rss_str(pretty=True))


def _channel(page: FeedPage, site: Site, self_url: str) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("dc")
    generator.load_extension("media")
    generator.title(page.title)
    generator.description(page.description)
    # feedgen takes the channel <link> from the last link added: self first, the page last.
    generator.link(href=self_url, rel="self", type=MEDIA_TYPE)
    generator.link(href=page.home_url, rel="alternate")
    links = [(rel, href, MEDIA_TYPE if rel != "hub" else "") for rel, href in page.history_links(site, SUFFIX)]
    add_feed_links(generator, links, archive=page.is_archive)
    generator.language(site.language)
    generator.generator(GENERATOR)
    generator.copyright(site.copyright or f"Copyright {site.publisher.name}")
    if site.publisher.logo and site.publisher.logo.url:
        # The validator wants the channel image to repeat the channel's own title and link.
        generator.image(url=site.publisher.logo.url, title=page.title, link=page.home_url)
    if page.articles:
        # Never the clock: the same input must give the same bytes.
        generator.lastBuildDate(max(article.modified for article in page.articles))
        generator.pubDate(max(article.published for article in page.articles))
    return generator


def _item(generator: FeedGenerator, article: Article, content: str) -> None:
    entry = generator.add_entry()
    entry.title(article.headline)
    entry.link(href=article.url)
    entry.guid(article.guid, permalink=False)
    entry.pubDate(article.published)
    entry.description(article.description)
    # A CDATA section cannot hold `]]>` (lxml refuses it and the build would stop); such a body
    # goes in as escaped text instead, which a feed reader reads as the same HTML.
    entry.content(content, type="CDATA" if "]]>" not in content else None)
    for author in article.authors:
        entry.dc.dc_creator(author.name)
    for section in article.sections:
        entry.category(term=section)
    for image in article.images:
        if image.url:
            entry.media.content(media_content(image), group=None)


def media_content(image: Image) -> dict[str, str]:
    assert image.url is not None
    media = {"url": image.url, "medium": "image"}
    kind = mimetypes.guess_type(image.url)[0]
    if kind and kind.startswith("image/"):
        media["type"] = kind
    if image.width and image.height:
        media["width"] = str(image.width)
        media["height"] = str(image.height)
    return media
