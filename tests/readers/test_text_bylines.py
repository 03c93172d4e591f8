"""Wire bylines and sign-offs in other languages: the names are authors, never the lede."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirefeed.model import Draft, Found, Site
from wirefeed.normalize import normalize
from wirefeed.readers.patterns import byline_names
from wirefeed.readers.text import read_text


def read(text: str) -> Draft:
    return read_text(Path("story.txt"), text.encode("utf-8"))


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Von Jürgen Müller", ["Jürgen Müller"]),  # German
        ("Von Jürgen Müller und Anna Schmidt", ["Jürgen Müller", "Anna Schmidt"]),
        ("Par Marie Dupont et Jean Martin", ["Marie Dupont", "Jean Martin"]),  # French
        ("Por Ana de la Cruz y Pedro Gómez", ["Ana de la Cruz", "Pedro Gómez"]),  # Spanish
        ("Di Marco Rossi", ["Marco Rossi"]),  # Italian
        ("Por João Silva e Maria Santos", ["João Silva", "Maria Santos"]),  # Portuguese
        ("Door Jan van der Berg", ["Jan van der Berg"]),  # Dutch
        ("作者 王琦", ["王琦"]),  # Chinese
        ("记者：王琦 李梅", ["王琦", "李梅"]),
        ("本报记者 王琦", ["王琦"]),
        ("文/王琦", ["王琦"]),
        ("（记者 王琦）", ["王琦"]),
        ("記者 山田太郎", ["山田太郎"]),  # Japanese
        ("山田太郎記者", ["山田太郎"]),
        ("홍길동 기자", ["홍길동"]),  # Korean
        ("홍길동 기자 hong@yna.co.kr", ["홍길동"]),
        ("بقلم: محمد أحمد", ["محمد أحمد"]),  # Arabic
        ("Автор: Ольга Иванова", ["Ольга Иванова"]),  # Russian
        ("Текст: Иван Петров и Ольга Иванова", ["Иван Петров", "Ольга Иванова"]),
    ],
)
def test_bylines_in_many_languages(line: str, names: list[str]) -> None:
    assert byline_names(line) == names


@pytest.mark.parametrize(
    "line",
    ["Von Montag an gilt die neue Regel", "Par ailleurs, le gouvernement a tranché", "Por qué la inflación sube",
     "Di notte la città dorme", "Door de regen bleef iedereen thuis", "记者会在北京举行", "文化部发布新规", "Автор книги рассказал"],
)
def test_sentences_that_begin_with_a_byline_word_are_not_bylines(line: str) -> None:
    assert byline_names(line) is None


def test_a_german_byline_is_the_author_not_the_lede(test_site: Site) -> None:
    draft = read("Neue Chips aus Dresden\nPublished: 2021-03-11 09:00\nVon Jürgen Müller\n\nDer Hersteller zeigte neue Chips.\n\nDie Produktion beginnt 2022.\n")
    assert [agent.name for agent in draft.authors] == [Found("Jürgen Müller", "line 3")]
    assert draft.body[0] == Found("Der Hersteller zeigte neue Chips.", "line 5")
    article = normalize(draft, test_site)
    assert [(author.name, author.kind) for author in article.authors] == [("Jürgen Müller", "Person")]
    assert article.description == "Der Hersteller zeigte neue Chips."


def test_a_chinese_byline_and_sign_off(test_site: Site) -> None:
    draft = read("中美半导体工作组成立\n2021-03-11 12:58\n作者 王琦\n\n中国半导体行业协会宣布成立工作组。\n\n双方将每年举行两次会议。\n\n环球时报\n")
    assert [agent.name for agent in draft.authors] == [Found("王琦", "line 3")]
    assert draft.signoff == Found("环球时报", "line 9")
    assert [paragraph.value for paragraph in draft.body] == ["中国半导体行业协会宣布成立工作组。", "双方将每年举行两次会议。"]
    article = normalize(draft, test_site)
    assert [author.name for author in article.authors] == ["王琦"]
    assert article.description == "中国半导体行业协会宣布成立工作组。"


def test_a_closing_korean_byline_before_the_sign_off(test_site: Site) -> None:
    draft = read("반도체 협의체 출범\n2021-03-11 12:58\n\n한중 반도체 협의체가 출범했다.\n\n양측은 매년 두 차례 만난다.\n\n홍길동 기자 hong@yna.co.kr\n\n연합뉴스\n")
    assert [agent.name for agent in draft.authors] == [Found("홍길동", "line 8")]
    assert draft.signoff == Found("연합뉴스", "line 10")
    assert [paragraph.value for paragraph in draft.body] == ["한중 반도체 협의체가 출범했다.", "양측은 매년 두 차례 만난다."]


def test_a_one_character_end_mark_is_no_sign_off() -> None:
    draft = read("中美半导体工作组成立\n2021-03-11 12:58\n\n中国半导体行业协会宣布成立工作组。\n\n（完）\n")
    assert draft.signoff is None
