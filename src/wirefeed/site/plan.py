"""What one build writes, as Jobs: each output with the key of what it depends on.

PLANNERS is the registry of output families (article pages, redirects, feeds and index pages,
sitemaps, static files); each turns the same SitePlan into Jobs, and writes nothing itself.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import itertools
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, overload

from wirefeed.layout import (
    article_page_path,
    jsonld_path_beside,
    page_address,
    relative_root,
    slug_page_path,
    url_path_in_site,
)
from wirefeed.model import Article, ListedArticle, Site
from wirefeed.store import Redirect, Withdrawal
from wirefeed.site.archive import ArchiveLedger, ChannelArchive
from wirefeed.writers import rss
from wirefeed.site.channels import Channel, channel_directories, channels_of
from wirefeed.site.feeds import FEED_FORMATS, FeedFormat, feed_pages
from wirefeed.site.feedpage import FeedPage
from wirefeed.site.items import ItemFile, Items, items_of
from wirefeed.site.newest import Newest, newest_after, newest_of
from wirefeed.writers.html import (
    Pages,
    feed_content,
    index_entry,
    page_body,
    render_article,
    render_content,
    render_index,
    render_redirect,
    template_environment,
)
from wirefeed.cache.keys import article_digest, job_key, published_key, render_fingerprint
from wirefeed.cache.ref import resolved
from wirefeed.engine.runner import InBuildProcess, Job
from wirefeed.writers.jsonld import article_jsonld, to_json
from wirefeed.writers.ninjs import ninjs_bytes, ninjs_path_beside
from wirefeed.writers.sitemap import (
    NEWS_WINDOW,
    SITEMAP_LIMIT,
    SitemapEntries,
    SitemapUrl,
    news_urls,
    render_news_sitemap,
    render_sitemap,
    render_sitemap_index,
)

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

T = TypeVar("T")

@dataclass(frozen=True, slots=True)
class Publication:
    """Everything one build publishes, decided before any file is written.

    articles: the published articles, newest first, as the store keeps them (slug, URL and
        dateModified fixed by the publishing history): plain Articles, or the input cache's
        handles on them (cache/ref.py), which resolve() turns into Articles for the writers.
    release_order: their ids in the order they were first released (archive pages fill in it).
    now: the build's time (`--now`), for the News sitemap's two-day window.
    quiet_since: the newest change in the history, the `updated` of a feed left with no items.
    """

    articles: tuple[ListedArticle, ...]
    release_order: tuple[str, ...]
    now: datetime
    quiet_since: datetime
    redirects: tuple[Redirect, ...] = ()
    withdrawn: tuple[Withdrawal, ...] = ()
    # article_digest() of the article each published one was read as, by id, where the build
    # kept it from an earlier one (the input cache); any other is computed here.
    digests: Mapping[str, str] | None = None

    def resolve(self, article: ListedArticle) -> Article:
        """The article as the plain Article to render, every field in hand: the one place a
        build turns a handle into a whole article, each when it is rendered, not all of them."""
        return resolved(article)


class SitePlan:
    """One build's records and site, and what every job needs from them, computed once."""

    def __init__(self, publication: Publication, site: Site, ledger: ArchiveLedger,
                 channels: list[Channel] | None = None, compiled: BytecodeCache | None = None) -> None:
        """`channels`: channels_of(publication.articles, site), when an engine worked them out already;
        `compiled`: where compiled templates are kept between runs (cache/templates.py)."""
        self.publication = publication
        self.site = site
        self.environment = template_environment(site, compiled)
        self.fingerprint = render_fingerprint(site)
        digests = publication.digests or {}
        self.article_keys = {
            article.id: published_key(digests.get(article.id) or article_digest(publication.resolve(article)), article)
            for article in publication.articles
        }
        self.channels = channels if channels is not None else channels_of(publication.articles, site)
        self._release_rank = {article_id: rank for rank, article_id in enumerate(publication.release_order)}
        self.archives = {channel.directory: self._archive(channel, ledger) for channel in self.channels}
        self.ledger = ArchiveLedger({**ledger.channels, **{key: archive.pages for key, archive in self.archives.items()}})
        self._contents: OrderedDict[str, str] = OrderedDict()
        self._wholes: OrderedDict[str, Article] = OrderedDict()
        self._items: OrderedDict[str, Items] = OrderedDict()
        self._kept_items: ItemFile | None = None
        self._kept_roots: dict[str, tuple[str, ...]] = {}  # by article, the roots of its kept listing entries
        self._kept_recent: OrderedDict[str, Items | None] = OrderedDict()
        self._feed_pages: dict[str, list[FeedPage[ListedArticle]]] = {}
        self._page_digests: dict[str, str] = {}
        self._listing_urls: dict[str, tuple[SitemapUrl, ...]] = {}
        # By channel, its listing_urls() and the text of each in a sitemap file's key (listing_keys()).
        self._listing_keys: dict[str, tuple[tuple[SitemapUrl, ...], tuple[str, ...]]] = {}
        self._listing_places: dict[str, dict[int, int]] = {}  # by channel, each listed page's place in its listing_urls()
        self._news_places: list[int] | None = None  # news_places()
        # The sitemap's parts (one file each, by the place of its first entry): each one's key and
        # newest date, worked out once (hashing 100,000 entries took a sixth of a rebuild); and
        # where each channel's listing entries lie among them (a revision moves none).
        self._sitemap_parts: dict[int, tuple[str, Newest]] = {}
        # Of each part a revision changed: its newest date before, and the places in it that
        # changed since, so that its newest date is found from those alone (site/newest.py).
        self._sitemap_changes: dict[int, tuple[Newest, frozenset[int]]] = {}
        self._sitemap_layout: tuple[dict[str, tuple[int, int]], int] | None = None
        # Each sitemap entry's text, by the SitemapUrl it was written from: a plan revised after
        # an edit (pipeline/warm.py) writes the sitemap of 10,000 URLs again, and one entry anew.
        # None until the plan is kept for edits (rendered_once()): a build that no edit follows
        # would hold them to its end for nothing (70 MB at 100,000 articles).
        self.sitemap_entries: SitemapEntries | None = None
        self._recent_limit = 2 * site.feed_size
        self._channel_positions: dict[str, dict[str, int]] = {}  # by channel, each article's place (revised())
        self._pages_holding: dict[str, dict[str, list[int]]] = {}  # by channel, each article's feed pages (revised())
        self._on_site: _OnSite | None = None
        self._newest: dict[str, datetime] = {}  # by channel, its articles' newest `modified`
        self._own_prefixes: dict[str, str] = {}  # own_key()

    def listing_urls(self, channel: Channel) -> tuple[SitemapUrl, ...]:
        """The sitemap's entries for a channel's front page and archive pages, worked out once."""
        urls = self._listing_urls.get(channel.directory)
        if urls is None:
            urls = self._listing_urls[channel.directory] = tuple(_listing_urls(self, channel))
        return urls

    def listing_keys(self, channel: Channel) -> tuple[str, ...]:
        """What each of listing_urls(channel) stands for in the key of the sitemap file it is in:
        its repr, exact as the entry itself. Made for each entry once: after an edit, the entries
        that revised() left alone are the very same objects, and keep theirs."""
        urls = self.listing_urls(channel)
        kept = self._listing_keys.get(channel.directory)
        if kept is not None and kept[0] is urls:
            return kept[1]
        before, texts = kept if kept is not None and len(kept[0]) == len(urls) else ((), ())
        keys = tuple(texts[place] if before and before[place] is url else repr(url) for place, url in enumerate(urls))
        self._listing_keys[channel.directory] = (urls, keys)
        return keys

    def news_places(self) -> list[int]:
        """Where on_site() holds the articles of the News sitemap's two days up to `now`, found
        once (a walk of every article). A revised plan keeps them: revised() is asked only at
        times that move no article into or out of those days (lastbuild.unchanged_window)."""
        if self._news_places is None:
            now = self.publication.now
            self._news_places = [place for place, article in enumerate(self.on_site().articles)
                                 if now - NEWS_WINDOW < article.published <= now]
        return self._news_places

    def sitemap_entries_of(self, listed: Sequence[Channel]) -> tuple[list[SitemapUrl], list[str]]:
        """The sitemap's entries (the `listed` channels' listing pages, then every article on the
        site) and what each one's file key stands on: a listing's entry (listing_keys()), an
        article's published key (which covers its URL and `modified`)."""
        urls = [url for channel in listed for url in self.listing_urls(channel)]
        if self._sitemap_layout is None:
            spans, start = {}, 0
            for channel in listed:
                spans[channel.directory] = (start, len(self.listing_urls(channel)))
                start += spans[channel.directory][1]
            self._sitemap_layout = (spans, start)
        keys = [key for channel in listed for key in self.listing_keys(channel)]
        on_site = self.on_site()
        return urls + on_site.urls, keys + on_site.keys

    def sitemap_part(self, start: int, urls: Sequence[SitemapUrl], keys: Sequence[str]) -> tuple[str, datetime]:
        """The key of the sitemap file of `urls` (the entries from place `start`, `keys` what
        they stand on) and their newest date, worked out once: a revised plan keeps the parts
        its edit left alone (revised())."""
        part = self._sitemap_parts.get(start)
        if part is None:
            change = self._sitemap_changes.get(start)
            newest = newest_of(urls) if change is None else newest_after(change[0], urls, change[1])
            part = self._sitemap_parts[start] = (self.lines_key("sitemap", keys), newest)
        return part[0], part[1].value

    def _sitemap_revised(self, revised: SitePlan, touched: Iterable[str], changed: Iterable[str]) -> None:
        """What `revised` keeps of the sitemap parts: those holding no entry of a touched
        channel's listing or of a changed article as they are, and of the others their newest
        date and the places in them that changed."""
        revised._sitemap_parts, revised._sitemap_changes = {}, {}
        if self._sitemap_layout is None or self._on_site is None:
            return
        spans, listed = self._sitemap_layout
        places = [listed + place for article_id in changed if (place := self._on_site.places.get(article_id)) is not None]
        for directory in touched:
            if directory in spans:
                start, length = spans[directory]
                places += range(start, start + length)
        by_part: dict[int, set[int]] = {}
        for place in places:
            by_part.setdefault(place - place % SITEMAP_LIMIT, set()).add(place % SITEMAP_LIMIT)
        for start, part in self._sitemap_parts.items():
            if start not in by_part:
                revised._sitemap_parts[start] = part
            else:
                revised._sitemap_changes[start] = (part[1], frozenset(by_part[start]))
        # A part this plan was revised into and never wrote: its changes since its newest date add up.
        for start, (newest, earlier) in self._sitemap_changes.items():
            if start not in self._sitemap_parts:
                revised._sitemap_changes[start] = (newest, earlier | by_part.get(start, set()))

    def on_site(self) -> _OnSite:
        """The published articles whose pages are on this site, with their sitemap entries and
        keys: worked out once, and patched by revised() (a revision moves no URL)."""
        if self._on_site is None:
            articles = [article for article in self.publication.articles if url_path_in_site(article.url, self.site)]
            self._on_site = _OnSite(articles, [SitemapUrl(article.url, article.modified) for article in articles],
                                    list(self.keys_of(articles)), {article.id: index for index, article in enumerate(articles)})
        return self._on_site

    def newest_change(self, channel: Channel) -> datetime:
        """The newest `modified` of a channel's articles (its front page's sitemap date), found once."""
        newest = self._newest.get(channel.directory)
        if newest is None:
            newest = self._newest[channel.directory] = max(article.modified for article in channel.articles)
        return newest

    def feed_pages(self, channel: Channel) -> list[FeedPage[ListedArticle]]:
        """The channel's subscription document and archive pages, which its index pages follow too."""
        if channel.directory not in self._feed_pages:
            self._feed_pages[channel.directory] = feed_pages(
                channel, self.archives[channel.directory], self.site, self.publication.quiet_since)
        return self._feed_pages[channel.directory]

    def _archive(self, channel: Channel, ledger: ArchiveLedger) -> ChannelArchive:
        # The channel's ids in release order, sorted by rank: not a walk of every release per channel.
        ranks = sorted(rank for article in channel.articles if (rank := self._release_rank.get(article.id)) is not None)
        released = [self.publication.release_order[rank] for rank in ranks]
        return ledger.archive(channel.directory, released, self.site.feed_size)

    def key(self, kind: str, *parts: object) -> str:
        """A job's key: its kind and inputs, and what every output depends on (config, templates, code)."""
        return job_key(kind, self.fingerprint, *parts)

    def lines_key(self, kind: str, lines: Sequence[str]) -> str:
        """key(kind, lines) for many strings none of which holds a line break, spelled
        differently: the lines joined and hashed, not the repr of the list hashed. A sitemap
        file's 50,000 entries took 30 to 60 ms that way, and the two files an edit touches were
        two fifths of the build server's work for an edit at 100,000 articles; joined, 6 ms."""
        return hashlib.sha256("\n".join((kind, self.fingerprint, *lines)).encode("utf-8")).hexdigest()

    def own_key(self, kind: str, article_key: str) -> str:
        """key(kind, article_key) for the outputs made of one article alone (its page, JSON-LD and
        ninjs, which share one), spelled differently: the article's key is a digest already, so the
        digest of the kind and the fingerprint is put before it instead of hashing both again
        (10,000 digests, a tenth of planning a rebuild at 10,000 articles). Two are equal when
        the kinds and the articles' keys are and, but for a chance of one in 2**64, the fingerprints."""
        prefix = self._own_prefixes.get(kind)
        if prefix is None:
            prefix = self._own_prefixes[kind] = self.key(kind)[:_OWN_PREFIX] + ":"
        return prefix + article_key

    def keys_of(self, articles: Sequence[ListedArticle]) -> tuple[str, ...]:
        return tuple(self.article_keys[article.id] for article in articles)

    def page_digest(self, page: FeedPage[ListedArticle]) -> str:
        """A digest of a feed page (its fields and its articles' keys), taken once for the three
        formats and the HTML listing that show it: a third of planning 2,300 feed documents."""
        digest = self._page_digests.get(page.stem)
        if digest is None:
            digest = self._page_digests[page.stem] = job_key(replace(page, articles=()), self.keys_of(page.articles))
        return digest

    def content(self, article: ListedArticle) -> str:
        """The article's feed body, rendered once for the three formats of a feed page.

        Only the latest two pages' worth are kept: keeping every article's (10 KB each, in each
        process that renders feeds) was a third of a full build's memory at 10,000 articles, to
        save rendering it again for each of its sections and authors, a few percent of the time.
        """
        return _recent(self._contents, article.id, self._recent_limit,
                       lambda: render_content(self.environment, self.whole(article)))

    def items(self, article: ListedArticle) -> Items:
        """The article's item in every feed format (site/items.py): rendered before the feed
        documents when several of them list it (keep_items), else here; either way kept for
        two feed pages' worth (the three formats of a page ask one after the other)."""
        kept = self._kept(article)
        if kept is not None:
            return kept[:_BODY]
        return _recent(self._items, article.id, self._recent_limit,
                       lambda: items_of(self.whole(article), self.content(article), self.site))

    def kept_body(self, article: ListedArticle) -> str | None:
        """The article's page body (content.html) as keep_items() rendered it; None when it did not."""
        kept = self._kept(article)
        return kept[_BODY].decode("utf-8") if kept is not None else None

    def index_entry(self, article: ListedArticle, root: str) -> str:
        """The article's entry in a listing page at `root` from the site's root (writers/html.py
        index_entry): as keep_items() rendered it, or rendered here."""
        kept = self._kept(article)
        roots = self._kept_roots.get(article.id, ())
        if kept is not None and root in roots:
            return kept[_BODY + 1 + roots.index(root)].decode("utf-8")
        return index_entry(self.environment, self.whole(article), self.site, root)

    def _kept(self, article: ListedArticle) -> Items | None:
        """What keep_items() kept of the article, read once for a listing's formats and its HTML page."""
        kept_items = self._kept_items
        if kept_items is None:
            return None
        return _recent(self._kept_recent, article.id, self._recent_limit, lambda: kept_items.read(article.id))

    def keep_items(self, pending: Sequence[Job], folder: Path, workers: int | None = None) -> None:
        """Render once, before the `pending` jobs run, what every listing shows of the articles
        that two or more pending listings (a feed page in its formats, an HTML listing page)
        show: their item in each feed format, their page body (the feeds' content), and their
        entry in the listing pages of each depth (engine/runner.py's `prepare`). A full build
        at 10,000 then renders each article's items once instead of about four times, its body
        once instead of three and a half, and reads it back (unpickles it) twice, not 4.5 times.
        `folder`: where their temporary file goes (35 KB an article)."""
        paths = {job.path for job in pending}
        listed: dict[str, int] = {}
        first: dict[str, ListedArticle] = {}
        roots: dict[str, set[str]] = {}
        for channel in self.channels:
            for number, page in enumerate(self.feed_pages(channel)):
                index_path, _ = _index_place(channel, number, page)
                listing = index_path in paths
                if not listing and not any(page.stem + feed_format.suffix in paths for feed_format in FEED_FORMATS):
                    continue
                root = relative_root(page_address(index_path))
                for article in page.articles:
                    listed[article.id] = listed.get(article.id, 0) + 1
                    first.setdefault(article.id, article)
                    if listing:
                        roots.setdefault(article.id, set()).add(root)
        repeated = [first[article_id] for article_id, count in listed.items() if count >= 2]
        if len(repeated) < _KEEP_ITEMS_AT_LEAST:
            return
        self.forget_items()
        self._kept_roots = {article.id: tuple(sorted(roots.get(article.id, ()))) for article in repeated}
        try:
            self._kept_items = ItemFile.render(repeated, self._fresh_items, folder, workers)
        except OSError:
            # No room for the file (a full disk, a quota): the listings render each article
            # where they need it, as without the pass; the same bytes, more slowly.
            self._kept_roots = {}

    def _fresh_items(self, article: ListedArticle) -> Items:
        """What keep_items() keeps of an article: its items, its page body, its listing entries
        (by _kept_roots). Rendered without the kept wholes and bodies, as each is rendered once here."""
        whole = self.publication.resolve(article)
        body = page_body(self.environment, whole)
        entries = (index_entry(self.environment, whole, self.site, root) for root in self._kept_roots[article.id])
        return (*items_of(whole, feed_content(body), self.site), body.encode("utf-8"),
                *(entry.encode("utf-8") for entry in entries))

    def forget_items(self) -> None:
        """Let what keep_items() rendered go (its temporary file), once the jobs ran."""
        if self._kept_items is not None:
            self._kept_items.close()
            self._kept_items = None
        self._kept_roots = {}
        self._kept_recent = OrderedDict()

    def whole(self, article: ListedArticle) -> Article:
        """The article with every field, for rendering (Publication.resolve), kept for two feed
        pages' worth: an article page and its JSON-LD, or a feed page's three formats and its
        HTML listing, resolve it once."""
        return _recent(self._wholes, article.id, self._recent_limit, lambda: self.publication.resolve(article))

    def wholes(self, articles: Sequence[ListedArticle]) -> tuple[Article, ...]:
        return tuple(self.whole(article) for article in articles)

    def revised(self, publication: Publication, changed: Mapping[str, ListedArticle]) -> SitePlan:
        """This plan for `publication`, which differs from this one's only in the `changed`
        articles (by id): new contents, in the same places, channels and archive pages (what
        pipeline/warm.py checks before it asks). Costs the channels that hold them, not the site."""
        revised = copy.copy(self)
        revised.publication = publication
        digests = publication.digests or {}
        revised.article_keys = {**self.article_keys, **{
            article_id: published_key(digests.get(article_id) or article_digest(publication.resolve(article)), article)
            for article_id, article in changed.items()}}
        directories = {article_id: channel_directories(article, self.site) for article_id, article in changed.items()}
        touched = {directory for found in directories.values() for directory in found}
        revised.channels = [self._with_revised(channel, changed) if channel.directory in touched else channel
                            for channel in self.channels]
        # What the edit left as it was is kept: the unchanged articles' feed bodies (more of them
        # than a build keeps, as the next edit will list most of them again), the untouched
        # channels' pages and sitemap entries.
        revised._recent_limit = max(self._recent_limit, _REVISED_RECENT)
        revised._contents = OrderedDict((key, value) for key, value in self._contents.items() if key not in changed)
        revised._wholes = OrderedDict((key, value) for key, value in self._wholes.items() if key not in changed)
        revised._items = OrderedDict((key, value) for key, value in self._items.items() if key not in changed)
        revised._kept_items = None
        revised._kept_roots = {}
        revised._kept_recent = OrderedDict()
        # A touched channel's pages are patched, not laid out again: only those holding a
        # changed article differ, in their articles and their newest change.
        revised._feed_pages = dict(self._feed_pages)
        revised._page_digests = dict(self._page_digests)
        for directory in touched & self._feed_pages.keys():
            pages = revised._feed_pages[directory] = list(self._feed_pages[directory])
            for number in sorted({number for article_id in changed
                                  for number in self._pages_of(directory, pages).get(article_id, ())}):
                page = pages[number] = _page_revised(pages[number], changed)
                revised._page_digests.pop(page.stem, None)
        # A channel's newest change: the newer of its last one and the edit's (which only moves a date on).
        revised._newest = dict(self._newest)
        for directory in touched & self._newest.keys():
            revised._newest[directory] = max([self._newest[directory], *(
                article.modified for article_id, article in changed.items() if directory in directories[article_id])])
        revised._listing_urls = dict(self._listing_urls)
        revised._listing_keys = dict(self._listing_keys)
        for directory in touched & self._listing_urls.keys():
            revised._listing_urls[directory] = self._listing_urls_revised(revised, directory, changed)
        self._sitemap_revised(revised, touched, changed)
        if self._on_site is not None:
            revised._on_site = self._on_site.revised(changed, revised.article_keys)
        return revised

    def _listing_urls_revised(self, revised: SitePlan, directory: str, changed: Mapping[str, ListedArticle]) -> tuple[SitemapUrl, ...]:
        """A touched channel's listing_urls() in `revised`, patched: the same pages at the same
        addresses, the front page's date its newest change, each page holding a changed article
        its own `updated` (as _listing_urls() gives them: a walk of 2,000 pages at 100,000 articles)."""
        urls = list(self._listing_urls[directory])
        places = self._listing_places.get(directory)
        if places is None:
            pages = self._feed_pages[directory]
            places = self._listing_places[directory] = {
                number: place for place, number in enumerate(number for number, page in enumerate(pages) if not number or page.articles)}
        holding = self._pages_of(directory, self._feed_pages[directory])
        pages = revised._feed_pages[directory]
        for number in {0, *(number for article_id in changed for number in holding.get(article_id, ()))}:
            place = places.get(number)
            if place is not None:
                lastmod = revised._newest[directory] if not number else pages[number].updated
                urls[place] = SitemapUrl(urls[place].loc, lastmod)
        return tuple(urls)

    def pages_holding(self, channel: Channel, ids: Iterable[str]) -> set[int]:
        """The numbers of the channel's feed pages (feed_pages()) that hold any of `ids`."""
        pages = self._pages_of(channel.directory, self.feed_pages(channel))
        return {number for article_id in ids for number in pages.get(article_id, ())}

    def _pages_of(self, directory: str, pages: Sequence[FeedPage[ListedArticle]]) -> dict[str, list[int]]:
        """Which of a channel's feed pages hold each article, found once and shared by revisions
        (a revision moves no article to another page)."""
        holding = self._pages_holding.get(directory)
        if holding is None:
            holding = self._pages_holding[directory] = {}
            for number, page in enumerate(pages):
                for article in page.articles:
                    holding.setdefault(article.id, []).append(number)
        return holding

    def channel_positions(self, channel: Channel) -> dict[str, int]:
        """Each of the channel's articles' place in it (which a revision keeps, so they are looked
        up once per channel, shared by every plan revised from this one)."""
        positions = self._channel_positions.get(channel.directory)
        if positions is None:
            positions = self._channel_positions[channel.directory] = {
                article.id: index for index, article in enumerate(channel.articles)}
        return positions

    def _with_revised(self, channel: Channel, changed: Mapping[str, ListedArticle]) -> Channel:
        """The channel with the changed articles in their places."""
        positions = self.channel_positions(channel)
        articles = list(channel.articles)
        for article_id, article in changed.items():
            index = positions.get(article_id)
            if index is not None:
                articles[index] = article
        return replace(channel, articles=tuple(articles))


def _page_revised(page: FeedPage[ListedArticle], changed: Mapping[str, ListedArticle]) -> FeedPage[ListedArticle]:
    """A feed page holding changed articles, as feeds.feed_pages() lays it out with them (its
    `updated` is its newest item's, as the page is not empty)."""
    articles = tuple(changed.get(article.id, article) for article in page.articles)
    return replace(page, articles=articles, updated=max(article.modified for article in articles))


@dataclass(frozen=True, slots=True)
class _OnSite:
    """The published articles whose pages are on the site, newest first, with each one's sitemap
    entry and published key, and each id's place among them."""

    articles: list[ListedArticle]
    urls: list[SitemapUrl]
    keys: list[str]
    places: dict[str, int]

    def revised(self, changed: Mapping[str, ListedArticle], keys: Mapping[str, str]) -> _OnSite:
        articles, urls, published = list(self.articles), list(self.urls), list(self.keys)
        for article_id, article in changed.items():
            place = self.places.get(article_id)
            if place is not None:
                articles[place] = article
                urls[place] = SitemapUrl(article.url, article.modified)
                published[place] = keys[article_id]
        return _OnSite(articles, urls, published, self.places)


# Fewer articles listed twice than this are not worth a pass of their own (a rebuild after an
# edit lists a few pages' worth): they are rendered where the documents need them.
_KEEP_ITEMS_AT_LEAST = 200
# Where an article's page body stands among what keep_items() keeps of it: after its feed items.
_BODY = len(FEED_FORMATS)

# The articles whose feed body and whole Article a revised plan keeps (about 20 MB at 10 KB each):
# the feed pages that one edit renders list about 150.
_REVISED_RECENT = 1000


# Hex digits of the digest of a kind and the fingerprint that begin an own_key(): 64 bits,
# which a change of config, template or code changes but for a chance of one in 2**64.
_OWN_PREFIX = 16


def _recent(kept: OrderedDict[str, T], key: str, limit: int, make: Callable[[], T]) -> T:
    """kept[key], made when missing; the `limit` most recently used are kept."""
    value = kept.get(key)
    if value is None:
        value = kept[key] = make()
        if len(kept) > limit:
            kept.popitem(last=False)
    else:
        kept.move_to_end(key)
    return value


# ---------------------------------------------------------------------------------------------
# Planners


def _article_jobs(plan: SitePlan) -> Iterator[Job]:
    for article in plan.publication.articles:
        yield from _jobs_of_article(plan, article)


def _jobs_of_article(plan: SitePlan, article: ListedArticle) -> Iterator[Job]:
    # One key for the three: each is made of the article alone, and their paths tell them apart
    # in the manifest. One string instead of three: 26 MB of a plan of 100,000 articles.
    key = plan.own_key("article", plan.article_keys[article.id])
    page = article_page_path(article, plan.site)
    # The page first: a rebuild that renders few outputs (pipeline/warm.py) has it served soonest.
    yield Job(page, key, _OfArticle(_page_bytes, plan, article))
    yield Job(jsonld_path_beside(page), key, _OfArticle(_jsonld_bytes, plan, article))
    yield Job(ninjs_path_beside(page), key, _OfArticle(_ninjs_bytes, plan, article))


class _OfArticle:
    """An article's output, rendered when called (its Job's `render`): `make(plan, article)`.
    A functools.partial does the same in 208 bytes, an empty keyword dict of its own among
    them; this takes 64, and a plan of 100,000 articles holds 300,000 of them (43 MB)."""

    __slots__ = ("_make", "_plan", "_article")

    def __init__(self, make: Callable[[SitePlan, ListedArticle], bytes], plan: SitePlan, article: ListedArticle) -> None:
        self._make = make
        self._plan = plan
        self._article = article

    def __call__(self) -> bytes:
        return self._make(self._plan, self._article)


def _redirect_jobs(plan: SitePlan, only: Mapping[str, ListedArticle] | None = None) -> Iterator[Job]:
    """The redirect pages of every published article's other slugs; with `only`, of those articles' (by id)."""
    site = plan.site
    by_id = only if only is not None else {article.id: article for article in plan.publication.articles}
    for redirect in plan.publication.redirects:
        if only is not None and redirect.article_id not in only:
            continue
        article = by_id[redirect.article_id]
        page = article_page_path(article, site)
        # Only a page named after its slug ever had an address that a new headline changes.
        if page != slug_page_path(article.slug):
            continue
        target = site.absolute(page)
        key = plan.key("redirect", plan.article_keys[article.id], target)
        yield Job(slug_page_path(redirect.from_slug), key, functools.partial(_redirect_bytes, plan, article, target))


def _listing_jobs(plan: SitePlan) -> Iterator[Job]:
    """Each channel's feed documents in every format, each followed by its HTML page.

    Each channel's front page holds what its subscription feed holds, and each archive page
    what its archive feed holds: pages of `feed_size` that stay put once written, instead of
    one page listing every article (4 MB at 10,000, re-rendered on every change). A page
    comes right after its feeds: they show the same articles, which a worker then unpickles
    once for the four (SitePlan.whole) instead of once more in a pass over the pages.
    """
    for channel in plan.channels:
        yield from _channel_jobs(plan, channel)


def _channel_jobs(plan: SitePlan, channel: Channel, numbers: Collection[int] | None = None) -> Iterator[Job]:
    """The jobs of a channel's feed pages (those of `numbers`, without it all) and their HTML pages."""
    # Pages offer a channel's RSS feed (the site's own is in every page already).
    feed = channel.feed_stem + rss.SUFFIX if channel.directory else None
    # feed_pages(): the subscription document, then archive page 1, 2, ... (oldest first).
    for number, page in enumerate(plan.feed_pages(channel)):
        if numbers is not None and number not in numbers:
            continue
        for feed_format in FEED_FORMATS:
            yield _feed_job(plan, page, feed_format)
        path, pages = _index_place(channel, number, page)
        key = plan.key("index", path, channel.heading, feed, pages, plan.page_digest(page))
        yield Job(path, key, functools.partial(_index_bytes, plan, channel, page.articles, path, feed, pages))


def _index_place(channel: Channel, number: int, page: FeedPage[ListedArticle]) -> tuple[str, Pages]:
    """Where a feed page's HTML counterpart goes (archive page `number`; 0 the front page), and
    the pages it links to."""
    front = channel.directory + "index.html"
    if not number:
        return front, Pages(older=_html(page.prev_archive))
    return page.stem + ".html", Pages(number=number, older=_html(page.prev_archive), newer=_html(page.next_archive) or front)


def _html(stem: str | None) -> str | None:
    return None if stem is None else stem + ".html"


def _feed_job(plan: SitePlan, page: FeedPage[ListedArticle], feed_format: FeedFormat) -> Job:
    key = plan.key("feed", feed_format.suffix, plan.page_digest(page))
    return Job(page.stem + feed_format.suffix, key, functools.partial(_feed_bytes, plan, feed_format, page))


def _sitemap_jobs(plan: SitePlan) -> Iterator[Job]:
    site = plan.site
    urls, keys = plan.sitemap_entries_of([channel for channel in plan.channels if channel.articles])
    yield from _sitemap_files(plan, urls, keys)
    on_site = plan.on_site()
    # The News sitemap shows headlines: the articles of its two days, resolved (the rest are not).
    now = plan.publication.now
    recent = news_urls(plan.wholes([on_site.articles[place] for place in plan.news_places()]), site, now)
    yield Job("news-sitemap.xml", plan.key("news-sitemap", recent), functools.partial(render_news_sitemap, recent))


def _listing_urls(plan: SitePlan, channel: Channel) -> Iterator[SitemapUrl]:
    """A channel's front page, then its archive pages that still list an article (where _listing_jobs puts them)."""
    for number, page in enumerate(plan.feed_pages(channel)):
        if number and not page.articles:
            continue
        path, _ = _index_place(channel, number, page)
        lastmod = page.updated if number else plan.newest_change(channel)
        yield SitemapUrl(plan.site.absolute(page_address(path)), lastmod)


def _sitemap_files(plan: SitePlan, urls: list[SitemapUrl], keys: list[str]) -> Iterator[Job]:
    if len(urls) <= SITEMAP_LIMIT:
        key = plan.sitemap_part(0, urls, keys)[0] if urls else plan.key("sitemap", keys)  # no newest date of none
        yield Job("sitemap.xml", key, InBuildProcess(functools.partial(render_sitemap, urls, plan.sitemap_entries)))
        return
    starts = range(0, len(urls), SITEMAP_LIMIT)
    index = []
    for number, start in enumerate(starts, start=1):
        path = f"sitemaps/{number}.xml"
        part = urls[start : start + SITEMAP_LIMIT]
        key, newest = plan.sitemap_part(start, part, keys[start : start + SITEMAP_LIMIT])
        index.append(SitemapUrl(plan.site.absolute(path), newest))
        yield Job(path, key, InBuildProcess(functools.partial(render_sitemap, part, plan.sitemap_entries)))
    yield Job("sitemap.xml", plan.key("sitemap-index", index), functools.partial(render_sitemap_index, index))


def _static_jobs(plan: SitePlan) -> Iterator[Job]:
    folder = plan.site.static_dir
    if folder is None:
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            data = path.read_bytes()
            yield Job("static/" + path.relative_to(folder).as_posix(), job_key("static", hashlib.sha256(data).hexdigest()),
                      functools.partial(bytes, data))


Planner = Callable[[SitePlan], Iterator[Job]]

PLANNERS: Mapping[str, Planner] = {
    "article pages": _article_jobs,
    "redirects": _redirect_jobs,
    "feeds and index pages": _listing_jobs,
    "sitemaps": _sitemap_jobs,
    "static files": _static_jobs,
}


def plan_jobs(plan: SitePlan) -> list[Job]:
    return [job for planner in PLANNERS.values() for job in planner(plan)]


def changed_jobs(plan: SitePlan, articles: Sequence[ListedArticle]) -> Iterator[Job]:
    """The jobs of every output that shows any of the changed `articles` of a plan made by
    SitePlan.revised(): their pages (first, so that a rebuild writing as it goes has them
    served soonest), their redirects, the feed and index pages that list them and the sitemaps.
    Every other job of plan_jobs(plan) is the one of the plan it was revised from, key and all,
    as tests/pipeline/test_warm.py holds."""
    for article in articles:
        yield from _jobs_of_article(plan, article)
    yield from _redirect_jobs(plan, {article.id: article for article in articles})
    changed = [article.id for article in articles]
    touched = {directory for article in articles for directory in channel_directories(article, plan.site)}
    for channel in plan.channels:
        if channel.directory in touched:
            yield from _channel_jobs(plan, channel, plan.pages_holding(channel, changed))
    yield from _sitemap_jobs(plan)


def rendered_once(plan: SitePlan) -> None:
    """Work out now, for a plan kept for later edits (pipeline/warm.py), what the first edit
    would otherwise wait for: the compiled templates (the newest article's outputs and the
    site's front page, rendered and dropped); the sitemap's entries as text, kept from now on
    (a full build keeps none: 100,000 of them took the first edit at 100,000 articles from
    0.3 to 1.4 s); and each channel's index of its articles' places
    and pages, which revised() reads."""
    if not plan.publication.articles:
        return
    if plan.sitemap_entries is None:
        plan.sitemap_entries = {}
    for job in _jobs_of_article(plan, plan.publication.articles[0]):
        job.render()
    for job in itertools.islice(_channel_jobs(plan, plan.channels[0]), len(FEED_FORMATS) + 1):
        job.render()
    for job in _sitemap_jobs(plan):
        job.render()
    for channel in plan.channels:
        plan.pages_holding(channel, ())
        plan.channel_positions(channel)


def withdrawn_paths(withdrawn: Sequence[Withdrawal], site: Site) -> list[str]:
    """Every file a withdrawn article may have had: its page, its JSON-LD, its redirect pages."""
    paths = []
    for withdrawal in withdrawn:
        page = url_path_in_site(withdrawal.url, site) or slug_page_path(withdrawal.slug)
        paths += [page, jsonld_path_beside(page), ninjs_path_beside(page)]
        paths += [slug_page_path(slug) for slug in withdrawal.other_slugs]
    return paths


# Each renderer takes the whole articles it shows from the plan (SitePlan.whole).


def _jsonld_bytes(plan: SitePlan, article: ListedArticle) -> bytes:
    return to_json(article_jsonld(plan.whole(article), plan.site)).encode("utf-8")


def _ninjs_bytes(plan: SitePlan, article: ListedArticle) -> bytes:
    return ninjs_bytes(plan.whole(article), plan.site)


def _page_bytes(plan: SitePlan, article: ListedArticle) -> bytes:
    return render_article(plan.environment, plan.whole(article), plan.site, body=plan.kept_body(article)).encode("utf-8")


def _redirect_bytes(plan: SitePlan, article: ListedArticle, target: str) -> bytes:
    return render_redirect(plan.environment, plan.whole(article), target, plan.site).encode("utf-8")


def _feed_bytes(plan: SitePlan, feed_format: FeedFormat, page: FeedPage[ListedArticle]) -> bytes:
    # The document's own fields are the listed ones: only an item not rendered yet resolves its article.
    place = FEED_FORMATS.index(feed_format)
    return feed_format.document(page, plan.site, lambda article: plan.items(article)[place])


def _index_bytes(plan: SitePlan, channel: Channel, articles: Sequence[ListedArticle], path: str, feed: str | None,
                 pages: Pages) -> bytes:
    # The front page is known by its folder's URL (`sections/economy/`), an archive page by its own.
    address = page_address(path)
    root = relative_root(address)
    return render_index(plan.environment, _Resolving(plan, articles), plan.site, heading=channel.heading,
                        path=address, feed=feed, pages=pages,
                        entries=[plan.index_entry(article, root) for article in articles]).encode("utf-8")


class _Resolving(Sequence[Article]):
    """A listing's articles for its template, each resolved (SitePlan.whole) only when read:
    wirefeed's own index.html shows the entries rendered already and reads none of them."""

    def __init__(self, plan: SitePlan, articles: Sequence[ListedArticle]) -> None:
        self._plan = plan
        self._articles = articles

    def __len__(self) -> int:
        return len(self._articles)

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Article]: ...
    def __getitem__(self, index: int | slice) -> Article | Sequence[Article]:
        if isinstance(index, slice):
            return self._plan.wholes(self._articles[index])
        return self._plan.whole(self._articles[index])
