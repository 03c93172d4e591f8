"""One feed document, independent of its format: the RSS, Atom and JSON Feed writers all render it.

A channel (the site, a section, an author) is published as a subscription document and, once it
has more items than the feed size, RFC 5005 archive documents. Each document of each channel is
one FeedPage; each format turns it into bytes at `<stem><suffix>` (`feed.xml`, `archive/2.atom`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from typing import Generic, TypeVar

from wirefeed.model import Article, ListedArticle, Site

# The body each feed carries for an article (`content:encoded`, Atom `content`, `content_html`).
Content = Callable[[Article], str]

# A feed page's articles: plain Articles for the writers, maybe handles while the site is planned (cache/ref.py).
Item = TypeVar("Item", bound=ListedArticle)
Other = TypeVar("Other", bound=ListedArticle)

# An article's item in one feed format, as UTF-8 text at its place in the document: a writer's
# own, or one rendered earlier for another channel holding the same article (site/items.py).
ItemText = Callable[[Item], bytes]

# RFC 5005's namespace for `fh:archive`, the marker of an archive document.
HISTORY_NS = "http://purl.org/syndication/history/1.0"
ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, slots=True)
class FeedPage(Generic[Item]):
    """A feed document: its channel's title and page, its items (newest first) and its links.

    Links to other documents of the channel are stems (`sections/economy/feed`), so each format
    links to the document of its own format.
    """

    title: str
    description: str
    home_url: str  # the HTML page this feed stands for
    stem: str  # where this document lives, without the format's suffix
    articles: tuple[Item, ...]
    updated: datetime  # its newest item's modification; with no items, when the channel last changed
    hubs: tuple[str, ...] = ()
    is_archive: bool = False
    current: str | None = None  # an archive page's subscription document
    prev_archive: str | None = None  # the next older archive page
    next_archive: str | None = None  # the next newer archive page, once there is one

    def holding(self, articles: tuple[Other, ...]) -> FeedPage[Other]:
        """This page with `articles` in place of its own (the same ones resolved, for the writers)."""
        return FeedPage(self.title, self.description, self.home_url, self.stem, articles, self.updated, self.hubs,
                        self.is_archive, self.current, self.prev_archive, self.next_archive)

    def url(self, site: Site, stem: str, suffix: str) -> str:
        return site.absolute(stem + suffix)

    def self_url(self, site: Site, suffix: str) -> str:
        return self.url(site, self.stem, suffix)

    def history_links(self, site: Site, suffix: str) -> list[tuple[str, str]]:
        """(rel, URL) for WebSub and RFC 5005, in a fixed order: hub, current, prev-, next-archive."""
        links = [("hub", hub) for hub in self.hubs]
        stems = (("current", self.current), ("prev-archive", self.prev_archive), ("next-archive", self.next_archive))
        links += [(rel, self.url(site, stem, suffix)) for rel, stem in stems if stem is not None]
        return links
