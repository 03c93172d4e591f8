"""Handles on the articles the input cache holds: the fields every build reads at hand, the rest
still pickled (in memory or in the blob file) until the article is resolved for rendering.

A rebuild after one edit plans every output of 10,000 articles but renders those of a few:
unpickling every article (headline, body, images: 8 KB each) took 0.38-0.47 s against 0.10 s
for the listed fields alone, and holding them all was the largest share of a full build's
memory, copied again into each worker that touched them. So the stages between reading and
rendering take an ArticleRef (or a plain Article: they are typed over `Listed`), and the site
plan resolves each article when it renders it (site/plan.py, `Publication.resolve`).

An ArticleRef is no Article: reading a field it does not hold is an AttributeError (and a mypy
error), never a hidden unpickle.
"""

from __future__ import annotations

import operator
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, Protocol, TypeVar, overload
from zoneinfo import ZoneInfo

from wirefeed.cache.pickling import dumps
from wirefeed.model import Agent, Article, Image, ListedArticle, Source
from wirefeed.zones import fixed_zone

__all__ = [
    "ArticleRef", "Listed", "PickleSource", "ResolvedArticles", "listed_values", "packed_listed", "packed_time", "pickled_bytes",
    "resolved", "unpacked_listed", "unpacked_time",
]


class PickleSource(Protocol):
    """Where an ArticleRef's pickle is kept when not in memory (blobs.StoredBlob: a place in a file)."""

    def read(self) -> bytes: ...


def pickled_bytes(pickled: bytes | PickleSource) -> bytes:
    """The pickle's bytes, read from where they are kept when not in memory."""
    return pickled if isinstance(pickled, bytes) else pickled.read()


# The fields of model.LISTED_FIELDS that a stage may set, which a handle holds as they are.
_SETTABLE = ("id", "guid", "slug", "url", "published", "modified", "sections", "authors", "warnings", "version")
_settable_values = operator.attrgetter(*_SETTABLE)


def listed_values(article: Article) -> tuple[Any, ...]:
    """What a handle on `article` holds of it (what the input cache keeps apart): the fields a
    stage may set, then its source as three strings. Not a Source: with a Path made for each,
    reading 10,000 articles' listed values back took 110 ms instead of 62."""
    source = article.source
    return (*_settable_values(article), str(source.path), source.format, source.sha256)


# Where listed_values() holds the two dates and the authors.
_PUBLISHED, _MODIFIED, _AUTHORS = _SETTABLE.index("published"), _SETTABLE.index("modified"), _SETTABLE.index("authors")
_AGENT_FIELDS = tuple(item.name for item in fields(Agent))
_IMAGE_FIELDS = tuple(item.name for item in fields(Image))
_agent_values = operator.attrgetter(*_AGENT_FIELDS)
_image_values = operator.attrgetter(*_IMAGE_FIELDS)
_LOGO = _AGENT_FIELDS.index("logo")
# The Agents and zones unpacked so far, shared by every article that names the same: a site's
# publisher is in each of its articles. Forgotten when this many, so a process that lives long
# (the build server) holds no more.
_SHARED_LIMIT = 1 << 16
_agents: dict[tuple[Any, ...], Agent] = {}
_zones: dict[str | int, tzinfo] = {}


def packed_listed(values: Sequence[Any]) -> tuple[Any, ...]:
    """listed_values() as the input cache pickles them: each of the two dates as its numbers and
    its zone's key (a named zone) or offset in microseconds (a fixed one), each author as its
    fields. Unpickling a datetime in a named zone and a frozen dataclass each cost more than the
    rest of the values together: 10,000 articles' listed values took 80 ms, plain ones 33 ms.
    A value of any other kind (a zone read from a file, a subclass) is kept as it is."""
    packed = list(values)
    packed[_PUBLISHED] = packed_time(values[_PUBLISHED])
    packed[_MODIFIED] = packed_time(values[_MODIFIED])
    packed[_AUTHORS] = tuple(_packed_agent(author) for author in values[_AUTHORS])
    return tuple(packed)


def unpacked_listed(packed: Sequence[Any]) -> tuple[Any, ...]:
    """The listed_values() that packed_listed() packed: equal values, and the same repr."""
    values = list(packed)
    values[_PUBLISHED] = unpacked_time(packed[_PUBLISHED])
    values[_MODIFIED] = unpacked_time(packed[_MODIFIED])
    values[_AUTHORS] = tuple(_unpacked_agent(author) for author in packed[_AUTHORS])
    return tuple(values)


def packed_time(moment: datetime) -> tuple[Any, ...] | datetime:
    """A datetime as packed_listed() keeps it: its numbers and its zone's key or offset, or itself."""
    if type(moment) is not datetime:
        return moment
    zone = moment.tzinfo
    code: str | int
    if type(zone) is ZoneInfo and zone.key is not None and ZoneInfo(zone.key) is zone:
        code = zone.key
    # A fixed zone without a name of its own: timezone(offset) gives it back (one with a name,
    # `timezone(offset, "CET")`, is equal to it but says another tzname()).
    elif type(zone) is timezone and zone.tzname(None) == timezone(offset := zone.utcoffset(None)).tzname(None):
        code = offset // _MICROSECOND
    else:
        return moment
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, moment.microsecond,
            moment.fold, code)


def unpacked_time(packed: tuple[Any, ...] | datetime) -> datetime:
    """The datetime packed_time() packed."""
    if isinstance(packed, datetime):
        return packed
    year, month, day, hour, minute, second, microsecond, fold, code = packed
    return datetime(year, month, day, hour, minute, second, microsecond, _zone(code), fold=fold)


def _zone(code: str | int) -> tzinfo:
    zone = _zones.get(code)
    if zone is None:
        if len(_zones) >= _SHARED_LIMIT:
            _zones.clear()
        # A fixed offset's zone is the one the history's times share (wirefeed.zones).
        zone = _zones[code] = ZoneInfo(code) if isinstance(code, str) else fixed_zone(code * _MICROSECOND)
    return zone


def _packed_agent(agent: Agent) -> tuple[Any, ...] | Agent:
    logo = agent.logo
    if type(agent) is not Agent or (logo is not None and type(logo) is not Image):
        return agent
    values = _agent_values(agent)
    if logo is None:
        return values
    return (*values[:_LOGO], _image_values(logo), *values[_LOGO + 1:])


def _unpacked_agent(packed: tuple[Any, ...] | Agent) -> Agent:
    if isinstance(packed, Agent):
        return packed
    agent = _agents.get(packed)
    if agent is None:
        if len(_agents) >= _SHARED_LIMIT:
            _agents.clear()
        logo = packed[_LOGO]
        values = dict(zip(_AGENT_FIELDS, packed))
        values["logo"] = None if logo is None else Image(**dict(zip(_IMAGE_FIELDS, logo)))
        agent = _agents[packed] = Agent(**values)
    return agent


_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article the input cache holds: where the whole Article is pickled, and the values of
    its model.LISTED_FIELDS (listed_values()). `dataclasses.replace()` sets listed fields as on an
    Article; resolve() gives the plain Article with the listed fields as this handle has them."""

    pickled: bytes | PickleSource = field(repr=False)
    id: str
    guid: str
    slug: str
    url: str
    published: datetime
    modified: datetime
    sections: tuple[str, ...]
    authors: tuple[Agent, ...]
    warnings: tuple[str, ...]
    version: str | None
    source_path: str
    source_format: str
    source_sha256: str

    @classmethod
    def of(cls, pickled: bytes | PickleSource, listed: Sequence[Any]) -> ArticleRef:
        """The article pickled in `pickled` (its bytes, or where to read them), with `listed`
        its listed_values()."""
        return cls(pickled, *listed)

    @classmethod
    def holding(cls, article: Article) -> ArticleRef:
        """A handle on an article in hand (one kept through a bad edit: pipeline/kept.py)."""
        return cls.of(dumps(article), listed_values(article))

    @property
    def source(self) -> Source:
        """The input the article was read from (for an error line; no stage changes it)."""
        return Source(Path(self.source_path), self.source_format, self.source_sha256)

    def resolve(self) -> Article:
        """The plain Article, every field in hand; the listed ones as this handle has them."""
        stored = pickle.loads(pickled_bytes(self.pickled))
        if not isinstance(stored, Article):
            raise TypeError(f"an ArticleRef holds a pickled {type(stored).__name__}")
        return replace(stored, **dict(zip(_SETTABLE, _settable_values(self))))


# What the stages between reading and rendering take and give: plain Articles (a library
# caller's, a test's) or the input cache's handles, one kind per call. Constrained, not bound
# to ListedArticle, so that mypy checks dataclasses.replace() on it.
Listed = TypeVar("Listed", Article, ArticleRef)


def resolved(article: ListedArticle) -> Article:
    """The article as a plain Article: a handle resolved (its pickle read once), an Article as it is."""
    if isinstance(article, ArticleRef):
        return article.resolve()
    if isinstance(article, Article):
        return article
    raise TypeError(f"expected an Article or an ArticleRef, got a {type(article).__name__}")


class ResolvedArticles(Sequence[Article]):
    """Articles held as handles, each resolved to a plain Article when read, and not kept: a
    caller such as `wirefeed build` only counts them, and resolving 10,000 takes longer than
    a rebuild's planning."""

    def __init__(self, held: Sequence[ListedArticle] = ()) -> None:
        self._held = held

    def held(self) -> Sequence[ListedArticle]:
        """The articles as held (handles or Articles), in order."""
        return self._held

    def __len__(self) -> int:
        return len(self.held())

    @overload
    def __getitem__(self, index: int) -> Article: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Article, ...]: ...

    def __getitem__(self, index: int | slice) -> Article | tuple[Article, ...]:
        if isinstance(index, slice):
            return tuple(resolved(article) for article in self.held()[index])
        return resolved(self.held()[index])

    def __iter__(self) -> Iterator[Article]:
        return (resolved(article) for article in self.held())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} articles)"
