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
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar, overload

from wirefeed.cache.pickling import dumps
from wirefeed.model import Agent, Article, ListedArticle, Source

__all__ = ["ArticleRef", "Listed", "PickleSource", "ResolvedArticles", "listed_values", "pickled_bytes", "resolved"]


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
