"""Inputs edited just before a build ("edit, then build at once", what every CMS hook does):
their times cannot be trusted yet (a second write within the same timestamp keeps them), so
the caches keep a digest of their bytes and trust that instead, as git does for a "racily
clean" file. The build after such a build still takes the whole-build shortcut (issue 19's
fast-path bug), and an input whose bytes changed under unchanged times is read again."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from tests.fast_paths_support import NOW, _articles, _history_copy, _tree, corpus  # noqa: F401 (corpus: a fixture)
from wirefeed.cache import BuildState
from wirefeed.cache.inputs import InputCache, ReadFacts
from wirefeed.cache.keys import bytes_digest, input_key, racy_digest, racy_key
from wirefeed.config import CONFIG_NAME, load_site
from wirefeed.errors import InputError
from wirefeed.model import Site
from wirefeed.pipeline import build
from wirefeed.readers.sidecar import sidecar_path


def test_a_build_right_after_the_inputs_were_written_leaves_the_shortcut_for_the_next(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)  # every input written just now: too new for its times
    store = tmp_path / "state" / "site.sqlite"
    first = build(folder, tmp_path / "out", now=NOW, store_path=store, workers=1)
    state = BuildState(store)
    document = json.loads(state.last_build.read_text(encoding="utf-8"))
    assert sorted(document["racy"]) == sorted(str(path) for path in _articles(folder))
    again = build(folder, tmp_path / "out", now=NOW, store_path=store, workers=1)
    assert type(again.articles).__name__ == "SavedArticles"  # the shortcut: nothing read, nothing planned
    assert (again.rendered, len(again.articles)) == ((), len(first.articles))


def test_an_edit_right_after_a_build_is_seen_and_leaves_the_shortcut_again(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)
    store = tmp_path / "state" / "site.sqlite"
    build(folder, tmp_path / "out", now=NOW, store_path=store, workers=1)
    edited = next(path for path in _articles(folder) if path.suffix == ".txt")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA paragraph added by the desk.\n", encoding="utf-8")
    history = _history_copy(store, tmp_path / "reference-state")
    rebuilt = build(folder, tmp_path / "out", now=NOW, store_path=store, workers=1)
    assert any(path.startswith("articles/") and path.endswith(".html") for path in rebuilt.rendered)
    assert any("A paragraph added by the desk." in (tmp_path / "out" / path).read_text(encoding="utf-8")
               for path in rebuilt.rendered if path.endswith(".html"))
    again = build(folder, tmp_path / "out", now=NOW, store_path=store, workers=1)
    assert type(again.articles).__name__ == "SavedArticles" and again.rendered == ()
    reference = build(folder, tmp_path / "reference", now=NOW, store_path=history, workers=1, cache=False)
    assert reference.ok and _tree(tmp_path / "out") == _tree(tmp_path / "reference")


def test_the_bytes_digest_covers_the_file_and_its_sidecar_and_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nBody.\n", encoding="utf-8")
    alone = bytes_digest(story, 1000)
    assert alone is not None and alone == bytes_digest(story, 1000)
    sidecar_path(story).write_text('section = "World"\n', encoding="utf-8")
    with_sidecar = bytes_digest(story, 1000)
    assert with_sidecar not in (None, alone)
    assert bytes_digest(story, 10) is None  # over the limit: not digested, read again instead
    assert bytes_digest(tmp_path / "gone.txt", 1000) is None


def test_a_racy_entry_is_reused_only_while_its_times_and_its_bytes_are_the_same(corpus: Path, tmp_path: Path) -> None:
    """A file system whose timestamps are coarse keeps the times of a second write within the
    same tick: the key then says "unchanged", and only the bytes tell."""
    story = tmp_path / "story.txt"
    story.write_text("Headline one\n\nBody.\n", encoding="utf-8")
    key = input_key(story)
    assert key is not None
    site = load_site(corpus / CONFIG_NAME)
    facts = ReadFacts.of(InputError(story, "line 1", "a stand-in for what the file gave"))
    cache = InputCache(None, "tag", {}, max_bytes=site.max_input_bytes)
    assert cache.remember_bytes([story]) == frozenset()
    cache.put(story, key, facts)  # too new for its times (the default 2 s): kept with its bytes' digest
    stored = cache.fresh[str(story)][0]
    assert stored == racy_key(key, bytes_digest(story, site.max_input_bytes) or 0)
    assert racy_digest(stored, key) == bytes_digest(story, site.max_input_bytes)
    assert cache.racy_inputs({str(story): key}) == {str(story): racy_digest(stored, key)}

    later = InputCache(None, "tag", {str(story): (stored, facts)}, max_bytes=site.max_input_bytes)
    assert later.get(story, key) == facts  # same times, same bytes
    story.write_text("Headline two\n\nBody.\n", encoding="utf-8")  # the same size
    assert InputCache(None, "tag", {str(story): (stored, facts)}, max_bytes=site.max_input_bytes).get(story, key) is None
    assert pickle.loads(pickle.dumps(stored)) == stored  # a plain tuple of ints, as the index keeps keys


def test_an_input_changed_while_it_was_read_is_read_again(corpus: Path, tmp_path: Path) -> None:
    """The digest is taken before the read: bytes changed after it never pass for what was read."""
    story = tmp_path / "story.txt"
    story.write_text("Headline one\n\nBody.\n", encoding="utf-8")
    key = input_key(story)
    assert key is not None
    cache = InputCache(None, "tag", {}, max_bytes=1 << 20)
    cache.remember_bytes([story])
    story.write_text("Headline two\n\nBody.\n", encoding="utf-8")  # changed between the digest and the read
    facts = ReadFacts.of(InputError(story, "line 1", "what the second version gave"))
    cache.put(story, key, facts)
    stored = cache.fresh[str(story)][0]
    assert InputCache(None, "tag", {str(story): (stored, facts)}, max_bytes=1 << 20).get(story, key) is None


def test_forked_readers_take_the_digests_and_the_next_build_takes_the_shortcut(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "input"
    shutil.copytree(corpus, folder)  # every input too new for its times
    store = tmp_path / "state" / "site.sqlite"
    first = build(folder, tmp_path / "out", now=NOW, store_path=store, workers=2)
    document = json.loads(BuildState(store).last_build.read_text(encoding="utf-8"))
    site = load_site(folder / CONFIG_NAME)
    assert document["racy"] == {str(path): f"{bytes_digest(path, site.max_input_bytes):x}" for path in sorted(_articles(folder), key=str)}
    again = build(folder, tmp_path / "out", now=NOW, store_path=store, workers=2)
    assert type(again.articles).__name__ == "SavedArticles"
    assert (again.rendered, len(again.articles)) == ((), len(first.articles))


def test_a_reader_digests_the_bytes_before_it_reads_them(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An input rewritten while its reader reads it (the new bytes, the same size and times) is
    read again by the next build: the digest kept is of the bytes before the read."""
    import wirefeed.pipeline.inputs as inputs_module

    story = tmp_path / "story.txt"
    story.write_text("Headline one\nPublished: Mar 11, 2021 12:58 PM\n\nBody.\n", encoding="utf-8")
    key = input_key(story)
    assert key is not None
    site = load_site(corpus / CONFIG_NAME)
    before = bytes_digest(story, site.max_input_bytes)
    real_read_one = inputs_module.read_one

    def read_while_rewritten(path: Path, site: Site, root: Path | None) -> object:
        path.write_text("Headline two\nPublished: Mar 11, 2021 12:58 PM\n\nBody.\n", encoding="utf-8")
        return real_read_one(path, site, root)

    monkeypatch.setattr(inputs_module, "read_one", read_while_rewritten)
    cache = InputCache(None, "tag", {}, max_bytes=site.max_input_bytes)
    found = inputs_module.read_inputs([story], site, workers=1, cache=cache, keys=[key])
    assert [article.resolve().headline for article in found.articles] == ["Headline two"], found.rejected
    stored = cache.fresh[str(story)][0]
    assert racy_digest(stored, key) == before != bytes_digest(story, site.max_input_bytes)
    assert InputCache(None, "tag", {str(story): cache.fresh[str(story)]}, max_bytes=site.max_input_bytes).get(story, key) is None
