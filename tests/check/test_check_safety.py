"""`wirefeed check` is as safe as `build` on anyone's files, and reads what real publishers write.

Pipes, devices and sockets are refused unread with one line (a pipe used to block forever,
/dev/zero to read until the kernel killed the process); a file over --max-bytes is refused from
its size; runnable markup in a feed's HTML is an error; JSON Feed is told by its parsed version
(NPR writes `https:\\/\\/jsonfeed.org\\/version\\/1`); `"@context": "http://schema.org"` is a
warning, as Google reads it; a raw `&` in page JSON-LD is valid JSON and no finding.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from wirefeed.check import DEFAULT_MAX_CHECK_BYTES, Kind, check_bytes, check_path, sniff
from wirefeed.check.command import check_command
from wirefeed.check.rss import check_rss, check_rss_tree
from wirefeed.check.xmlfeed import check_document

HERE = Path(__file__).parent
CLEAN = HERE / "clean"
REFUSED_SPECIAL = "error: IOError: not a regular file (a pipe, a device or a socket): refused, it could block or never end"


def run(*args: str | Path | int) -> Result:
    return CliRunner().invoke(check_command, [str(arg) for arg in args])


def run_process(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`wirefeed check` in its own process, with a timeout: a hang fails the test instead of stalling it."""
    return subprocess.run([sys.executable, "-m", "wirefeed", "check", *map(str, args)], capture_output=True, text=True, timeout=60, check=False)


def test_a_named_pipe_is_refused_at_once_with_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.xml"
    os.mkfifo(fifo)
    result = run_process(fifo)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{fifo}: {REFUSED_SPECIAL}", "1 files checked, 1 errors, 0 warnings"]
    assert result.stderr == ""


def test_a_pipe_in_a_checked_folder_is_refused_with_its_line_and_the_rest_checked(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "feed.rss").write_bytes((CLEAN / "feed.rss").read_bytes())
    os.mkfifo(tmp_path / "site" / "live.xml")
    result = run_process(tmp_path / "site")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{tmp_path / 'site' / 'live.xml'}: {REFUSED_SPECIAL}", "2 files checked, 1 errors, 0 warnings"]


def test_a_device_is_refused_unread() -> None:
    result = run_process("/dev/zero")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"/dev/zero: {REFUSED_SPECIAL}"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        [finding] = check_path(path)
    assert (finding.rule, finding.severity, finding.message) == ("IOError", "error", REFUSED_SPECIAL.removeprefix("error: IOError: "))


def test_a_file_over_max_bytes_is_refused_and_one_under_it_is_checked() -> None:
    size = (CLEAN / "feed.rss").stat().st_size
    refused = run("--max-bytes", size - 1, CLEAN / "feed.rss")
    assert refused.exit_code == 1
    assert refused.output.splitlines()[0] == (
        f"{CLEAN / 'feed.rss'}: error: IOError: {size:,} bytes, over the {size - 1:,}-byte limit (raise it with --max-bytes)")
    assert run("--max-bytes", size, CLEAN / "feed.rss").output == "1 files checked, 0 errors, 0 warnings\n"


def test_the_default_limit_refuses_a_huge_feed_from_its_size_alone(tmp_path: Path) -> None:
    huge = tmp_path / "huge.xml"
    with huge.open("wb") as handle:
        handle.truncate(DEFAULT_MAX_CHECK_BYTES + 1)  # sparse: its size says it all, nothing is read
    [finding] = check_path(huge)
    assert finding.message == f"{DEFAULT_MAX_CHECK_BYTES + 1:,} bytes, over the {DEFAULT_MAX_CHECK_BYTES:,}-byte limit (raise it with --max-bytes)"


def test_help_states_the_size_limit_and_its_default() -> None:
    output = " ".join(run("--help").output.split())
    assert "--max-bytes" in output and f"[default: {DEFAULT_MAX_CHECK_BYTES}; x>=1]" in output
    assert "Pipes, devices and sockets are refused unread" in output


@pytest.mark.parametrize("value", ["0", "-5", "many"])
def test_a_bad_max_bytes_is_a_usage_error(value: str) -> None:
    assert run("--max-bytes", value, CLEAN / "feed.rss").exit_code == 2


NPR_STYLE = rb"""{"version": "https:\/\/jsonfeed.org\/version\/1.1", "title": "News", "home_page_url": "https:\/\/news.example.com\/",
"feed_url": "https:\/\/news.example.com\/feed.json", "items": [{"id": "1", "url": "https:\/\/news.example.com\/a", "content_html": "<p>A story.<\/p>"}]}"""


def test_json_feed_is_told_by_its_parsed_version_whatever_the_escaping() -> None:
    assert sniff(NPR_STYLE, Path("feed.json")) is Kind.JSON_FEED
    assert [finding.rule for finding in check_bytes(NPR_STYLE, Path("feed.json"))] == []
    version_1 = NPR_STYLE.replace(rb"version\/1.1", rb"version\/1")
    assert [finding.rule for finding in check_bytes(version_1, Path("feed.json"))] == ["ObsoleteVersion"]


def test_json_with_a_version_that_is_not_json_feed_is_not_a_feed() -> None:
    assert sniff(b'{"version": "https://example.com/version/1", "items": []}', Path("x.json")) is Kind.OTHER_JSON


def test_an_http_schema_org_context_is_a_warning_only(tmp_path: Path) -> None:
    page = (CLEAN / "article.jsonld").read_text(encoding="utf-8").replace('"https://schema.org"', '"http://schema.org"', 1)
    (tmp_path / "article.jsonld").write_text(page, encoding="utf-8")
    result = run(tmp_path / "article.jsonld")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{tmp_path / 'article.jsonld'}: warning: HttpContext: @context: \"@context\" is 'http://schema.org'; \"https://schema.org\" is current",
        "1 files checked, 0 errors, 1 warnings",
    ]


def test_a_raw_ampersand_in_page_json_ld_is_valid() -> None:
    page = (CLEAN / "raw-ampersand-in-json-ld.html").read_bytes()
    assert b'"headline": "Q&A: why <b>chips</b> matter"' in page
    assert check_bytes(page, Path("article.html")) == []


def feed_with_description(markup: str) -> bytes:
    escaped = markup.replace("&", "&amp;").replace("<", "&lt;")
    return (CLEAN / "feed.rss").read_bytes().replace(b"<description>", f"<description>{escaped} ".encode(), 2)


@pytest.mark.parametrize(("markup", "rule"), [
    ("<script>alert(1)</script>", "SecurityRisk"),
    ("<img src=https://news.example.com/x.jpg onerror=alert(1)>", "SecurityRiskAttr"),
    ('<a href="javascript:alert(1)">x</a>', "SecurityRiskAttr"),
    ("<iframe src=https://example.com/></iframe>", "SecurityRisk"),
    ("<object data=x.swf></object>", "SecurityRisk"),
    ("<embed src=https://news.example.com/x.swf>", "SecurityRisk"),
])
def test_markup_that_can_run_in_a_feed_is_an_error(markup: str, rule: str, tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(feed_with_description(markup))
    findings = check_path(path)
    assert {(finding.rule, finding.severity) for finding in findings} == {(rule, "error")}
    assert run(path).exit_code == 1


def test_escaped_markup_in_a_description_is_text_and_no_finding(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(feed_with_description("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"))
    assert check_path(path) == []


def test_runnable_markup_in_a_title_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes((CLEAN / "feed.rss").read_bytes().replace(b"<title>China", b"<title>&lt;img src=x onerror=alert(1)&gt; China", 1))
    [finding] = check_path(path)
    assert (finding.rule, finding.severity) == ("ContainsHTML", "warning")
    assert "'onerror='" in finding.message


RSS_FILES = sorted(path for folder in (HERE / "fixtures", CLEAN) for path in folder.iterdir() if path.suffix == ".rss")


@pytest.mark.parametrize("path", RSS_FILES, ids=[path.name for path in RSS_FILES])
def test_rss_read_item_by_item_finds_what_the_whole_tree_finds(path: Path) -> None:
    # check_rss drops each item once checked, to read a large feed in bounded memory; the
    # findings are those of checking the whole parsed tree, in the same order.
    data = path.read_bytes()
    assert check_rss(data, path) == check_document(data, path, check_rss_tree)


def test_rss_items_are_checked_one_by_one_with_their_lines(tmp_path: Path) -> None:
    feed = (CLEAN / "feed.rss").read_text(encoding="utf-8")
    start, end = feed.index("<item>"), feed.rindex("</item>") + len("</item>")
    items = feed[start:end]
    data = (feed[:start] + items + "\n" + items.replace("<pubDate>Thu,", "<pubDate>Wed,") + feed[end:]).encode()
    findings = check_rss(data, Path("feed.xml"))
    assert findings == check_document(data, Path("feed.xml"), check_rss_tree)
    assert sorted({finding.rule for finding in findings}) == ["DuplicateValue", "IncorrectDOW"]
    assert all(finding.line is not None and finding.line > feed[:end].count("\n") for finding in findings)
