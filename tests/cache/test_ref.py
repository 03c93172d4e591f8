"""cache.ref.ArticleRef: the input cache's handle on an article is no Article; it holds the listed
fields, and resolves to a plain Article equal to the one read, from one read of its pickle."""

from __future__ import annotations

import importlib
import pkgutil
import pickle
from dataclasses import FrozenInstanceError, fields, replace

import pytest

import wirefeed
from tests.cache.test_pickling import sample_article
from wirefeed.cache.pickling import dumps
from wirefeed.cache.ref import ArticleRef, ResolvedArticles, listed_values, resolved
from wirefeed.model import LISTED_FIELDS, Article


class CountedPickle:
    """A pickle kept elsewhere (as a blob file's place is), counting its reads."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reads = 0

    def read(self) -> bytes:
        self.reads += 1
        return self.data


def counted_ref(article: Article) -> tuple[ArticleRef, CountedPickle]:
    """A handle on `article`, as the input cache makes one, and its pickle's read counter."""
    source = CountedPickle(dumps(article))
    return ArticleRef.of(source, listed_values(article)), source


def test_no_class_in_the_package_is_an_article_subclass() -> None:
    modules = [module.name for module in pkgutil.walk_packages(wirefeed.__path__, "wirefeed.")
               if not module.name.endswith(".__main__")]  # which runs the command line
    for name in modules:
        importlib.import_module(name)
    assert "wirefeed.cache.ref" in modules and len(modules) > 100
    assert Article.__subclasses__() == []


def test_a_handle_resolves_to_a_plain_article_equal_to_the_one_read_with_one_read_of_its_pickle() -> None:
    article = sample_article()
    ref, source = counted_ref(article)
    assert not isinstance(ref, Article)
    assert [getattr(ref, name) for name in LISTED_FIELDS] == [getattr(article, name) for name in LISTED_FIELDS]
    assert source.reads == 0
    whole = ref.resolve()
    assert type(whole) is Article and whole == article and source.reads == 1
    # Every field of the resolved article is in it: reading them all reads nothing more.
    assert [getattr(whole, field.name) for field in fields(Article)] == [getattr(article, field.name) for field in fields(Article)]
    assert source.reads == 1
    assert resolved(ref) == article and source.reads == 2  # each resolve reads again: nothing is kept


def test_a_handle_holds_the_listed_fields_only_and_a_field_it_lacks_is_an_error_not_an_unpickle() -> None:
    ref, source = counted_ref(sample_article())
    with pytest.raises(AttributeError, match="headline"):
        ref.headline  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(FrozenInstanceError):
        ref.slug = "other"  # type: ignore[misc]
    assert source.reads == 0
    assert "pickled" not in repr(ref) and repr(ref).startswith("ArticleRef(id='wire-1', guid='urn:wire:1', slug='rates', ")


def test_replace_sets_listed_fields_on_the_handle_and_the_resolved_article_keeps_them() -> None:
    article = sample_article()
    ref, source = counted_ref(article)
    moved = replace(ref, slug="rates-2", url="https://wire.example.com/r2")
    assert type(moved) is ArticleRef and moved.pickled is source and source.reads == 0
    whole = moved.resolve()
    assert whole == replace(article, slug="rates-2", url="https://wire.example.com/r2")
    assert (whole.slug, whole.url, whole.body) == ("rates-2", "https://wire.example.com/r2", article.body)
    assert set(LISTED_FIELDS) < {field.name for field in fields(Article)}


def test_a_handle_on_an_article_in_hand_and_a_plain_article_resolve_to_it() -> None:
    article = sample_article()
    assert resolved(ArticleRef.holding(article)) == article
    assert resolved(article) is article
    with pytest.raises(TypeError, match="expected an Article or an ArticleRef, got a str"):
        resolved("an article")  # type: ignore[arg-type]


def test_a_handle_on_something_else_than_an_article_is_refused_when_resolved() -> None:
    ref = ArticleRef.of(pickle.dumps("not an article"), listed_values(sample_article()))
    with pytest.raises(TypeError, match="an ArticleRef holds a pickled str"):
        ref.resolve()


def test_resolved_articles_resolve_each_one_when_read() -> None:
    article = sample_article()
    ref, source = counted_ref(article)
    other = replace(article, id="wire-2", headline="Other")
    articles = ResolvedArticles((ref, other))
    assert len(articles) == 2 and source.reads == 0
    assert articles[0] == article and type(articles[0]) is Article and source.reads == 2
    assert articles[1:] == (other,) and list(articles) == [article, other] and source.reads == 3
    assert articles == (article, other) and articles != (article,) and articles != "ab"
    assert repr(articles) == "ResolvedArticles(2 articles)"
