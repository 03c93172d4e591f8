"""A sidecar's explicit lists are taken as given: its `sections` are not split again at `/` or `>`
as a wire text's section line is."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.support import GOOD_STORY, write_files
from wirefeed.model import Site
from wirefeed.normalize import normalize
from wirefeed.readers import read


def test_a_sidecar_section_with_a_slash_is_one_section(site_dir: Path, test_site: Site) -> None:
    write_files(site_dir, {"x.txt": GOOD_STORY, "x.toml": 'sections = ["Economy / Trade", "World > Asia", " Science  |  Tech "]\n'})
    article = normalize(read(site_dir / "x.txt"), test_site)
    assert article.sections == ("Economy / Trade", "World > Asia", "Science | Tech")


def test_a_sidecar_section_is_kept_in_its_own_case_and_duplicates_dropped(site_dir: Path, test_site: Site) -> None:
    write_files(site_dir, {"x.txt": GOOD_STORY, "x.toml": 'sections = ["ECONOMY", "economy", "iPhone News"]\n'})
    assert normalize(read(site_dir / "x.txt"), test_site).sections == ("ECONOMY", "iPhone News")


def test_the_section_line_of_a_wire_text_is_still_split(site_dir: Path, test_site: Site) -> None:
    write_files(site_dir, {"x.txt": GOOD_STORY})
    assert normalize(read(site_dir / "x.txt"), test_site).sections == ("Source", "Economy")
