"""The feed family: every channel in every feed format, with its RFC 5005 archive pages.

FEED_FORMATS is the registry of formats; a new one is a suffix, a function that writes an
article's item and one that writes a document around items. All of them render the same
FeedPages, so their items, ids and dates always agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from wirefeed.model import Article, ListedArticle, Site
from wirefeed.writers import atom, jsonfeed, rss
from wirefeed.site.archive import ChannelArchive
from wirefeed.site.channels import Channel
from wirefeed.site.feedpage import FeedPage, ItemText

# An article's item in a format, from the article, its feed body and the site.
ItemRenderer = Callable[[Article, str, Site], str]
# A document of a format: the page, the site, and each listed article's item text.
DocumentRenderer = Callable[[FeedPage[ListedArticle], Site, ItemText[ListedArticle]], bytes]


@dataclass(frozen=True, slots=True)
class FeedFormat:
    """A feed format. Its items depend on the article and the site alone, not on the page: an
    article's item is the same text in every channel and archive page that lists it, so a build
    renders it once for all of them (site/plan.py)."""

    suffix: str
    media_type: str
    item: ItemRenderer
    document: DocumentRenderer


FEED_FORMATS: tuple[FeedFormat, ...] = (
    FeedFormat(rss.SUFFIX, rss.MEDIA_TYPE, rss.item_text, rss.render_rss_document),
    FeedFormat(atom.SUFFIX, atom.MEDIA_TYPE, atom.entry_xml, atom.render_atom_document),
    FeedFormat(jsonfeed.SUFFIX, jsonfeed.MEDIA_TYPE, jsonfeed.item_text, jsonfeed.render_json_feed_document),
)


def feed_pages(channel: Channel, archive: ChannelArchive, site: Site, quiet_since: datetime) -> list[FeedPage[ListedArticle]]:
    """The channel's subscription document, then its archive pages, oldest first.

    The subscription document holds the `feed_size` newest items and any not archived yet
    (only an article released with an old date can be both), so nothing is unreachable.
    `quiet_since` is the `updated` of a document left with no items.
    """
    positions = {article.id: position for position, article in enumerate(channel.articles)}
    newest = {article.id for article in channel.articles[: site.feed_size]}
    current = _members(channel, positions, newest | set(archive.unarchived))
    last = len(archive.pages)
    pages = [_page(channel, site, channel.feed_stem, current, quiet_since,
                   prev_archive=channel.archive_stem(last) if last else None)]
    for number, ids in enumerate(archive.pages, start=1):
        pages.append(_page(
            channel, site, channel.archive_stem(number), _members(channel, positions, ids), quiet_since,
            is_archive=True,
            current=channel.feed_stem,
            prev_archive=channel.archive_stem(number - 1) if number > 1 else None,
            next_archive=channel.archive_stem(number + 1) if number < last else None,
        ))
    return pages


def _members(channel: Channel, positions: Mapping[str, int], ids: Iterable[str]) -> tuple[ListedArticle, ...]:
    """The articles of `ids` in the channel's own newest-first order; withdrawn ids simply drop out.
    (`positions`: each id's place in the channel, so a page costs its size, not the channel's.)"""
    found = sorted({position for item in ids if (position := positions.get(item)) is not None})
    return tuple(channel.articles[position] for position in found)


def _page(
    channel: Channel,
    site: Site,
    stem: str,
    articles: tuple[ListedArticle, ...],
    quiet_since: datetime,
    *,
    is_archive: bool = False,
    current: str | None = None,
    prev_archive: str | None = None,
    next_archive: str | None = None,
) -> FeedPage[ListedArticle]:
    return FeedPage(
        title=channel.title,
        description=channel.description,
        home_url=site.absolute(channel.directory),
        stem=stem,
        articles=articles,
        # Only a document with no items takes the history's last change: any other keeps its
        # own date, so a change elsewhere on the site does not touch it.
        updated=max((article.modified for article in articles), default=quiet_since),
        hubs=site.hubs,
        is_archive=is_archive,
        current=current,
        prev_archive=prev_archive,
        next_archive=next_archive,
    )
