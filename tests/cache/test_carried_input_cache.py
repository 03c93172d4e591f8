"""The input cache of a build kept in memory (InputCache.carried_on): each save after an edit
costs the edited entries, and leaves the same file a cache walking every entry would."""

from __future__ import annotations

import os
from pathlib import Path

from wirefeed.cache.blobs import StoredBlob
from wirefeed.cache.inputs import InputCache, ReadFacts, read_input_cache
from wirefeed.cache.keys import InputKey, input_key
from wirefeed.cache.state import CacheTunables, blob_files

# Whole again after two appends; the blob file compacted as soon as over half of it is unused.
TUNABLES = CacheTunables(settled_ns=0, appends=2, unused_blobs_allowed=0)
LONG_AGO = 1_500_000_000  # 2017


def _input(folder: Path, name: str, text: str) -> tuple[str, InputKey]:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    os.utime(path, (LONG_AGO, LONG_AGO))
    key = input_key(path)
    assert key is not None
    return str(path), key


def _facts(cache: InputCache, pickle: bytes) -> ReadFacts:
    blobs = cache.blob_file()
    assert blobs is not None
    return ReadFacts(StoredBlob(blobs, blobs.append(pickle)), "digest", "content", b"listed")


def _as_saved(entries: dict[str, tuple[InputKey, ReadFacts]]) -> dict[str, tuple[InputKey, bytes, tuple[object, ...]]]:
    """Each entry's key, its pickle's bytes and the rest, as a reader of the file finds them."""
    return {name: (key, facts.blob.read() if isinstance(facts.blob, StoredBlob) else facts.blob, facts.stored()[1:])
            for name, (key, facts) in entries.items()}


def test_saves_after_edits_leave_the_file_a_full_walk_would(tmp_path: Path) -> None:
    index = tmp_path / "store.inputs.pickle"
    cache = InputCache(index, "tag", {}, tunables=TUNABLES)
    inputs = [_input(tmp_path, f"story-{number}.txt", "first") for number in range(4)]
    for name, key in inputs:
        cache.put(name, key, _facts(cache, b"p" * 100))
    cache.save()
    cache.carried_on()
    compactions = 0
    for edit in range(16):
        name, _ = inputs[edit % 2]  # two stories edited again and again: their old pickles pile up
        _, key = _input(tmp_path, Path(name).name, f"edit {edit}")
        assert cache.get(name, key) is None
        cache.put(name, key, _facts(cache, bytes([edit]) * (150 + edit)))
        assert cache.blobs is not None
        [before], size_before = blob_files(index), cache.blobs.size()
        cache.save()
        cache.carried_on()
        assert cache.entries == cache.fresh
        stored = read_input_cache(index)
        assert _as_saved(stored.entries) == _as_saved(cache.entries)
        # The rule: compacted exactly when over half the blob file is pickles no entry uses.
        used = sum(facts.blob.place.length for _, facts in cache.entries.values() if isinstance(facts.blob, StoredBlob))
        [after] = blob_files(index)
        assert (after != before) == (size_before > 2 * used)
        assert stored.blobs.size() == (used if after != before else size_before)
        compactions += after != before
    assert compactions > 1
