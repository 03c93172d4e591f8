"""A published article stays online, as last published, while an edit of it is rejected; deleting its input withdraws it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.pipeline.test_history_scenarios import ALPHA, BETA, GAMMA, atom_entries
from tests.test_history_support import Newsroom, moment
from wirefeed.pipeline import BuildResult, build

T1, T2, T3, T4 = ("2026-03-11T00:00:00+00:00", "2026-03-11T06:00:00+00:00", "2026-03-11T07:00:00+00:00",
                  "2026-03-11T08:00:00+00:00")
PAGE = "articles/chip-talks-open-in-beijing.html"


def titles(room: Newsroom) -> list[str]:
    return [entry["title"] for entry in atom_entries(room).values()]


def rejected_build(room: Newsroom, now: str) -> BuildResult:
    result = build(room.input, room.output, now=moment(now))
    assert len(result.rejected) == 1
    return result


def test_a_sidecar_typo_keeps_the_last_published_version_online(tmp_path: Path) -> None:
    room = Newsroom(tmp_path / "site")
    room.write(ALPHA, BETA)
    room.build(T1)
    published = room.files()
    room.write(replace(ALPHA, headline="Chip talks end with a deal"))
    sidecar = room.file(ALPHA).with_suffix(".toml")
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("[[authors]]", "[[autors]]", 1), encoding="utf-8")

    result = rejected_build(room, T2)
    line = str(result.rejected[0])
    assert line.startswith(f"{room.file(ALPHA).with_suffix('.toml')}: unknown key 'autors'") and line.endswith("; kept the last published version online")
    assert [article.id for article in result.articles] == ["beta", "alpha"]
    assert room.files() == published  # page, JSON-LD and every feed item as they were
    # A second build with the typo still there (the input cache now holds the error) keeps it too.
    assert str(rejected_build(room, T3).rejected[0]) == line
    assert room.files() == published

    room.write(replace(ALPHA, headline="Chip talks end with a deal"))
    room.build(T4)
    assert b"Chip talks end with a deal" in room.read(PAGE)
    assert not (room.store.parent / "store.kept.pickle").exists()


def test_an_unreadable_date_keeps_it_and_deleting_the_input_withdraws_it(tmp_path: Path) -> None:
    room = Newsroom(tmp_path / "site")
    room.write(ALPHA, BETA)
    room.build(T1)
    room.file(ALPHA).write_text(ALPHA.text().replace("Published: 2026-03-10 09:00", "Published: Feb 30, 2026"), encoding="utf-8")
    result = rejected_build(room, T2)
    assert str(result.rejected[0]).endswith("; kept the last published version online")
    assert "Chip talks open in Beijing" in titles(room) and (room.output / PAGE).is_file()

    room.remove("alpha")
    result = room.build(T3)
    assert result.withdrawn == ("alpha",)
    assert "Chip talks open in Beijing" not in titles(room) and not (room.output / PAGE).exists()


def test_a_rejected_article_that_was_never_published_is_not_kept(tmp_path: Path) -> None:
    room = Newsroom(tmp_path / "site")
    room.write(ALPHA, BETA)
    room.build(T1)
    room.write(GAMMA)
    room.file(GAMMA).write_text(GAMMA.text().replace("Published: 2026-03-12 10:00", "Published: Feb 30, 2026"), encoding="utf-8")
    result = rejected_build(room, T2)
    assert "kept" not in str(result.rejected[0])
    assert [article.id for article in result.articles] == ["beta", "alpha"]
