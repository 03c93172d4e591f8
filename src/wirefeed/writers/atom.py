"""Atom 1.0 (RFC 4287) through feedgen: the same items, ids and dates as the RSS feed.

Atom says what RSS cannot: each entry's `updated` is the article's modification time from the
publishing history, so a reader sees an edited story as an update of the entry it has, whose
`id` is the RSS item's GUID.
"""

from __future__ import annotations

from feedgen.feed import FeedGenerator

from wirefeed.model import Agent, Article, Site
from wirefeed.writers.feedlinks import add_feed_links
from wirefeed.writers.feedpage import Content, FeedPage
from wirefeed.writers.rss import GENERATOR, media_content

MEDIA_TYPE = "application/atom+xml"
SUFFIX = ".atom"


def render_atom(page: FeedPage, site: Site, content: Content) -> bytes:
    """One Atom document of a channel: the subscription feed or an RFC 5005 archive page."""
    generator = _feed(page, site)
    # feedgen prepends each new entry, so adding oldest first leaves the newest on top.
    for article in reversed(page.articles):
        _entry(generator, article, content(article), site)
    return bytes(generator.atom_str(pretty=True))


def _feed(page: FeedPage, site: Site) -> FeedGenerator:
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


def _entry(generator: FeedGenerator, article: Article, content: str, site: Site) -> None:
    entry = generator.add_entry()
    entry.id(article.guid)
    entry.title(article.headline)
    # feedgen 1.0.0 writes only the href of an entry link; RFC 4287 reads that as rel="alternate".
    entry.link(href=article.url, rel="alternate", type="text/html")
    entry.published(article.published)
    entry.updated(article.modified)
    # Atom requires an author for every entry; an article without a byline is the publisher's.
    for author in article.authors or (site.publisher,):
        entry.author(_person(author))
    entry.summary(article.description)
    entry.content(content, type="html")
    for section in article.sections:
        entry.category(term=section)
    for image in article.images:
        if image.url:
            entry.media.content(media_content(image), group=None)


def _person(agent: Agent) -> dict[str, str]:
    person = {"name": agent.name}
    if agent.url:
        person["uri"] = agent.url
    return person
