"""The feed items written as text (writers/xmltext.py) are exactly what feedgen writes for them.

The reference below is the feedgen code the writers used before: the same entry fields in the
same calls. Generated articles carry every character that needs escaping, CDATA's end marker,
empty fields and non-ASCII text, and each whole document must come out byte for byte the same.
"""

from __future__ import annotations

import dataclasses
import html
import json
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings, strategies as st

from tests.conftest import INPUT, SEED
from wirefeed.config import load_site
from wirefeed.model import Agent, Article, Image, Site
from wirefeed.normalize import normalize
from wirefeed.readers import read
from wirefeed.writers import atom, jsonfeed, rss
from wirefeed.site.feedpage import FeedPage
from wirefeed.writers.xmltext import rfc2822


def _feedgen_rss(page: FeedPage[Article], site: Site, content: dict[str, str]) -> bytes:
    generator = rss._channel(page, site, page.self_url(site, rss.SUFFIX))
    for article in reversed(page.articles):
        entry = generator.add_entry()
        entry.title(article.headline)
        entry.link(href=article.url)
        entry.guid(article.guid, permalink=False)
        entry.pubDate(article.published)
        entry.description(html.escape(article.description, quote=False))
        body = content[article.id]
        entry.content(body, type="CDATA" if "]]>" not in body else None)
        for author in article.authors:
            entry.dc.dc_creator(author.name)
        _categories_and_media(entry, article)
    return bytes(generator.rss_str(pretty=True))


def _categories_and_media(entry: Any, article: Article) -> None:
    # The same in both formats: a category per section, a media:content per image with a URL.
    for section in article.sections:
        entry.category(term=section)
    for image in article.images:
        if image.url:
            entry.media.content(rss.media_content(image), group=None)


def _feedgen_atom(page: FeedPage[Article], site: Site, content: dict[str, str]) -> bytes:
    generator = atom._feed(page, site)
    for article in reversed(page.articles):
        entry = generator.add_entry()
        entry.id(article.guid)
        entry.title(article.headline)
        entry.link(href=article.url, rel="alternate", type="text/html")
        entry.published(article.published)
        entry.updated(article.modified)
        for author in article.authors or (site.publisher,):
            person = {"name": author.name}
            if author.url:
                person["uri"] = author.url
            entry.author(person)
        entry.summary(article.description)
        entry.content(content[article.id], type="html")
        _categories_and_media(entry, article)
    return bytes(generator.atom_str(pretty=True))


# Everything libxml2 escapes, CDATA's end, quotes, whitespace XML normalises, and wider characters.
_TEXT = st.text(alphabet=st.sampled_from(list("ab &<>\"'\r\n\t]]>;#é中😀\u2028")), max_size=12)
_NAMED = st.text(alphabet=st.sampled_from(list("ab &<>\"'\t]é")), min_size=1, max_size=8)
_ZONES = st.sampled_from([timezone.utc, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30))])


@st.composite
def _articles(draw: st.DrawFn, seed: Article) -> Article:
    zone = draw(_ZONES)
    published = draw(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1))).replace(tzinfo=zone)
    authors = tuple(Agent(name=name, kind="Person", url=draw(st.none() | st.just("https://x.example/a?b=1&c=\"2\"")))
                    for name in draw(st.lists(_NAMED, max_size=2)))
    images = tuple(Image(url=url, width=draw(st.none() | st.integers(1, 4000)), height=draw(st.none() | st.integers(1, 4000)))
                   for url in draw(st.lists(st.sampled_from(["https://x.example/p.jpg", "https://x.example/a&b<c>.png", "https://x.example/noext"]), max_size=2)))
    return dataclasses.replace(
        seed,
        id=draw(st.text(alphabet="abc", min_size=3, max_size=6)),
        headline=draw(_NAMED),
        description=draw(_TEXT),
        url="https://wire.example.com/articles/x.html?a=1&b=<2>",
        guid="urn:uuid:" + draw(st.sampled_from(["1", "2&3"])),
        published=published,
        modified=published + timedelta(seconds=draw(st.integers(0, 10**6))),
        sections=tuple(draw(st.lists(_TEXT, max_size=2))),
        authors=authors,
        images=images,
    )


SITE = load_site(INPUT / "wirefeed.toml")


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_rss_and_atom_items_are_feedgens_bytes(data: st.DataObject) -> None:
    sample_site = SITE
    seed = normalize(read(SEED), sample_site)
    articles = data.draw(st.lists(_articles(seed), max_size=3, unique_by=lambda article: article.id))
    content = {article.id: data.draw(_TEXT) for article in articles}
    page = FeedPage(title="T & <t>", description="D", home_url=sample_site.base_url, stem="feed", articles=tuple(articles),
                    updated=max((article.modified for article in articles), default=datetime(2020, 1, 1, tzinfo=timezone.utc)),
                    is_archive=data.draw(st.booleans()), prev_archive=data.draw(st.none() | st.just("archive/1")))
    assert rss.render_rss_page(page, sample_site, lambda article: content[article.id]) == _feedgen_rss(page, sample_site, content)
    assert atom.render_atom_page(page, sample_site, lambda article: content[article.id]) == _feedgen_atom(page, sample_site, content)


def _json_module_feed(page: FeedPage[Article], site: Site, content: dict[str, str]) -> bytes:
    """The JSON Feed document as the writer made it before its items were spliced in as text:
    the whole document, items included, through the json module."""
    document: dict[str, Any] = {
        "version": jsonfeed.VERSION, "title": page.title, "home_page_url": page.home_url,
        "feed_url": page.self_url(site, jsonfeed.SUFFIX), "description": page.description, "language": site.language,
        "authors": [jsonfeed._author(site.publisher)],
    }
    if page.hubs:
        document["hubs"] = [{"type": "WebSub", "url": hub} for hub in page.hubs]
    if page.prev_archive:
        document["next_url"] = page.url(site, page.prev_archive, jsonfeed.SUFFIX)
    document["items"] = [jsonfeed._item(article, content[article.id]) for article in page.articles]
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_json_feed_items_spliced_as_text_are_the_json_modules_bytes(data: st.DataObject) -> None:
    seed = normalize(read(SEED), SITE)
    articles = data.draw(st.lists(_articles(seed), max_size=3, unique_by=lambda article: article.id))
    content = {article.id: data.draw(_TEXT) for article in articles}
    page = FeedPage(title="T & <t>\n\u2028", description="D", home_url=SITE.base_url, stem="feed", articles=tuple(articles),
                    updated=max((article.modified for article in articles), default=datetime(2020, 1, 1, tzinfo=timezone.utc)),
                    hubs=data.draw(st.sampled_from([(), ("https://hub.example/",)])),
                    prev_archive=data.draw(st.none() | st.just("archive/1")))
    assert jsonfeed.render_json_feed_page(page, SITE, lambda article: content[article.id]) == _json_module_feed(page, SITE, content)


def test_the_seed_item_is_feedgens_bytes(sample_site: Site) -> None:
    seed = normalize(read(SEED), sample_site)
    page = FeedPage(title="T", description="D", home_url=sample_site.base_url, stem="feed", articles=(seed,), updated=seed.modified)
    content = {seed.id: "<p>Body &amp; more ]]> here</p>"}
    assert rss.render_rss_page(page, sample_site, lambda article: content[article.id]) == _feedgen_rss(page, sample_site, content)
    assert atom.render_atom_page(page, sample_site, lambda article: content[article.id]) == _feedgen_atom(page, sample_site, content)


def test_rfc2822_ignores_the_locale_and_keeps_the_offset() -> None:
    assert rfc2822(datetime(2021, 3, 11, 12, 58, tzinfo=timezone(timedelta(hours=8)))) == "Thu, 11 Mar 2021 12:58:00 +0800"
    assert rfc2822(datetime(1999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))) == "Fri, 31 Dec 1999 23:59:59 -0530"
