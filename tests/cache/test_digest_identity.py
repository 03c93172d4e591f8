"""article_digest() depends on an article's values only, not on which of its strings are one object."""

from __future__ import annotations

import pickle
from pathlib import Path

from tests.conftest import load_corpus_generator
from wirefeed.cache.keys import article_digest
from wirefeed.config import load_site
from wirefeed.model import Article
from wirefeed.pipeline.inputs import discover, read_one

corpus = load_corpus_generator("wirefeed_bench_corpus_digest")


def test_an_article_read_with_an_unpickled_config_has_the_same_digest(tmp_path: Path) -> None:
    # A Dask worker reads with the config it was sent, pickled: its strings are no longer the
    # literals of wirefeed's code that the articles read here share (an agency's `Organization`).
    corpus.write_corpus(40, tmp_path, seed=3)
    site = load_site(tmp_path / "wirefeed.toml")
    sent = pickle.loads(pickle.dumps(site))
    pairs = [(read_one(path, site, tmp_path), read_one(path, sent, tmp_path)) for path in discover(tmp_path)]
    articles = [(here, there) for here, there in pairs if isinstance(here, Article) and isinstance(there, Article)]
    assert len(articles) == 40 and all(here == there for here, there in articles)
    # What made two digests of one article: the pickles of equal articles differ.
    assert any(pickle.dumps(here) != pickle.dumps(there) for here, there in articles)
    assert [article_digest(here) for here, _ in articles] == [article_digest(there) for _, there in articles]
