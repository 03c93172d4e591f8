"""The date rules on real pages from the development corpus (../shared/corpus/trafilatura-eval)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wirefeed.model import Site
from wirefeed.normalize import normalize
from wirefeed.readers.html import read_html
from wirefeed.writers.jsonld import article_jsonld

PAGES = ROOT.parent / "shared" / "corpus" / "trafilatura-eval" / "pages"

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason="the development corpus is not beside the repository")


@pytest.mark.parametrize(
    ("page", "published", "day_only"),
    [
        ("497", "2011-05-23T12:00:00+00:00", True),  # dw.com, a day only (htmldate): noon, zone unknown
        ("824", "2019-10-19T12:00:00+02:00", True),  # sat1regional.de, a day only: noon on Germany's clock
        ("527", "2020-01-28T15:28:56+01:00", False),  # faz.net: `Tue Jan 28 15:28:56 CET 2020`, its zone stated
        ("137", "2020-02-18T18:12:26+01:00", False),  # elpais.com: the offset stated
    ],
)
def test_real_pages(page: str, published: str, day_only: bool, test_site: Site) -> None:
    path = PAGES / f"{page}.html.gz"
    article = normalize(read_html(Path(f"{page}.html"), gzip.decompress(path.read_bytes())), test_site)
    assert article.published.isoformat() == published
    assert (article.day_of(article.published) is not None) == day_only
    document = article_jsonld(article, test_site)
    node = next(node for node in document["@graph"] if node["@type"] == "NewsArticle")
    assert node["datePublished"] == (published[:10] if day_only else published)
