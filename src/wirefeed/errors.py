"""The exceptions wirefeed raises: each carries where the problem is, so a user can fix it."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

_LINE_PLACE = re.compile(r"line (\d+)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_NAMES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(path: Path) -> str:
    """A path as an error prints it: a newline or other control character in a file name is
    escaped (`two\\nlines.txt`), so each error stays one line on a terminal and in a log."""
    return _CONTROL.sub(lambda match: _CONTROL_NAMES.get(match.group(), f"\\x{ord(match.group()):02x}"), str(path))


class WirefeedError(Exception):
    """Base of every error wirefeed raises on purpose."""


class InputError(WirefeedError):
    """An article that cannot be published: which file, where in it, and what was expected."""

    def __init__(self, path: Path | str, where: str | None, message: str) -> None:
        self.path = Path(path)
        self.where = where
        self.message = message
        super().__init__(str(self))

    def __reduce__(self) -> tuple[object, ...]:
        # Picklable as it was made, so a worker process can hand it back to the build.
        return (type(self), (self.path, self.where, self.message))

    def __str__(self) -> str:
        # `file:3: message` when the place is a line (what editors and CI annotate),
        # `file: og:title: message` for any other place.
        if self.where is None:
            return f"{shown(self.path)}: {self.message}"
        line = _LINE_PLACE.fullmatch(self.where)
        if line:
            return f"{shown(self.path)}:{line.group(1)}: {self.message}"
        return f"{shown(self.path)}: {self.where}: {self.message}"


class Withdrawal(InputError):
    """An input that itself says its story is not, or no longer, published (a provider's
    withdrawal or cancellation, a draft): unlike a mistake, nothing of it stays online, and
    it is no error (a build reports it on its own line and still exits 0).

    `article_id` and `version` / `moment` (its version number and time, as its source gave
    them) say which story, and which version of it, is withdrawn, when the input names them:
    a withdrawal newer than another file's version of the same story takes that down too.
    """

    def __init__(self, path: Path | str, where: str | None, message: str, article_id: str | None = None,
                 version: str | None = None, moment: datetime | None = None) -> None:
        self.article_id = article_id
        self.version = version
        self.moment = moment
        super().__init__(path, where, message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.where, self.message, self.article_id, self.version, self.moment))


class ConfigError(WirefeedError):
    """A site config that is missing, unreadable or has a wrong setting."""

    def __init__(self, path: Path | str, key: str | None, message: str) -> None:
        self.path = Path(path)
        self.key = key
        self.message = message
        super().__init__(str(self))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.key, self.message))

    def __str__(self) -> str:
        if self.key is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}: {self.key}: {self.message}"


class FileError(WirefeedError):
    """A file of wirefeed's own that cannot be used: which file, and what is wrong with it."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        self.message = message
        super().__init__(str(self))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.message))

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class OutputError(FileError):
    """An output that cannot be written (a path outside the output folder, a disk error)."""


class StoreError(FileError):
    """A publishing-history store that cannot be opened, read or written."""


class HistoryDatabaseError(StoreError):
    """A StoreError of a history database: named by its URL (without the password), kept as
    given, since a URL is no file path ("postgresql://" would lose a slash as a Path)."""

    def __init__(self, place: str, message: str) -> None:
        self.place = place
        super().__init__(place, message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.place, self.message))

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class HistoryUnavailableError(HistoryDatabaseError):
    """A history database that cannot be reached or logged into (or whose driver is missing):
    nothing was read from it or written anywhere."""
