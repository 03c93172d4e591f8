"""Articles read back from the input cache: the fields every build reads at hand, the rest still
pickled (in memory or in the blob file) until a writer reads them."""

from __future__ import annotations

import pickle
from dataclasses import fields, replace
from datetime import datetime
from typing import Any, Protocol

from wirefeed.model import LISTED_FIELDS, Article, listed_values

__all__ = ["LazyArticle", "PickleSource", "pickled_bytes", "resolved"]

_LISTED = frozenset(LISTED_FIELDS)
_FIELD_ORDER = tuple(field.name for field in fields(Article))
_ARTICLE_FIELDS = frozenset(_FIELD_ORDER)


class PickleSource(Protocol):
    """Where a LazyArticle's pickle is kept when not in memory (blobs.StoredBlob: a place in a file)."""

    def read(self) -> bytes: ...


def pickled_bytes(pickled: bytes | PickleSource) -> bytes:
    """The pickle's bytes, read from where they are kept when not in memory."""
    return pickled if isinstance(pickled, bytes) else pickled.read()


class LazyArticle(Article):
    """An Article whose LISTED_FIELDS are at hand and whose other fields are still pickled.

    A rebuild after one edit plans every output of 10,000 articles but renders those of a few:
    unpickling every article (headline, body, images: 8 KB each) took longer than the rest of
    the planning, and holding them all was the largest share of a full build's memory, copied
    again into each worker that touched them. A LazyArticle is an Article for every reader:
    a field not at hand is unpickled when read, without being kept (a worker reading one
    article at a time holds one at a time); code that reads many fields takes `whole()` once.
    """

    __slots__ = ("_pickled",)
    _pickled: bytes | PickleSource | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Called with every field, by dataclasses.replace(): then nothing is left pickled.
        Article.__init__(self, *args, **kwargs)
        object.__setattr__(self, "_pickled", None)

    @classmethod
    def of(cls, pickled: bytes | PickleSource, listed: tuple[Any, ...]) -> LazyArticle:
        """The article pickled in `pickled` (an Article; its bytes, or where to read them), with
        `listed` its LISTED_FIELDS values."""
        article = object.__new__(cls)
        for name, value in zip(LISTED_FIELDS, listed, strict=True):
            object.__setattr__(article, name, value)
        object.__setattr__(article, "_pickled", pickled)
        return article

    def whole(self) -> Article:
        """A plain Article with every field; the listed ones as this article has them."""
        if self._pickled is None:
            return Article(**{name: getattr(self, name) for name in _ARTICLE_FIELDS})
        stored = pickle.loads(pickled_bytes(self._pickled))
        if not isinstance(stored, Article):
            raise TypeError(f"a LazyArticle holds a pickled {type(stored).__name__}")
        return replace(stored, **dict(zip(LISTED_FIELDS, listed_values(self))))

    def revised(self, **changes: Any) -> Article:
        """dataclasses.replace(), still lazy when only listed fields change."""
        if self._pickled is None or not changes.keys() <= _LISTED:
            return replace(self.whole(), **changes)
        if all(_same_value(getattr(self, name), value) for name, value in changes.items()):
            # The history mostly sets what the input already gave: 10,000 copies a build saved.
            return self
        listed = dict(zip(LISTED_FIELDS, listed_values(self))) | changes
        return LazyArticle.of(self._pickled, tuple(listed[name] for name in LISTED_FIELDS))

    def __getattr__(self, name: str) -> Any:
        # Only reached for a slot never set: a field still pickled.
        if name not in _ARTICLE_FIELDS:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(self.whole(), name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Article):
            return self.whole() == (other.whole() if isinstance(other, LazyArticle) else other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.whole())

    def __repr__(self) -> str:
        return repr(self.whole())

    def __reduce__(self) -> str | tuple[Any, ...]:
        # Pickled as the plain Article it stands for.
        whole = self.whole()
        return Article, tuple(getattr(whole, name) for name in _FIELD_ORDER)


def resolved(article: Article) -> Article:
    """The article as a plain Article, every field in hand: a LazyArticle unpickled once, any other as it is."""
    return article.whole() if isinstance(article, LazyArticle) else article


def _same_value(old: object, new: object) -> bool:
    """Whether `new` reads as `old` in every output: equal, and for times the same UTC offset
    (one instant in two offsets is equal, but prints differently; the zone's name prints nowhere)."""
    if old is new:
        return True
    if isinstance(old, datetime) and isinstance(new, datetime):
        return old == new and old.utcoffset() == new.utcoffset()
    return type(old) is type(new) and old == new
