"""A feedgen extension for what feedgen 1.0.0 cannot write itself: hub and archive links in RSS, `fh:archive`.

feedgen keeps every `link()` for Atom, but its RSS writer emits only the first `rel="self"`
one, and it knows nothing of RFC 5005's `fh:archive` element. This extension adds both to
the finished XML tree, and is loaded only for feeds that need it, so every other feed
comes out exactly as feedgen alone writes it.
"""

from __future__ import annotations

from typing import Any

from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from wirefeed.site.feedpage import ATOM_NS, HISTORY_NS

EXTENSION_NAME = "wirefeed_links"


class FeedLinksExtension(BaseExtension):  # type: ignore[misc]
    """`atom:link`s after the RSS self link, and `fh:archive` on an archive document."""

    def __init__(self) -> None:
        self.links: list[tuple[str, str, str]] = []  # (rel, href, media type or "")
        self.archive = False

    def extend_ns(self) -> dict[str, str]:
        # Declared only where used: an unused prefix is an UnknownNamespace warning.
        return {"fh": HISTORY_NS} if self.archive else {}

    def extend_rss(self, feed: Any) -> Any:
        channel = feed.find("channel")
        self_link = channel.find(f"{{{ATOM_NS}}}link")
        position = list(channel).index(self_link) + 1 if self_link is not None else len(channel)
        for rel, href, media_type in self.links:
            link = etree.Element(f"{{{ATOM_NS}}}link", href=href, rel=rel)
            if media_type:
                link.set("type", media_type)
            channel.insert(position, link)
            position += 1
        if self.archive:
            channel.insert(position, etree.Element(f"{{{HISTORY_NS}}}archive"))
        return feed

    def extend_atom(self, feed: Any) -> Any:
        # Atom links go through feedgen's own link(); only the marker is missing there.
        if self.archive:
            etree.SubElement(feed, f"{{{HISTORY_NS}}}archive")
        return feed


def add_feed_links(generator: FeedGenerator, links: list[tuple[str, str, str]], *, archive: bool) -> None:
    """Give `generator` the extra RSS links and the archive marker, when there is anything to add."""
    if not links and not archive:
        return
    generator.register_extension(EXTENSION_NAME, FeedLinksExtension, None, atom=True, rss=True)
    extension: FeedLinksExtension = getattr(generator, EXTENSION_NAME)
    extension.links = list(links)
    extension.archive = archive
