"""No single input can break the site or its history: an article whose pages no file system can
hold is one rejected input, refused before the history keeps its URL; building the site with
and then without any one input gives the site built without it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.pipeline.test_history_scenarios import ALPHA, BETA
from tests.test_history_support import Newsroom, Story
from wirefeed.cache import BuildState
from wirefeed.pipeline import build
from wirefeed.store import Store
from tests.test_history_support import moment

T1, T2 = "2026-03-11T00:00:00+00:00", "2026-03-11T06:00:00+00:00"
X = Story("x", "A story that comes and goes", "2026-03-10 12:00", authors=("Zhao Lei",))
LONG_SEGMENT = "a" * 300


def write_x(room: Newsroom, kind: str) -> None:
    """Input X in one of the ways it can be good or bad."""
    room.write(X)
    sidecar = room.file(X).with_suffix(".toml")
    if kind == "long name":
        sidecar.write_text(f'url = "https://news.example.com/{LONG_SEGMENT}"\n' + sidecar.read_text(encoding="utf-8"), encoding="utf-8")
    elif kind == "deep":
        sidecar.write_text(f'url = "https://news.example.com/{"a/" * 3000}x"\n' + sidecar.read_text(encoding="utf-8"), encoding="utf-8")
    elif kind == "long path":
        sidecar.write_text(f'url = "https://news.example.com/{("b" * 200 + "/") * 12}x"\n' + sidecar.read_text(encoding="utf-8"), encoding="utf-8")
    elif kind == "bad sidecar":
        sidecar.write_text("autors = 3\n", encoding="utf-8")
    elif kind == "bad date":
        room.file(X).write_text(X.text().replace("Published: 2026-03-10 12:00", "Published: Feb 30, 2026"), encoding="utf-8")


def records(store: Path) -> dict[str, object]:
    with Store.open(store) as opened:
        return {record.id: record for record in opened.records()}


@pytest.mark.parametrize("kind", ["good", "long name", "deep", "long path", "bad sidecar", "bad date"])
def test_building_with_and_then_without_one_input_gives_the_site_without_it(tmp_path: Path, kind: str) -> None:
    alone, tried = Newsroom(tmp_path / "alone"), Newsroom(tmp_path / "tried")
    for room in (alone, tried):
        room.write(ALPHA, BETA)
    write_x(tried, kind)
    alone.build(T1)
    first = build(tried.input, tried.output, now=moment(T1))
    assert [article.id for article in first.articles] == (["beta", "x", "alpha"] if kind == "good" else ["beta", "alpha"])
    assert len(first.rejected) == (0 if kind == "good" else 1)
    tried.remove("x")
    alone.build(T2)
    tried.build(T2)

    assert tried.files() == alone.files()
    history = records(tried.store)
    withdrawn = history.pop("x", None)
    assert history == records(alone.store)
    if kind == "good":
        assert withdrawn is not None and withdrawn.state == "withdrawn"  # type: ignore[attr-defined]
    else:
        assert withdrawn is None
    assert BuildState(tried.store).archive_ledger.read_bytes() == BuildState(alone.store).archive_ledger.read_bytes()


def test_a_url_with_a_name_too_long_is_one_rejected_input_naming_the_sidecar_key(tmp_path: Path) -> None:
    room = Newsroom(tmp_path / "site")
    room.write(ALPHA)
    write_x(room, "long name")
    result = build(room.input, room.output, now=moment(T1))
    assert [article.id for article in result.articles] == ["alpha"]
    assert [str(error) for error in result.rejected] == [
        f"{room.file(X)}: sidecar x.toml url: url 'https://news.example.com/{LONG_SEGMENT}' cannot be published: "
        "its page would have a file or folder name of 305 bytes; expected at most 255"]
    assert (room.output / "articles" / "chip-talks-open-in-beijing.html").is_file()
    assert "x" not in records(room.store)


def test_a_path_too_long_under_this_output_folder_is_rejected_before_the_history_keeps_it(tmp_path: Path) -> None:
    # Each name and the page's path within the site are fine; under this deep output folder the whole path is not.
    room = Newsroom(tmp_path / "site")
    deep_output = tmp_path.joinpath(*(["o" * 200] * 15))
    room.output = deep_output
    room.write(ALPHA, X)
    sidecar = room.file(X).with_suffix(".toml")
    sidecar.write_text(f'url = "https://news.example.com/{("c" * 200 + "/") * 5}x"\n' + sidecar.read_text(encoding="utf-8"), encoding="utf-8")
    result = build(room.input, room.output, now=moment(T1))
    assert [article.id for article in result.articles] == ["alpha"]
    assert [error.where for error in result.rejected] == ["url"]
    assert str(result.rejected[0]).endswith("would be over the 4,096-byte limit of a path")
    assert "x" not in records(room.store)
    room.remove("x")
    room.build(T2)


def test_a_store_that_already_holds_an_unwritable_url_recovers(tmp_path: Path) -> None:
    room = Newsroom(tmp_path / "site")
    room.write(ALPHA, X)
    room.build(T1)
    # As a wirefeed before this check left it: the URL kept for good is one no file system takes.
    long_url = f"https://news.example.com/{LONG_SEGMENT}"
    with sqlite3.connect(room.store) as connection:
        connection.execute("UPDATE article SET url = ? WHERE id = 'x'", (long_url,))
    room.write(BETA)
    result = build(room.input, room.output, now=moment(T2))
    assert [article.id for article in result.articles] == ["beta", "alpha"]
    assert [str(error) for error in result.rejected] == [
        f"{room.file(X)}: url: the URL {long_url} it was first published under, kept by the publishing history, cannot be "
        "written: its page would have a file or folder name of 305 bytes; expected at most 255; the article is withdrawn"]
    assert records(room.store)["x"].state == "withdrawn"  # type: ignore[attr-defined]
    assert (room.output / "articles" / "exports-rise-in-february.html").is_file()
    room.remove("x")
    room.build("2026-03-11T07:00:00+00:00")
