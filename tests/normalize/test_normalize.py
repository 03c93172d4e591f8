"""normalize(): the seed's exact record, and each cleaning rule on its own."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import SEED
from wirefeed.errors import InputError
from wirefeed.model import Agent, Draft, DraftAgent, DraftImage, Found, Image, Site, Source
from wirefeed.normalize import normalize
from wirefeed.normalize.ids import article_slug, slugify
from wirefeed.normalize.images import split_credit
from wirefeed.normalize.people import agent_kind, split_byline
from wirefeed.normalize.sections import split_sections
from wirefeed.normalize.text import clean_text, count_words, cut_at_word
from wirefeed.readers import read

BEIJING = timezone(timedelta(hours=8))


def draft(**fields: object) -> Draft:
    values: dict[str, object] = {
        "source": Source(Path("in/story-one.txt"), "text", "0" * 64),
        "headline": Found("A headline", "line 1"),
        "published": Found("2021-03-11 12:58", "line 2"),
        "body": (Found("The lede of the story.", "line 4"),),
    }
    values.update(fields)
    return Draft(**values)  # type: ignore[arg-type]


def test_seed_record(sample_site: Site) -> None:
    article = normalize(read(SEED), sample_site)
    assert article.headline == "China-US working group to tackle tech and trade restrictions in semiconductor industry"
    assert article.published == datetime(2021, 3, 11, 12, 58, tzinfo=BEIJING)
    assert article.published.isoformat() == "2021-03-11T12:58:00+08:00"
    assert article.modified == article.published
    assert article.sections == ("Source", "Economy")
    assert article.authors == (sample_site.publisher,)
    assert article.publisher == Agent("Global Times", "Organization", "https://www.globaltimes.cn/", Image(url="https://wire.example.com/static/logo.png", width=600, height=60))
    assert len(article.images) == 1
    image = article.images[0]
    assert image.url is None and image.credit == "IC"
    assert image.caption is not None and image.caption.startswith("The picture shows a “StarDragon” 48 core processor chip")
    assert image.caption.endswith("capital of Guizhou on Sunday.")
    assert article.description == (
        "The China Semiconductor Industry Association (CSIA) announced on Thursday the official establishment "
        "of a joint working group on technology and trade restrictions in the semiconductor industry with…"
    )
    assert len(article.body) == 7
    assert article.word_count == 279
    assert article.language == "en"
    assert article.id == "global-times-2021-03-11-china-us-semiconductor-working-group"
    assert article.slug == "china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry"
    assert article.url == "https://wire.example.com/articles/china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry.html"
    assert article.guid == "urn:uuid:64ef3130-aa49-5bd7-b38c-bcdcd3c96c5d"
    assert not any("\u00a0" in paragraph for paragraph in article.body)


def test_clean_text() -> None:
    assert clean_text("  A\u00a0B\u2009C\u3000D\u200bE\x00F\x1bG\u2028H\ufeff  ") == "A B C DEFG H"
    assert clean_text("Cafe\u0301") == "Café"
    assert clean_text("two\n\nlines\r\n") == "two lines"


def test_count_words() -> None:
    assert count_words("China-US working group's 48 core chip, U.S.") == 7
    assert count_words("中国半导体行业协会") == 9
    assert count_words("") == 0


def test_cut_at_word() -> None:
    assert cut_at_word("short text", 200) == "short text"
    assert cut_at_word("one two three four five", 14) == "one two three…"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("SOURCE\u00a0/\u00a0ECONOMY", ("Source", "Economy")),
        ("WORLD > US > POLITICS", ("World", "US", "Politics")),
        ("news | sci-tech", ("News", "Sci-Tech")),
        ("Home » Business » Markets", ("Home", "Business", "Markets")),
        ("ARTS AND CULTURE", ("Arts and Culture",)),
        ("World / world", ("World",)),
    ],
)
def test_sections(line: str, expected: tuple[str, ...]) -> None:
    assert split_sections((Found(line, "line 1"),)) == expected


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Workers in Hefei. Photo: IC", ("Workers in Hefei.", "IC")),
        ("Workers in Hefei (Photo: VCG)", ("Workers in Hefei", "VCG")),
        ("Workers in Hefei Photo/Agencies", ("Workers in Hefei", "Agencies")),
        ("Workers in Hefei. Photo: Li Hao/GT", ("Workers in Hefei.", "Li Hao/GT")),
        ("No credit here.", ("No credit here.", None)),
    ],
)
def test_split_credit(caption: str, expected: tuple[str, str | None]) -> None:
    assert split_credit(caption) == expected


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By A and B", ["A", "B"]),
        ("By Wang Qi, Li Xuanmin and Chen Qingqing", ["Wang Qi", "Li Xuanmin", "Chen Qingqing"]),
        ("By Yin Yeping | Global Times", ["Yin Yeping"]),
        ("BY JOHN SMITH, Staff Writer", ["John Smith"]),
        ("By Xinhua and Reuters", ["Xinhua", "Reuters"]),
        ("Jane Doe (Reuters)", ["Jane Doe"]),
        ("By: Laurie Oakes", ["Laurie Oakes"]),
        ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
        ("Von Hans Meier und Anna Schmidt", ["Hans Meier", "Anna Schmidt"]),
        ("Byron Smith", ["Byron Smith"]),
    ],
)
def test_split_byline(byline: str, names: list[str]) -> None:
    assert split_byline(byline) == names


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Global Times", "Organization"), ("Xinhua", "Organization"), ("Reuters", "Organization"), ("Shanghai Daily", "Organization"), ("Wang Qi", "Person"), ("John Smith", "Person")],
)
def test_agent_kind(name: str, kind: str) -> None:
    assert agent_kind(name) == kind


def test_authors_from_byline(test_site: Site) -> None:
    article = normalize(draft(authors=(DraftAgent(Found("By Wang Qi and Xinhua", "line 3")),)), test_site)
    assert article.authors == (Agent("Wang Qi", "Person"),)


def test_sidecar_author_with_url_is_kept_whole(test_site: Site) -> None:
    given = DraftAgent(Found("Smith and Sons Reporting", "sidecar"), url="https://example.com/smith", kind="Organization")
    article = normalize(draft(authors=(given,)), test_site)
    assert article.authors == (Agent("Smith and Sons Reporting", "Organization", "https://example.com/smith"),)


def test_author_from_dateline_agency_when_no_byline_or_signoff(test_site: Site) -> None:
    article = normalize(draft(dateline=Found("BEIJING, March 11 (Xinhua)", "line 4")), test_site)
    assert article.authors == (Agent("Xinhua", "Organization"),)
    assert article.dateline == "BEIJING, March 11 (Xinhua)"


def test_publisher_is_the_author_when_nothing_names_one(test_site: Site) -> None:
    assert normalize(draft(), test_site).authors == (test_site.publisher,)


def test_repeated_caption_kept_once_and_urls_made_absolute(test_site: Site) -> None:
    images = (
        DraftImage("line 3", caption="A chip. Photo: IC"),
        DraftImage("line 5", caption="A chip. Photo: IC"),
        DraftImage("sidecar", url="/img/chip.jpg", width=1200, height=675),
    )
    article = normalize(draft(images=images), test_site)
    assert article.images == (
        Image(caption="A chip.", credit="IC"),
        Image(url="https://news.example.com/img/chip.jpg", width=1200, height=675),
    )


def test_dates_keep_a_given_offset_and_take_the_site_zone_otherwise(test_site: Site) -> None:
    with_offset = normalize(draft(published=Found("2021-03-11T12:58:00-05:00", "line 2")), test_site)
    assert with_offset.published.isoformat() == "2021-03-11T12:58:00-05:00"
    without = normalize(draft(published=Found("March 11, 2021 12:58 p.m.", "line 2")), test_site)
    assert without.published.isoformat() == "2021-03-11T12:58:00+08:00"


def test_updated_date_becomes_modified(test_site: Site) -> None:
    article = normalize(draft(modified=Found("Mar 12, 2021 9:00 AM", "line 3")), test_site)
    assert article.modified.isoformat() == "2021-03-12T09:00:00+08:00"


def test_language_tag_is_normalized(test_site: Site) -> None:
    assert normalize(draft(language=Found("zh_CN", "sidecar")), test_site).language == "zh-cn"


def test_description_is_the_given_one_or_the_cut_lede(test_site: Site) -> None:
    long_lede = "word " * 100
    assert normalize(draft(body=(Found(long_lede, "line 4"),)), test_site).description == ("word " * 39).strip() + "…"
    assert normalize(draft(description=Found("Given.", "sidecar")), test_site).description == "Given."


def test_id_slug_and_url(test_site: Site) -> None:
    article = normalize(draft(headline=Found("Héllo, World: what's next?", "line 1")), test_site)
    assert article.id == "story-one"
    assert article.slug == "hello-world-whats-next"
    assert article.url == "https://news.example.com/articles/hello-world-whats-next.html"
    canonical = normalize(draft(url=Found("/2021/03/hello.html", "sidecar"), id=Found("Hello 1", "sidecar")), test_site)
    assert canonical.url == "https://news.example.com/2021/03/hello.html"
    assert canonical.id == "hello-1"


def test_slug_limits() -> None:
    assert slugify("a " * 80) == "-".join(["a"] * 50)
    # Non-Latin headlines keep their letters, percent-encoded as the URL spells them (tests/hostile/test_scripts.py).
    assert article_slug("中国经济", "story-one") == "%E4%B8%AD%E5%9B%BD%E7%BB%8F%E6%B5%8E"
    assert article_slug("!!", "story-one") == "article-5b5db11d4390"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"headline": None}, "in/story-one.txt: no headline found; expected a headline: the first line of a text article (after an optional section line), or the page's <h1> or metadata"),
        ({"published": None}, "in/story-one.txt: no publication date found; expected a date such as a `Published: Mar 11, 2021 12:58 PM` line below the headline, or datePublished in the page's metadata"),
        ({"url": Found("/a/%00/b.html", "sidecar x.toml url")}, "in/story-one.txt: sidecar x.toml url: url '/a/%00/b.html' cannot be published: an output path must be a plain relative path"),
        ({"url": Found("javascript:alert(1)", "sidecar x.toml url")}, "in/story-one.txt: sidecar x.toml url: url 'javascript:alert(1)' is not an http(s) URL; expected the article's canonical URL"),
        ({"published": Found("Feb 30, 2021", "line 2")}, "in/story-one.txt:2: the publication date 'Feb 30, 2021' is not a date (day is out of range for month); expected a date such as Mar 11, 2021 12:58 PM"),
        ({"published": Found("March 11", "line 2")}, "in/story-one.txt:2: the publication date 'March 11' has no four-digit year; expected a date such as Mar 11, 2021 12:58 PM"),
        ({"published": Found("Mar 11, 1021", "line 2")}, "in/story-one.txt:2: the publication date 'Mar 11, 1021' is implausible; expected a year between 1900 and 2199"),
        ({"language": Found("english!", "sidecar x.toml language")}, "in/story-one.txt: sidecar x.toml language: language 'english!' is not a language tag; expected one such as en or zh-cn"),
    ],
)
def test_input_errors_name_file_place_and_expectation(test_site: Site, fields: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as caught:
        normalize(draft(**fields), test_site)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-03-10 18:0-50", "in/story-one.txt:2: the publication date '2021-03-10 18:0-50' has an impossible UTC offset; expected one between -12:00 and +14:00"),
        ("2021-03-10T18:00+15:00", "in/story-one.txt:2: the publication date '2021-03-10T18:00+15:00' has an impossible UTC offset; expected one between -12:00 and +14:00"),
    ],
)
def test_an_offset_no_place_on_earth_uses_is_refused(test_site: Site, value: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        normalize(draft(published=Found(value, "line 2")), test_site)
    assert str(caught.value) == message
