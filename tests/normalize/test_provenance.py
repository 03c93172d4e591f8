"""Provenance: the site's own articles are its publisher's; real pages from elsewhere keep their origin."""

from __future__ import annotations

import gzip
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.conftest import ROOT, SEED
from wirefeed.config import load_site
from wirefeed.model import Agent, Article, DraftAgent, Found, Image, Provenance, Site, SourceSettings
from wirefeed.normalize import normalize
from wirefeed.readers import read, read_html

PAGES = ROOT / "tests" / "fixtures" / "provenance"
BBC_URL = "http://www.bbc.com/news/world-us-canada-33646704"
BBC = Agent("BBC News", "Organization", "http://www.bbc.com/",
            Image(url="http://www.bbc.co.uk/news/special/2015/newsspec_10857/bbc_news_logo.png?cb=1"))


def page(name: str, site: Site) -> Article:
    """A real page of the corpora, read and normalized as a build would."""
    return normalize(read_html(Path(name.removesuffix(".gz")), gzip.decompress((PAGES / name).read_bytes())), site)


def test_the_sample_wire_text_is_the_sites_own(sample_site: Site) -> None:
    article = normalize(read(SEED), sample_site)
    assert article.provenance == Provenance(own=True, publisher=sample_site.publisher)
    assert not article.elsewhere
    assert article.publisher == sample_site.publisher


def test_a_bbc_page_keeps_its_publisher_and_is_credited_to_nobody_else(sample_site: Site) -> None:
    article = page("bbc-1.html.gz", sample_site)
    assert article.provenance == Provenance(own=False, publisher=BBC, url=BBC_URL)
    assert article.elsewhere
    assert article.publisher == BBC
    # The page names no author: nobody stands in, least of all our brand (before: "Global Times").
    assert article.authors == ()


def test_a_page_on_an_own_domain_is_the_sites_own(sample_site: Site) -> None:
    site = replace(sample_site, own_domains=("bbc.com",))  # www.bbc.com is a subdomain of bbc.com
    article = page("bbc-1.html.gz", site)
    assert article.provenance == Provenance(own=True, publisher=sample_site.publisher, url=BBC_URL)
    assert article.publisher == sample_site.publisher
    assert article.authors == (sample_site.publisher,)


def test_a_reuters_page_keeps_its_publisher_and_its_author(sample_site: Site) -> None:
    article = page("reuters-727.html.gz", sample_site)
    assert article.provenance == Provenance(
        own=False,
        publisher=Agent("Reuters", "Organization", "https://www.reuters.com/",
                        Image(url="https://s3.reutersmedia.net/resources_v2/images/reuters_social_logo.png")),
        url="https://www.reuters.com/article/us-awards-sag-idUSKBN1ZI0EH",
    )
    assert [(author.name, author.kind) for author in article.authors] == [("Jill Serjeant", "Person")]


def test_a_desks_source_settings_correct_name_home_zone_and_language(sample_site: Site) -> None:
    heise = SourceSettings("heise.de", name="heise online", url="https://www.heise.de/",
                           timezone=ZoneInfo("Europe/Berlin"), language="de-de")
    site = replace(sample_site, sources=(heise,))
    article = page("heise.html.gz", site)
    assert article.provenance == Provenance(
        own=False,
        publisher=Agent("heise online", "Organization", "https://www.heise.de/"),
        url="http://www.heise.de/mac-and-i/meldung/1Password-fuer-Mac-generiert-Einmal-Passwoerter-2596987.html",
        timezone=ZoneInfo("Europe/Berlin"),
        language="de-de",
    )
    assert article.language == "de-de"
    # Without settings the page's own site name (its sub-brand) is the publisher.
    assert page("heise.html.gz", sample_site).provenance.publisher == Agent("Mac & i", "Organization", "http://www.heise.de/")


def test_a_relative_canonical_url_is_never_resolved_into_our_own_site(sample_site: Site) -> None:
    # `/content/vegetarier-...` with no <base>: before, it became a page of wire.example.com, ours.
    article = page("relative-canonical-141.html.gz", sample_site)
    assert article.provenance == Provenance(own=False, publisher=None, url=None)
    assert article.publisher is None
    assert sample_site.publisher not in article.authors


def test_an_elsewhere_byline_naming_its_publisher_is_that_organization(sample_site: Site) -> None:
    draft = read_html(Path("bbc.html"), gzip.decompress((PAGES / "bbc-1.html.gz").read_bytes()))
    article = normalize(replace(draft, authors=(DraftAgent(Found("BBC News", "json-ld")),)), sample_site)
    assert article.authors == (BBC,)


def test_an_elsewhere_page_named_by_our_brand_in_its_byline_is_not_our_publisher(sample_site: Site) -> None:
    draft = read_html(Path("bbc.html"), gzip.decompress((PAGES / "bbc-1.html.gz").read_bytes()))
    article = normalize(replace(draft, authors=(DraftAgent(Found("Global Times", "json-ld")),)), sample_site)
    # The name is the page's claim, kept; but it is not our configured publisher (no URL, no logo of ours).
    assert article.authors == (Agent("Global Times", "Organization"),)


def test_default_own_domains_are_the_sites_hosts_without_www(tmp_path: Path) -> None:
    site = load_site(ROOT / "tests" / "fixtures" / "html-site")
    assert site.own_domains == ("wire.example.com", "globaltimes.cn")
    assert site.sources == ()
