"""Shared by the hostile-input tests: a good article, a build with bad files beside it, and its outputs."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from tests.conftest import files_of
from wirefeed.pipeline import BuildResult, build

# Every build here runs at one fixed moment, so two builds of the same articles give the same bytes.
NOW = datetime(2021, 6, 1, 12, 0, tzinfo=timezone.utc)

GOOD_NAME = "good-story.txt"
GOOD_HEADLINE = "Chip exports rise in February"
GOOD_STORY = """\
SOURCE / ECONOMY
Chip exports rise in February
Published: Mar 11, 2021 12:58 PM
By Wang Qi

BEIJING, March 11 (Xinhua) -- China's chip exports rose 20 percent in February, customs data showed on Thursday.

Analysts expect the rise to continue through the second quarter.
"""


def article_text(headline: str, body: str = "The body of the story, in one sentence.", *, date: str = "Mar 11, 2021 12:58 PM") -> str:
    """A minimal valid wire story (headline, date, body)."""
    return f"{headline}\nPublished: {date}\n\n{body}\n"


def write_files(folder: Path, files: dict[str, bytes | str]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)


def build_folder(input_dir: Path, output_dir: Path) -> BuildResult:
    return build(input_dir, output_dir, now=NOW)


def good_only_output(site_dir: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a build of the good story alone writes: a build with bad files beside it must write the same."""
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "wirefeed.toml").write_bytes((site_dir / "wirefeed.toml").read_bytes())
    write_files(alone, {GOOD_NAME: GOOD_STORY})
    build_folder(alone, tmp_path / "alone-output")
    return files_of(tmp_path / "alone-output")
