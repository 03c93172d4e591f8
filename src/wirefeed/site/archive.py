"""RFC 5005 archived feeds: which items each archive page of each channel holds.

An archive page must not change what it holds once a reader may have fetched it (RFC 5005
section 4), so its items are decided once and written down in a ledger beside the store.
A channel's items are taken in the order they were first released; whenever more than a
feed's worth of them are not archived yet, the oldest feed's worth closes the next page.
What is not archived stays in the subscription document, so every item is always reachable
from it. Later, a page only loses an item that is withdrawn, or shows an item's new revision.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from wirefeed.errors import StoreError

LEDGER_VERSION = 1

# A channel's closed pages, oldest first, each as the ids it holds in release order.
Pages = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class ChannelArchive:
    """One channel's archive after this build: its closed pages and the ids still unarchived."""

    pages: Pages
    unarchived: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArchiveLedger:
    """Closed archive pages by channel (`""` for the site, `sections/economy/`, ...)."""

    channels: Mapping[str, Pages] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> ArchiveLedger:
        """The ledger at `path`; none yet is an empty one, a damaged one an error (pages must not move)."""
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise StoreError(path, f"cannot read the archive ledger ({error}); {_DAMAGED_ADVICE}") from None
        return cls(_channels_from(document, path))

    def to_json(self) -> str:
        channels = {key: [list(page) for page in pages] for key, pages in sorted(self.channels.items()) if pages}
        return orjson.dumps({"version": LEDGER_VERSION, "channels": channels}, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")

    def archive(self, channel: str, released: Sequence[str], size: int) -> ChannelArchive:
        """The channel's pages once `released` (its published ids, oldest release first) are placed."""
        pages = list(self.channels.get(channel, ()))
        archived = {item for page in pages for item in page}
        unarchived = [item for item in released if item not in archived]
        # More than a feed's worth waiting: the oldest feed's worth becomes a page of its own.
        while len(unarchived) > size:
            pages.append(tuple(unarchived[:size]))
            unarchived = unarchived[size:]
        return ChannelArchive(pages=tuple(pages), unarchived=tuple(unarchived))


_DAMAGED_ADVICE = (
    "restore it from a backup, or delete it to lay out the archive pages again from the publishing "
    "history (archive pages that lost items since may then change)"
)


def _channels_from(document: object, path: Path) -> dict[str, Pages]:
    if not isinstance(document, dict) or document.get("version") != LEDGER_VERSION:
        raise StoreError(path, f"not an archive ledger of version {LEDGER_VERSION}; {_DAMAGED_ADVICE}")
    channels = document.get("channels")
    if not isinstance(channels, dict) or not all(_is_pages(pages) for pages in channels.values()):
        raise StoreError(path, f"the archive ledger's channels are damaged; {_DAMAGED_ADVICE}")
    return {str(key): tuple(tuple(page) for page in pages) for key, pages in channels.items()}


def _is_pages(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(page, list) and all(isinstance(item, str) for item in page) for page in value
    )
