"""The state object names every file a build keeps beside the store, each in one place."""

from __future__ import annotations

from pathlib import Path

from wirefeed.cache import BuildState, CacheTunables


def test_every_file_beside_the_store_is_named_by_the_state(tmp_path: Path) -> None:
    state = BuildState(tmp_path / "site.sqlite")
    named = {
        state.archive_ledger: "site.archives.json",
        state.kept: "site.kept.pickle",
        state.input_cache: "site.inputs.pickle",
        state.last_build: "site.last-build.json",
        state.last_result: "site.last-build.pickle",
        state.last_articles: "site.last-build-articles.pickle",
        state.journal: "site.sqlite-journal",
        state.blob_file("0123abcd"): "site.inputs-0123abcd.blobs",
    }
    assert {path.name: path.parent for path in named} == {name: tmp_path for name in named.values()}
    (tmp_path / "site.inputs-0123abcd.blobs").touch()
    (tmp_path / "other.inputs-ffff.blobs").touch()  # another store's, in the same folder
    assert state.blob_files() == [tmp_path / "site.inputs-0123abcd.blobs"]


def test_each_output_folder_has_a_manifest_of_its_own(tmp_path: Path) -> None:
    state = BuildState(tmp_path / "site.sqlite")
    first, second = state.manifest(tmp_path / "out"), state.manifest(tmp_path / "elsewhere")
    assert first != second and first.parent == tmp_path == second.parent
    assert first.name.startswith("site.outputs-") and first.name.endswith(".json") and len(first.name) == len("site.outputs-.json") + 16


def test_the_tunables_are_the_cache_defaults_unless_set() -> None:
    assert CacheTunables() == CacheTunables(settled_ns=2_000_000_000, appends=50, unused_blobs_allowed=1 << 20)
    assert BuildState(Path("s.sqlite")).enabled and not BuildState(Path("s.sqlite"), enabled=False).enabled
