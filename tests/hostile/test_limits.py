"""Bounds on what one input can cost (wirefeed/limits.py): a page naming thousands of authors, a
sidecar listing thousands of images, a number of thousands of digits.

A page from elsewhere is cut to the bound with a warning line and still published; the user's
own sidecar or config over a bound is an error naming the file and the key.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SITE_TOML, files_of, wirefeed
from tests.hostile.support import GOOD_NAME, GOOD_STORY, NOW, build_folder, write_files
from wirefeed.config import load_site
from wirefeed.errors import ConfigError, InputError
from wirefeed.limits import MAX_AUTHORS, MAX_IMAGES, MAX_KEYWORDS, MAX_SECTIONS
from wirefeed.model import Draft, DraftAgent, DraftImage, Found, Site, Source
from wirefeed.normalize import normalize
from wirefeed.readers import read


def page_with_authors(names: list[str]) -> str:
    """An article page whose JSON-LD names `names` as its authors."""
    jsonld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Chip exports rise",
        "datePublished": "2021-03-11T12:58:00+08:00",
        "author": [{"@type": "Person", "name": name} for name in names],
    }
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Chip exports rise</title>'
        f'<script type="application/ld+json">{json.dumps(jsonld)}</script></head><body><article>'
        "<h1>Chip exports rise</h1><p>China's chip exports rose 20 percent in February, customs data showed.</p>"
        "</article></body></html>"
    )


AUTHORS = [f"Author Number{index:05d}" for index in range(4000)]


def test_a_page_with_4000_authors_writes_what_the_page_with_its_first_50_writes(site_dir: Path, tmp_path: Path) -> None:
    # Before the bound, this 200 KB page wrote a feed per author, each listing all 4,000:
    # 14,809 files and 2.1 GB for a 270 KB page, and the reader sorted the authors in quadratic time.
    write_files(site_dir, {"page.html": page_with_authors(AUTHORS)})
    result = build_folder(site_dir, tmp_path / "output")
    assert result.rejected == ()
    assert result.warnings == (f"{site_dir}/page.html: authors: warning: 4,000 authors; kept the first 50 (at most 50 per article)",)
    written = files_of(tmp_path / "output")
    assert len(written) == 209  # 50 author feeds in 4 files each, 1 section's, the page and its ninjs, the site's own
    assert sum(map(len, written.values())) < 1_100_000

    few = tmp_path / "few"
    few.mkdir()
    write_files(few, {"wirefeed.toml": SITE_TOML, "page.html": page_with_authors(AUTHORS[:MAX_AUTHORS])})
    build_folder(few, tmp_path / "few-output")
    assert written == files_of(tmp_path / "few-output")


def test_output_grows_linearly_with_the_authors_up_to_the_bound(site_dir: Path, tmp_path: Path) -> None:
    sizes = {}
    for count in (10, 20, 40):
        folder = tmp_path / f"in-{count}"
        folder.mkdir()
        write_files(folder, {"wirefeed.toml": SITE_TOML, "page.html": page_with_authors(AUTHORS[:count])})
        build_folder(folder, tmp_path / f"out-{count}")
        sizes[count] = len(files_of(tmp_path / f"out-{count}"))
    # Four files (RSS, Atom, JSON Feed, HTML list) per author, and a fixed number besides.
    assert sizes[20] - sizes[10] == sizes[40] - sizes[20] - 40 == 40


def draft_with(field: str, count: int) -> Draft:
    """A page's Draft with `count` distinct entries of `field`, as any reader may fill it."""
    where = "json-ld"
    values: dict[str, object] = {
        "authors": tuple(DraftAgent(Found(f"Writer Number{index}", where), kind="Person", stated=True) for index in range(count)),
        "images": tuple(DraftImage(where, url=f"https://img.example.com/{index}.jpg") for index in range(count)),
        "sections": tuple(Found(f"Section {index}", where) for index in range(count)),
        "keywords": tuple(Found(f"keyword {index}", where) for index in range(count)),
    }
    return Draft(
        source=Source(Path("in/page.html"), "html", "0" * 64),
        headline=Found("Chip exports rise", "h1"),
        published=Found("2021-03-11T12:58:00+08:00", "json-ld datePublished"),
        body=(Found("China's chip exports rose.", "p"),),
        **{field: values[field]},  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("field", "limit"),
    [("authors", MAX_AUTHORS), ("images", MAX_IMAGES), ("sections", MAX_SECTIONS), ("keywords", MAX_KEYWORDS)],
)
def test_a_page_over_a_bound_is_cut_to_its_first_entries_with_a_warning(field: str, limit: int, test_site: Site) -> None:
    article = normalize(draft_with(field, 10_000), test_site)
    assert getattr(article, field) == getattr(normalize(draft_with(field, limit), test_site), field)
    assert len(getattr(article, field)) == limit
    assert article.warnings == (f"in/page.html: {field}: warning: 10,000 {field}; kept the first {limit} (at most {limit} per article)",)


@pytest.mark.parametrize("field", ["authors", "images", "sections", "keywords"])
def test_a_page_at_a_bound_keeps_every_entry_without_a_warning(field: str, test_site: Site) -> None:
    limit = {"authors": MAX_AUTHORS, "images": MAX_IMAGES, "sections": MAX_SECTIONS, "keywords": MAX_KEYWORDS}[field]
    article = normalize(draft_with(field, limit), test_site)
    assert len(getattr(article, field)) == limit
    assert article.warnings == ()


def entries(field: str, count: int) -> str:
    """A sidecar's `field` with `count` entries, as TOML."""
    if field == "authors":
        return "".join(f'[[authors]]\nname = "Writer {index}"\n' for index in range(count))
    if field == "images":
        return "".join(f'[[images]]\nurl = "https://img.example.com/{index}.jpg"\n' for index in range(count))
    return f"{field} = [" + ", ".join(f'"{field} {index}"' for index in range(count)) + "]\n"


@pytest.mark.parametrize(
    ("field", "limit"),
    [("authors", MAX_AUTHORS), ("images", MAX_IMAGES), ("sections", MAX_SECTIONS), ("keywords", MAX_KEYWORDS)],
)
def test_a_sidecar_over_a_bound_is_an_error_naming_file_and_key(field: str, limit: int, site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {GOOD_NAME: GOOD_STORY, "x.txt": GOOD_STORY.replace("Chip", "Car"), "x.toml": entries(field, 5000)})
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [f"{site_dir}/x.toml: {field}: 5,000 {field}; expected at most {limit}"]


@pytest.mark.parametrize("field", ["authors", "images", "sections", "keywords"])
def test_a_sidecar_at_a_bound_is_taken(field: str, site_dir: Path) -> None:
    limit = {"authors": MAX_AUTHORS, "images": MAX_IMAGES, "sections": MAX_SECTIONS, "keywords": MAX_KEYWORDS}[field]
    write_files(site_dir, {"x.txt": GOOD_STORY, "x.toml": entries(field, limit)})
    article = normalize(read(site_dir / "x.txt"), load_site(site_dir))
    assert len(getattr(article, field)) == limit


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # Python refuses to read it at all (a ValueError that ended the build with a traceback).
        ("9" * 5000, "a number of more than 4,300 digits; expected at most 20"),
        ("1" + "0" * 25, "images[1].width: a number of 26 digits; expected at most 20"),
    ],
    ids=["5000-digits", "26-digits"],
)
def test_a_number_of_too_many_digits_in_a_sidecar_is_an_error(value: str, message: str, site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {GOOD_NAME: GOOD_STORY, "x.txt": GOOD_STORY.replace("Chip", "Car"),
                           "x.toml": f'[[images]]\nurl = "https://img.example.com/a.jpg"\nwidth = {value}\n'})
    result = build_folder(site_dir, tmp_path / "output")
    assert [str(error) for error in result.rejected] == [f"{site_dir}/x.toml: {message}"]
    assert (tmp_path / "output" / "index.html").is_file()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9" * 5000, "a number of more than 4,300 digits; expected at most 20"),
        ("1" + "0" * 25, "site.feed_size: a number of 26 digits; expected at most 20"),
    ],
    ids=["5000-digits", "26-digits"],
)
def test_a_number_of_too_many_digits_in_the_config_is_a_config_error(value: str, message: str, site_dir: Path) -> None:
    config = site_dir / "wirefeed.toml"
    config.write_text(SITE_TOML.replace('timezone = "Asia/Shanghai"\n', f'timezone = "Asia/Shanghai"\nfeed_size = {value}\n'), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_site(config)
    assert str(caught.value).endswith(message)
    assert len(str(caught.value)) < 200


def test_the_build_command_exits_2_on_a_config_number_of_5000_digits(site_dir: Path, tmp_path: Path) -> None:
    config = site_dir / "wirefeed.toml"
    config.write_text(SITE_TOML.replace('timezone = "Asia/Shanghai"\n', f'timezone = "Asia/Shanghai"\nfeed_size = {"9" * 5000}\n'), encoding="utf-8")
    run = wirefeed("build", "input", "-o", "output", "--now", NOW.isoformat(), cwd=tmp_path)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().endswith("a number of more than 4,300 digits; expected at most 20")


def test_an_error_repeats_a_long_sidecar_value_cut_short(site_dir: Path) -> None:
    write_files(site_dir, {"x.txt": GOOD_STORY, "x.toml": f'headline = {"1" * 4000}\n'})
    with pytest.raises(InputError) as caught:
        read(site_dir / "x.txt")
    assert str(caught.value) == f"{site_dir}/x.toml: headline must be a non-empty string, got a number of 4,000 digits; expected at most 20"


def test_the_build_command_prints_the_warning_on_its_own_line_and_publishes(site_dir: Path, tmp_path: Path) -> None:
    write_files(site_dir, {"page.html": page_with_authors(AUTHORS[:60])})
    run = wirefeed("build", "input", "-o", "output", "--now", NOW.isoformat(), cwd=tmp_path)
    assert run.returncode == 0
    warning, summary = run.stderr.splitlines()
    assert warning == "input/page.html: authors: warning: 60 authors; kept the first 50 (at most 50 per article)"
    assert summary.startswith("built 1 article into output/")
