"""Shared fixtures: the repository's paths, the sample site, and a quick way to write inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirefeed.config import load_site
from wirefeed.model import Site

ROOT = Path(__file__).resolve().parent.parent
INPUT = ROOT / "input"
OUTPUT = ROOT / "output"
SEED = INPUT / "global-times-2021-03-11-china-us-semiconductor-working-group.txt"

SITE_TOML = """\
[site]
title = "Test Wire"
base_url = "https://news.example.com/"
description = "Test wire copy."
language = "en"
timezone = "Asia/Shanghai"

[publisher]
name = "Global Times"
url = "https://www.globaltimes.cn/"
logo = "static/logo.png"
logo_width = 600
logo_height = 60
"""


@pytest.fixture
def sample_site() -> Site:
    return load_site(INPUT / "wirefeed.toml")


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """An input folder with a valid wirefeed.toml and no articles yet."""
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "wirefeed.toml").write_text(SITE_TOML, encoding="utf-8")
    return folder


@pytest.fixture
def test_site(site_dir: Path) -> Site:
    return load_site(site_dir / "wirefeed.toml")
