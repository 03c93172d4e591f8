"""Channels: the site and each section and author, each with its own page, feeds and archive.

The kinds of channel beyond the site are data (CHANNEL_KINDS): what an article belongs to,
which folder the channel lives in and how its feed describes itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wirefeed.layout import author_path, section_path
from wirefeed.model import ListedArticle, Site

FEED_NAME = "feed"
ARCHIVE_FOLDER = "archive/"


@dataclass(frozen=True, slots=True)
class ChannelKind:
    """A way of grouping articles into channels of their own (by section, by author)."""

    names: Callable[[ListedArticle, Site], Sequence[str]]
    directory: Callable[[str], str]
    description: Callable[[str, Site], str]


@dataclass(frozen=True, slots=True)
class Channel:
    """Articles published together: an index page at `directory`, feeds at `directory + feed.*`."""

    directory: str  # "" for the site, "sections/economy/", "authors/wang-qi/"
    heading: str | None  # None for the site itself
    title: str
    description: str
    articles: tuple[ListedArticle, ...]  # newest first

    @property
    def feed_stem(self) -> str:
        return self.directory + FEED_NAME

    def archive_stem(self, number: int) -> str:
        return f"{self.directory}{ARCHIVE_FOLDER}{number}"


def _bylined(article: ListedArticle, site: Site) -> Sequence[str]:
    # The publisher stands in when an article has no byline; its feed would be the site's own.
    return [author.name for author in article.authors if author.name != site.publisher.name]


CHANNEL_KINDS: tuple[ChannelKind, ...] = (
    ChannelKind(
        names=lambda article, site: article.sections,
        directory=section_path,
        description=lambda name, site: f"{name}: the latest from {site.title}.",
    ),
    ChannelKind(
        names=_bylined,
        directory=author_path,
        description=lambda name, site: f"Articles by {name} from {site.title}.",
    ),
)


def channel_directories(article: ListedArticle, site: Site) -> list[str]:
    """The folders of every channel `article` is in: the site's (""), then its sections' and authors'."""
    return ["", *(kind.directory(name) for kind in CHANNEL_KINDS for name in dict.fromkeys(kind.names(article, site)))]


def channels_of(articles: Sequence[ListedArticle], site: Site) -> list[Channel]:
    """The site's channel first, then every section's and author's, each with its articles newest first."""
    channels = [site_channel(articles, site)]
    for kind in CHANNEL_KINDS:
        channels.extend(_channels_of_kind(kind, articles, site))
    return channels


def _channels_of_kind(kind: ChannelKind, articles: Sequence[ListedArticle], site: Site) -> list[Channel]:
    # Grouped by folder, not name: two names with one slug share a folder, so they share a channel.
    names: dict[str, str] = {}
    members: dict[str, list[ListedArticle]] = {}
    # A name's folder is worked out once (slugging it is most of the cost), not per article.
    directories: dict[str, str] = {}
    for article in articles:
        for name in dict.fromkeys(kind.names(article, site)):
            directory = directories.get(name)
            if directory is None:
                directory = directories[name] = kind.directory(name)
            names.setdefault(directory, name)
            members.setdefault(directory, [])
            if not members[directory] or members[directory][-1] is not article:
                members[directory].append(article)
    return [named_channel(kind, directory, names[directory], members[directory], site) for directory in sorted(members)]


def site_channel(articles: Sequence[ListedArticle], site: Site) -> Channel:
    """The site's own channel: every article."""
    return Channel("", None, site.title, site.description, tuple(articles))


def named_channel(kind: ChannelKind, directory: str, name: str, articles: Sequence[ListedArticle], site: Site) -> Channel:
    """The channel of one section's or author's folder; `name`, the first article's name for it."""
    return Channel(directory=directory, heading=name, title=f"{name} | {site.title}",
                   description=kind.description(name, site), articles=tuple(articles))
