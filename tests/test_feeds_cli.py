"""`wirefeed build --now/--store` and `wirefeed check` over what a build writes, as a user runs them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import sample_copy, wirefeed
from tests.test_history_support import Newsroom, Story


def test_wirefeed_check_finds_only_the_missing_picture_in_the_built_sample(tmp_path: Path) -> None:
    sample_copy(tmp_path)
    built = wirefeed("build", "input", "-o", "site", "--now", "2026-03-11T12:00:00+08:00", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    checked = wirefeed("check", "site", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    files = sum(1 for path in (tmp_path / "site").rglob("*") if path.suffix in (".xml", ".atom", ".json", ".jsonld", ".html"))
    # The sample's picture is a caption without a URL: no schema.org image, which Google recommends.
    page = "site/articles/china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry"
    assert checked.stdout.splitlines() == [
        f"{page}.html:21: warning: MissingRecommended: @graph[0]: Google recommends 'image' on an Article",
        f"{page}.jsonld: warning: MissingRecommended: @graph[0]: Google recommends 'image' on an Article",
        f"{files} files checked, 0 errors, 2 warnings",
    ]


def test_now_needs_an_offset_and_a_bad_one_is_a_usage_error(tmp_path: Path) -> None:
    sample_copy(tmp_path)
    for value, reason in (("2026-03-11 12:00", "has no UTC offset"), ("yesterday", "is not an ISO 8601 time")):
        run = wirefeed("build", "--now", value, cwd=tmp_path)
        assert run.returncode == 2
        assert f"Invalid value for '--now': {value!r} {reason}" in run.stderr
    assert not (tmp_path / "output").exists()


def test_store_option_and_the_summary_of_an_incremental_build(tmp_path: Path) -> None:
    room = Newsroom(tmp_path / "site")
    room.write(Story("now", "Talks open", "2026-03-11 09:00"), Story("later", "Talks close", "2026-03-12 09:00"))
    store = tmp_path / "history.sqlite"
    first = wirefeed("build", "input", "-o", "output", "--store", str(store), "--now", "2026-03-11T12:00:00+08:00", cwd=room.input.parent)
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines()[-1] == "built 1 article into output/ (18 files, 18 rendered); 1 embargoed"
    assert store.is_file() and not room.store.exists()
    again = wirefeed("build", "input", "-o", "output", "--store", str(store), "--now", "2026-03-11T13:00:00+08:00", cwd=room.input.parent)
    assert again.stderr.splitlines()[-1] == "built 1 article into output/ (18 files, 0 rendered); 1 embargoed"
    room.remove("now")
    gone = wirefeed("build", "input", "-o", "output", "--store", str(store), "--now", "2026-03-12T10:00:00+08:00", cwd=room.input.parent)
    # One story out of embargo, the other withdrawn: its page, JSON-LD and ninjs files are taken down.
    assert gone.stderr.splitlines()[-1] == "built 1 article into output/ (18 files, 17 rendered, 3 removed)"
    assert not (room.output / "articles" / "talks-open.html").exists()


def test_a_store_inside_the_output_is_a_config_error(tmp_path: Path) -> None:
    sample_copy(tmp_path)
    run = wirefeed("build", "--store", "output/history.sqlite", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.startswith("config error: input/wirefeed.toml: store.path: the store output/history.sqlite is inside the output folder output")
    assert not (tmp_path / "output").exists()
