"""cache.lazy.resolved(): what the build renders from an article the input cache holds lazily is
a plain Article, equal to the one read, read from its pickle once and never again."""

from __future__ import annotations

from dataclasses import fields, replace

from tests.cache.test_pickling import sample_article
from wirefeed.cache.lazy import LazyArticle, resolved
from wirefeed.cache.pickling import dumps
from wirefeed.model import LISTED_FIELDS, Article, listed_values


class CountedPickle:
    """A pickle kept elsewhere (as a blob file's place is), counting its reads."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reads = 0

    def read(self) -> bytes:
        self.reads += 1
        return self.data


def test_resolved_is_a_plain_article_equal_to_the_one_read_with_one_read_of_its_pickle() -> None:
    article = sample_article()
    source = CountedPickle(dumps(article))
    lazy = LazyArticle.of(source, listed_values(article))
    assert source.reads == 0 and lazy.slug == article.slug  # the listed fields are at hand
    whole = resolved(lazy)
    assert type(whole) is Article and whole == article and source.reads == 1
    # Every field of the resolved article is in it: reading them all reads nothing more.
    assert [getattr(whole, field.name) for field in fields(Article)] == [getattr(article, field.name) for field in fields(Article)]
    assert source.reads == 1


def test_resolved_keeps_the_listed_fields_the_build_set_and_replace_works_on_it() -> None:
    article = sample_article()
    lazy = LazyArticle.of(dumps(article), listed_values(replace(article, slug="rates-2", url="https://wire.example.com/r2")))
    whole = resolved(lazy)
    assert (whole.slug, whole.url, whole.body) == ("rates-2", "https://wire.example.com/r2", article.body)
    moved = replace(whole, slug="moved")
    assert type(moved) is Article and moved.slug == "moved" and moved.headline == article.headline
    assert set(LISTED_FIELDS) < {field.name for field in fields(Article)}


def test_a_plain_article_resolves_to_itself() -> None:
    article = sample_article()
    assert resolved(article) is article
