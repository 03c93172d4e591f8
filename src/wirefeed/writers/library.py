"""The writers as a library: each output of one or a few articles from the records and a Site alone.

A build renders feeds per channel and archive page, with the history's dates; these functions
render the site's own feed of the articles given (newest first, as given), with each item's
body from the site's templates unless `content` says otherwise. The bytes are those a build
writes for the same articles in `feed.xml`, `feed.atom`, `feed.json` and the article's page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from wirefeed.model import Article, Site
from wirefeed.writers import atom, jsonfeed, rss
from wirefeed.site.feedpage import Content, FeedPage
from wirefeed.writers.html import render_article, render_content, template_environment

__all__ = ["render_atom", "render_json_feed", "render_page", "render_rss", "site_feed_page"]

# What an empty feed says it was updated (RSS then writes no channel date; Atom and JSON Feed need one).
NO_ITEMS = datetime(1970, 1, 1, tzinfo=timezone.utc)


def site_feed_page(articles: Sequence[Article], site: Site) -> FeedPage[Article]:
    """The site's subscription document (`feed.*`) holding `articles`, newest first."""
    return FeedPage(
        title=site.title,
        description=site.description,
        home_url=site.base_url,
        stem="feed",
        articles=tuple(articles),
        updated=max((article.modified for article in articles), default=NO_ITEMS),
        hubs=site.hubs,
    )


def _site_content(site: Site) -> Content:
    environment = template_environment(site)
    return lambda article: render_content(environment, article)


def render_rss(articles: Sequence[Article], site: Site, content: Content | None = None, *, feed_url: str | None = None) -> bytes:
    """The site's RSS document for `articles` (newest first); `feed_url`: its own address (default `feed.xml`)."""
    return rss.render_rss_page(site_feed_page(articles, site), site, content or _site_content(site), self_url=feed_url)


def render_atom(articles: Sequence[Article], site: Site, content: Content | None = None) -> bytes:
    """The site's Atom document for `articles` (newest first)."""
    return atom.render_atom_page(site_feed_page(articles, site), site, content or _site_content(site))


def render_json_feed(articles: Sequence[Article], site: Site, content: Content | None = None) -> bytes:
    """The site's JSON Feed document for `articles` (newest first)."""
    return jsonfeed.render_json_feed_page(site_feed_page(articles, site), site, content or _site_content(site))


def render_page(article: Article, site: Site) -> str:
    """The article's HTML page, its JSON-LD inside, as the site's templates make it."""
    return render_article(template_environment(site), article, site)
