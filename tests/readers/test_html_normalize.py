"""HTML Drafts through normalize(): the cleaning the reader leaves to it happens there."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirefeed.config import load_site
from wirefeed.errors import InputError
from wirefeed.model import Article, Site
from wirefeed.normalize import normalize
from wirefeed.normalize.dating import DATE_EXPECTED
from wirefeed.readers.html import read_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    folder = tmp_path_factory.mktemp("site")
    (folder / "wirefeed.toml").write_text(
        '[site]\ntitle = "Desk"\nbase_url = "https://desk.example/"\ndescription = "d"\n'
        'language = "en"\ntimezone = "Europe/Paris"\n'
        '[publisher]\nname = "Desk"\nurl = "/"\nlogo = "logo.png"\n',
        encoding="utf-8",
    )
    return load_site(folder)


def article(name: str, site: Site) -> Article:
    path = FIXTURES / name
    return normalize(read_html(path, path.read_bytes()), site)


def test_by_prefix_and_trailing_role_leave_the_name(site: Site) -> None:
    assert [author.name for author in article("byline_prefix_role.html", site).authors] == ["Tom Hardy"]


def test_a_local_time_on_a_page_of_unknown_origin_is_read_as_utc_not_on_the_site_clock(site: Site) -> None:
    # The page names no URL, so nothing says whose clock 21:30 was (README: Date rules).
    assert article("local_time.html", site).published.isoformat() == "2024-03-05T21:30:00+00:00"


def test_an_offset_in_the_page_is_kept(site: Site) -> None:
    published = article("jsonld_newsarticle.html", site).published
    assert published.utcoffset() is not None and published.isoformat() == "2024-03-05T09:30:00+01:00"


def test_several_authors_stay_separate_with_kinds_and_absolute_urls(site: Site) -> None:
    authors = article("several_authors.html", site).authors
    assert [(a.name, a.kind, a.url) for a in authors] == [
        ("Ana Costa", "Person", None),
        ("Ben Okafor", "Person", "https://desk.example/authors/ben-okafor"),
        ("Wire Agency", "Organization", None),
    ]


def test_the_lead_image_caption_loses_its_credit(site: Site) -> None:
    image = article("jsonld_newsarticle.html", site).images[0]
    assert (image.caption, image.credit, image.width) == ("The bridge at dawn.", "J. Roe", 1600)


def test_a_page_that_is_not_an_article_is_rejected_naming_the_file(site: Site) -> None:
    path = FIXTURES / "not_article.html"
    with pytest.raises(InputError) as raised:
        normalize(read_html(path, path.read_bytes()), site)
    assert raised.value.path == path
    assert raised.value.message == f"no publication date found; expected {DATE_EXPECTED}"
