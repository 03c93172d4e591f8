"""The date rules on real pages from the development corpus (../shared/corpus/trafilatura-eval)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wirefeed.errors import InputError
from wirefeed.model import AWAITING_FIRST_SEEN, Draft, Site
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


READABILITY = ROOT.parent / "shared" / "corpus" / "readability"


def _read(page: str) -> Draft:
    return read_html(Path(f"{page}.html"), gzip.decompress((PAGES / f"{page}.html.gz").read_bytes()))


@pytest.mark.parametrize(
    ("page", "published", "where"),
    [
        # No date in the markup or URL; the text holds only a copyright year (`© 2011`), which
        # htmldate's text search returns as 2011-01-01: a year, not a day. Undated.
        ("005", None, None),
        # The same for a month alone (`Juli 2017` -> 2017-07-01).
        ("011", None, None),
        # A 1st of the month that the markup-and-URL search finds too is a day, and stands.
        ("403", "2021-12-01", "trafilatura"),
        # A text-search day that is not the 1st (a full date written in the text) stands.
        ("106", "2016-05-22", "trafilatura"),
    ],
)
def test_a_month_or_a_year_from_the_text_search_is_no_day(page: str, published: str | None, where: str | None) -> None:
    draft = _read(page)
    assert (draft.published.value if draft.published else None) == published
    assert (draft.published.where if draft.published else None) == where


@pytest.mark.parametrize(
    "path",
    [
        PAGES / "333.html.gz",  # an essay laid out in a table: trafilatura writes its cells as `| text |`
        READABILITY / "mathjax" / "source.html",  # paragraphs cut short by inline formulas
    ],
)
def test_an_undated_page_of_prose_waits_for_first_seen(path: Path, test_site: Site) -> None:
    if not path.exists():
        pytest.skip("the readability corpus is not beside the repository")
    data = path.read_bytes()
    draft = read_html(Path("page.html"), gzip.decompress(data) if path.suffix == ".gz" else data)
    assert draft.published is None
    article = normalize(draft, test_site)
    assert article.published == AWAITING_FIRST_SEEN


def test_an_undated_page_without_prose_is_no_article(test_site: Site) -> None:
    # A holiday villa's rental calendar (month tables, prices): no date and not a sentence of text.
    with pytest.raises(InputError, match="no publication date found"):
        normalize(_read("054"), test_site)
