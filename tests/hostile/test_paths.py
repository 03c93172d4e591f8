"""Output paths: whatever a headline, id or sidecar URL says, every file lands inside the output folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile.support import article_text, build_folder, write_files
from wirefeed.errors import OutputError
from wirefeed.layout import MAX_PATH_BYTES, check_relative_path, check_writable, fits_under, plainly_writable
from wirefeed.output import OutputDir

HOSTILE_HEADLINES = {
    "dots.txt": "../../etc/passwd",
    "absolute.txt": "/etc/passwd",
    "windows.txt": "..\\..\\Windows\\System32\\config",
    "reserved.txt": "CON",
    "reserved-ext.txt": "nul.txt",
}


def test_hostile_headlines_and_ids_give_pages_inside_the_output(site_dir: Path, tmp_path: Path) -> None:
    files: dict[str, bytes | str] = {name: article_text(headline) for name, headline in HOSTILE_HEADLINES.items()}
    files["id.txt"] = article_text("A story whose sidecar id tries to leave")
    files["id.toml"] = 'id = "../../../tmp/evil"\n'
    # A text file with a NUL byte is binary; a sidecar can still spell one.
    files["nul-byte.txt"] = article_text("A headline without a NUL byte")
    files["nul-byte.toml"] = 'headline = "A headline with a NUL\\u0000 byte/../.."\n'
    write_files(site_dir, files)
    output = tmp_path / "output"
    result = build_folder(site_dir, output)
    assert result.rejected == ()
    pages = sorted(path.relative_to(output).as_posix() for path in (output / "articles").glob("*.html"))
    assert pages == [
        "articles/a-headline-with-a-nul-byte.html",
        "articles/a-story-whose-sidecar-id-tries-to-leave.html",
        "articles/con-c0d03c1239e0.html",
        "articles/etc-passwd-0517cf1a.html",
        "articles/etc-passwd.html",
        "articles/nul-txt.html",
        "articles/windows-system32-config.html",
    ]
    assert sorted(article.id for article in result.articles) == sorted(["dots", "absolute", "windows", "reserved", "reserved-ext", "nul-byte", "tmp-evil"])
    for path in output.rglob("*"):
        assert path.resolve().is_relative_to(output.resolve()), path
    assert not (tmp_path / "etc").exists() and not Path("/tmp/evil.html").exists()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://news.example.com/../../etc/passwd", "the path would leave the output folder or uses a reserved name"),
        ("https://news.example.com/a/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "the path would leave the output folder or uses a reserved name"),
        ("https://news.example.com/a%00b.html", "an output path must be a plain relative path"),
        ("https://news.example.com/a%5c..%5c..%5cwin.html", "an output path must be a plain relative path"),
        ("https://news.example.com/com1.html", "the path would leave the output folder or uses a reserved name"),
        ("https://news.example.com/javascript:alert(1)", "the path would leave the output folder or uses a reserved name"),
        ("https://news.example.com/desk./story.html", "the path would leave the output folder or uses a reserved name"),
        ("https://news.example.com/", "index.html is where the site's own pages go"),
        ("https://news.example.com/sections/economy/", "sections/economy/index.html is where the site's own pages go"),
        ("https://news.example.com/static/logo", "static/logo.html is where the site's own pages go"),
        ("https://news.example.com/authors/wang-qi/", "authors/wang-qi/index.html is where the site's own pages go"),
        ("https://news.example.com/archive/1.html", "archive/1.html is where the site's own pages go"),
    ],
)
def test_a_canonical_url_that_would_write_outside_or_over_the_site_is_refused(url: str, reason: str, site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {"story.txt": article_text("A story with a hostile canonical URL"), "story.toml": f'url = "{url}"\n'})
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [
        f"{site_dir}/story.txt: sidecar story.toml url: url {url!r} cannot be published: {reason}",
    ]


@pytest.mark.parametrize(
    "relative",
    ["../escape.html", "/etc/passwd", "a/../../b.html", "a\x00b.html", "a\\b.html", "con.html", "sub/AUX", "lpt1.txt", "a:b.html", "a|b.html", "a.", "", "a\nb.html"],
)
def test_output_paths_that_leave_or_are_not_portable_are_refused(relative: str) -> None:
    with pytest.raises(ValueError):
        check_relative_path(relative)


def test_output_dir_refuses_to_write_through_a_link_out_of_it(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (output / "articles").symlink_to(elsewhere)
    with pytest.raises(OutputError) as caught:
        OutputDir(output).write_text("articles/story.html", "<p>hi</p>")
    assert str(caught.value) == f"{output}/articles/story.html: refused: {output}/articles leads outside the output folder {output}"
    assert os.listdir(elsewhere) == []


def test_two_articles_at_one_page_path_reject_the_second_and_build_the_rest(site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {
        "a.txt": article_text("First story"), "a.toml": 'url = "https://news.example.com/2021/story.html"\n',
        "b.txt": article_text("Second story"), "b.toml": 'url = "https://news.example.com/2021/story.html"\n',
        "c.txt": article_text("Third story"),
    })
    result = build_folder(site_dir, tmp_path / "output")
    assert [error.path for error in result.rejected] == [site_dir / "b.txt"]
    assert sorted(article.id for article in result.articles) == ["a", "c"]


def _passes_long_checks(relative: str, root_bytes: int) -> bool:
    try:
        check_writable(relative)
    except ValueError:
        return False
    return fits_under(root_bytes, relative)


@pytest.mark.parametrize("root_bytes", [20, 3_000, MAX_PATH_BYTES - 300, MAX_PATH_BYTES - 200])
def test_a_page_writable_by_its_length_alone_passes_the_long_checks(root_bytes: int) -> None:
    """plainly_writable() is only a shortcut: whatever it lets through, check_writable() and
    fits_under() let through too, at every length around its bounds, ASCII or not, deep or not."""
    names = ["a" * length for length in (1, 100, 200, 240, 241, 242, 247, 248, 249, 250, 255, 256)]
    names += ["é" * length for length in (100, 124, 125, 128, 200)]
    paths = [*names, *(f"{name}.html" for name in names), *(f"2021/03/{name}" for name in names)]
    paths += ["/".join(["a"] * depth) + ".html" for depth in (63, 64, 65, 66, 100)]
    shortcut = [path for path in paths if plainly_writable(path, root_bytes)]
    assert all(_passes_long_checks(path, root_bytes) for path in shortcut)
    if root_bytes < 3_500:
        # The common page takes the shortcut; a long one, or one in another script, the long way.
        assert plainly_writable("2021/03/smic-gives-guidance-on-listing.html", root_bytes)
        assert plainly_writable("a" * 243 + ".html", root_bytes) and not plainly_writable("a" * 244 + ".html", root_bytes)
        assert not plainly_writable("é" * 100 + ".html", root_bytes) and _passes_long_checks("é" * 100 + ".html", root_bytes)
        assert plainly_writable("/".join(["a"] * 65) + ".html", root_bytes)  # 64 folders deep
        assert not plainly_writable("/".join(["a"] * 66) + ".html", root_bytes)
