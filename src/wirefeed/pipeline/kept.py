"""A published article stays published through a bad edit.

When the input of an article that is online is edited into something rejected (a typo in its
sidecar, a date that cannot be read), the build keeps publishing the last version it read
well, and says so in the error line. Deleting the input is what withdraws an article.

The last good version comes from the input cache (what the file gave before this build) or,
after two bad builds in a row, from the file this module keeps beside the store: the pickled
articles now published in place of a rejected edit, by input path. It is written with the
history (publish.HistoryCommit), and is absent while every input reads well.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from wirefeed.errors import InputError
from wirefeed.model import Article

KEPT_NOTE = "kept the last published version online"


def kept_path(store_file: Path) -> Path:
    return store_file.with_name(f"{store_file.stem}.kept.pickle")


class LastGood:
    """The articles kept in place of rejected edits: those of the last build, and this build's."""

    def __init__(self, path: Path, saved: Mapping[str, bytes]) -> None:
        self.path = path
        self.saved = dict(saved)
        self.now: dict[str, bytes] = {}

    @classmethod
    def load(cls, path: Path) -> LastGood:
        try:
            with path.open("rb") as handle:
                saved = pickle.load(handle)
            if isinstance(saved, dict) and all(isinstance(key, str) and isinstance(value, bytes) for key, value in saved.items()):
                return cls(path, saved)
        except Exception:  # none (the usual case), or damaged: nothing is kept from before
            pass
        return cls(path, {})

    def keep(self, rejected: Sequence[tuple[Path, InputError]], earlier: Callable[[Path], Article | None], published: Callable[[str], bool],
             taken: set[str]) -> tuple[list[Article], list[InputError]]:
        """For each rejected input (its path, its error) whose last good article is online
        (`published(id)`) and whose id no other input now gives (`taken`): that article, and
        the error saying it was kept."""
        articles: list[Article] = []
        errors: list[InputError] = []
        for path, error in rejected:
            article = self._last_good(path, earlier)
            if article is None or article.id in taken or not published(article.id):
                errors.append(error)
                continue
            taken.add(article.id)
            articles.append(article)
            self.now[str(path)] = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
            errors.append(InputError(error.path, error.where, f"{error.message}; {KEPT_NOTE}"))
        return articles, errors

    def _last_good(self, path: Path, earlier: Callable[[Path], Article | None]) -> Article | None:
        article = earlier(path)
        if article is not None:
            return article
        saved = self.saved.get(str(path))
        if saved is None:
            return None
        try:
            found = pickle.loads(saved)
        except Exception:
            return None
        return found if isinstance(found, Article) else None

    def data(self) -> bytes | None:
        """The file's new bytes; None when nothing is kept (no file)."""
        if not self.now:
            return None
        return pickle.dumps(dict(sorted(self.now.items())), protocol=pickle.HIGHEST_PROTOCOL)
