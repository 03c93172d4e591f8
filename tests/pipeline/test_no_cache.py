"""A build without caches (`build(..., cache=False)`, `wirefeed build --no-cache`) reads and writes
no cache file and publishes the same bytes as one with them, through a newsroom's history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from tests.pipeline.test_history_scenarios import ALPHA, BETA, GAMMA
from tests.test_history_support import Newsroom, moment
from wirefeed.cache import BuildState, CacheTunables
from wirefeed.cli import main
from wirefeed.pipeline import build

# Inputs count as settled at once: the cached builds reuse what they read, as on a real site.
SETTLED = CacheTunables(settled_ns=-(10**15))

STEPS: list[tuple[str, Callable[[Newsroom], None], str]] = [
    ("add", lambda room: room.write(ALPHA, BETA), "2026-03-11T00:00:00+00:00"),
    ("unchanged", lambda room: None, "2026-03-11T00:30:00+00:00"),
    ("edit", lambda room: room.write(replace(ALPHA, body=("The working group agreed a timetable.",))), "2026-03-11T02:30:00+00:00"),
    ("headline edit", lambda room: room.write(replace(ALPHA, headline="Chip talks end with a deal")), "2026-03-11T04:00:00+00:00"),
    ("embargoed", lambda room: room.write(GAMMA), "2026-03-12T01:00:00+00:00"),
    ("released", lambda room: None, "2026-03-12T02:00:00+00:00"),
    ("remove", lambda room: room.remove("alpha"), "2026-03-12T03:00:00+00:00"),
]


def _beside_store(room: Newsroom) -> set[str]:
    return {path.name for path in room.store.parent.iterdir()}


def test_every_step_of_a_history_gives_the_same_bytes_with_and_without_caches(tmp_path: Path) -> None:
    cached, uncached, alternating = (Newsroom(tmp_path / name) for name in ("cached", "uncached", "alternating"))
    for number, (step, change, now) in enumerate(STEPS):
        for room in (cached, uncached, alternating):
            change(room)
        with_caches = build(cached.input, cached.output, now=moment(now), tunables=SETTLED)
        without = build(uncached.input, uncached.output, now=moment(now), cache=False)
        build(alternating.input, alternating.output, now=moment(now), tunables=SETTLED, cache=number % 2 == 1)
        assert uncached.files() == cached.files(), step
        assert alternating.files() == cached.files(), step
        assert [article.id for article in without.articles] == [article.id for article in with_caches.articles], step
        assert without.withdrawn == with_caches.withdrawn and without.written == with_caches.written, step
        # The history and the record of the output folder's files; not one cache file.
        state = BuildState(uncached.store)
        assert _beside_store(uncached) == {state.store_file.name, state.archive_ledger.name,
                                           state.manifest(uncached.output).name, "store.lock"}, step
    state = BuildState(cached.store)
    assert {state.input_cache.name, state.last_build.name} <= _beside_store(cached)


def test_the_command_line_builds_without_caches(tmp_path: Path) -> None:
    room = Newsroom(tmp_path / "site")
    room.write(ALPHA, BETA)
    result = CliRunner().invoke(main, ["build", str(room.input), "-o", str(room.output), "--now", "2026-03-11T00:00:00+00:00", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (room.output / "articles" / "chip-talks-open-in-beijing.html").is_file()
    state = BuildState(room.store)
    assert not state.input_cache.exists() and not state.last_build.exists() and state.blob_files() == []
