"""The typed records that pass between wirefeed's stages.

reader -> Draft (raw values, each with where it was found)
normalize -> Article (clean, typed, timezone-aware, absolute URLs)
store -> Entry (Article + publishing history)
Every record is frozen: a stage makes a new record, it never edits the one it was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Generic, Literal, Protocol, TypeVar
from zoneinfo import ZoneInfo

T = TypeVar("T")


AgentKind = Literal["Person", "Organization"]

# The publication time of an article whose input states no date anywhere, until the build
# gives it the time the publishing history first saw the article (normalize/dating.py).
AWAITING_FIRST_SEEN = datetime(1, 1, 1, tzinfo=timezone.utc)

# A news article is kilobytes; an input this big is a mistake (a video, a dump), refused unread.
DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A raw value and the place it came from (`line 3`, `json-ld`, `og:title`, `sidecar`)."""

    value: T
    where: str


@dataclass(frozen=True, slots=True)
class Source:
    """The input file an article was read from."""

    path: Path
    format: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Image:
    """A picture of an article: its URL when known, its caption and the credit split from it."""

    url: str | None = None
    caption: str | None = None
    credit: str | None = None
    width: int | None = None
    height: int | None = None
    # Where the picture stands in the body: the number of paragraphs before it; None: above the body.
    position: int | None = None


@dataclass(frozen=True, slots=True)
class Agent:
    """A Person or an Organization, as author or publisher."""

    name: str
    kind: AgentKind
    url: str | None = None
    logo: Image | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Whose story an article is: the site's own, or another publisher's kept as theirs.

    The site's configured publisher is the publisher only of its own articles (wire text it
    publishes, pages whose canonical URL is on its own domains). An article from elsewhere keeps
    its original publisher and URL; `timezone` and `language` are what the desk's settings for
    that source (`[sources."host"]`) say, None when they say nothing.
    """

    own: bool = True
    publisher: Agent | None = None  # the original publisher; None when nothing names it
    url: str | None = None  # the original URL, as the source page gives it
    timezone: ZoneInfo | None = None
    language: str | None = None


# An article made without saying where it came from is the site's own.
OWN = Provenance()


@dataclass(frozen=True, slots=True)
class SourceSettings:
    """A desk's corrections for one source (`[sources."heise.de"]`), matched by the URL's host."""

    domain: str
    name: str | None = None
    url: str | None = None
    timezone: ZoneInfo | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Site:
    """The site config (`wirefeed.toml`): who publishes, where, in which language and time zone."""

    title: str
    base_url: str
    description: str
    language: str
    timezone: ZoneInfo
    publisher: Agent
    feed_size: int = 50
    ninjs_version: str = "3.1"  # the ninjs every article's `.ninjs.json` is written in: "3.1" or "2.2"
    copyright: str | None = None
    config_path: Path | None = None
    templates_dir: Path | None = None
    static_dir: Path | None = None
    store_path: Path | None = None  # the publishing history; None: beside the config
    store_url: str | None = None  # a PostgreSQL history (`[store] url`); the files beside store_path stay local
    store_password_env: str | None = None  # the environment variable holding its password
    hubs: tuple[str, ...] = ()  # the WebSub hubs every feed names with rel="hub", pinged in this order
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    # The hosts whose pages are the site's own (a suffix match: `globaltimes.cn` holds `www.globaltimes.cn`).
    own_domains: tuple[str, ...] = ()
    sources: tuple[SourceSettings, ...] = ()

    def absolute(self, path: str) -> str:
        """The public URL of a path inside the site (`articles/x.html` -> `https://host/articles/x.html`)."""
        return self.base_url + path.lstrip("/")

    @property
    def feed_url(self) -> str:
        return self.absolute("feed.xml")


@dataclass(frozen=True, slots=True)
class DraftAgent:
    """An author as the input gives it: maybe a whole byline (`By A and B`), maybe one name with a URL."""

    name: Found[str]
    url: str | None = None
    kind: AgentKind | None = None
    # Stated as a name (a sidecar entry, a schema.org author), not cut from a line of text: no
    # template's counters or dates can be in it, so it is not filtered as a byline line is.
    stated: bool = False


@dataclass(frozen=True, slots=True)
class DraftImage:
    """A picture as the input gives it: the caption may still end with its credit (`... Photo: IC`)."""

    where: str
    url: str | None = None
    caption: str | None = None
    credit: str | None = None
    width: int | None = None
    height: int | None = None
    position: int | None = None  # paragraphs of the Draft's body before it; None: above the body


@dataclass(frozen=True, slots=True)
class Draft:
    """What a reader found in one input file, uncleaned, each value with its place.

    A reader fills what its format has; normalize() turns a Draft into an Article
    whatever the format was.
    """

    source: Source
    headline: Found[str] | None = None
    published: Found[str] | None = None
    modified: Found[str] | None = None
    sections: tuple[Found[str], ...] = ()
    authors: tuple[DraftAgent, ...] = ()
    signoff: Found[str] | None = None
    dateline: Found[str] | None = None
    images: tuple[DraftImage, ...] = ()
    body: tuple[Found[str], ...] = ()
    description: Found[str] | None = None
    language: Found[str] | None = None
    keywords: tuple[Found[str], ...] = ()
    url: Found[str] | None = None
    id: Found[str] | None = None
    site_name: Found[str] | None = None
    publisher_url: Found[str] | None = None  # the home page and logo of the page's schema.org publisher
    publisher_logo: Found[str] | None = None
    # Every other date value the input states (each source's published and modified times):
    # an offset stated in one says which clock a time without one was read on.
    other_dates: tuple[Found[str], ...] = ()
    # True when `sections` is a list the user gave (a sidecar's): each is one section as written,
    # not a section line to split at `/` and `>`.
    sections_as_given: bool = False
    # The wire's publication status (`usable`, `withdrawn`, `canceled`) and embargo time, as given.
    status: Found[str] | None = None
    embargoed: Found[str] | None = None
    uri: Found[str] | None = None
    version: Found[str] | None = None

    def fields(self) -> dict[str, object]:
        """Field name -> value for every field that was found (for `show --explain`)."""
        return {name: getattr(self, name) for name in _DRAFT_FIELDS if getattr(self, name)}


_DRAFT_FIELDS = (
    "headline", "published", "modified", "sections", "authors", "signoff", "dateline",
    "images", "body", "description", "language", "keywords", "url", "id", "site_name",
    "publisher_url", "publisher_logo",
    "status", "embargoed", "uri", "version",
)


@dataclass(frozen=True, slots=True)
class Article:
    """One normalized news article: everything a writer needs, nothing format-specific."""

    id: str
    guid: str
    slug: str
    url: str
    headline: str
    published: datetime
    modified: datetime
    publisher: Agent | None  # None only for a story from elsewhere whose publisher nothing names
    source: Source
    language: str
    description: str
    # The story's identifier and version as its source gave them (a ninjs `uri` and `version`),
    # which ninjs out keeps; None for the site's own articles.
    uri: str | None = None
    version: str | None = None
    sections: tuple[str, ...] = ()
    authors: tuple[Agent, ...] = ()
    images: tuple[Image, ...] = ()
    body: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    dateline: str | None = None
    provenance: Provenance = OWN

    @property
    def elsewhere(self) -> bool:
        """Whether the article is another publisher's story, credited to them."""
        return not self.provenance.own
    # The dates (published, modified) that the input gave as a day without a time of day: each
    # is held as noon of that day (see normalize/dating.py), and printed as the day where a day
    # can be printed (JSON-LD, the page); feeds, which need a moment, print the noon.
    date_only: tuple[datetime, ...] = ()
    # What was dropped from the input without rejecting it (`file:3: warning: ...`), for the build to print.
    warnings: tuple[str, ...] = ()

    def day_of(self, moment: datetime) -> date | None:
        """The day `moment` stands for when the input gave that date without a time; else None."""
        return next((day.date() for day in self.date_only if day == moment), None)

    @property
    def word_count(self) -> int:
        from wirefeed.normalize.text import count_words

        return sum(count_words(paragraph) for paragraph in self.body)


# The fields a build reads of every article, whether or not it renders anything of it: its
# identity, its addresses, its dates, the channels (sections, authors) it is listed in, the
# warnings every build prints, and its source and version (an error line names the input; two
# versions of a wire story are told apart by them).
LISTED_FIELDS = ("id", "guid", "slug", "url", "published", "modified", "sections", "authors", "warnings", "source", "version")


class ListedArticle(Protocol):
    """What the stages between reading and rendering read of an article: its LISTED_FIELDS.
    An Article has them, and so has the input cache's handle on one (cache/ref.py's ArticleRef)."""

    @property
    def id(self) -> str: ...
    @property
    def guid(self) -> str: ...
    @property
    def slug(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def published(self) -> datetime: ...
    @property
    def modified(self) -> datetime: ...
    @property
    def sections(self) -> tuple[str, ...]: ...
    @property
    def authors(self) -> tuple[Agent, ...]: ...
    @property
    def warnings(self) -> tuple[str, ...]: ...
    @property
    def source(self) -> Source: ...
    @property
    def version(self) -> str | None: ...


# An Entry's article: an Article, or the input cache's handle on one (resolved for rendering).
Held = TypeVar("Held", bound=ListedArticle)


@dataclass(frozen=True, slots=True)
class Entry(Generic[Held]):
    """An Article (or a handle on one) with its publishing history, as the store keeps it.

    The store gives `article` the history's dates (its `modified` moves forward on
    each revision), so writers read one Article whether or not a store was used.
    """

    article: Held
    first_seen: datetime
    revision: int = 1
