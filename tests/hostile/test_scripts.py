"""Chinese, Japanese, Korean, Arabic and Russian articles end to end on an English site.

Slugs keep the headline's letters (percent-encoded in URLs, as browsers show them decoded);
word counts count a Chinese or Japanese character as a word and a spaced word once; the
page's language comes from the script when no sidecar names one; Arabic pages run right to left.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote, unquote

import lxml.html
import pytest

from tests.hostile.support import build_folder
from wirefeed.pipeline import BuildResult
from wirefeed.model import Draft, Found, Site, Source
from wirefeed.normalize import normalize
from wirefeed.normalize.language import text_language

SCRIPTS = Path(__file__).parent / "fixtures" / "scripts"

# file -> (language, the page's file under articles/, authors)
EXPECTED = {
    "zh-hans": ("zh", "中美半导体工作组将讨论技术和贸易限制问题", ["王琪", "李选民"]),
    "ja": ("ja", "半導体の輸出が過去最高に-世界的な供給不足が続く", ["田中一郎"]),
    "ko": ("ko", "반도체-수출-사상-최대-세계적-공급-부족-지속", ["김민수"]),
    "ar": ("ar", "نقص-الرقائق-الإلكترونية-يضرب-صناعة-السيارات-في-المنطقة", ["أحمد علي"]),
    "ru": ("ru", "дефицит-микросхем-ударил-по-российским-автозаводам", ["Иван Петров"]),
}


@pytest.fixture
def built(site_dir: Path, tmp_path: Path) -> BuildResult:
    for name in EXPECTED:
        shutil.copy(SCRIPTS / f"{name}.txt", site_dir / f"{name}.txt")
    return build_folder(site_dir, tmp_path / "output")


def expected_word_count(name: str) -> int:
    """Counted independently of count_words: characters for Chinese and Japanese, otherwise the runs
    between spaces and quotation marks (Korean `있다"고` is a quotation and a particle: two)."""
    body = (SCRIPTS / f"{name}.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    if name in ("zh-hans", "ja"):
        return len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", body)) + len(re.findall(r"[0-9A-Za-z]+", body))
    return len([word for word in re.split(r'[\s"“”]+', body) if re.search(r"\w", word)])


@pytest.mark.parametrize("name", EXPECTED)
def test_language_slug_url_and_word_count(name: str, built: BuildResult) -> None:
    language, page_name, authors = EXPECTED[name]
    article = {article.id: article for article in built.articles}[name]
    assert built.rejected == ()
    assert article.language == language
    assert article.slug == quote(page_name)
    assert article.url == f"https://news.example.com/articles/{quote(page_name)}.html"
    assert article.word_count == expected_word_count(name)
    assert [author.name for author in article.authors] == authors


@pytest.mark.parametrize("name", EXPECTED)
def test_page_and_json_ld_carry_the_language(name: str, built: BuildResult, tmp_path: Path) -> None:
    language, page_name, _ = EXPECTED[name]
    page = lxml.html.fromstring((tmp_path / "output" / "articles" / f"{page_name}.html").read_bytes())
    assert page.get("lang") == language
    assert page.get("dir") == ("rtl" if name == "ar" else None)
    document = json.loads((tmp_path / "output" / "articles" / f"{page_name}.jsonld").read_text(encoding="utf-8"))
    assert document["@graph"][0]["inLanguage"] == language
    assert document["@graph"][0]["wordCount"] == expected_word_count(name)


def test_the_index_marks_each_foreign_entry_and_links_to_its_page(built: BuildResult, tmp_path: Path) -> None:
    index = lxml.html.fromstring((tmp_path / "output" / "index.html").read_bytes())
    entries = {item.get("lang"): item for item in index.xpath("//ol[@class='articles']/li")}
    assert sorted(entries) == ["ar", "ja", "ko", "ru", "zh"]
    assert entries["ar"].get("dir") == "rtl"
    assert [entries[language].get("dir") for language in ("ja", "ko", "ru", "zh")] == [None] * 4
    for language, page_name, _ in EXPECTED.values():
        link = entries[language].xpath(".//a/@href")[0]
        assert link == quote(f"articles/{page_name}.html")
        assert (tmp_path / "output" / unquote(link)).is_file()


def test_a_long_chinese_headline_is_cut_to_fit_a_file_name() -> None:
    from wirefeed.normalize.ids import SLUG_BYTES, article_slug

    slug = unquote(article_slug("中" * 200, "id"))
    assert slug == "中" * 40
    assert len(slug.encode("utf-8")) <= SLUG_BYTES


@pytest.mark.parametrize(
    ("text", "site_language", "language"),
    [
        ("中美半导体工作组将讨论技术和贸易限制问题", "en", "zh"),
        ("中美半导体工作组将讨论技术和贸易限制问题", "zh-cn", "zh-cn"),
        ("半導体の輸出が過去最高に", "en", "ja"),
        ("半導体輸出最高", "ja", "ja"),  # kanji only, on a Japanese site: still Japanese
        ("半導体の輸出が過去最高に", "zh-tw", "ja"),
        ("반도체 수출 사상 최대", "en", "ko"),
        ("نقص الرقائق الإلكترونية", "en", "ar"),
        ("کمبود تراشه‌ها", "fa", "fa"),  # Persian is written in Arabic script
        ("Дефицит микросхем", "en", "ru"),
        ("Дефіцит мікросхем", "uk", "uk"),
        ("מחסור בשבבים", "en", "he"),
        ("Pénurie de puces électroniques", "en", "en"),  # Latin text keeps the site's language
        ("Chips: 中国 exports rise 20 percent in February as demand grows", "en", "en"),
        ("2021 — 12:58", "ar", "ar"),
    ],
)
def test_the_script_decides_the_language_only_against_the_site_language(text: str, site_language: str, language: str) -> None:
    assert text_language(text, site_language) == language


def test_a_sidecar_language_wins_over_the_script(sample_site: Site) -> None:
    site = sample_site
    draft = Draft(
        source=Source(Path("story.txt"), "text", "0" * 64),
        headline=Found("中美半导体工作组", "line 1"),
        published=Found("2021-03-11 12:58", "line 2"),
        body=(Found("中美两国半导体行业协会周四宣布。", "line 4"),),
        language=Found("zh-HK", "sidecar story.toml language"),
    )
    assert normalize(draft, site).language == "zh-hk"
