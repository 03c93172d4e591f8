"""The RSS 2.0 feed: what feedparser reads back, and the exact elements the validator cares about."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import feedparser
from lxml import etree

from tests.conftest import SEED
from wirefeed.model import Agent, Article, Image, Site
from wirefeed.normalize import normalize
from wirefeed.readers import read
from wirefeed.writers.html import render_content, template_environment
from wirefeed.writers.library import render_rss

NS = {"atom": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/elements/1.1/", "media": "http://search.yahoo.com/mrss/", "content": "http://purl.org/rss/1.0/modules/content/"}


def rss_of(articles: list[Article], site: Site) -> bytes:
    environment = template_environment(site)
    return render_rss(articles, site, lambda article: render_content(environment, article))


def seed_article(site: Site) -> Article:
    return normalize(read(SEED), site)


def test_feedparser_reads_the_seed_without_bozo(sample_site: Site) -> None:
    parsed = feedparser.parse(rss_of([seed_article(sample_site)], sample_site))
    assert parsed.bozo == 0
    assert parsed.version == "rss20"
    assert parsed.feed.title == "Global Times Wire"
    assert parsed.feed.language == "en"
    [entry] = parsed.entries
    assert entry.title == "China-US working group to tackle tech and trade restrictions in semiconductor industry"
    assert entry.link == "https://wire.example.com/articles/china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry.html"
    assert entry.id == "urn:uuid:64ef3130-aa49-5bd7-b38c-bcdcd3c96c5d"
    assert entry.guidislink is False
    assert entry.published == "Thu, 11 Mar 2021 12:58:00 +0800"
    assert tuple(entry.published_parsed)[:6] == (2021, 3, 11, 4, 58, 0)
    assert entry.author == "Global Times"
    assert [tag.term for tag in entry.tags] == ["Source", "Economy"]
    assert entry.summary.startswith("The China Semiconductor Industry Association (CSIA) announced")
    assert entry.content[0].value.count("capital of Guizhou on Sunday.") == 1


def test_channel_elements(sample_site: Site) -> None:
    root = etree.fromstring(rss_of([seed_article(sample_site)], sample_site))
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("link") == "https://wire.example.com/"
    self_link = channel.find("atom:link", NS)
    assert self_link is not None and self_link.attrib == {"href": "https://wire.example.com/feed.xml", "rel": "self", "type": "application/rss+xml"}
    assert channel.findtext("lastBuildDate") == "Thu, 11 Mar 2021 12:58:00 +0800"
    assert channel.findtext("copyright") == "Copyright © Global Times. All rights reserved."
    assert channel.findtext("image/title") == channel.findtext("title")
    assert channel.findtext("image/link") == channel.findtext("link")
    item = channel.find("item")
    assert item is not None
    guid = item.find("guid")
    assert guid is not None and guid.attrib == {"isPermaLink": "false"}
    assert item.find("author") is None
    assert [element.text for element in item.findall("dc:creator", NS)] == ["Global Times"]
    # The validator wants the plain-text description before the full content.
    tags = [etree.QName(child).localname for child in item]
    assert tags.index("description") < tags.index("encoded")
    # No URL in the text, so no media element and no enclosure.
    assert item.find("media:content", NS) is None and item.find("enclosure") is None


def test_images_with_urls_become_media_content(sample_site: Site) -> None:
    article = dataclasses.replace(seed_article(sample_site), images=(Image(url="https://img.example.com/chip.jpg", caption="A chip.", credit="IC", width=1200, height=675),))
    item = etree.fromstring(rss_of([article], sample_site)).find("channel/item")
    assert item is not None
    media = item.findall("media:content", NS)
    assert [element.attrib for element in media] == [{"url": "https://img.example.com/chip.jpg", "type": "image/jpeg", "medium": "image", "height": "675", "width": "1200"}]
    assert item.find("media:group", NS) is None


def test_last_build_date_is_the_newest_item_and_items_are_newest_first(sample_site: Site) -> None:
    older = seed_article(sample_site)
    newer = dataclasses.replace(older, id="newer", guid="urn:uuid:00000000-0000-5000-8000-000000000001", headline="Newer story",
                                published=datetime(2021, 3, 12, 9, 0, tzinfo=timezone(timedelta(hours=8))),
                                modified=datetime(2021, 3, 13, 9, 30, tzinfo=timezone(timedelta(hours=8))))
    channel = etree.fromstring(rss_of([newer, older], sample_site)).find("channel")
    assert channel is not None
    assert [item.findtext("title") for item in channel.findall("item")] == ["Newer story", older.headline]
    assert channel.findtext("lastBuildDate") == "Sat, 13 Mar 2021 09:30:00 +0800"
    assert channel.findtext("pubDate") == "Fri, 12 Mar 2021 09:00:00 +0800"


def test_hostile_text_stays_text(sample_site: Site) -> None:
    hostile = "</script><script>alert(1)</script> ]]> <!-- & <b>"
    article = dataclasses.replace(seed_article(sample_site), headline=hostile, body=(hostile,), images=(), authors=(Agent(hostile, "Person"),))
    data = rss_of([article], sample_site)
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    assert parsed.entries[0].title == hostile
    assert parsed.entries[0].author == hostile
    item = etree.fromstring(data).find("channel/item")
    assert item is not None
    assert item.findtext("content:encoded", namespaces=NS) == "<p>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &lt;!-- &amp; &lt;b&gt;</p>\n" and b"<script>" not in data
