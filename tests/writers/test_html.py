"""The article page and the index: semantic HTML that a browser and a crawler both read right."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lxml import html as lxml_html

from tests.conftest import SEED
from wirefeed.config import load_site
from wirefeed.model import Image, Site
from wirefeed.normalize import normalize
from wirefeed.readers import read
from wirefeed.writers.html import display_date, render_article, render_index, template_environment, text_direction

URL = "https://wire.example.com/articles/china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry.html"


def seed_page(site: Site) -> str:
    return render_article(template_environment(site), normalize(read(SEED), site), site)


def test_article_page_structure(sample_site: Site) -> None:
    page = seed_page(sample_site)
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "en"
    assert tree.xpath("string(//article/h1)") == "China-US working group to tackle tech and trade restrictions in semiconductor industry"
    assert tree.xpath("//article//time/@datetime") == ["2021-03-11T12:58:00+08:00"]
    assert tree.xpath("string(//article//time)") == "March 11, 2021, 12:58 (UTC+08:00)"
    assert len(tree.xpath("//article/p[not(@class)]")) == 7
    # The seed's picture has a caption but no URL: a paragraph of the page, not a figure or a JSON-LD image.
    assert tree.xpath("//article/figure") == []
    [caption] = tree.xpath("//article/p[@class='caption']")
    assert caption.text_content().endswith("capital of Guizhou on Sunday. Photo: IC")
    assert caption.xpath("string(span[@class='credit'])") == "Photo: IC"
    assert page.count("capital of Guizhou on Sunday.") == 1  # on the page, not in its JSON-LD
    assert tree.xpath("//link[@rel='canonical']/@href") == [URL]
    assert tree.xpath("//link[@rel='alternate'][@type='application/rss+xml']/@href") == ["https://wire.example.com/feed.xml"]
    meta = {element.get("property") or element.get("name"): element.get("content") for element in tree.xpath("//meta[@content]")}
    assert meta["og:type"] == "article"
    assert meta["og:url"] == URL
    assert meta["og:title"] == meta["twitter:title"] == "China-US working group to tackle tech and trade restrictions in semiconductor industry"
    assert meta["article:published_time"] == "2021-03-11T12:58:00+08:00"
    assert meta["twitter:card"] == "summary"
    assert "og:image" not in meta
    assert len(tree.xpath("//script[@type='application/ld+json']")) == 1
    assert "\u00a0" not in page


def test_lead_image_meta(sample_site: Site) -> None:
    article = dataclasses.replace(normalize(read(SEED), sample_site), images=(Image(url="https://img.example.com/a.jpg", caption="A chip.", credit="IC", width=1200, height=675),))
    tree = lxml_html.fromstring(render_article(template_environment(sample_site), article, sample_site))
    meta = {element.get("property") or element.get("name"): element.get("content") for element in tree.xpath("//meta[@content]")}
    assert (meta["og:image"], meta["og:image:width"], meta["og:image:height"], meta["og:image:alt"]) == ("https://img.example.com/a.jpg", "1200", "675", "A chip.")
    assert meta["twitter:card"] == "summary_large_image"
    assert tree.xpath("//figure/img/@src") == ["https://img.example.com/a.jpg"]


def test_hostile_headline_is_escaped_everywhere(sample_site: Site) -> None:
    hostile = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    article = dataclasses.replace(normalize(read(SEED), sample_site), headline=hostile, body=(hostile,))
    page = render_article(template_environment(sample_site), article, sample_site)
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//img") == []
    assert len(tree.xpath("//script")) == 1
    assert tree.xpath("string(//h1)") == hostile
    assert tree.xpath("//meta[@property='og:title']/@content") == [hostile]


def test_index_lists_newest_first_with_relative_links(sample_site: Site) -> None:
    article = normalize(read(SEED), sample_site)
    older = dataclasses.replace(article, id="older", slug="older-story", url="https://wire.example.com/articles/older-story.html", headline="Older story", published=article.published.replace(year=2020))
    tree = lxml_html.fromstring(render_index(template_environment(sample_site), [article, older], sample_site))
    assert tree.xpath("//ol[@class='articles']/li/h2/a/@href") == [f"articles/{article.slug}.html", "articles/older-story.html"]
    elsewhere = dataclasses.replace(older, url="https://wire.example.com/2020/older/")
    tree = lxml_html.fromstring(render_index(template_environment(sample_site), [elsewhere], sample_site))
    assert tree.xpath("//ol[@class='articles']/li/h2/a/@href") == ["2020/older/index.html"]
    assert tree.xpath("//link[@rel='canonical']/@href") == ["https://wire.example.com/"]
    section = lxml_html.fromstring(render_index(template_environment(sample_site), [article], sample_site, heading="Economy", path="sections/economy/"))
    assert section.xpath("//ol[@class='articles']/li/h2/a/@href") == [f"../../articles/{article.slug}.html"]
    assert section.xpath("string(//h1)") == "Economy"


def test_templates_folder_beside_the_config_overrides_the_shipped_ones(tmp_path: Path) -> None:
    (tmp_path / "wirefeed.toml").write_text((Path(SEED).parent / "wirefeed.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "content.html").write_text("<p class=\"custom\">{{ article.body | length }} paragraphs</p>\n", encoding="utf-8")
    site = load_site(tmp_path / "wirefeed.toml")
    tree = lxml_html.fromstring(render_article(template_environment(site), normalize(read(SEED), site), site))
    assert tree.xpath("string(//p[@class='custom'])") == "7 paragraphs"
    assert tree.xpath("string(//h1)") == "China-US working group to tackle tech and trade restrictions in semiconductor industry"


def test_display_helpers(sample_site: Site) -> None:
    article = normalize(read(SEED), sample_site)
    assert display_date(article.published) == "March 11, 2021, 12:58 (UTC+08:00)"
    assert (text_direction("ar"), text_direction("he-il"), text_direction("en")) == ("rtl", "rtl", "ltr")
