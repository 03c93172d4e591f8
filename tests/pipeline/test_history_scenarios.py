"""Builds after builds: add, edit (body, headline), remove, embargo, unchanged rebuilds and a killed build.

Each test runs a newsroom in a temporary folder through several builds at given `--now` times
and looks at what a subscriber or a search engine would see after each. The scenarios and the
killed builds run against both history backends (`new_history`: SQLite and PostgreSQL).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from tests.test_history_support import Newsroom, Story, findings_of
from wirefeed.pipeline import build
from wirefeed.config import load_site
from wirefeed.errors import ConfigError
from wirefeed.output import TEMP_PREFIX

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
ALPHA = Story("alpha", "Chip talks open in Beijing", "2026-03-10 09:00", authors=("Wang Qi",))
BETA = Story("beta", "Exports rise in February", "2026-03-10 15:00", sections=("Business",), authors=("Li Xuanmin",))
GAMMA = Story("gamma", "New fab planned in Shenzhen", "2026-03-12 10:00", sections=("Economy", "Technology"), authors=("Chen Qingqing",))


def atom_entries(room: Newsroom, path: str = "feed.atom") -> dict[str, dict[str, str]]:
    """Atom entries by id: title, link, published, updated."""
    root = etree.fromstring(room.read(path))
    return {
        entry.findtext("atom:id", namespaces=ATOM): {
            "title": entry.findtext("atom:title", namespaces=ATOM),
            "link": entry.find("atom:link", ATOM).get("href"),
            "published": entry.findtext("atom:published", namespaces=ATOM),
            "updated": entry.findtext("atom:updated", namespaces=ATOM),
        }
        for entry in root.findall("atom:entry", ATOM)
    }


def json_items(room: Newsroom, path: str = "feed.json") -> dict[str, dict[str, str]]:
    return {item["id"]: item for item in json.loads(room.read(path))["items"]}


def jsonld_article(room: Newsroom, path: str) -> dict[str, object]:
    graph = json.loads(room.read(path))["@graph"]
    return next(node for node in graph if node["@type"] == "NewsArticle")


def mtimes(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}


def everything_mentions(room: Newsroom, text: str) -> list[str]:
    return [name for name, data in room.files().items() if text.encode("utf-8") in data]


@pytest.fixture
def room(tmp_path: Path) -> Newsroom:
    return Newsroom(tmp_path / "site")


@pytest.fixture
def any_room(tmp_path: Path, new_history: Callable[[], str | None]) -> Newsroom:
    """A newsroom whose history is SQLite or PostgreSQL (the test runs for each)."""
    return Newsroom(tmp_path / "site", store_url=new_history())


# ---------------------------------------------------------------------------------------------
# The store's place


def test_the_store_lives_beside_the_config_and_a_wiped_output_rebuilds_the_same(room: Newsroom) -> None:
    room.write(ALPHA, BETA)
    room.build("2026-03-11T00:00:00+00:00")
    before = room.files()
    assert room.store.is_file()
    for path in sorted(room.output.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    result = room.build("2026-03-11T06:00:00+00:00")
    assert room.files() == before
    assert set(result.rendered) == set(before)


def test_the_config_names_the_store_relative_to_its_folder(room: Newsroom) -> None:
    config = room.input / "wirefeed.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[store]\npath = "../history/site.sqlite"\n', encoding="utf-8")
    assert load_site(config).store_path == room.input / ".." / "history" / "site.sqlite"
    room.write(ALPHA)
    room.build("2026-03-11T00:00:00+00:00")
    assert (room.input.parent / "history" / "site.sqlite").is_file()
    assert not room.store.exists()


def test_a_store_inside_the_output_folder_is_refused_before_anything_is_written(room: Newsroom) -> None:
    room.write(ALPHA)
    with pytest.raises(ConfigError, match="inside the output folder"):
        build(room.input, room.output, store_path=room.output / "store.sqlite")
    assert not room.output.exists()


# ---------------------------------------------------------------------------------------------
# Rebuilds


def test_an_unchanged_rebuild_renders_nothing_and_touches_no_file(any_room: Newsroom) -> None:
    room = any_room  # with PostgreSQL without the whole-build shortcut (cache/lastbuild.py): the long way touches nothing either
    room.write(ALPHA, BETA)
    room.build("2026-03-11T00:00:00+00:00")
    outputs, state = mtimes(room.output), mtimes(room.store.parent)
    contents = room.files()
    result = room.build("2026-03-11T08:00:00+00:00")
    assert result.rendered == () and result.removed == ()
    assert room.files() == contents
    assert mtimes(room.output) == outputs
    assert mtimes(room.store.parent) == state


def test_a_body_edit_keeps_the_identity_and_moves_the_modified_dates_forward(any_room: Newsroom) -> None:
    room = any_room
    room.write(ALPHA, BETA)
    first = room.build("2026-03-11T00:00:00+00:00")
    [alpha] = [article for article in first.articles if article.id == "alpha"]
    beta_page = room.read("articles/exports-rise-in-february.html")

    room.write(replace(ALPHA, body=("The working group met on Tuesday and agreed a timetable.",)))
    second = room.build("2026-03-11T02:30:00+00:00")

    [edited] = [article for article in second.articles if article.id == "alpha"]
    assert (edited.guid, edited.url, edited.published) == (alpha.guid, alpha.url, alpha.published)
    # No Updated: line, so the edit is dated by the build that saw it, in the site's zone.
    assert edited.modified.isoformat() == "2026-03-11T10:30:00+08:00"
    assert atom_entries(room)[alpha.guid] == {
        "title": ALPHA.headline, "link": alpha.url,
        "published": "2026-03-10T09:00:00+08:00", "updated": "2026-03-11T10:30:00+08:00",
    }
    item = json_items(room)[alpha.guid]
    assert (item["date_published"], item["date_modified"]) == ("2026-03-10T09:00:00+08:00", "2026-03-11T10:30:00+08:00")
    assert jsonld_article(room, "articles/chip-talks-open-in-beijing.jsonld")["dateModified"] == "2026-03-11T10:30:00+08:00"
    assert b"agreed a timetable" in room.read("articles/chip-talks-open-in-beijing.html")
    # Only what shows the edited article was rendered; the other page kept its bytes.
    assert "articles/chip-talks-open-in-beijing.html" in second.rendered
    assert "articles/exports-rise-in-february.html" not in second.rendered
    assert not any(path.startswith(("sections/business/", "authors/li-xuanmin/")) for path in second.rendered)
    assert room.read("articles/exports-rise-in-february.html") == beta_page


def test_an_updated_line_dates_the_edit(any_room: Newsroom) -> None:
    room = any_room
    room.write(ALPHA)
    room.build("2026-03-11T00:00:00+00:00")
    room.write(replace(ALPHA, body=("Corrected figures.",), updated="2026-03-10 18:45"))
    result = room.build("2026-03-12T00:00:00+00:00")
    assert result.articles[0].modified.isoformat() == "2026-03-10T18:45:00+08:00"
    assert json_items(room)[result.articles[0].guid]["date_modified"] == "2026-03-10T18:45:00+08:00"


def test_a_headline_edit_keeps_the_url_and_the_new_slug_redirects_to_it(any_room: Newsroom) -> None:
    room = any_room
    room.write(ALPHA)
    [alpha] = room.build("2026-03-11T00:00:00+00:00").articles
    room.write(replace(ALPHA, headline="Chip talks end with a deal"))
    [edited] = room.build("2026-03-11T04:00:00+00:00").articles

    assert (edited.guid, edited.url) == (alpha.guid, alpha.url)
    assert atom_entries(room)[alpha.guid]["title"] == "Chip talks end with a deal"
    assert atom_entries(room)[alpha.guid]["link"] == alpha.url
    assert b"<h1>Chip talks end with a deal</h1>" in room.read("articles/chip-talks-open-in-beijing.html")
    redirect = room.read("articles/chip-talks-end-with-a-deal.html").decode("utf-8")
    assert f'<meta http-equiv="refresh" content="0; url={alpha.url}">' in redirect
    assert f'<link rel="canonical" href="{alpha.url}">' in redirect
    sitemap = room.read("sitemap.xml").decode("utf-8")
    assert alpha.url in sitemap and "chip-talks-end-with-a-deal" not in sitemap


# ---------------------------------------------------------------------------------------------
# Withdrawal and embargo


def test_a_removed_input_is_withdrawn_everywhere_and_its_id_and_url_are_never_reused(any_room: Newsroom) -> None:
    room = any_room
    room.write(ALPHA, BETA)
    room.build("2026-03-11T00:00:00+00:00")
    room.write(replace(ALPHA, headline="Chip talks end with a deal"))
    [alpha] = [article for article in room.build("2026-03-11T01:00:00+00:00").articles if article.id == "alpha"]
    room.remove("alpha")
    result = room.build("2026-03-11T02:00:00+00:00")

    assert result.withdrawn == ("alpha",)
    assert [article.id for article in result.articles] == ["beta"]
    assert set(result.removed) >= {
        "articles/chip-talks-open-in-beijing.html", "articles/chip-talks-open-in-beijing.jsonld",
        "articles/chip-talks-end-with-a-deal.html", "authors/wang-qi/index.html", "authors/wang-qi/feed.atom",
    }
    assert not (room.output / "authors" / "wang-qi").exists()
    assert everything_mentions(room, alpha.guid) == []
    assert everything_mentions(room, "Chip talks") == []

    # Another story under the withdrawn one's headline gets an address of its own.
    room.write(Story("alpha-again", ALPHA.headline, "2026-03-11 12:00"))
    [again] = [article for article in room.build("2026-03-11T05:00:00+00:00").articles if article.id == "alpha-again"]
    assert again.url != alpha.url and again.guid != alpha.guid


def test_an_embargoed_article_is_published_nowhere_until_a_build_passes_its_time(any_room: Newsroom) -> None:
    room = any_room
    room.write(ALPHA, GAMMA)
    early = room.build("2026-03-12T01:00:00+00:00")  # 09:00 in Beijing, an hour before GAMMA
    assert [article.id for article in early.articles] == ["alpha"]
    assert [article.id for article in early.embargoed] == ["gamma"]
    assert everything_mentions(room, GAMMA.headline) == []
    assert not (room.output / "sections" / "technology").exists()

    late = room.build("2026-03-12T02:00:00+00:00")
    [gamma] = [article for article in late.articles if article.id == "gamma"]
    assert late.embargoed == ()
    # Its dates are its own, not the build that released it.
    assert atom_entries(room)[gamma.guid]["updated"] == "2026-03-12T10:00:00+08:00"
    assert json_items(room, "sections/technology/feed.json")[gamma.guid]["date_published"] == "2026-03-12T10:00:00+08:00"
    assert gamma.url in room.read("news-sitemap.xml").decode("utf-8")


def test_the_same_history_gives_the_same_bytes_and_no_clock_reaches_the_outputs(tmp_path: Path, new_history: Callable[[], str | None]) -> None:
    rooms = [Newsroom(tmp_path / name, store_url=new_history()) for name in ("one", "two")]
    for room, now in zip(rooms, ("2027-01-01T00:00:00+00:00", "2027-06-30T12:34:56-07:00")):
        room.write(ALPHA, BETA, GAMMA)
        room.build(now)
    assert rooms[0].files() == rooms[1].files()


# ---------------------------------------------------------------------------------------------
# A build killed halfway


_KILLED_BUILD = textwrap.dedent("""
    import os, signal, sys
    from datetime import datetime
    from pathlib import Path
    import wirefeed.output
    from wirefeed.pipeline import build

    where, limit = sys.argv[4], int(sys.argv[5])
    calls = 0
    def dying(original):
        def call(*args, **kwargs):
            global calls
            calls += 1
            if calls > limit:
                os.kill(os.getpid(), signal.SIGKILL)
            return original(*args, **kwargs)
        return call
    if where == "between files":
        wirefeed.output.OutputDir.write_bytes = dying(wirefeed.output.OutputDir.write_bytes)
    elif where == "inside a write":  # a staged output file is created, its bytes never written
        wirefeed.output.os.write = dying(wirefeed.output.os.write)
    else:  # inside an atomic write (manifest, ledger): the temporary file is there, the rename never happens
        wirefeed.output.os.replace = dying(wirefeed.output.os.replace)
    build(Path(sys.argv[1]), Path(sys.argv[2]), now=datetime.fromisoformat(sys.argv[3]))
""")


def edit_and_grow(room: Newsroom) -> None:
    room.write(replace(ALPHA, headline="Chip talks end with a deal"), GAMMA)
    room.remove("beta")


@pytest.mark.parametrize(("where", "limit"), [("between files", 0), ("between files", 6), ("between files", 18), ("inside a write", 9),
                                                ("inside a rename", 0), ("inside a rename", 1)])
def test_a_build_killed_halfway_is_as_if_never_run_or_finished(tmp_path: Path, where: str, limit: int,
                                                               new_history: Callable[[], str | None]) -> None:
    killed, skipped, finished = (Newsroom(tmp_path / name, store_url=new_history()) for name in ("killed", "skipped", "finished"))
    for room in (killed, skipped, finished):
        room.write(ALPHA, BETA)
        room.build("2026-03-11T00:00:00+00:00")
        edit_and_grow(room)

    run = subprocess.run(
        [sys.executable, "-c", _KILLED_BUILD, str(killed.input), str(killed.output), "2026-03-12T03:00:00+00:00", where, str(limit)],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == -9, run.stderr
    finished.build("2026-03-12T03:00:00+00:00")

    # Killed before its history was recorded (the last step of publishing, after the output is
    # swapped in), the build counts as never run; killed after, as finished. Nothing in between.
    for room in (killed, skipped, finished):
        room.build("2026-03-12T04:00:00+00:00")
    assert killed.files() in (skipped.files(), finished.files())
    if limit == 0:
        assert killed.files() == skipped.files()
    assert not [path for path in killed.output.rglob("*") if path.name.startswith(TEMP_PREFIX)]
    assert findings_of(killed.output) == []


def test_temporary_files_of_a_killed_build_do_not_survive_the_next(room: Newsroom) -> None:
    room.write(ALPHA)
    room.build("2026-03-11T00:00:00+00:00")
    leftover = room.output / "articles" / (TEMP_PREFIX + "abc123")
    leftover.write_bytes(b"half a page")
    room.build("2026-03-11T01:00:00+00:00")
    assert not leftover.exists()
    assert sorted(os.listdir(room.output / "articles")) == [
        "chip-talks-open-in-beijing.html", "chip-talks-open-in-beijing.jsonld", "chip-talks-open-in-beijing.ninjs.json"]
