"""Real pages from the trafilatura-eval corpus (tests/fixtures/corpus) through read_html and normalize():
the general rules of issue 15, each on a page where it decides the value."""

from __future__ import annotations

import gzip
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from wirefeed.config import load_site
from wirefeed.model import Article, Found, Site
from wirefeed.normalize import normalize
from wirefeed.readers.html import read_html

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    folder = tmp_path_factory.mktemp("site")
    (folder / "wirefeed.toml").write_text(
        '[site]\ntitle = "Desk"\nbase_url = "https://desk.example/"\ndescription = "d"\n'
        'language = "en"\ntimezone = "UTC"\n'
        '[publisher]\nname = "Desk"\nurl = "/"\nlogo = "logo.png"\n',
        encoding="utf-8",
    )
    return load_site(folder)


def page(number: str) -> tuple[Path, bytes]:
    return Path(f"te-{number}.html"), gzip.decompress((CORPUS / f"te-{number}.html.gz").read_bytes())


def article(number: str, site: Site) -> Article:
    return normalize(read_html(*page(number)), site)


def test_a_link_text_before_the_name_is_dropped(site: Site) -> None:
    # The byline is the link "Zeige alle Beiträge von Cem Basman".
    assert [agent.name for agent in article("289", site).authors] == ["Cem Basman"]


def test_a_social_handle_after_the_name_is_dropped(site: Site) -> None:
    # JSON-LD author "Williams Perdomo @wperdomod".
    assert [agent.name for agent in article("510", site).authors] == ["Williams Perdomo"]


def test_a_utc_time_is_given_in_the_offset_the_page_states_for_the_same_moment(site: Site) -> None:
    # JSON-LD says 2019-10-18T22:04:00Z, Dublin Core the same moment at +02:00: the local day is the 19th.
    assert read_html(*page("673")).published == Found("Sat, 19 Oct 2019 00:04:00 +0200", "dc:date")
    assert article("673", site).published == datetime(2019, 10, 19, 0, 4, tzinfo=timezone(timedelta(hours=2)))


def test_an_update_before_the_publication_is_dropped_not_the_page(site: Site) -> None:
    # article:modified_time 17:14:32+01:00 is before article:published_time 19:00:49+01:00.
    story = article("074", site)
    assert story.published == datetime(2019, 12, 9, 19, 0, 49, tzinfo=timezone(timedelta(hours=1)))
    assert story.modified == story.published
    assert [agent.name for agent in story.authors] == ["Barbara Stiegler"]


def test_a_language_value_that_is_no_tag_gives_way_to_the_next_source(site: Site) -> None:
    # <meta name="language" content="deutsch, german"> would reject the page; <html lang="de"> is used.
    story = article("692", site)
    assert story.language == "de"
    assert story.headline == "Vanlife in Schweden"
