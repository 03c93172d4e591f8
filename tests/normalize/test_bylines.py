"""Bylines in many languages and template forms, cleaned by kind (normalize/bylines.py via split_byline)."""

from __future__ import annotations

import pytest

from wirefeed.normalize.people import split_byline


@pytest.mark.parametrize(("byline", "names"), [
    ("ByTravis Haney", ["Travis Haney"]),
    ("By Ann Lee By", ["Ann Lee"]),
    ("Michael Larabel, Valve, 51 Comments", ["Michael Larabel"]),
    ("Jennifer Rubin, Email, Bio, Follow", ["Jennifer Rubin"]),
    ("Ann Lee ann.lee@example.com", ["Ann Lee"]),
    ("Ann Lee (@annlee)", ["Ann Lee"]),
    ("Bradley M. Kuhn (http://ebb.org/bkuhn/)", ["Bradley M. Kuhn"]),
    ("View all posts by Ann Lee", ["Ann Lee"]),
    ("admin", []),
    ("Von Jürgen Müller", ["Jürgen Müller"]),
    ("Erstellt von Andri Bryner", ["Andri Bryner"]),
    ("Par Jean Dupont", ["Jean Dupont"]),
    ("Por Alberto Ávila", ["Alberto Ávila"]),
    ("di Mario Rossi", ["Mario Rossi"]),
    ("Door Jan de Vries", ["Jan de Vries"]),
    ("作者 王琦", ["王琦"]),
    ("作者：王琦", ["王琦"]),
    ("记者 王琦", ["王琦"]),
    ("文/王琦", ["王琦"]),
    ("山田太郎記者", ["山田太郎"]),
    ("홍길동 기자", ["홍길동"]),
    ("بقلم محمد علي", ["محمد علي"]),
    ("Автор: Иван Петров", ["Иван Петров"]),
    ("By John Smith and Jane Doe", ["John Smith", "Jane Doe"]),
])
def test_a_byline_keeps_only_its_names(byline: str, names: list[str]) -> None:
    assert split_byline(byline) == names


@pytest.mark.parametrize("name", ["Di Maria", "Da Silva", "文在寅", "Von Miller"])
def test_a_name_that_starts_like_a_prefix_is_kept_whole(name: str) -> None:
    assert split_byline(name) == [name]
