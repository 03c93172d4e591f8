"""RSS 2.0 through feedgen, clean by the W3C feed validator's rules.

The channel is feedgen's; each item is written as the text feedgen would give it (xmltext.py).
"""

from __future__ import annotations

import mimetypes

from feedgen.feed import FeedGenerator

from wirefeed.model import Article, Image, Site
from wirefeed.writers import xmltext
from wirefeed.writers.feedlinks import add_feed_links
from wirefeed.site.feedpage import Content, FeedPage, Item, ItemText

GENERATOR = "wirefeed"
MEDIA_TYPE = "application/rss+xml"
SUFFIX = ".xml"

def render_rss_page(page: FeedPage[Article], site: Site, content: Content, *, self_url: str | None = None) -> bytes:
    """One RSS document of a channel: the subscription feed or an RFC 5005 archive page."""
    return render_rss_document(page, site, lambda article: item_xml(article, content(article)).encode("utf-8"), self_url=self_url)


def render_rss_document(page: FeedPage[Item], site: Site, items: ItemText[Item], *, self_url: str | None = None) -> bytes:
    """The RSS document of `page` with each item's text from `items` (item_text()'s, maybe kept
    from an earlier page: site/plan.py renders an article's item once for all its channels)."""
    channel = bytes(_channel(page, site, self_url or page.self_url(site, SUFFIX)).rss_str(pretty=True))
    return xmltext.splice(channel, _CHANNEL_END, (items(article) for article in page.articles))


def item_text(article: Article, content: str, site: Site) -> str:
    """The `<item>` of `article` in any of the site's RSS documents (site/feeds.py's FeedFormat.item)."""
    return item_xml(article, content)


def _channel(page: FeedPage[Item], site: Site, self_url: str) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("dc")
    generator.load_extension("media")
    generator.title(page.title)
    # Readers render a channel's description as HTML as they do an item's (feedparser does).
    generator.description(xmltext.html_text(page.description))
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


# Where feedgen's pretty-printed channel ends: the items go just before.
_CHANNEL_END = b"  </channel>\n</rss>\n"
_FIELD = " " * 6


def item_xml(article: Article, content: str) -> str:
    """One `<item>` at its place in the channel: what feedgen's entry with these fields writes.

    (title, link, description and content, guid, categories, pubDate, then the dc and media
    extensions, in feedgen's order; empty fields left out as feedgen leaves them out.)
    """
    parts = ["    <item>\n"]
    if article.headline:
        parts.append(xmltext.element(_FIELD, "title", article.headline))
    if article.url:
        parts.append(xmltext.element(_FIELD, "link", article.url))
    # A CDATA section cannot hold `]]>`; such a body goes in as escaped text instead, which a
    # feed reader reads as the same HTML. Without a description feedgen puts the body there.
    # The description is HTML to readers, so the plain-text lede is HTML-escaped first; the
    # title, categories and dc:creator are plain text (the RSS Best Practices Profile), escaped once.
    body = f"<![CDATA[{content}]]>" if "]]>" not in content else xmltext.text(content)
    if article.description:
        parts.append(xmltext.html_text_element(_FIELD, "description", article.description))
        parts.append(f"{_FIELD}<content:encoded>{body}</content:encoded>\n")
    else:
        parts.append(f"{_FIELD}<description>{body}</description>\n")
    parts.append(f'{_FIELD}<guid isPermaLink="false">{xmltext.text(article.guid)}</guid>\n')
    parts.extend(xmltext.element(_FIELD, "category", section) for section in article.sections)
    parts.append(f"{_FIELD}<pubDate>{xmltext.rfc2822(article.published)}</pubDate>\n")
    parts.append(source_xml(article))
    parts.extend(xmltext.element(_FIELD, "dc:creator", author.name) for author in article.authors)
    parts.extend(media_xml(_FIELD, image) for image in article.images if image.url)
    parts.append("    </item>\n")
    return "".join(parts)


def source_xml(article: Article) -> str:
    """`<source url="...">Publisher</source>` of a story from elsewhere: the RSS 2.0 element that
    names the channel an item came from, its url the publisher's site (or the feed a desk's
    `[sources]` url gives). Empty for the site's own articles, and when no URL is known."""
    origin = article.provenance.publisher
    if not article.elsewhere or origin is None or not origin.url:
        return ""
    return f'{_FIELD}<source url="{xmltext.attribute(origin.url)}">{xmltext.text(origin.name)}</source>\n'


def media_xml(indent: str, image: Image) -> str:
    """`<media:content>` as feedgen's media extension writes it (its attribute order, empty ones left out)."""
    media = media_content(image)
    order = ("url", "type", "medium", "height", "width")
    return xmltext.empty_element(indent, "media:content", ((name, media[name]) for name in order if media.get(name)))


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
