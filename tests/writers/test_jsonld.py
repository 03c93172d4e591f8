"""NewsArticle JSON-LD: the linked graph, and embedding that no headline can break out of."""

from __future__ import annotations

import dataclasses
import json

import extruct
import pytest

from tests.conftest import SEED
from wirefeed.model import Agent, Article, Image, Site
from wirefeed.normalize import normalize
from wirefeed.readers import read
from wirefeed.writers.html import render_article, template_environment
from wirefeed.writers.jsonld import article_jsonld, to_script_text

URL = "https://wire.example.com/articles/china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry.html"


def seed_article(site: Site) -> Article:
    return normalize(read(SEED), site)


def nodes_by_type(document: dict[str, object]) -> dict[str, list[dict[str, object]]]:
    graph = document["@graph"]
    assert isinstance(graph, list)
    grouped: dict[str, list[dict[str, object]]] = {}
    for node in graph:
        grouped.setdefault(node["@type"], []).append(node)
    return grouped


def test_seed_graph(sample_site: Site) -> None:
    document = article_jsonld(seed_article(sample_site), sample_site)
    assert document["@context"] == "https://schema.org"
    nodes = nodes_by_type(document)
    # The seed's picture has a caption and no URL: no ImageObject (Google needs a URL), the caption stays on the page.
    assert sorted(nodes) == ["BreadcrumbList", "NewsArticle", "Organization", "WebPage", "WebSite"]
    [article] = nodes["NewsArticle"]
    assert article["@id"] == URL + "#article"
    assert article["headline"] == "China-US working group to tackle tech and trade restrictions in semiconductor industry"
    assert article["datePublished"] == "2021-03-11T12:58:00+08:00"
    assert article["dateModified"] == "2021-03-11T12:58:00+08:00"
    assert article["articleSection"] == ["Source", "Economy"]
    assert article["author"] == [{"@id": "https://wire.example.com/#organization"}]
    assert article["publisher"] == {"@id": "https://wire.example.com/#organization"}
    assert "image" not in article
    assert "primaryImageOfPage" not in nodes["WebPage"][0]
    assert article["mainEntityOfPage"] == {"@id": URL + "#webpage"}
    assert article["wordCount"] == 279
    assert article["inLanguage"] == "en"
    assert str(article["description"]).startswith("The China Semiconductor Industry Association (CSIA) announced")
    assert str(article["articleBody"]).count("\n\n") == 6
    assert "thumbnailUrl" not in article
    [organization] = nodes["Organization"]
    assert organization == {
        "@type": "Organization",
        "@id": "https://wire.example.com/#organization",
        "name": "Global Times",
        "url": "https://www.globaltimes.cn/",
        "logo": {"@type": "ImageObject", "@id": "https://wire.example.com/#logo", "url": "https://wire.example.com/static/logo.png",
                 "contentUrl": "https://wire.example.com/static/logo.png", "width": 600, "height": 60},
    }
    [breadcrumbs] = nodes["BreadcrumbList"]
    assert [(item["position"], item["name"], item["item"]) for item in breadcrumbs["itemListElement"]] == [  # type: ignore[attr-defined]
        (1, "Home", {"@id": "https://wire.example.com/"}),
        (2, "Source", {"@id": "https://wire.example.com/sections/source/"}),
        (3, "Economy", {"@id": "https://wire.example.com/sections/economy/"}),
        (4, article["headline"], {"@id": URL}),
    ]
    assert "\u00a0" not in json.dumps(document, ensure_ascii=False)


def test_people_get_their_own_nodes_and_images_their_urls(sample_site: Site) -> None:
    article = dataclasses.replace(
        seed_article(sample_site),
        authors=(Agent("Wang Qi", "Person"), Agent("Xinhua", "Organization", "https://english.news.cn/")),
        images=(Image(caption="A caption alone."), Image(url="https://img.example.com/a.jpg", caption="A.", credit="IC", width=1200, height=675),
                Image(url="https://img.example.com/b.jpg")),
    )
    document = article_jsonld(article, sample_site)
    nodes = nodes_by_type(document)
    assert nodes["Person"] == [{"@type": "Person", "@id": "https://wire.example.com/#/schema/person/wang-qi", "name": "Wang Qi", "url": "https://wire.example.com/authors/wang-qi/"}]
    assert nodes["Organization"][1] == {"@type": "Organization", "@id": "https://wire.example.com/#/schema/organization/xinhua", "name": "Xinhua", "url": "https://english.news.cn/"}
    [news] = nodes["NewsArticle"]
    assert news["author"] == [{"@id": "https://wire.example.com/#/schema/person/wang-qi"}, {"@id": "https://wire.example.com/#/schema/organization/xinhua"}]
    assert news["image"] == [{"@id": URL + "#primaryimage"}, {"@id": URL + "#image-2"}]
    assert news["thumbnailUrl"] == "https://img.example.com/a.jpg"
    assert nodes["ImageObject"][0] == {"@type": "ImageObject", "@id": URL + "#primaryimage", "url": "https://img.example.com/a.jpg", "contentUrl": "https://img.example.com/a.jpg",
                                       "width": 1200, "height": 675, "caption": "A.", "creditText": "IC"}


@pytest.mark.parametrize(
    "hostile",
    ["</script><script>alert(1)</script>", "<!-- comment", "a & b > c", "line\u2028separator\u2029end", "]]>", "</SCRIPT >"],
)
def test_script_text_cannot_end_the_element(hostile: str, sample_site: Site) -> None:
    article = dataclasses.replace(seed_article(sample_site), headline=hostile)
    document = article_jsonld(article, sample_site)
    text = to_script_text(document)
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in text
    assert json.loads(text) == document
    page = render_article(template_environment(sample_site), article, sample_site)
    [read_back] = extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"]
    assert read_back == document
