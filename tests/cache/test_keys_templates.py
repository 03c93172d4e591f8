"""What every output depends on beyond its records (cache/keys.py render_fingerprint): the templates,
read from the folders without Jinja, and the versions of the libraries that render, read without
importlib.metadata where the installer left a `.dist-info` folder."""

from __future__ import annotations

from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

import pytest

from wirefeed.cache.keys import RENDERING_LIBRARIES, _version, render_fingerprint, template_sources
from wirefeed.config import load_site
from wirefeed.writers.html import template_environment
from tests.conftest import ROOT


def test_the_sources_are_what_jinja_loads_with_the_sites_folder_first(tmp_path: Path) -> None:
    site = load_site(ROOT / "input" / "wirefeed.toml")
    shipped = template_sources(replace(site, templates_dir=None))
    environment = template_environment(replace(site, templates_dir=None))
    assert [name for name, _ in shipped] == environment.list_templates()
    loader = environment.loader
    assert loader is not None
    assert all(text.decode("utf-8") == loader.get_source(environment, name)[0]
               for name, text in shipped)
    folder = tmp_path / "templates"
    (folder / "partials").mkdir(parents=True)
    (folder / "base.html").write_text("<p>ours</p>", encoding="utf-8")
    (folder / "partials" / "extra.html").write_text("x", encoding="utf-8")
    ours = replace(site, templates_dir=folder)
    sources = dict(template_sources(ours))
    environment = template_environment(ours)
    assert sorted(sources) == environment.list_templates()
    assert sources["base.html"] == b"<p>ours</p>" and sources["partials/extra.html"] == b"x"
    assert sources["article.html"] == dict(shipped)["article.html"]


def test_a_template_edit_changes_the_fingerprint_and_a_config_folder_does_not(tmp_path: Path) -> None:
    site = load_site(ROOT / "input" / "wirefeed.toml")
    folder = tmp_path / "templates"
    folder.mkdir()
    ours = replace(site, templates_dir=folder)
    before = render_fingerprint(ours)
    assert render_fingerprint(replace(ours, config_path=tmp_path / "elsewhere.toml")) == before
    (folder / "index.html").write_text("{{ heading }}", encoding="utf-8")
    assert render_fingerprint(ours) != before


@pytest.mark.parametrize("library", [*RENDERING_LIBRARIES, "lxml-html-clean", "LXML_HTML.clean"])
def test_a_library_version_is_what_importlib_metadata_says(library: str) -> None:
    assert _version(library) == version(library)


def test_a_library_that_is_not_installed_has_an_unknown_version() -> None:
    assert _version("no-such-library-here") == "unknown"
