"""Each writer's provenance parts on their own: escaping, feedgen's spelling, and a story whose
publisher nothing names."""

from __future__ import annotations

import dataclasses
import gzip
from pathlib import Path

from feedgen.feed import FeedGenerator
from lxml import etree

from tests.conftest import ROOT, SEED
from wirefeed.model import Agent, Article, Provenance, Site
from wirefeed.normalize import normalize
from wirefeed.readers import read, read_html
from wirefeed.writers import atom, jsonfeed, rss
from wirefeed.writers.html import render_article, template_environment
from wirefeed.writers.jsonld import article_jsonld

HOSTILE = Agent('Kraut & <Rüben> "News"', "Organization", 'https://example.org/?a=1&b="2"')
ORIGINAL_URL = "https://example.org/2021/story?id=1&lang=de"


def from_elsewhere(site: Site, publisher: Agent | None = HOSTILE) -> Article:
    """The sample's record as a story from elsewhere, with a publisher full of markup characters."""
    own = normalize(read(SEED), site)
    provenance = Provenance(own=False, publisher=publisher, url=ORIGINAL_URL if publisher else None)
    return dataclasses.replace(own, url=ORIGINAL_URL, publisher=publisher, authors=(), provenance=provenance)


def test_the_rss_source_is_what_feedgen_writes(sample_site: Site) -> None:
    generator = FeedGenerator()
    entry = generator.add_entry()
    entry.title("t")
    entry.source(url=HOSTILE.url, title=HOSTILE.name)
    written = etree.tostring(entry.rss_entry(), encoding="unicode")
    source = rss.source_xml(from_elsewhere(sample_site)).strip()
    assert source == '<source url="https://example.org/?a=1&amp;b=&quot;2&quot;">Kraut &amp; &lt;Rüben&gt; "News"</source>'
    assert source in written
    assert rss.source_xml(normalize(read(SEED), sample_site)) == ""


def test_the_atom_entry_reads_back_with_its_source_and_rights(sample_site: Site) -> None:
    entry = etree.fromstring(atom.entry_xml(from_elsewhere(sample_site), "<p>x</p>", sample_site).replace("<entry>", '<entry xmlns="http://www.w3.org/2005/Atom">', 1))
    namespace = {"a": "http://www.w3.org/2005/Atom"}
    assert entry.xpath("a:rights/text()", namespaces=namespace) == ['Copyright Kraut & <Rüben> "News"']
    assert entry.xpath("a:source/a:title/text()", namespaces=namespace) == [HOSTILE.name]
    assert entry.xpath("a:source/a:link/@href", namespaces=namespace) == [HOSTILE.url]
    assert entry.xpath("a:author/a:name/text()", namespaces=namespace) == [HOSTILE.name]


def test_a_story_whose_publisher_nothing_names(sample_site: Site) -> None:
    # A real page with a relative canonical URL and no site name: nothing says whose it is.
    page = gzip.decompress((ROOT / "tests" / "fixtures" / "provenance" / "relative-canonical-141.html.gz").read_bytes())
    article = normalize(read_html(Path("page.html"), page), sample_site)
    assert article.provenance == Provenance(own=False)
    node = article_jsonld(article, sample_site)["@graph"][0]
    assert not node.keys() & {"publisher", "sourceOrganization", "copyrightHolder", "copyrightYear", "isBasedOn", "author"}
    assert node["sdPublisher"] == {"@id": "https://wire.example.com/#organization"}
    assert "<source" not in rss.item_xml(article, "")
    assert "<name>unknown</name>" in atom.entry_xml(article, "", sample_site)
    assert "<rights>" not in atom.entry_xml(article, "", sample_site)
    assert jsonfeed.item_authors(article) == ()
    html = render_article(template_environment(sample_site), article, sample_site)
    # The page is German (`<html lang="de">`): so is the line.
    assert '<p class="provenance">Zuerst anderswo veröffentlicht</p>' in html
    assert "Copyright © Global Times" not in html


def test_the_page_escapes_the_original_publisher(sample_site: Site) -> None:
    html = render_article(template_environment(sample_site), from_elsewhere(sample_site), sample_site)
    assert ('<p class="provenance">Originally published by <a href="https://example.org/2021/story?id=1&amp;lang=de" rel="external">'
            'Kraut &amp; &lt;Rüben&gt; &#34;News&#34;</a></p>') in html


def test_an_author_named_as_the_origin_is_one_node_with_the_origins_id(sample_site: Site) -> None:
    origin = Agent("BBC News", "Organization", "http://www.bbc.com/")
    article = dataclasses.replace(from_elsewhere(sample_site, origin), authors=(Agent("BBC News", "Organization"),))
    graph = article_jsonld(article, sample_site)["@graph"]
    origin_id = "https://wire.example.com/#/schema/organization/bbc-news"
    assert [node for node in graph if node["@id"] == origin_id] == [
        {"@type": "Organization", "@id": origin_id, "name": "BBC News", "url": "http://www.bbc.com/"}]
    assert graph[0]["author"] == [{"@id": origin_id}]
