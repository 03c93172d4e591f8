"""A newsroom in a temporary folder, for tests that run several builds: write, edit, remove articles, build at a time.

Imported by tests/test_history_*.py and tests/test_feeds_*.py; it holds no tests itself.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tests.conftest import INPUT, SITE_TOML, files_of
from wirefeed.pipeline import BuildResult, build
from wirefeed.check import check_path

FEED_SUFFIXES = (".xml", ".atom", ".json")
CHECKED_SUFFIXES = (".xml", ".atom", ".json", ".jsonld", ".html")


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class Story:
    """One wire story as a reporter files it: a text file and its sidecar."""

    id: str
    headline: str
    published: str  # as the Published: line gives it (the site's zone, Asia/Shanghai)
    body: tuple[str, ...] = ("The working group met on Tuesday.",)
    sections: tuple[str, ...] = ("Economy",)
    authors: tuple[str, ...] = ("Wang Qi",)
    updated: str | None = None

    def text(self) -> str:
        lines = [" / ".join(section.upper() for section in self.sections), self.headline, f"Published: {self.published}"]
        if self.updated:
            lines.append(f"Updated: {self.updated}")
        return "\n".join(lines) + "\n\n" + "\n\n".join(self.body) + "\n"

    def sidecar(self) -> str:
        # Authors with a URL and an image of a good size: what Google asks of each article,
        # so the conformance check of a build has nothing to say about the content itself.
        authors = "".join(
            f'[[authors]]\nname = "{name}"\nurl = "https://news.example.com/people/{name.lower().replace(" ", "-")}"\nkind = "Person"\n\n'
            for name in self.authors
        )
        image = f'[[images]]\nurl = "/static/{self.id}.jpg"\nwidth = 1600\nheight = 900\ncaption = "A picture for {self.id}."\ncredit = "IC"\n'
        return authors + image


class Newsroom:
    """An input folder with the test site's config, an output folder beside it, and builds at given times."""

    def __init__(self, root: Path, *, feed_size: int | None = None, hub: str | None = None,
                 store_url: str | None = None) -> None:
        self.input = root / "input"
        self.store_url = store_url
        self.output = root / "output"
        self.input.mkdir(parents=True)
        shutil.copytree(INPUT / "static", self.input / "static")
        config = SITE_TOML
        if feed_size is not None:
            config = config.replace('timezone = "Asia/Shanghai"\n', f'timezone = "Asia/Shanghai"\nfeed_size = {feed_size}\n')
        if hub is not None:
            config += f'\n[websub]\nhub = "{hub}"\n'
        if store_url is not None:  # a PostgreSQL history (conftest.new_history)
            config += f'\n[store]\nurl = "{store_url}"\n'
        (self.input / "wirefeed.toml").write_text(config, encoding="utf-8")

    @property
    def store(self) -> Path:
        return self.input / ".wirefeed" / "store.sqlite"

    def file(self, story: Story | str) -> Path:
        return self.input / f"{story if isinstance(story, str) else story.id}.txt"

    def write(self, *stories: Story) -> None:
        for story in stories:
            self.file(story).write_text(story.text(), encoding="utf-8")
            self.file(story).with_suffix(".toml").write_text(story.sidecar(), encoding="utf-8")

    def remove(self, story_id: str) -> None:
        self.file(story_id).unlink()
        self.file(story_id).with_suffix(".toml").unlink()

    def build(self, now: str) -> BuildResult:
        result = build(self.input, self.output, now=moment(now))
        assert result.rejected == (), [str(error) for error in result.rejected]
        return result

    def files(self) -> dict[str, bytes]:
        return files_of(self.output)

    def read(self, relative: str) -> bytes:
        return (self.output / relative).read_bytes()


def feed_paths(folder: Path) -> list[Path]:
    """Every feed document a build wrote (subscription and archive, every channel and format)."""
    return [path for path in sorted(folder.rglob("*"))
            if path.suffix in FEED_SUFFIXES and "sitemap" not in path.name and not path.name.endswith(".ninjs.json")]



def findings_of(folder: Path, paths: Sequence[Path] | None = None) -> list[str]:
    """wirefeed.check on every feed, sitemap, JSON-LD file and page in `folder`."""
    checked = paths if paths is not None else [path for path in sorted(folder.rglob("*")) if path.suffix in CHECKED_SUFFIXES]
    return [str(finding) for path in checked for finding in check_path(path)]
