"""The templates a build's outputs depend on, read from the folders without Jinja."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from wirefeed.cache.keys import render_fingerprint, template_sources
from wirefeed.config import load_site
from wirefeed.writers.html import template_environment
from tests.conftest import ROOT


def test_the_sources_are_what_jinja_loads_with_the_sites_folder_first(tmp_path: Path) -> None:
    site = load_site(ROOT / "input" / "wirefeed.toml")
    shipped = template_sources(replace(site, templates_dir=None))
    environment = template_environment(replace(site, templates_dir=None))
    assert [name for name, _ in shipped] == environment.list_templates()
    assert all(text.decode("utf-8") == environment.loader.get_source(environment, name)[0]
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
