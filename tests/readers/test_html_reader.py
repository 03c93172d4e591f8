"""read_html on one small page per case: every field the Draft has, with its value and its source."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from wirefeed.model import Draft, DraftAgent, DraftImage, Found
from wirefeed.readers.html import read_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


def read(name: str) -> Draft:
    path = FIXTURES / name
    return read_html(path, path.read_bytes())


def found_fields(draft: Draft) -> dict[str, object]:
    """Every found field but the body, whose exact text is trafilatura's business."""
    return {name: value for name, value in draft.fields().items() if name != "body"}


def agent(name: str, where: str, url: str | None = None, kind: str | None = None) -> DraftAgent:
    # A schema.org author is stated as a name; the other sources are bylines cut from the page.
    stated = where in ("json-ld", "microdata", "rdfa")
    return DraftAgent(name=Found(name, where), url=url, kind=kind, stated=stated)  # type: ignore[arg-type]


EXPECTED: dict[str, dict[str, object]] = {
    "jsonld_newsarticle.html": {
        # The <h1> matches the JSON-LD headline, so the visible headline is taken.
        "headline": Found("Harbour bridge reopens after repairs", "<h1>"),
        "published": Found("2024-03-05T09:30:00+01:00", "json-ld"),
        "modified": Found("2024-03-05T11:00:00+01:00", "json-ld"),
        "sections": (Found("City", "json-ld"),),
        "authors": (agent("Jane Doe", "json-ld", "https://news.example.com/staff/jane-doe", "Person"),),
        "images": (DraftImage(where="json-ld", url="https://news.example.com/img/bridge.jpg",
                              caption="The bridge at dawn. Photo: J. Roe", width=1600, height=900),),
        "description": Found("The harbour bridge carries traffic again after six weeks of repairs.", "json-ld"),
        "language": Found("en-GB", "json-ld"),
        "keywords": (Found("bridges", "json-ld"), Found("transport", "json-ld")),
        "url": Found("https://news.example.com/2024/03/05/harbour-bridge-reopens", "<link rel=canonical>"),
        "site_name": Found("Example News", "json-ld"),
    },
    "jsonld_graph.html": {
        "headline": Found("Council approves new library", "json-ld"),
        "published": Found("2024-04-02T08:00:00+00:00", "json-ld"),
        "sections": (Found("Local", "json-ld"), Found("Culture", "json-ld")),
        # The author is a {"@id": ...} reference to a Person elsewhere in the @graph.
        "authors": (agent("Sam Lee", "json-ld", "https://times.example.org/author/sam-lee/", "Person"),),
        "language": Found("en", "<html lang>"),
        "keywords": (Found("libraries", "json-ld"), Found("council", "json-ld")),
        "site_name": Found("Example Times", "json-ld WebSite"),
    },
    "jsonld_array.html": {
        "headline": Found("Rail strike called off", "json-ld"),
        "published": Found("2024-05-10", "json-ld"),
        "authors": (agent("Ada Park", "json-ld"),),
    },
    "jsonld_several_blocks.html": {
        # The third block is wrapped in CDATA; the article is found whatever block it is in.
        "headline": Found("Floods ease in the north", "json-ld"),
        "published": Found("2024-06-01T07:15:00Z", "json-ld"),
        "authors": (agent("Lu Wei", "json-ld", kind="Person"),),
        "site_name": Found("Blocks Herald", "json-ld WebSite"),
    },
    "jsonld_malformed.html": {
        "headline": Found("Ferry timetable changes next week", "og:title"),
        "published": Found("2024-07-01T12:00:00-04:00", "article:published_time"),
        "authors": (agent("Rosa Diaz", "meta[name=author]"),),
        "description": Found("New sailings start on Monday.", "meta[name=description]"),
        "site_name": Found("Broken Gazette", "og:site_name"),
    },
    "microdata_only.html": {
        "headline": Found("Neue Brücke eröffnet", "<h1>"),
        "published": Found("2024-02-29T10:00:00+01:00", "microdata"),
        "authors": (agent("Max Muster", "microdata", kind="Person"),),
        "description": Found("Die neue Brücke ist offen.", "microdata"),
        "language": Found("de", "<html lang>"),
        "site_name": Found("Beispiel Zeitung", "microdata"),
    },
    "rdfa_only.html": {
        "headline": Found("Lighthouse keeper retires", "<h1>"),
        "published": Found("2024-04-20T15:00:00+00:00", "rdfa"),
        "authors": (agent("Oona Reyes", "rdfa", kind="Person"),),
    },
    "opengraph_only.html": {
        "headline": Found("Museum doubles its opening hours", "og:title"),
        "published": Found("2024-03-20", "article:published_time"),
        "modified": Found("2024-03-21T08:00:00Z", "article:modified_time"),
        "sections": (Found("Culture", "article:section"),),
        # article:author is a Facebook URL: dropped, and no other source names anyone.
        "images": (DraftImage(where="og:image", url="https://graph.example.net/museum.jpg",
                              caption="The museum's main hall", width=800, height=450),),
        "description": Found("Visitors can come in the evening from May.", "og:description"),
        "language": Found("fr_FR", "og:locale"),
        "keywords": (Found("museums", "article:tag"), Found("tourism", "article:tag")),
        "url": Found("https://graph.example.net/museum-hours", "og:url"),
        "site_name": Found("Graph Post", "og:site_name"),
    },
    "several_authors.html": {
        "headline": Found("Budget passes after late vote", "json-ld"),
        "published": Found("2024-08-08T22:10:00+02:00", "json-ld"),
        # No page address is declared, so the relative profile URL stays for normalize().
        "authors": (
            agent("Ana Costa", "json-ld", kind="Person"),
            agent("Ben Okafor", "json-ld", "/authors/ben-okafor", "Person"),
            agent("Wire Agency", "json-ld", kind="Organization"),
        ),
    },
    "byline_prefix_role.html": {
        "headline": Found("Storm closes schools", "<h1>"),
        "published": Found("2024-01-15T06:45:00+11:00", "article:published_time"),
        # Raw, as the page has it: normalize() drops "By" and the role; the date line is cut here.
        "authors": (agent("By Tom Hardy, Senior Reporter", ".byline"),),
        "site_name": Found("Coast Courier", "og:site_name"),
    },
    "author_not_person.html": {
        "headline": Found("Market hall to be restored", "<h1>"),
        "published": Found("2024-09-09T09:00:00+00:00", "article:published_time"),
        # meta author is a URL, article:author the site's name, parsely-author a date.
        "authors": (agent("Mia Wong", "a[rel=author]", "https://crier.example.com/staff/mia-wong"),),
        "url": Found("https://crier.example.com/news/market-hall", "<link rel=canonical>"),
        "site_name": Found("Town Crier", "og:site_name"),
    },
    "published_is_update_time.html": {
        "headline": Found("Hotel owners' secrets", "<h1>"),
        # microdata's datePublished is the page's modification time; OpenGraph has the
        # earlier, real publication time.
        "published": Found("2015-09-17T16:57:43+01:00", "article:published_time"),
        "modified": Found("2016-05-08T10:11:51+01:00", "article:modified_time"),
    },
    "local_time.html": {
        "headline": Found("Night market returns", "og:title"),
        # No offset: kept as written; normalize() applies site.timezone.
        "published": Found("2024-03-05T21:30:00", "article:published_time"),
    },
    "conflict.html": {
        # JSON-LD outranks og:title, article:published_time, meta author and og:description;
        # the <h1> is the site's logo and matches no metadata headline, so it is not taken.
        "headline": Found("Schema headline wins", "json-ld"),
        "published": Found("2024-10-01T18:00:00Z", "json-ld"),
        "authors": (agent("Schema Author", "json-ld", kind="Person"),),
        "description": Found("Schema summary.", "json-ld"),
        "site_name": Found("Conflict Daily", "og:site_name"),
    },
    "relative_urls_canonical.html": {
        "headline": Found("Relative links", "<h1>"),
        "published": Found("2024-11-11T11:11:00Z", "article:published_time"),
        "authors": (agent("Kim Ode", ".byline", "https://rel.example.com/people/kim-ode"),),
        "images": (
            DraftImage(where="og:image", url="https://rel.example.com/media/lead.jpg"),
            DraftImage(where="<figure>", url="https://rel.example.com/2024/photos/one.jpg",
                       caption="The first photo. Photo: R. Lane", width=640, height=480, position=2),
        ),
        "url": Found("https://rel.example.com/2024/story.html", "<link rel=canonical>"),
    },
    "relative_urls_base.html": {
        "headline": Found("Base links", "<h1>"),
        "published": Found("2024-12-01T00:00:00Z", "article:published_time"),
        # <base href> outranks the canonical for resolving, the canonical included.
        "images": (DraftImage(where="og:image", url="https://cdn.example.org/site/img/lead.png"),),
        "url": Found("https://cdn.example.org/2024/base-story", "<link rel=canonical>"),
    },
    "charset_windows_1252.html": {
        # Declared iso-8859-1, read as windows-1252 as browsers do: 0x92 is a quote mark.
        "headline": Found("Café ’Chez Léa’ rouvre", "<title>"),
        "published": Found("2024-02-02T08:00:00+01:00", "article:published_time"),
    },
    "charset_http_equiv_1251.html": {
        "headline": Found("Новый мост открыт", "<title>"),
        "authors": (agent("Иван Петров", "meta[name=author]"),),
    },
    "not_article.html": {
        # A portal page: a title but no date. normalize() rejects it, naming the file.
        "headline": Found("Example Portal", "<title>"),
        "language": Found("en", "<html lang>"),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_found_field_has_its_value_and_source(name: str) -> None:
    assert found_fields(read(name)) == EXPECTED[name]


def test_every_fixture_has_expectations() -> None:
    assert sorted(path.name for path in FIXTURES.glob("*.html")) == sorted(EXPECTED)


def test_source_records_the_file_format_and_hash() -> None:
    path = FIXTURES / "jsonld_array.html"
    draft = read("jsonld_array.html")
    assert (draft.source.path, draft.source.format) == (path, "html")
    assert draft.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_body_is_the_main_text_from_trafilatura_without_header_or_footer() -> None:
    body = read("jsonld_newsarticle.html").body
    assert body[0] == Found(
        "The harbour bridge reopened to traffic on Tuesday morning after six weeks of repairs"
        " to its steel deck, the city's transport department said in a statement.",
        "trafilatura",
    )
    assert len(body) == 3
    assert all(paragraph.where == "trafilatura" for paragraph in body)
    assert not any("Copyright" in paragraph.value for paragraph in body)


def test_a_page_with_neither_headline_nor_date_reads_with_both_empty() -> None:
    path = Path("blank.html")
    draft = read_html(path, b"<html><body><div><span>menu</span></div></body></html>")
    assert draft.headline is None and draft.published is None


def test_html_entities_escaped_twice_by_a_cms_are_decoded() -> None:
    page = b'<html><head><meta property="og:title" content="That&amp;#039;s it"></head><body></body></html>'
    assert read_html(Path("x.html"), page).headline == Found("That's it", "og:title")


def test_a_title_keeps_a_suffix_that_is_not_the_site_name() -> None:
    page = (b'<html><head><title>Talks resume | Day two</title>'
            b'<meta property="og:site_name" content="Paper"></head><body></body></html>')
    assert read_html(Path("x.html"), page).headline == Found("Talks resume | Day two", "<title>")


def test_htmldate_dates_a_page_that_has_only_a_dated_url() -> None:
    page = (b'<html><head><title>Dated</title>'
            b'<link rel="canonical" href="https://example.com/2023/04/05/dated-story/"></head>'
            b"<body><p>Text.</p></body></html>")
    # trafilatura runs htmldate (extensive search, original date) on the URL and markup.
    assert read_html(Path("x.html"), page).published == Found("2023-04-05", "trafilatura")


def test_a_site_name_loses_its_tagline_when_a_part_names_the_host() -> None:
    page = ('<html><head><link rel="canonical" href="https://www.aktualne.cz/a/">'
            '<meta property="og:site_name" content="Aktuálně.cz - Víte, co se právě děje">'
            "</head><body></body></html>").encode()
    assert read_html(Path("x.html"), page).site_name == Found("Aktuálně.cz", "og:site_name")
