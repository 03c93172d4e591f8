"""The blob file: byte strings appended by several processes, each read back from its place."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from wirefeed.cache.blobs import BlobFile, BlobPlace, StoredBlob


def test_each_appended_string_is_read_back_from_its_place(tmp_path: Path) -> None:
    blobs = BlobFile(tmp_path / "x.blobs")
    places = [blobs.append(data) for data in (b"first", b"", b"third one")]
    assert places == [BlobPlace(0, 5), BlobPlace(5, 0), BlobPlace(5, 9)]
    assert [blobs.read(place) for place in places] == [b"first", b"", b"third one"]
    assert blobs.size() == 14


def test_two_processes_appending_at_once_get_places_of_their_own(tmp_path: Path) -> None:
    blobs = BlobFile(tmp_path / "x.blobs")
    blobs.append(b"parent before the fork")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child appends its strings and sends their places
        os.close(read_end)
        places = [blobs.append(b"child %d " % number * 50) for number in range(200)]
        os.write(write_end, pickle.dumps(places))
        os._exit(0)
    os.close(write_end)
    mine = [(blobs.append(b"parent %d " % number * 50), b"parent %d " % number * 50) for number in range(200)]
    with os.fdopen(read_end, "rb") as pipe:
        theirs = pickle.loads(pipe.read())
    os.waitpid(pid, 0)
    assert [blobs.read(place) for place, _ in mine] == [data for _, data in mine]
    assert [blobs.read(place) for place in theirs] == [b"child %d " % number * 50 for number in range(200)]
    spans = sorted((place.offset, place.end) for place in [*theirs, *(place for place, _ in mine)])
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:]))  # no two overlap
    assert blobs.size() == len(b"parent before the fork") + sum(end - start for start, end in spans)


def test_a_stored_blob_is_sent_by_path_and_read_through_the_receivers_file(tmp_path: Path) -> None:
    blobs = BlobFile(tmp_path / "x.blobs")
    stored = StoredBlob(blobs, blobs.append(b"an article's pickle"))
    received = pickle.loads(pickle.dumps(stored))
    assert received.file is blobs and received.place == stored.place and received.read() == b"an article's pickle"


def test_a_blob_file_stays_readable_after_it_is_replaced(tmp_path: Path) -> None:
    # A later build compacts the cache into a new file and removes this one: articles an
    # earlier build returned still read their pickles.
    blobs = BlobFile(tmp_path / "x.blobs")
    place = blobs.append(b"kept")
    blobs.path.unlink()
    assert blobs.read(place) == b"kept"
