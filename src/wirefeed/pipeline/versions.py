"""Several versions of one wire story in the input folder: the newest one is the story.

A wire service sends every version of a story as a new file with the same guid (NewsML-G2)
or uri (ninjs), and a desk's folder often keeps them all: `rates-1.xml`, `rates-2.xml`. Those
are not two articles with one id (an error for the site's own inputs) but one article: the
version with the highest version number wins, else the one made last (its modified date),
and the older ones are skipped with a note on the winner. The history then sees one article
change, and records an edit exactly as it does for an edited text file.

A withdrawal (errors.Withdrawal: a provider's `withdrawn` or `canceled` status) is a version
too: newer than the others, it takes the whole story down; older than one of them, it is
skipped, as the story was sent again after it. Withdrawals are no errors: they come back
apart from the rejected inputs, for the build to report on their own lines.
Two versions that cannot be told apart (the same number and time) stay as they are, and the
build refuses the second as a duplicate id, unless they are alike (the same item in two
snapshots of a feed): then the first read stands and the other is skipped with a note.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from wirefeed.cache.ref import Listed, resolved
from wirefeed.errors import InputError, Withdrawal, shown
from wirefeed.model import ListedArticle
from wirefeed.store import content_hash

# The formats whose id is the provider's own identifier of the story, the same in each version:
# the wire formats, and feeds (an item's guid), of which a desk keeps successive snapshots.
WIRE_FORMATS = frozenset({"newsml-g2", "nitf", "iptc7901", "ninjs", "rss", "atom", "jsonfeed"})
Origin = TypeVar("Origin")
_EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


class Settled(NamedTuple, Generic[Listed, Origin]):
    """What is left once each story's newest version is chosen."""

    articles: list[Listed]
    origins: list[Origin]  # where each article was read from, in the same order
    rejected: list[InputError]
    rejected_inputs: list[Path]  # the input each rejected error came from, in the same order
    withdrawals: list[Withdrawal]


class _Version(NamedTuple):
    number: int  # -1 when the source gives none (or not a number)
    moment: datetime

    @classmethod
    def of(cls, version: str | None, moment: datetime | None) -> _Version:
        number = int(version) if version is not None and version.isdigit() else -1
        return cls(number, moment or _EARLIEST)


def newest_versions(articles: Sequence[Listed], origins: Sequence[Origin], rejected: Sequence[InputError],
                    rejected_inputs: Sequence[Path]) -> Settled[Listed, Origin]:
    """Keep each wire story's newest version; split the withdrawals off the rejected inputs.
    `origins`: where each article was read from (kept with it), `rejected_inputs` each error's input."""
    withdrawals = [error for error in rejected if isinstance(error, Withdrawal)]
    withdrawn = {withdrawal.article_id: withdrawal for withdrawal in withdrawals if withdrawal.article_id is not None}
    counts = Counter(article.id for article in articles)
    stories: dict[str, list[ListedArticle | Withdrawal]] = {}
    # Only an id given twice is looked into: only then may two versions' content be compared (resolved).
    for article in articles:
        if (counts[article.id] > 1 or article.id in withdrawn) and is_wire(article):
            stories.setdefault(article.id, []).append(article)
    for withdrawal in withdrawals:
        if withdrawal.article_id is not None:
            stories.setdefault(withdrawal.article_id, []).append(withdrawal)
    dropped: set[int] = set()  # id() of every version that is not the story's newest
    notes: dict[int, tuple[str, ...]] = {}
    for versions in stories.values():
        newest = _newest(versions)
        if newest is None:
            continue
        older = [version for version in versions if version is not newest]
        dropped.update(id(version) for version in older)
        notes[id(newest)] = tuple(_note(version, newest) for version in older)
    kept = [(_with_notes(article, notes.get(id(article), ())), origin) for article, origin in zip(articles, origins) if id(article) not in dropped]
    kept_withdrawals = [_with_older(error, notes.get(id(error), ())) for error in withdrawals if id(error) not in dropped]
    pairs = [(error, path) for error, path in zip(rejected, rejected_inputs) if not isinstance(error, Withdrawal)]
    return Settled([article for article, _ in kept], [origin for _, origin in kept], [error for error, _ in pairs], [path for _, path in pairs], kept_withdrawals)


def is_wire(article: ListedArticle) -> bool:
    """Whether the article's id is its provider's (a guid or uri), the same in every version."""
    return article.source.format.split()[0] in WIRE_FORMATS


def _version(item: ListedArticle | Withdrawal) -> _Version:
    if isinstance(item, Withdrawal):
        return _Version.of(item.version, item.moment)
    return _Version.of(item.version, item.modified)


def _newest(versions: list[ListedArticle | Withdrawal]) -> ListedArticle | Withdrawal | None:
    """The newest version; None when there is one, or when the newest two articles tie and
    differ. A withdrawal wins a tie (the provider's last word on a story is to take it down);
    of two alike (the same item in two snapshots of a feed), the first read stands."""
    if len(versions) < 2:
        return None
    ranked = sorted(versions, key=lambda item: (_version(item), isinstance(item, Withdrawal)), reverse=True)
    first, second = ranked[0], ranked[1]
    if _version(first) == _version(second) and not isinstance(first, Withdrawal) and not isinstance(second, Withdrawal):
        return first if content_hash(resolved(first)) == content_hash(resolved(second)) else None
    return first


def _path(item: ListedArticle | Withdrawal) -> Path:
    return item.path if isinstance(item, Withdrawal) else item.source.path


def _described(item: ListedArticle | Withdrawal) -> str:
    version = _version(item)
    what = "a withdrawal" if isinstance(item, Withdrawal) else f"version {version.number}" if version.number >= 0 else "a version"
    return f"{what} of {version.moment.isoformat()}" if version.moment != _EARLIEST else what


def _note(older: ListedArticle | Withdrawal, newest: ListedArticle | Withdrawal) -> str:
    """`old.xml: note: version 1 of <time>, older than new.xml (version 2 of <time>) of the same story; skipped`."""
    relation = "the same as" if _version(older) == _version(newest) else "older than"
    return f"{shown(_path(older))}: note: {_described(older)}, {relation} {shown(_path(newest))} ({_described(newest)}) of the same story; skipped"


def _with_notes(article: Listed, notes: tuple[str, ...]) -> Listed:
    return replace(article, warnings=(*article.warnings, *notes)) if notes else article


def _with_older(withdrawal: Withdrawal, notes: tuple[str, ...]) -> Withdrawal:
    if not notes:
        return withdrawal
    return Withdrawal(withdrawal.path, withdrawal.where, f"{withdrawal.message}; {'; '.join(notes)}",
                      withdrawal.article_id, withdrawal.version, withdrawal.moment)
