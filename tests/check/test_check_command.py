"""`wirefeed check`: output, summary, exit codes, folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from wirefeed.check.command import check_command

HERE = Path(__file__).parent
CLEAN = HERE / "clean"
FIXTURES = HERE / "fixtures"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(check_command, [str(arg) for arg in args])


def test_clean_files_exit_0_with_a_summary() -> None:
    result = run(CLEAN / "feed.rss", CLEAN / "article.jsonld")

    assert result.exit_code == 0
    assert result.output == "2 files checked, 0 errors, 0 warnings\n"


def test_an_error_prints_the_finding_and_exits_1() -> None:
    result = run(FIXTURES / "IncorrectDOW.rss")

    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{FIXTURES / 'IncorrectDOW.rss'}:14: error: IncorrectDOW: <pubDate>: "
        "'Wed, 11 Mar 2021 12:58:00 +0800': 2021-03-11 is a Thursday",
        "1 files checked, 1 errors, 0 warnings",
    ]


def test_warnings_alone_exit_0() -> None:
    result = run(FIXTURES / "MissingAtomSelfLink.rss")

    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "1 files checked, 0 errors, 1 warnings"


def test_warnings_exit_1_with_strict() -> None:
    assert run("--strict", FIXTURES / "MissingAtomSelfLink.rss").exit_code == 1


def test_strict_with_no_findings_exits_0() -> None:
    assert run("--strict", CLEAN / "feed.atom").exit_code == 0


def test_json_format_prints_a_list_of_findings() -> None:
    result = run("--format", "json", FIXTURES / "UnknownType.jsonld", CLEAN / "feed.json")

    assert result.exit_code == 1
    assert json.loads(result.output) == [
        {
            "path": str(FIXTURES / "UnknownType.jsonld"),
            "line": None,
            "rule": "UnknownType",
            "message": "image.@type: 'imageObject' is not a schema.org type "
            "(did you mean 'ImageObject'? spelling is exact)",
            "severity": "error",
        }
    ]


def test_json_format_with_no_findings_is_an_empty_list() -> None:
    result = run("--format", "json", CLEAN / "feed.json")

    assert (result.exit_code, json.loads(result.output)) == (0, [])


def test_a_folder_is_walked_for_feed_page_and_json_ld_files(tmp_path: Path) -> None:
    (tmp_path / "site" / "articles").mkdir(parents=True)
    shutil.copy(CLEAN / "feed.rss", tmp_path / "site" / "feed.xml")
    shutil.copy(CLEAN / "article.html", tmp_path / "site" / "articles" / "a.html")
    shutil.copy(FIXTURES / "NotBlank.rss", tmp_path / "site" / "articles" / "old.rss")
    (tmp_path / "site" / "notes.txt").write_text("not checked")
    (tmp_path / "site" / "style.css").write_text("p {}")

    result = run(tmp_path / "site")

    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{tmp_path / 'site' / 'articles' / 'old.rss'}:10: warning: NotBlank: <title> is empty",
        "3 files checked, 0 errors, 1 warnings",
    ]


def test_a_missing_path_is_a_usage_error_exit_2(tmp_path: Path) -> None:
    result = run(tmp_path / "nowhere.xml")

    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_no_path_is_a_usage_error_exit_2() -> None:
    assert run().exit_code == 2


@pytest.mark.parametrize("option", [["--format", "yaml"], ["--bogus"]])
def test_a_bad_option_is_a_usage_error_exit_2(option: list[str]) -> None:
    assert run(*option, CLEAN / "feed.rss").exit_code == 2
