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


@pytest.mark.parametrize(
    ("page", "published"),
    [
        # Numbers with dots are day first everywhere: `10.12.2022, 07:00:03` is 10 December.
        ("519", "2022-12-10T07:00:03+01:00"),
        # With dashes, day first on a page in a language other than English (`de-DE`): `01-11-2023 10:29`.
        ("144", "2023-11-01T10:29:00+00:00"),
        # With slashes, month first even on a German page: a CMS's US default (`11/01/2023 12:43:42`).
        ("016", "2023-11-01T12:43:42+01:00"),
        # A time in UTC shown on the clock of the page's country: `2021-11-04T23:00Z` on kas.de.
        ("611", "2021-11-05T00:00:00+01:00"),
        # ... `Wed, 04 May 2022 00:25:56 GMT` on lanacion.com.ar.
        ("621", "2022-05-03T21:25:56-03:00"),
        # datePublished `2020-02-19`, a day alone, is the day of the update (article:modified_time
        # 2020-02-19T15:24:33+01:00): the earlier article:published_time is the publication.
        ("219", "2017-04-12T18:33:59+02:00"),
        # JSON-LD's `2023-11-09T05:30:59Z` and the <time>'s `2023-11-08 23:30:59` are one instant:
        # the page's clock is six hours behind UTC.
        ("802", "2023-11-08T23:30:59-06:00"),
        # A stray first value is outvoted: three or more sources agree on a day two or more days away.
        ("692", "2022-01-06T08:29:34+00:00"),  # JSON-LD's 2022-01-04 vs og, Dublin Core, meta date, trafilatura
        ("645", "2022-02-04T15:33:00+01:00"),  # microdata's and pubdate's 2021-12-14 vs four sources' 2022-02-04
        ("324", "2023-11-06T15:25:00+01:00"),  # JSON-LD's 2023-11-03 vs og and <time> (its local form)
        # og's `2022-12-15T09:13:00` has no offset; JSON-LD's `Z` beside it is no newsroom's clock,
        # so it is read on the clock of the country of womenshealth.de (= JSON-LD's 08:13Z).
        ("833", "2022-12-15T09:13:00+01:00"),
    ],
)
def test_the_newsroom_day(page: str, published: str, test_site: Site) -> None:
    assert normalize(_read(page), test_site).published.isoformat() == published
