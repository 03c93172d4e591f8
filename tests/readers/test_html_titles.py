"""Headlines without a site's name or a photo credit in any script; a fuller description over a truncated one."""

from __future__ import annotations

from pathlib import Path

from wirefeed.readers.html import read_html

NIKKEI_TITLE = "米朝首脳直通電話 開設で合意 （写真＝ロイター） ：日本経済新聞"


def page(head: str) -> bytes:
    return f"<html><head>{head}</head><body><article><p>本文。</p></article></body></html>".encode()


def test_a_site_name_suffix_that_starts_the_declared_name_is_dropped_with_the_photo_credit() -> None:
    draft = read_html(Path("n.html"), page(
        f'<title>{NIKKEI_TITLE}</title><meta property="og:site_name" content="日本経済新聞 電子版">'
        '<link rel="canonical" href="https://www.nikkei.com/article/DGXMZO1234/">'))
    assert draft.headline is not None and draft.headline.value == "米朝首脳直通電話 開設で合意"


def test_a_suffix_that_only_shares_a_short_start_with_the_site_name_stays() -> None:
    draft = read_html(Path("n.html"), page('<title>Talks end - Ban</title><meta property="og:site_name" content="Bangkok Post">'))
    assert draft.headline is not None and draft.headline.value == "Talks end - Ban"


def test_a_description_cut_off_at_an_apostrophe_gives_way_to_its_fuller_form() -> None:
    head = ('<meta property="og:description" content="Taiwanese President Tsai Ing-wen’s party lost on Saturday">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "description": "Taiwanese President Tsai Ing-wen’s"}</script>')
    draft = read_html(Path("n.html"), page(head))
    assert draft.description is not None
    assert (draft.description.value, draft.description.where) == ("Taiwanese President Tsai Ing-wen’s party lost on Saturday", "og:description")


def test_a_description_ending_in_a_quoted_sentence_is_whole() -> None:
    head = ('<meta property="og:description" content="He said “no.” Then he left the room">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "description": "He said “no.”"}</script>')
    draft = read_html(Path("n.html"), page(head))
    assert draft.description is not None and draft.description.value == "He said “no.”"
