"""Atom 1.0 (RFC 4287) through feedgen: the same items, ids and dates as the RSS feed.

Atom says what RSS cannot: each entry's `updated` is the article's modification time from the
publishing history, so a reader sees an edited story as an update of the entry it has, whose
`id` is the RSS item's GUID. The feed is feedgen's; each entry is written as the text feedgen
would give it (xmltext.py).
"""

from __future__ import annotations

from feedgen.feed import FeedGenerator

from wirefeed.model import Agent, Article, Site
from wirefeed.writers import xmltext
from wirefeed.writers.feedlinks import add_feed_links
from wirefeed.site.feedpage import Content, FeedPage, Item, ItemText
from wirefeed.writers.rss import GENERATOR, media_xml

MEDIA_TYPE = "application/atom+xml"
SUFFIX = ".atom"


def render_atom_page(page: FeedPage[Article], site: Site, content: Content) -> bytes:
    """One Atom document of a channel: the subscription feed or an RFC 5005 archive page."""
    return render_atom_document(page, site, lambda article: entry_xml(article, content(article), site).encode("utf-8"))


def render_atom_document(page: FeedPage[Item], site: Site, entries: ItemText[Item]) -> bytes:
    """The Atom document of `page` with each entry's text from `entries` (entry_xml()'s)."""
    feed = bytes(_feed(page, site).atom_str(pretty=True))
    return xmltext.splice(feed, _FEED_END, (entries(article) for article in page.articles))


def _feed(page: FeedPage[Item], site: Site) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("media", rss=False)
    # One id for every document of the channel (its subscription document's URL): RFC 5005
    # archive pages are parts of one feed, not feeds of their own.
    generator.id(page.url(site, page.current or page.stem, SUFFIX))
    generator.title(page.title)
    generator.subtitle(page.description)
    generator.link(href=page.self_url(site, SUFFIX), rel="self", type=MEDIA_TYPE)
    for rel, href in page.history_links(site, SUFFIX):
        generator.link(href=href, rel=rel, **({} if rel == "hub" else {"type": MEDIA_TYPE}))
    generator.link(href=page.home_url, rel="alternate", type="text/html")
    add_feed_links(generator, [], archive=page.is_archive)
    generator.language(site.language)
    generator.generator(GENERATOR)
    generator.rights(site.copyright or f"Copyright {site.publisher.name}")
    if site.publisher.logo and site.publisher.logo.url:
        generator.logo(site.publisher.logo.url)
    # Never the clock: the newest item's modification, or when the channel last changed.
    generator.updated(page.updated)
    return generator


# Where feedgen's pretty-printed feed ends: the entries go just before.
_FEED_END = b"</feed>\n"
_FIELD = " " * 4


def entry_xml(article: Article, content: str, site: Site) -> str:
    """One `<entry>` at its place in the feed: what feedgen's entry with these fields writes.

    (id, title, updated, authors, content, link, summary, categories, published, then the media
    extension, in feedgen's order.) feedgen 1.0.0 writes only the href of an entry link, which
    RFC 4287 reads as rel="alternate".
    """
    parts = ["  <entry>\n", xmltext.element(_FIELD, "id", article.guid), xmltext.element(_FIELD, "title", article.headline),
             xmltext.element(_FIELD, "updated", article.modified.isoformat())]
    # Atom requires an author for every entry; an article without a byline is the publisher's.
    parts.extend(_person_xml(author) for author in article.authors or entry_publishers(article, site) if author.name)
    parts.append(xmltext.optional_text_element(_FIELD, "content", content, ' type="html"'))
    parts.append(xmltext.empty_element(_FIELD, "link", (("href", article.url),)))
    parts.append(xmltext.optional_text_element(_FIELD, "summary", article.description))
    parts.extend(xmltext.empty_element(_FIELD, "category", (("term", section),)) for section in article.sections)
    parts.append(xmltext.element(_FIELD, "published", article.published.isoformat()))
    parts.append(origin_xml(article))
    parts.extend(media_xml(_FIELD, image) for image in article.images if image.url)
    parts.append("  </entry>\n")
    return "".join(parts)


def entry_publishers(article: Article, site: Site) -> tuple[Agent, ...]:
    """Who an entry without a byline is credited to: its publisher, ours only for our own articles.

    A story from elsewhere whose publisher nothing names (no URL, no site name) is credited to
    "unknown": Atom requires an author's name, and our brand would be false.
    """
    if not article.elsewhere:
        return (site.publisher,)
    return (article.provenance.publisher or _UNKNOWN,)


_UNKNOWN = Agent(name="unknown", kind="Organization")


def origin_xml(article: Article) -> str:
    """An entry from elsewhere says so: `<rights>` (the feed's rights would otherwise cover it,
    RFC 4287 4.2.10) and `<source>` with the original publisher's name and site (4.2.11)."""
    origin = article.provenance.publisher
    if not article.elsewhere or origin is None:
        return ""
    parts = [xmltext.element(_FIELD, "rights", f"Copyright {origin.name}"), f"{_FIELD}<source>\n"]
    if origin.url:
        parts.append(xmltext.element(_FIELD + "  ", "id", origin.url))
    parts.append(xmltext.element(_FIELD + "  ", "title", origin.name))
    if origin.url:
        parts.append(xmltext.empty_element(_FIELD + "  ", "link", (("rel", "alternate"), ("href", origin.url))))
    parts.append(f"{_FIELD}</source>\n")
    return "".join(parts)


def _person_xml(agent: Agent) -> str:
    uri = xmltext.element(_FIELD + "  ", "uri", agent.url) if agent.url else ""
    return f"{_FIELD}<author>\n{xmltext.element(_FIELD + '  ', 'name', agent.name)}{uri}{_FIELD}</author>\n"
