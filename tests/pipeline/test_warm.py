"""A rebuild kept in memory (pipeline/warm.py) gives what a full build gives.

Two copies of one site: the "warm" one rebuilt by a WarmSite (or KeptBuilds, which falls back
to a full build), the "cold" one by build() after the same edits at the same `now`. After each
edit both must hold the same output bytes, history records, archive ledger and manifest; and
the warm one must have taken the short way exactly when the edit allows it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.fast_paths_support import NOW, _articles, _tree, corpus  # noqa: F401 - corpus is a fixture
from wirefeed.cache.state import manifest_changes_path, manifest_path
from wirefeed.engine.runner import Manifest
from wirefeed.output import OutputDir
from wirefeed.pipeline.build import build
from wirefeed.pipeline.result import BuildResult
from wirefeed.pipeline.warm import KeptBuilds, Retained, WarmSite


class Pair:
    """The warm and the cold copy of one site, built at NOW."""

    def __init__(self, corpus: Path, root: Path) -> None:
        self.root = root
        for side in ("warm", "cold"):
            shutil.copytree(corpus, root / side / "input")
            config = root / side / "input" / "wirefeed.toml"
            # Pages of five: an edit shows in archive pages too, not only in the front ones.
            config.write_text(config.read_text(encoding="utf-8").replace("feed_size = 50", "feed_size = 5"), encoding="utf-8")
        self.builds = KeptBuilds(self.input("warm"), self.output("warm"))
        self.builds.build(now=NOW)
        build(self.input("cold"), self.output("cold"), now=NOW)

    def input(self, side: str) -> Path:
        return self.root / side / "input"

    def output(self, side: str) -> Path:
        return self.root / side / "output"

    def edit(self, relative: str, change: Callable[[str], str]) -> Path:
        """The same edit in both copies; the warm copy's path."""
        for side in ("warm", "cold"):
            path = self.input(side) / relative
            path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        return self.input("warm") / relative

    def warm_site(self) -> WarmSite:
        warm = self.builds._warm
        assert warm is not None, "the last build kept nothing in memory"
        return warm

    def rebuild_both(self, changed: set[Path], now: datetime) -> BuildResult:
        result, _ = self.builds.build(changed, now=now)
        self.builds.settle()
        build(self.input("cold"), self.output("cold"), now=now)
        return result

    def assert_same(self) -> None:
        assert _tree(self.output("warm")) == _tree(self.output("cold"))
        assert _records(self.input("warm")) == _records(self.input("cold"))
        for name in ("store.archives.json",):
            assert (self.input("warm") / ".wirefeed" / name).read_bytes() == (self.input("cold") / ".wirefeed" / name).read_bytes()
        # The same outputs listed (their keys hold the site's folder: the other test below checks them).
        assert _manifest(self.input("warm"), self.output("warm")).keys() == _manifest(self.input("cold"), self.output("cold")).keys()


def _records(input_dir: Path) -> list[str]:
    """The history as SQL text, every stored value as written (equal datetimes in two offsets differ here)."""
    connection = sqlite3.connect(input_dir / ".wirefeed" / "store.sqlite")
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _manifest(input_dir: Path, output_dir: Path) -> dict[str, str]:
    """The manifest's keys, as a build reads them: with the changes appended beside it."""
    return Manifest.load(manifest_path(input_dir / ".wirefeed" / "store.sqlite", output_dir)).keys


@pytest.fixture()
def pair(corpus: Path, tmp_path: Path) -> Iterator[Pair]:  # noqa: F811 - the fixture imported above
    made = Pair(corpus, tmp_path)
    yield made
    made.builds.close()


def _text_story(pair: Pair, index: int = 3) -> str:
    stories = [path for path in _articles(pair.input("warm")) if path.suffix == ".txt"]
    return stories[index].relative_to(pair.input("warm")).as_posix()


def _html_story(pair: Pair) -> str:
    pages = [path for path in _articles(pair.input("warm")) if path.suffix == ".html"]
    return pages[0].relative_to(pair.input("warm")).as_posix()


def _headline_changed(text: str) -> str:
    lines = text.split("\n")
    lines[1] += " again"  # a wire story's second line is its headline
    return "\n".join(lines)


def _date_changed(text: str) -> str:
    lines = text.split("\n")
    assert "202" in lines[2]
    lines[2] = lines[2].replace("202", "201", 1)  # and its third, the date line: ten years back
    return "\n".join(lines)


def _sentence_added(words: str) -> Callable[[str], str]:
    return lambda text: text.rstrip("\n") + f" {words}\n"


def _warm_way(pair: Pair, changed: set[Path], now: datetime) -> BuildResult | None:
    """The WarmSite's own answer (None: a full build must decide), then the cold build."""
    result = pair.warm_site().rebuild(changed, now)
    pair.warm_site().settle()
    build(pair.input("cold"), pair.output("cold"), now=now)
    return result


def test_a_body_edit_takes_the_short_way_and_gives_the_full_builds_outputs_and_history(pair: Pair) -> None:
    story = pair.edit(_text_story(pair), _sentence_added("The ministry said more on Friday."))
    result = _warm_way(pair, {story}, NOW + timedelta(hours=1))
    assert result is not None
    # Its page, JSON-LD and ninjs; the feed and index pages that list it; the sitemap.
    assert any(path.startswith("articles/") and path.endswith(".html") for path in result.rendered)
    assert "sitemap.xml" in result.rendered
    assert any(path.endswith(".xml") and "archive/" in path for path in result.rendered)
    pair.assert_same()
    page = next(path for path in result.rendered if path.startswith("articles/") and path.endswith(".html"))
    assert "The ministry said more on Friday." in (pair.output("warm") / page).read_text(encoding="utf-8")


def test_an_html_page_edit_and_three_edits_in_a_row_each_give_the_full_builds(pair: Pair) -> None:
    page = pair.edit(_html_story(pair), lambda text: text.replace("Observers expect", "Observers still expect", 1))
    assert _warm_way(pair, {page}, NOW + timedelta(hours=1)) is not None
    pair.assert_same()
    story = _text_story(pair, 5)
    for number in range(3):
        path = pair.edit(story, _sentence_added(f"Edit number {number}."))
        assert _warm_way(pair, {path}, NOW + timedelta(hours=2, minutes=number)) is not None
        pair.assert_same()


def test_two_inputs_edited_together(pair: Pair) -> None:
    first = pair.edit(_text_story(pair, 1), _sentence_added("First of two."))
    second = pair.edit(_text_story(pair, 7), _sentence_added("Second of two."))
    result = _warm_way(pair, {first, second}, NOW + timedelta(hours=1))
    assert result is not None
    assert len([path for path in result.rendered if path.startswith("articles/") and path.endswith(".html")]) == 2
    pair.assert_same()


def test_a_sidecar_edited_or_added_is_an_edit_of_its_article(pair: Pair) -> None:
    described = next(path for path in _articles(pair.input("warm")) if path.with_suffix(".toml").exists())
    sidecar = described.with_suffix(".toml").relative_to(pair.input("warm")).as_posix()
    changed = {pair.edit(sidecar, lambda text: text.replace("keywords = [", 'keywords = ["ports", ', 1))}
    result = _warm_way(pair, changed, NOW + timedelta(hours=1))
    assert result is not None and any(path.endswith(".jsonld") for path in result.rendered)
    pair.assert_same()
    bare = next(path for path in _articles(pair.input("warm")) if path.suffix == ".txt" and not path.with_suffix(".toml").exists())
    added = bare.with_suffix(".toml").relative_to(pair.input("warm")).as_posix()
    for side in ("warm", "cold"):
        (pair.input(side) / added).write_text('keywords = ["shipping"]\n', encoding="utf-8")
    assert _warm_way(pair, {pair.input("warm") / added}, NOW + timedelta(hours=2)) is not None
    pair.assert_same()


def test_an_input_saved_again_unchanged_renders_nothing(pair: Pair) -> None:
    story = pair.edit(_text_story(pair), lambda text: text)
    result = _warm_way(pair, {story}, NOW + timedelta(hours=1))
    assert result is not None and result.rendered == ()
    pair.assert_same()


@pytest.mark.parametrize("change", ["headline", "date", "rejected", "new input", "removed input", "config"])
def test_edits_that_move_more_than_contents_are_left_to_a_full_build(pair: Pair, change: str) -> None:
    story = _text_story(pair)
    warm_path = pair.input("warm") / story
    if change == "headline":
        changed = {pair.edit(story, _headline_changed)}
    elif change == "date":
        changed = {pair.edit(story, _date_changed)}
    elif change == "rejected":
        changed = {pair.edit(story, lambda text: "\n")}
    elif change == "new input":
        for side in ("warm", "cold"):
            shutil.copy(pair.input(side) / story, pair.input(side) / "extra-copy-of-a-story.txt")
        changed = {pair.input("warm") / "extra-copy-of-a-story.txt"}
    elif change == "removed input":
        for side in ("warm", "cold"):
            (pair.input(side) / story).unlink()
        changed = {warm_path}
    else:
        changed = {pair.edit("wirefeed.toml", lambda text: text.replace('title = "', 'title = "The ', 1))}
    assert pair.warm_site().rebuild(changed, NOW + timedelta(hours=1)) is None
    pair.rebuild_both(changed, NOW + timedelta(hours=1))
    pair.assert_same()
    # The full build kept its own state: the next body edit takes the short way again, when the
    # last build published every input as read (a rejected edit keeps its last good version).
    other = pair.edit(_text_story(pair, 9), _sentence_added("Later."))
    if change == "rejected":
        assert pair.builds._warm is None
        pair.rebuild_both({other}, NOW + timedelta(hours=2))
    else:
        assert _warm_way(pair, {other}, NOW + timedelta(hours=2)) is not None
    pair.assert_same()


def test_a_build_by_another_process_in_between_is_noticed(pair: Pair) -> None:
    story = pair.edit(_text_story(pair), _sentence_added("Edited by someone else's build."))
    build(pair.input("warm"), pair.output("warm"), now=NOW + timedelta(hours=1))
    assert pair.warm_site().rebuild({story}, NOW + timedelta(hours=1)) is None


def test_a_manifest_saved_by_another_process_in_between_is_noticed(pair: Pair) -> None:
    # Another build that only saved the manifest (no history committed): the changes the kept
    # site would append name bytes that are gone, so it leaves the edit to a full build.
    first = pair.edit(_text_story(pair), _sentence_added("First."))
    assert pair.warm_site().rebuild({first}, NOW + timedelta(hours=1)) is not None
    pair.warm_site().settle()
    manifest = manifest_path(pair.input("warm") / ".wirefeed" / "store.sqlite", pair.output("warm"))
    Manifest(manifest, {}).save(Manifest.load(manifest).keys)
    second = pair.edit(_text_story(pair, 6), _sentence_added("Second."))
    assert pair.warm_site().rebuild({second}, NOW + timedelta(hours=2)) is None


def test_a_time_outside_the_last_builds_window_is_left_to_a_full_build(pair: Pair) -> None:
    story = pair.edit(_text_story(pair), _sentence_added("A clock gone back."))
    # Before the newest stories' dates: a full build would put them back under embargo.
    assert pair.warm_site().rebuild({story}, NOW - timedelta(days=1000)) is None
    # Years on, every story has long left the News sitemap's two days, as at NOW: the same build.
    assert pair.warm_site().rebuild({story}, NOW + timedelta(days=3000)) is not None


def test_a_rebuild_killed_while_writing_leaves_what_it_touched_to_the_next_build(pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    story = pair.edit(_text_story(pair), _sentence_added("Killed halfway."))
    real = OutputDir.write_bytes
    calls: list[str] = []

    def dies_on_the_fourth(self: OutputDir, relative: str, data: bytes) -> Path:
        calls.append(relative)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(self, relative, data)

    monkeypatch.setattr(OutputDir, "write_bytes", dies_on_the_fourth)
    with pytest.raises(KeyboardInterrupt):
        pair.builds.build({story}, now=NOW + timedelta(hours=1))
    monkeypatch.setattr(OutputDir, "write_bytes", real)
    assert pair.builds._warm is None
    # The three files written and the fourth about to be: each key cleared before its write.
    keys = _manifest(pair.input("warm"), pair.output("warm"))
    assert [path for path, key in keys.items() if not key] == sorted(calls)
    result = pair.rebuild_both({story}, NOW + timedelta(hours=1))
    assert set(calls) <= set(result.rendered)
    pair.assert_same()


def test_after_warm_rebuilds_a_cold_build_finds_nothing_to_do(pair: Pair) -> None:
    story = pair.edit(_text_story(pair), _sentence_added("Then the server stopped."))
    manifest = manifest_path(pair.input("warm") / ".wirefeed" / "store.sqlite", pair.output("warm"))
    whole = manifest.read_bytes()
    result = pair.warm_site().rebuild({story}, NOW + timedelta(hours=1))
    assert result is not None and result.rendered
    pair.warm_site().settle()
    # The manifest as the full build left it, and the rebuild's keys appended beside it.
    assert manifest.read_bytes() == whole
    assert _manifest(pair.input("warm"), pair.output("warm")) == pair.warm_site()._kept.keys != json.loads(whole)["outputs"]
    before = _tree(pair.output("warm"))
    again = build(pair.input("warm"), pair.output("warm"), now=NOW + timedelta(hours=1))
    assert again.rendered == () and again.removed == ()
    assert _tree(pair.output("warm")) == before
    # The cold build saved the manifest whole, the changes folded in.
    assert not manifest_changes_path(manifest).exists()
    assert json.loads(manifest.read_bytes())["outputs"] == pair.warm_site()._kept.keys


def test_changes_grown_to_a_quarter_of_the_manifest_are_folded_into_it(pair: Pair) -> None:
    manifest = manifest_path(pair.input("warm") / ".wirefeed" / "store.sqlite", pair.output("warm"))
    changes = manifest_changes_path(manifest)
    for number in range(20):
        story = pair.edit(_text_story(pair, number % 6), _sentence_added(f"Folded edit {number}."))
        assert pair.warm_site().rebuild({story}, NOW + timedelta(hours=1, minutes=number)) is not None
        pair.warm_site().settle()
        if not changes.exists():
            break
        assert changes.stat().st_size * 4 <= manifest.stat().st_size  # else settle() folds them
    assert not changes.exists() and number > 0
    assert json.loads(manifest.read_bytes())["outputs"] == pair.warm_site()._kept.keys
    # The next edit appends to the manifest saved whole, and the next build reads both.
    story = pair.edit(_text_story(pair), _sentence_added("After the fold."))
    assert pair.warm_site().rebuild({story}, NOW + timedelta(hours=2)) is not None
    assert changes.exists()
    assert _manifest(pair.input("warm"), pair.output("warm")) == pair.warm_site()._kept.keys
    again = build(pair.input("warm"), pair.output("warm"), now=NOW + timedelta(hours=2))
    assert again.rendered == ()


def test_a_build_between_a_rebuild_and_its_settling_wins(pair: Pair) -> None:
    story = pair.edit(_text_story(pair), _sentence_added("Settled late."))
    assert pair.warm_site().rebuild({story}, NOW + timedelta(hours=1)) is not None
    other = pair.edit(_text_story(pair, 6), _sentence_added("Built by the CLI meanwhile."))
    build(pair.input("warm"), pair.output("warm"), now=NOW + timedelta(hours=2))
    manifest = manifest_path(pair.input("warm") / ".wirefeed" / "store.sqlite", pair.output("warm"))
    saved = manifest.read_bytes()
    assert not manifest_changes_path(manifest).exists()  # folded in by the CLI build
    pair.warm_site().settle()
    assert manifest.read_bytes() == saved  # the CLI build's manifest stands
    assert not manifest_changes_path(manifest).exists()
    assert pair.warm_site().rebuild({other}, NOW + timedelta(hours=3)) is None  # and what was kept does not


def test_only_a_build_that_published_every_input_as_read_is_kept(corpus: Path, tmp_path: Path) -> None:  # noqa: F811
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)
    kept: list[Retained] = []
    build(folder, tmp_path / "output", now=NOW, retain=kept.append)
    assert len(kept) == 1 and len(kept[0].publication.articles) == len(_articles(folder))
    broken = next(path for path in _articles(folder) if path.suffix == ".txt")
    broken.write_text("\n", encoding="utf-8")
    build(folder, tmp_path / "output", now=NOW + timedelta(hours=1), retain=kept.append)
    assert len(kept) == 1


def _update_before_publication(text: str) -> str:
    lines = text.split("\n")
    assert lines[3].startswith("Updated: ")
    lines[3] = "Updated: 1 January 2001"  # before any story's publication: a warning, and left out
    return "\n".join(lines)


def test_a_rebuilds_warnings_are_the_full_builds(pair: Pair) -> None:
    quiet = pair.edit(_text_story(pair, 2), _sentence_added("No warning in this one."))
    result = _warm_way(pair, {quiet}, NOW + timedelta(hours=1))
    assert result is not None and result.warnings == ()
    warned = pair.edit(_text_story(pair, 4), _update_before_publication)
    result = pair.warm_site().rebuild({warned}, NOW + timedelta(hours=2))
    pair.warm_site().settle()
    cold = build(pair.input("cold"), pair.output("cold"), now=NOW + timedelta(hours=2))
    assert result is not None
    assert len(result.warnings) == 1 and "is before the publication date" in result.warnings[0]
    assert [warning.replace("/warm/", "/cold/") for warning in result.warnings] == list(cold.warnings)
    pair.assert_same()


@pytest.fixture()
def paged_pair(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Pair]:  # noqa: F811
    """A pair whose sitemap is split into files of 7 entries (50,000 on the web), an index over them."""
    monkeypatch.setattr("wirefeed.site.plan.SITEMAP_LIMIT", 7)
    made = Pair(corpus, tmp_path)
    yield made
    made.builds.close()


def test_a_sitemap_in_several_files_is_the_full_builds_after_each_edit(paged_pair: Pair) -> None:
    pair = paged_pair
    parts = sorted(path.name for path in (pair.output("warm") / "sitemaps").iterdir())
    assert len(parts) > 4
    for number, index in enumerate((3, 9, 3, 14, 0, 27, 33)):
        story = pair.edit(_text_story(pair, index), _sentence_added(f"Sitemap edit {number}."))
        result = _warm_way(pair, {story}, NOW + timedelta(hours=1 + number))
        assert result is not None
        pair.assert_same()
        rendered = [path for path in result.rendered if path.startswith("sitemaps/")]
        # The parts holding the listings the story is on and its own entry, not every one.
        assert "sitemap.xml" in result.rendered and 1 <= len(rendered) < len(parts)
