"""Bad inputs: each one a one-line error naming the file (and line), every other article still published.

Each case builds the bad file beside a good story and checks the error word for word, then
that the output is byte for byte what the good story alone builds: a bad file leaves no trace.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import files_of
from tests.hostile.support import (
    GOOD_HEADLINE, GOOD_NAME, GOOD_STORY, NOW, article_text, build_folder, good_only_output, write_files,
)
from wirefeed.readers import MAX_INPUT_BYTES, READERS, read
from wirefeed.errors import InputError

_DATE_EXPECTED = "expected a date such as Mar 11, 2021 12:58 PM"
_NO_DATE = (
    "no publication date found; expected a date such as a `Published: Mar 11, 2021 12:58 PM` line below the headline, "
    "or datePublished in the page's metadata"
)
_NO_HEADLINE = "no headline found; expected a headline: the first line of a text article (after an optional section line), or the page's <h1> or metadata"
_SIDECAR_KEYS = "authors, description, encoding, headline, id, images, keywords, language, modified, published, sections, updated, url"

# name -> (files beside the good story, the error lines with {input} for the input folder)
BAD_INPUTS: dict[str, tuple[dict[str, bytes | str], list[str]]] = {
    "empty file": ({"empty.txt": b""}, ["{input}/empty.txt: the file is empty; expected an article"]),
    "only whitespace": ({"blank.txt": b"  \r\n\t\n   \n"}, ["{input}/blank.txt: the file is empty; expected an article"]),
    "binary data": (
        {"photo.txt": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01" + bytes(range(256)) * 8},
        ["{input}/photo.txt: binary data, not text; expected an article in a text encoding"],
    ),
    "binary data without a NUL byte": (
        {"noise.txt": bytes(range(1, 32)) * 40 + "Some text".encode()},
        ["{input}/noise.txt: binary data, not text; expected an article in a text encoding"],
    ),
    "no headline": ({"no-headline.txt": "Published: Mar 11, 2021 12:58 PM\n"}, [f"{{input}}/no-headline.txt: {_NO_HEADLINE}"]),
    "no date": ({"no-date.txt": "A headline without a date\n\nThe body.\n"}, [f"{{input}}/no-date.txt: {_NO_DATE}"]),
    "an impossible date": (
        {"feb-30.txt": article_text("A story dated February 30", date="Feb 30, 2021")},
        [f"{{input}}/feb-30.txt:2: the publication date 'Feb 30, 2021' is not a date (day is out of range for month); {_DATE_EXPECTED}"],
    ),
    "an unparseable date": (
        {"gibberish-date.txt": "A story dated nonsense\nPublished: 2021 sometime soonish\n\nBody.\n"},
        [f"{{input}}/gibberish-date.txt:2: the publication date '2021 sometime soonish' is not a date (unrecognised format); {_DATE_EXPECTED}"],
    ),
    "a date with a number dateutil cannot divide": (
        {"huge-number.txt": article_text("A story with a long time", date="Mar 11, 2021 12:58 P" + "2" * 54 + "M")},
        [f"{{input}}/huge-number.txt:2: the publication date 'Mar 11, 2021 12:58 P{'2' * 54}M' is not a date (a number in it is out of range); {_DATE_EXPECTED}"],
    ),
    "a date a thousand years ahead": (
        {"far-future.txt": article_text("A story from the far future", date="Mar 11, 3021")},
        ["{input}/far-future.txt:2: the publication date 'Mar 11, 3021' is implausible; expected a year between 1900 and 2199"],
    ),
    "a date a thousand years back": (
        {"far-past.txt": article_text("A story from the far past", date="Mar 11, 1021")},
        ["{input}/far-past.txt:2: the publication date 'Mar 11, 1021' is implausible; expected a year between 1900 and 2199"],
    ),
    "a sidecar with invalid TOML": (
        {"broken-sidecar.txt": article_text("A story with a broken sidecar"), "broken-sidecar.toml": 'id = "x"\nheadline = "unterminated\n'},
        ["{input}/broken-sidecar.toml:2: not valid TOML: Illegal character '\\n'"],
    ),
    "a sidecar with an unknown key": (
        {"odd-sidecar.txt": article_text("A story with an odd sidecar"), "odd-sidecar.toml": 'colour = "red"\n'},
        [f"{{input}}/odd-sidecar.toml: unknown key 'colour'; expected one of {_SIDECAR_KEYS}"],
    ),
    "a sidecar nested thousands deep": (
        {"deep-sidecar.txt": article_text("A story with a deep sidecar"), "deep-sidecar.toml": "keywords = " + "[" * 50_000 + "]" * 50_000 + "\n"},
        ["{input}/deep-sidecar.toml: not valid TOML: arrays or tables nested too deeply"],
    ),
    "a sidecar of several megabytes": (
        {"big-sidecar.txt": article_text("A story with a big sidecar"), "big-sidecar.toml": "# " + "x" * 2_000_000 + "\n"},
        ["{input}/big-sidecar.toml: the sidecar is over the 1,048,576-byte limit; expected a few lines of TOML"],
    ),
    "a javascript: link in a sidecar": (
        {"evil-link.txt": article_text("A story with an evil author link"), "evil-link.toml": '[[authors]]\nname = "Wang Qi"\nurl = "javascript:alert(1)"\n'},
        ["{input}/evil-link.toml: authors[1].url must be an http(s) URL or a path on the site, got 'javascript:alert(1)'"],
    ),
    "UTF-8 broken in the middle": (
        {"broken-utf8.txt": "Headline with “quotes”\nPublished: Mar 11, 2021\n\nBody with café and ".encode() + b"\xe9t\xe9.\n"},
        ["{input}/broken-utf8.txt:4: not valid UTF-8 at column 20 (byte 0xe9) although the rest of the file is; "
         "expected the whole file in UTF-8 (re-save it, or fix the broken character)"],
    ),
    "an encoding that cannot be told": (
        {"ambiguous.txt": "你好".encode("gbk")},
        ["{input}/ambiguous.txt: not UTF-8, and its encoding cannot be told with confidence: it reads as big5, cp949, euc_jp or gb18030 with different letters; "
         'expected UTF-8, or the encoding declared (encoding = "cp1251" in its sidecar, <meta charset> in a page)'],
    ),
    "a canonical URL over the site's index": (
        {"over-index.txt": article_text("A story that wants to be the home page"), "over-index.toml": 'url = "https://news.example.com/index.html"\n'},
        ["{input}/over-index.txt: sidecar over-index.toml url: url 'https://news.example.com/index.html' cannot be published: index.html is where the site's own pages go"],
    ),
    "a canonical URL leaving the output folder": (
        {"escape.txt": article_text("A story that wants out"), "escape.toml": 'url = "https://news.example.com/a/%2e%2e/%2e%2e/etc/passwd"\n'},
        ["{input}/escape.txt: sidecar escape.toml url: url 'https://news.example.com/a/%2e%2e/%2e%2e/etc/passwd' cannot be published: "
         "the path would leave the output folder or uses a reserved name"],
    ),
    "a canonical URL that is not http(s)": (
        {"file-url.txt": article_text("A story pointing at a file"), "file-url.toml": 'url = "file:///etc/passwd"\n'},
        ["{input}/file-url.txt: sidecar file-url.toml url: url 'file:///etc/passwd' is not an http(s) URL; expected the article's canonical URL"],
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_a_bad_input_is_one_error_and_leaves_no_trace(case: str, site_dir: Path, tmp_path: Path) -> None:
    files, expected = BAD_INPUTS[case]
    write_files(site_dir, {GOOD_NAME: GOOD_STORY, **files})
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [line.format(input=site_dir) for line in expected]
    assert [article.headline for article in result.articles] == [GOOD_HEADLINE]
    assert files_of(tmp_path / "output") == good_only_output(site_dir, tmp_path)


def test_a_huge_file_is_refused_by_its_size_before_it_is_read(site_dir: Path, tmp_path: Path) -> None:
    huge = site_dir / "video.txt"
    # Sparse: 500 MB on paper, nothing on disk. Reading it would take seconds and the memory.
    with huge.open("wb") as handle:
        handle.truncate(500 * 1024 * 1024)
    write_files(site_dir, {GOOD_NAME: GOOD_STORY})
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [f"{huge}: the file is 524,288,000 bytes, over the 20,971,520-byte limit for an article"]
    assert files_of(tmp_path / "output") == good_only_output(site_dir, tmp_path)


def test_the_size_limit_is_a_parameter(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(article_text("A story of a hundred bytes or so"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(story, max_bytes=50)
    assert str(caught.value) == f"{story}: the file is {story.stat().st_size:,} bytes, over the 50-byte limit for an article"
    assert read(story, max_bytes=MAX_INPUT_BYTES).headline is not None


def test_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as caught:
        read(fifo)
    assert str(caught.value) == f"{fifo}: not a regular file (a device, a pipe or a socket); expected an article"


def test_two_files_with_one_id_keep_the_first(site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {
        "desk-a/same.txt": article_text("The first story with this id"),
        "desk-b/same.txt": article_text("The second story with this id"),
    })
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [
        f"{site_dir}/desk-b/same.txt: id 'same' is already used by {site_dir}/desk-a/same.txt; "
        "expected each article to have its own id (rename the file or set id in its sidecar)",
    ]
    assert [article.headline for article in result.articles] == ["The first story with this id"]


def test_a_link_to_a_file_outside_the_input_folder_is_refused(site_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "private" / "embargoed.txt"
    secret.parent.mkdir()
    secret.write_text(article_text("An embargoed story from another desk"), encoding="utf-8")
    (site_dir / "linked.txt").symlink_to(secret)
    write_files(site_dir, {GOOD_NAME: GOOD_STORY})
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [
        f"{site_dir}/linked.txt: a symbolic link to {secret}, outside the input folder {site_dir}; expected an article inside it (copy the file in instead)",
    ]
    assert files_of(tmp_path / "output") == good_only_output(site_dir, tmp_path)


def test_a_sidecar_linked_from_outside_is_refused(site_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.toml").write_text('headline = "Not from this desk"\n', encoding="utf-8")
    write_files(site_dir, {GOOD_NAME: GOOD_STORY, "story.txt": article_text("A story with a linked sidecar")})
    (site_dir / "story.toml").symlink_to(tmp_path / "elsewhere.toml")
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [
        f"{site_dir}/story.toml: a symbolic link to {tmp_path}/elsewhere.toml, outside the input folder {site_dir}; expected an article inside it (copy the file in instead)",
    ]


def test_a_link_inside_the_input_folder_is_read(site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {"originals/story.txt": article_text("A story filed once, linked twice")})
    (site_dir / "alias.txt").symlink_to(site_dir / "originals" / "story.txt")
    assert read(site_dir / "alias.txt").headline is not None


def test_a_folder_linking_to_itself_is_walked_once(site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {GOOD_NAME: GOOD_STORY})
    (site_dir / "loop").symlink_to(site_dir)
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == []


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("my story.txt", "articles/a-story-filed-as-my-story.html"),
        ("新闻 稿.txt", "articles/a-story-filed-as-新闻-稿.html"),
        ("$(touch pwned); `id` & x|y;z'.txt", "articles/a-story-filed-as-touch-pwned-id-x-y-z.html"),
        ("-o --help.txt", "articles/a-story-filed-as-o-help.html"),
    ],
)
def test_odd_file_names_are_published(name: str, page: str, site_dir: Path, tmp_path: Path) -> None:
    stem = name.rsplit(".", 1)[0]
    write_files(site_dir, {name: article_text(f"A story filed as {stem}")})
    result = build_folder(site_dir, tmp_path / "output")
    assert result.rejected == ()
    assert (tmp_path / "output" / page).is_file()
    assert not (site_dir / "pwned").exists() and not (tmp_path / "pwned").exists()


def test_an_error_about_a_file_named_with_a_newline_is_one_line(site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {"two\nlines.txt": ""})
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [f"{site_dir}/two\\nlines.txt: the file is empty; expected an article"]


_AMBIGUOUS_LATIN = (
    "not UTF-8, and its encoding cannot be told with confidence: it reads as cp1250, cp1251, cp1252 or cp1254 with different letters; "
    'expected UTF-8, or the encoding declared (encoding = "cp1251" in its sidecar, <meta charset> in a page)'
)
_CUT_OFF = "the page stops mid-document (no </body> or </html>, and it ends inside text or a tag); expected a complete HTML page"


@pytest.mark.skipif(".html" not in READERS, reason="the HTML reader (issue 3) is not registered yet")
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("truncated.html", b"<!DOCTYPE html><html><head><title>Chip exports rise</title></head><body><article><h1>Chip exp", _CUT_OFF),
        # Two undeclared high bytes read as different letters in each legacy encoding: refused before parsing.
        ("garbage.html", b"<<<>>><html<<body>>\xff\xfe</ht", _AMBIGUOUS_LATIN),
        ("garbage-utf8.html", b"<<<>>><html<<body>>\xc3\xbf\xc3\xbe</ht", _CUT_OFF),
        ("no-article.html", b"<!DOCTYPE html><html><head><title>Log in</title></head><body><form><input name=user></form></body></html>", _NO_DATE),
        ("empty.html", b"", "empty file; expected an HTML page"),
    ],
)
def test_broken_html_is_one_error(name: str, data: bytes, message: str, site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {GOOD_NAME: GOOD_STORY, name: data})
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [f"{site_dir}/{name}: {message}"]
    assert files_of(tmp_path / "output") == good_only_output(site_dir, tmp_path)


def test_a_page_cut_off_mid_paragraph_is_refused(site_dir: Path, tmp_path: Path) -> None:
    page = (
        b'<!DOCTYPE html><html><head><title>Chip exports rise</title><meta property="article:published_time" content="2021-03-11T12:58:00+08:00">'
        b"</head><body><article><h1>Chip exports rise</h1><p>China's chip exports rose 20 percent in Feb"
    )
    write_files(site_dir, {GOOD_NAME: GOOD_STORY, "cut-off.html": page})
    result = build_folder(site_dir, tmp_path / "output")
    assert [error.path for error in result.rejected] == [site_dir / "cut-off.html"]


def test_the_command_reports_every_bad_input_on_one_line_each_and_exits_1(site_dir: Path, tmp_path: Path) -> None:
    every_bad_file = {name: content for files, _ in BAD_INPUTS.values() for name, content in files.items()}
    write_files(site_dir, {GOOD_NAME: GOOD_STORY, **every_bad_file})
    run = subprocess.run(
        [sys.executable, "-m", "wirefeed", "build", "input", "-o", "site", "--now", NOW.isoformat()],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 1
    *errors, summary = run.stderr.splitlines()
    expected = [line.format(input="input") for _, lines in BAD_INPUTS.values() for line in lines]
    assert sorted(errors) == sorted(expected)
    assert summary.startswith("built 1 article into site/ (") and summary.endswith(f"; rejected {len(expected)}")
    assert files_of(tmp_path / "site") == good_only_output(site_dir, tmp_path)


def test_the_command_prints_a_file_name_as_it_is(site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {":thumbs_up: story.txt": b""})
    run = subprocess.run(
        [sys.executable, "-m", "wirefeed", "build", "input", "-o", "site", "--now", NOW.isoformat()],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert run.stderr.splitlines()[0] == "input/:thumbs_up: story.txt: the file is empty; expected an article"
