"""An input's key, packed: what it holds of the file, its link and its sidecar, and what a racy
entry adds to it (cache/keys.py)."""

from __future__ import annotations

import os
import struct
import time
from pathlib import Path

from wirefeed.cache.keys import input_key, racy_digest, racy_key, settled, stat_key

_STAT = struct.Struct("<QQQqqq")
_SECOND = 1_000_000_000


def _parts(key: bytes) -> list[tuple[int, ...]]:
    return list(_STAT.iter_unpack(key))


def test_a_plain_file_gives_its_stat_twice_and_a_sidecar_adds_its_own(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nBody.\n", encoding="utf-8")
    alone = input_key(story)
    assert alone is not None and len(alone) == 96
    assert _parts(alone) == [stat_key(os.lstat(story)), stat_key(os.stat(story))]

    sidecar = tmp_path / "story.toml"
    sidecar.write_text('headline = "Other"\n', encoding="utf-8")
    with_sidecar = input_key(story)
    assert with_sidecar is not None and len(with_sidecar) == 192
    assert _parts(with_sidecar) == [stat_key(os.lstat(story)), stat_key(os.stat(story)),
                                    stat_key(os.lstat(sidecar)), stat_key(os.stat(sidecar))]


def test_a_link_gives_the_link_then_what_it_points_to(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("Headline\n\nBody.\n", encoding="utf-8")
    link = tmp_path / "story.txt"
    link.symlink_to(target)
    key = input_key(link)
    assert key is not None
    assert _parts(key) == [stat_key(os.lstat(link)), stat_key(os.stat(target))]
    assert input_key(tmp_path / "missing.txt") is None


def test_a_racy_key_gives_back_its_digest_only_for_the_same_times(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nBody.\n", encoding="utf-8")
    key = input_key(story)
    assert key is not None
    digest = (1 << 127) + 12345  # the widest a 16-byte digest gets
    stored = racy_key(key, digest)
    assert len(stored) == 96 + 17
    assert racy_digest(stored, key) == digest
    assert racy_digest(stored, key[:-1] + bytes([key[-1] ^ 1])) is None  # other times
    assert racy_digest(stored, None) is None
    assert racy_digest(key, key) is None  # no digest in a settled key


def test_settled_looks_at_the_newest_time_of_every_part_and_not_at_the_digest(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nBody.\n", encoding="utf-8")
    old = 1_600_000_000 * _SECOND
    os.utime(story, ns=(old, old))
    sidecar = tmp_path / "story.toml"
    sidecar.write_text('headline = "Other"\n', encoding="utf-8")
    ahead = os.stat(story).st_ctime_ns + 60 * _SECOND  # the sidecar's time is the newest of all
    os.utime(sidecar, ns=(ahead, ahead))
    key = input_key(story)
    assert key is not None
    newest = max(max(part[4], part[5]) for part in _parts(key))
    assert newest == ahead
    assert settled(key, 2 * _SECOND, newest + 2 * _SECOND + 1)
    assert not settled(key, 2 * _SECOND, newest + 2 * _SECOND)
    # A digest of all 0xff bytes would read as a time far in the future if it were taken for one.
    assert settled(racy_key(key, (1 << 128) - 1), 2 * _SECOND, newest + 2 * _SECOND + 1)
    assert not settled(None, 0, newest)


def test_a_file_dated_past_2262_has_a_key_and_is_read(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nBody.\n", encoding="utf-8")
    far = 32_503_680_000 * _SECOND  # the year 3000, past what 64 bits of nanoseconds hold
    try:
        os.utime(story, ns=(far, far))
    except OSError:  # a file system that cannot hold the time: nothing to check here
        return
    if os.stat(story).st_mtime_ns < 1 << 63:  # held nearer by the file system (ext4 stops in 2446, past it still)
        return
    key = input_key(story)
    assert key is not None and len(key) == 96
    assert _parts(key)[0][4] == (1 << 63) - 1
    assert not settled(key, 2 * _SECOND, time.time_ns())  # its change time is now's
