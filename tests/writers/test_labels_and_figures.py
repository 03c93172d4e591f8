"""The page's own words in the article's language, and pictures where they stand in the body (issue 15)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

from tests.conftest import SEED
from wirefeed.model import Agent, Article, Image, Site
from wirefeed.normalize import normalize
from wirefeed.readers import read
from wirefeed.writers.html import image_slots, render_article, render_content, template_environment
from wirefeed.writers.labels import ENGLISH, labels, written_date

MOMENT = datetime(2021, 3, 11, 12, 58, tzinfo=timezone(timedelta(hours=8)))


def seed(site: Site, **changes: object) -> Article:
    return dataclasses.replace(normalize(read(SEED), site), **changes)  # type: ignore[arg-type]


def test_labels_follow_the_primary_language_and_fall_back_to_english() -> None:
    assert labels("pt-BR")["by"] == "Por "
    assert labels("zh_Hant")["updated"] == "更新"
    assert labels("cs") is ENGLISH


def test_a_date_is_written_as_its_language_writes_it() -> None:
    assert written_date(MOMENT, "en") == "March 11, 2021, 12:58 (UTC+08:00)"
    assert written_date(MOMENT, "de") == "11. März 2021, 12:58 (UTC+08:00)"
    assert written_date(MOMENT, "ja", MOMENT.date()) == "2021年3月11日"
    assert written_date(MOMENT, "sw") == "March 11, 2021, 12:58 (UTC+08:00)"


def test_an_arabic_page_is_right_to_left_with_arabic_labels(sample_site: Site) -> None:
    article = seed(sample_site, language="ar", authors=(Agent("أ", "Person"), Agent("ب", "Person")),
                   sections=("اقتصاد",), published=MOMENT, modified=MOMENT + timedelta(hours=1))
    page = render_article(template_environment(sample_site), article, sample_site)
    assert '<html lang="ar" dir="rtl">' in page
    assert '<nav class="breadcrumb" aria-label="مسار التنقل"><ol>\n<li><a href="../index.html">الرئيسية</a></li>' in page
    assert '<p class="meta">بقلم <a href="../authors/' in page and "</a> و<a href=" in page
    assert " · تحديث <time " in page
    assert "موجز RSS</a>" in page


def test_an_english_page_keeps_its_english_words(sample_site: Site) -> None:
    article = seed(sample_site, authors=(Agent("A", "Person"), Agent("B", "Person"), Agent("C", "Person")))
    page = render_article(template_environment(sample_site), article, sample_site)
    assert '<p class="meta">By <a href="../authors/a/index.html" rel="author">A</a>, <a' in page
    assert '</a> and <a href="../authors/c/index.html" rel="author">C</a> · ' in page
    assert ">RSS feed</a>" in page


def test_pictures_stand_where_the_source_put_them(sample_site: Site) -> None:
    images = (Image(url="https://x.example/lead.jpg"), Image(url="https://x.example/two.jpg", caption="Two", position=1),
              Image(url="https://x.example/end.jpg", position=9))
    article = seed(sample_site, body=("First.", "Second."), images=images, dateline=None)
    assert image_slots(article) == [[images[0]], [images[1]], [images[2]]]
    content = render_content(template_environment(sample_site), article)
    assert content == (
        '<figure>\n<img src="https://x.example/lead.jpg" alt="' + article.headline + '">\n</figure>\n'
        "<p>First.</p>\n"
        '<figure>\n<img src="https://x.example/two.jpg" alt="Two">\n<figcaption>Two</figcaption>\n</figure>\n'
        "<p>Second.</p>\n"
        '<figure>\n<img src="https://x.example/end.jpg" alt="' + article.headline + '">\n</figure>\n'
    )
