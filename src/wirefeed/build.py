"""A whole build: read every input, normalize, then write every output from the same records."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from wirefeed.config import CONFIG_NAME, load_site
from wirefeed.errors import InputError
from wirefeed.model import Article, Site
from wirefeed.normalize import normalize
from wirefeed.output import OutputDir
from wirefeed.readers import is_article, read
from wirefeed.writers import write_site

Progress = Callable[[int, int], None]

# Folders beside the config that hold the site's own files, not articles.
_SITE_FOLDERS = frozenset({"templates", "static"})


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build published, what it rejected (each with file and place) and what it wrote."""

    articles: tuple[Article, ...]
    rejected: tuple[InputError, ...]
    written: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.rejected


def build(input_dir: Path, output_dir: Path, *, site: Site | None = None, progress: Progress | None = None) -> BuildResult:
    """Build `output_dir` from the articles in `input_dir` and its `wirefeed.toml`.

    A bad article is reported in the result and left out; every good one is still
    published. A bad config raises ConfigError before anything is written.
    """
    site = site or load_site(input_dir / CONFIG_NAME)
    paths = discover(input_dir)
    articles, rejected = read_articles(paths, site, progress)
    articles, duplicates = _without_duplicate_ids(articles)
    articles = newest_first(_with_unique_slugs(articles))
    output = OutputDir(output_dir)
    write_site(articles, site, output)
    return BuildResult(articles=tuple(articles), rejected=tuple(rejected + duplicates), written=tuple(sorted(output.written)))


def discover(input_dir: Path) -> list[Path]:
    """Every article file under `input_dir`, in a stable order; hidden and site folders skipped."""
    return sorted(path for path in _walk(input_dir, top=True) if is_article(path))


def _walk(folder: Path, *, top: bool) -> Iterator[Path]:
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            if not (top and path.name in _SITE_FOLDERS):
                yield from _walk(path, top=False)
        elif path.is_file():
            yield path


def read_articles(paths: Sequence[Path], site: Site, progress: Progress | None = None) -> tuple[list[Article], list[InputError]]:
    """Read and normalize each path; collect the errors instead of stopping at the first."""
    articles: list[Article] = []
    rejected: list[InputError] = []
    for done, path in enumerate(paths, start=1):
        try:
            articles.append(normalize(read(path), site))
        except InputError as error:
            rejected.append(error)
        if progress:
            progress(done, len(paths))
    return articles, rejected


def newest_first(articles: Sequence[Article]) -> list[Article]:
    """Newest first; the id breaks ties, so the order never depends on the file system."""
    by_id = sorted(articles, key=lambda article: article.id)
    return sorted(by_id, key=lambda article: article.published, reverse=True)


def _without_duplicate_ids(articles: list[Article]) -> tuple[list[Article], list[InputError]]:
    kept: dict[str, Article] = {}
    duplicates: list[InputError] = []
    for article in articles:
        first = kept.get(article.id)
        if first is None:
            kept[article.id] = article
        else:
            duplicates.append(InputError(article.source.path, None, f"id {article.id!r} is already used by {first.source.path}; expected each article to have its own id (rename the file or set id in its sidecar)"))
    return list(kept.values()), duplicates


def _with_unique_slugs(articles: list[Article]) -> list[Article]:
    """Two articles with the same headline: the later one's slug gets a suffix from its id."""
    taken: set[str] = set()
    unique = []
    for article in sorted(articles, key=lambda article: (article.published, article.id)):
        if article.slug in taken:
            suffix = hashlib.sha256(article.id.encode("utf-8")).hexdigest()[:8]
            article = _with_slug(article, f"{article.slug}-{suffix}")
        taken.add(article.slug)
        unique.append(article)
    return unique


def _with_slug(article: Article, slug: str) -> Article:
    old_path = f"articles/{article.slug}.html"
    url = article.url.replace(old_path, f"articles/{slug}.html") if article.url.endswith(old_path) else article.url
    return replace(article, slug=slug, url=url)
