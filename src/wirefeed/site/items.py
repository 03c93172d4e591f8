"""What the listings show of an article, rendered once for every listing that shows it.

An article's item in a feed format is the same text in every channel and archive page that
lists it (site/feeds.py), and its entry in an HTML listing page the same in every listing page
of the same depth. At 10,000 articles each article is listed by 3.8 feed documents in each of
the three formats and by as many HTML pages (the site's, its sections', its authors', with
their archive pages), and a worker keeps only two pages' worth of what it rendered: an author's
page lists articles from the whole site's history, so most of those repeats rendered the item
again (37,901 RSS items and 24,924 feed bodies for 10,000 articles) and read the whole article
back again (44,924 unpickled).

So before the jobs run, every article that several pending listings show is rendered once
(site/plan.py SitePlan.keep_items: its feed items, its page body, its listing entries), by
forked workers, into one unlinked temporary file: each worker reserves a stretch of the file
with a shared counter and writes its chunk with one `pwrite`; the places come back to this
process, whose workers forked next for the jobs inherit the file and the places, and read an
article's pieces with one `pread`. An article not kept there is rendered where it is needed,
as before, with the same bytes.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from wirefeed.engine.parallel import chunked, counter, renewed_share, run_chunks, should_fork, worker_count
from wirefeed.model import Article, ListedArticle, Site
from wirefeed.output import TEMP_PREFIX
from wirefeed.site.feeds import FEED_FORMATS

__all__ = ["ItemFile", "items_of"]

# What is kept of an article, as UTF-8: its item in each format of FEED_FORMATS, in its order
# (items_of), then whatever else the caller renders with them (SitePlan.keep_items).
Items = tuple[bytes, ...]

# Articles per chunk: a chunk's pieces (35 KB an article) are written with one pwrite.
_CHUNK = 64


def items_of(article: Article, content: str, site: Site) -> Items:
    """The article's item in every feed format, `content` its feed body."""
    return tuple(feed_format.item(article, content, site).encode("utf-8") for feed_format in FEED_FORMATS)


class ItemFile:
    """What is kept of many articles, by id, in one unlinked temporary file: each article's
    pieces one after the other, and where each article's stand."""

    def __init__(self, file: IO[bytes], places: dict[str, tuple[int, tuple[int, ...]]]) -> None:
        self._file = file
        self._places = places

    @classmethod
    def render(cls, articles: Sequence[ListedArticle], render: Callable[[ListedArticle], Items], folder: Path,
               workers: int | None = None) -> ItemFile:
        """The pieces `render` gives for each of `articles`, rendered by forked workers when there
        are many (what engine/parallel.py decides for any work of this size), in a file in
        `folder` that has no name (Linux's O_TMPFILE; elsewhere one removed at once)."""
        file = tempfile.TemporaryFile(prefix=TEMP_PREFIX + "items-", dir=folder)
        try:
            places = _render_into(file.fileno(), articles, render, workers)
        except BaseException:
            file.close()
            raise
        return cls(file, places)

    def __len__(self) -> int:
        return len(self._places)

    def read(self, article_id: str) -> Items | None:
        """The article's pieces as rendered; None when it is not kept here."""
        place = self._places.get(article_id)
        if place is None:
            return None
        offset, lengths = place
        size = sum(lengths)
        data = os.pread(self._file.fileno(), size, offset)
        if len(data) != size:
            return None  # never for a file this process wrote; then rendered where needed, not cut wrong
        items = []
        start = 0
        for length in lengths:
            items.append(data[start : start + length])
            start += length
        return tuple(items)

    def close(self) -> None:
        self._places = {}
        self._file.close()


def _render_into(descriptor: int, articles: Sequence[ListedArticle], render: Callable[[ListedArticle], Items],
                 workers: int | None) -> dict[str, tuple[int, tuple[int, ...]]]:
    count = worker_count(workers)
    forked = should_fork(len(articles), count, forced=workers is not None)
    chunks = chunked(articles, _CHUNK)
    # The file's end, moved on by each chunk written: its stretch is no other process's.
    reserve = counter(shared=forked)

    def render_chunk(index: int) -> list[tuple[str, int, tuple[int, ...]]]:
        rendered = [(article.id, render(article)) for article in chunks[index]]
        data = b"".join(item for _, items in rendered for item in items)
        offset = reserve(len(data))
        _write_at(descriptor, data, offset)
        placed = []
        for article_id, items in rendered:
            lengths = tuple(len(item) for item in items)
            placed.append((article_id, offset, lengths))
            offset += sum(lengths)
        return placed

    # Rendered by renewed workers only: rendering an article's items reads it (and so copies the
    # memory page it lies on into the process that renders it) and leaves garbage behind, both of
    # which end with each worker instead of staying in the build's process to its end.
    workers = count if forked else 1
    results = run_chunks(len(chunks), render_chunk, workers, renew=renewed_share(len(chunks), workers))
    return {article_id: (offset, lengths) for placed in results for article_id, offset, lengths in placed}


def _write_at(descriptor: int, data: bytes, offset: int) -> None:
    """All of `data` at `offset`: pwrite may write less (a full disk), and says so."""
    view = memoryview(data)
    while view:
        written = os.pwrite(descriptor, view, offset)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]
        offset += written
