"""read_bounded: a whole file up to one byte past the limit, whatever its status said."""

from __future__ import annotations

import io

from wirefeed.readers.bounded import read_bounded

_CONTENT = bytes(range(100))


def test_a_file_of_the_size_its_status_gave_is_read_whole() -> None:
    assert read_bounded(io.BytesIO(_CONTENT), 100, 1000) == _CONTENT


def test_a_file_that_grew_since_its_status_is_still_read_whole() -> None:
    assert read_bounded(io.BytesIO(_CONTENT), 10, 1000) == _CONTENT


def test_a_file_whose_status_gives_no_size_is_read_whole() -> None:
    # As /proc files and some pipes-turned-files report: size 0.
    assert read_bounded(io.BytesIO(_CONTENT), 0, 1000) == _CONTENT


def test_a_file_that_grew_past_the_limit_is_read_one_byte_past_it() -> None:
    assert read_bounded(io.BytesIO(_CONTENT), 10, 50) == _CONTENT[:51]


def test_a_file_already_over_the_limit_is_read_one_byte_past_it() -> None:
    assert read_bounded(io.BytesIO(_CONTENT), 100, 50) == _CONTENT[:51]


def test_a_file_at_the_limit_is_read_whole_and_no_further() -> None:
    assert read_bounded(io.BytesIO(_CONTENT), 100, 100) == _CONTENT


def test_a_file_that_shrank_since_its_status_gives_what_is_left() -> None:
    assert read_bounded(io.BytesIO(_CONTENT[:30]), 100, 1000) == _CONTENT[:30]


class _CountingReads(io.BytesIO):
    """Records how many bytes each read asked for."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.asked: list[int] = []

    def read(self, size: int | None = -1, /) -> bytes:
        self.asked.append(-1 if size is None else size)
        return super().read(size)


def test_the_read_asks_for_the_files_size_not_the_limit() -> None:
    handle = _CountingReads(_CONTENT)
    read_bounded(handle, 100, 20 * 1024 * 1024)
    assert handle.asked == [101]
