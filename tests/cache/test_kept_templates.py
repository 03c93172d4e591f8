"""Compiled templates kept between runs (cache/templates.py): used while the template's source is
the same, and any folder that cannot be read or written is only a miss."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2 import Environment

from tests.fast_paths_support import NOW, _tree, corpus  # noqa: F401 (corpus: a fixture)
from wirefeed.cache.templates import KeptTemplates, kept_templates
from wirefeed.config import load_site
from wirefeed.model import Site
from wirefeed.pipeline import build
from wirefeed.writers.html import template_environment


def _site(tmp_path: Path, template: str) -> Site:
    (tmp_path / "templates").mkdir(exist_ok=True)
    (tmp_path / "templates" / "redirect.html").write_text(template, encoding="utf-8")
    (tmp_path / "wirefeed.toml").write_text(
        '[site]\ntitle = "T"\nbase_url = "https://example.com/"\ndescription = "D"\nlanguage = "en"\ntimezone = "UTC"\n'
        '[publisher]\nname = "Example News"\nurl = "https://example.com/"\nlogo = "static/logo.png"\n', encoding="utf-8")
    return load_site(tmp_path / "wirefeed.toml")


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    real = Environment._compile

    def counting(self: Environment, source: str, filename: str) -> object:
        compiled.append(os.path.basename(filename))
        return real(self, source, filename)

    monkeypatch.setattr(Environment, "_compile", counting)
    return compiled


def test_a_template_is_compiled_once_and_again_only_when_its_source_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = _compiles(monkeypatch)
    kept = tmp_path / "kept"
    kept.mkdir()
    site = _site(tmp_path, "<p>{{ target }}</p>\n")
    first = template_environment(site, KeptTemplates(str(kept))).get_template("redirect.html").render(target="a")
    second = template_environment(site, KeptTemplates(str(kept))).get_template("redirect.html").render(target="a")
    assert first == second == "<p>a</p>\n"
    assert compiled == ["redirect.html"]  # the second environment loaded it
    site = _site(tmp_path, "<b>{{ target }}</b>\n")
    assert template_environment(site, KeptTemplates(str(kept))).get_template("redirect.html").render(target="a") == "<b>a</b>\n"
    assert compiled == ["redirect.html", "redirect.html"]


def test_a_damaged_or_unwritable_folder_is_only_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = _compiles(monkeypatch)
    kept = tmp_path / "kept"
    kept.mkdir()
    site = _site(tmp_path, "<p>{{ target }}</p>\n")
    template_environment(site, KeptTemplates(str(kept))).get_template("redirect.html")
    (kept_file,) = kept.iterdir()
    kept_file.write_bytes(b"not a compiled template")
    assert template_environment(site, KeptTemplates(str(kept))).get_template("redirect.html").render(target="b") == "<p>b</p>\n"
    missing = KeptTemplates(str(tmp_path / "no-such-folder"))
    assert template_environment(site, missing).get_template("redirect.html").render(target="c") == "<p>c</p>\n"
    assert compiled == ["redirect.html"] * 3


def test_no_folder_is_used_where_none_can_be_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file"))
    assert kept_templates() is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    kept = kept_templates()
    assert kept is not None and Path(kept.directory).parent == tmp_path / "cache" / "wirefeed"


def test_a_build_keeps_its_compiled_templates_and_one_without_cache_keeps_none(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    build(corpus, tmp_path / "plain", now=NOW, store_path=tmp_path / "plain.sqlite", workers=1, cache=False)
    assert not (tmp_path / "cache" / "wirefeed").exists() or not list((tmp_path / "cache" / "wirefeed").glob("templates-*"))
    build(corpus, tmp_path / "kept", now=NOW, store_path=tmp_path / "kept.sqlite", workers=1)
    (folder,) = (tmp_path / "cache" / "wirefeed").glob("templates-*")
    assert len(list(folder.iterdir())) >= 3  # article, index and content pages at least
    compiled = _compiles(monkeypatch)
    build(corpus, tmp_path / "again", now=NOW, store_path=tmp_path / "again.sqlite", workers=1)
    assert compiled == []
    assert _tree(tmp_path / "again") == _tree(tmp_path / "plain") == _tree(tmp_path / "kept")
