"""The `wirefeed` command as a user runs it: exit codes, stderr lines, and what it writes (or not)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirefeed import cli
from wirefeed.limits import MAX_DIGITS
from tests.conftest import SEED, sample_copy, wirefeed

SEED_HEADLINE = "China-US working group to tackle tech and trade restrictions in semiconductor industry"


def test_build_defaults_to_input_and_output_and_exits_0(tmp_path: Path) -> None:
    sample_copy(tmp_path)
    run = wirefeed("build", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    assert run.stderr.splitlines()[-1].startswith("built 1 article into output/ (")
    assert (tmp_path / "output" / "feed.xml").is_file()


def test_build_with_a_rejected_input_exits_1_and_names_file_and_line(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    (source / "bad date.txt").write_text("Headline\nPublished: Feb 30, 2021\n\nBody.\n", encoding="utf-8")
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert lines[0] == "input/bad date.txt:2: the publication date 'Feb 30, 2021' is not a date (day is out of range for month); expected a date such as Mar 11, 2021 12:58 PM"
    assert lines[-1].startswith("built 1 article into site/ (") and lines[-1].endswith("; rejected 1")
    assert (tmp_path / "site" / "feed.xml").is_file()
    assert "Traceback" not in run.stderr


def test_bad_config_exits_2_before_writing_anything(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    config = source / "wirefeed.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('"Asia/Shanghai"', '"Asia/Atlantis"'), encoding="utf-8")
    run = wirefeed("build", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip() == "config error: input/wirefeed.toml: site.timezone: expected an IANA time zone such as Asia/Shanghai, got 'Asia/Atlantis'"
    assert not (tmp_path / "output").exists()


def test_usage_error_exits_2(tmp_path: Path) -> None:
    run = wirefeed("build", "no-such-folder", cwd=tmp_path)
    assert run.returncode == 2
    assert "does not exist" in run.stderr


def test_show_prints_the_jsonld_and_writes_nothing(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    before = sorted(path.name for path in tmp_path.rglob("*"))
    run = wirefeed("show", "input/" + SEED.name, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    assert document == json.loads((Path(__file__).parent.parent / "output" / "articles" / (
        "china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry.jsonld")).read_text(encoding="utf-8"))
    assert sorted(path.name for path in tmp_path.rglob("*")) == before
    assert source.is_dir()


def test_show_several_files_prints_one_document_a_line(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    other = source / "second.txt"
    other.write_text("Second headline\nPublished: 2021-03-12 10:00\n\nBody text.\n", encoding="utf-8")
    run = wirefeed("show", str(source / SEED.name), str(other), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    documents = [json.loads(line) for line in run.stdout.splitlines()]
    assert [document["@graph"][0]["headline"] for document in documents] == [SEED_HEADLINE, "Second headline"]


def test_show_reports_a_bad_file_and_still_shows_the_good_one(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    (source / "no-headline.txt").write_text("\n\n", encoding="utf-8")
    run = wirefeed("show", "input/no-headline.txt", "input/" + SEED.name, cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr.strip() == "input/no-headline.txt: the file is empty; expected an article"
    assert json.loads(run.stdout)["@graph"][0]["headline"] == SEED_HEADLINE


def test_show_explain_prints_field_value_and_source(tmp_path: Path) -> None:
    sample_copy(tmp_path)
    run = wirefeed("show", "--explain", "input/" + SEED.name, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    caption = "no URL, caption 'The picture shows a “StarDragon” 48 core processor chi…"
    assert run.stdout.splitlines() == [
        f"input/{SEED.name} (text)",
        "  headline   China-US working group to tackle tech and trade restrictions in semicon…  [line 2]",
        "  published  2021-03-11T12:58:00+08:00  [line 3: 'Mar 11, 2021 12:58 PM'; no offset stated: the site's zone Asia/Shanghai]",
        "  sections   SOURCE / ECONOMY  [line 1]",
        "  signoff    Global Times  [line 23]",
        f"  images     {caption}  [line 4]",
        f"  images     {caption}  [line 6]",
        "  body       7 paragraphs, 279 words  [line 9]",
    ]


def test_show_explain_still_explains_a_rejected_file(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    (source / "bad-date.txt").write_text("Budget talks stall\nPublished: Feb 30, 2021\n\nTalks on the city budget stalled again on Monday.\n", encoding="utf-8")
    run = wirefeed("show", "--explain", "input/bad-date.txt", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        "input/bad-date.txt (text)",
        "  headline   Budget talks stall  [line 1]",
        "  published  Feb 30, 2021  [line 2]",
        "  body       1 paragraphs, 9 words  [line 4]",
    ]
    assert run.stderr.strip().startswith("input/bad-date.txt:2: the publication date 'Feb 30, 2021' is not a date")


def test_an_undated_page_is_shown_as_first_seen_with_a_warning(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    (source / "undated.html").write_text(
        "<html lang=en><head><title>Budget talks stall | Daily Ledger</title>"
        '<meta property="og:title" content="Budget talks stall"></head>'
        "<body><h1>Budget talks stall</h1><p>Talks on the city budget stalled again on Monday.</p></body></html>",
        encoding="utf-8")
    run = wirefeed("show", "--explain", "input/undated.html", cwd=tmp_path)
    assert run.returncode == 0
    assert run.stdout.splitlines() == [
        "input/undated.html (html)",
        "  published  the time the history first saw it  [first seen by the history]",
        "  headline   Budget talks stall  [<h1>]",
        "  body       1 paragraphs, 9 words  [trafilatura]",
        "  language   en  [<html lang>]",
    ]
    assert run.stderr.strip() == "input/undated.html: warning: no publication date found; published with the time the history first saw it"


def test_show_explain_says_whose_clock_a_local_time_was_read_on(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    (source / "heise.html").write_text(
        '<html lang=de><head><meta property="og:title" content="Neue Chips">'
        '<link rel="canonical" href="https://www.heise.de/news/neue-chips.html">'
        '<meta property="article:published_time" content="2019-06-20T07:30:00">'
        '<meta property="article:modified_time" content="2019-06-20">'
        "</head><body><h1>Neue Chips</h1><p>Der Hersteller zeigte am Donnerstag neue Chips.</p></body></html>",
        encoding="utf-8")
    run = wirefeed("show", "--explain", "input/heise.html", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    dates = [line for line in run.stdout.splitlines() if line.startswith(("  published", "  modified"))]
    assert dates == [
        "  published  2019-06-20T07:30:00+02:00  [article:published_time: '2019-06-20T07:30:00'; no offset stated: Europe/Berlin, the zone of the country of the page's domain]",
        "  modified   2019-06-20 (a day; feeds say 2019-06-20T12:00:00+02:00)  [article:modified_time: '2019-06-20'; no offset stated: Europe/Berlin, the zone of the country of the page's domain]",
    ]


def _pretend_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # rich's names for it: TTY_COMPATIBLE from 14 on, FORCE_TERMINAL before.
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("FORCE_TERMINAL", "1")


def _progress_drawn(counts: list[tuple[int, int]], capsys: pytest.CaptureFixture[str]) -> str:
    cli._errors.cache_clear()  # made again with the environment the test set
    try:
        with cli._progress_bar() as progress:
            for done, total in counts:
                progress(done, total)
        return capsys.readouterr().err
    finally:
        cli._errors.cache_clear()


def test_the_progress_bar_is_drawn_on_a_terminal_for_a_long_read(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _pretend_a_terminal(monkeypatch)
    drawn = _progress_drawn([(100, 300), (300, 300)], capsys)
    assert "reading" in drawn and "300/300" in drawn


def test_no_progress_bar_for_a_short_read_or_off_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _pretend_a_terminal(monkeypatch)
    assert _progress_drawn([(1, cli.PROGRESS_THRESHOLD - 1)], capsys) == ""
    for name in ("TTY_COMPATIBLE", "FORCE_TERMINAL"):
        monkeypatch.delenv(name)
    assert _progress_drawn([(300, 300)], capsys) == ""


def test_an_output_folder_inside_the_input_folder_is_never_read_back(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    runs = [wirefeed("build", ".", "-o", "out", "--now", "2026-11-24T12:00:00+00:00", cwd=source) for _ in range(3)]
    assert [run.returncode for run in runs] == [0, 0, 0], runs[-1].stderr
    assert [run.stderr.splitlines()[-1].split(" (")[0] for run in runs] == ["built 1 article into out/"] * 3
    assert sorted(path.name for path in (source / "out" / "articles").iterdir()) == [
        "china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry.html",
        "china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry.jsonld",
        "china-us-working-group-to-tackle-tech-and-trade-restrictions-in-semiconductor-industry.ninjs.json"]


def test_an_input_folder_inside_the_output_folder_is_refused_with_exit_2(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    sample_copy(site)
    run = wirefeed("build", "site/input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip() == ("config error: site: the output folder holds the input folder site/input, and a build replaces "
                                  "everything in it; expected an output folder outside the input folder")
    assert sorted(path.name for path in site.iterdir()) == ["input"]


def test_a_config_integer_of_5000_digits_is_a_config_error_with_exit_2(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    config = source / "wirefeed.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[site]\n", "[site]\nfeed_size = " + "9" * 5000 + "\n"), encoding="utf-8")
    run = wirefeed("build", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == f"config error: input/wirefeed.toml: a number of more than 4,300 digits; expected at most {MAX_DIGITS}\n"
    assert "Traceback" not in run.stderr and len(run.stderr.splitlines()) == 1
    assert not (tmp_path / "output").exists()
