"""The IPTC 7901 reader: framing, header, keyword line, headline block, text, end markers and trailer."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from wirefeed.errors import InputError
from wirefeed.model import DraftAgent, Found
from wirefeed.readers import is_article, read
from wirefeed.readers.iptc7901 import read_iptc7901

SAMPLE = Path(__file__).parent.parent / "fixtures" / "wire-formats" / "iptc7901" / "hamburg-port.txt"


def _message(text: str, header: str = "bdt0001 4 pl 20  wfx 0001") -> bytes:
    return f"\x01{header}\r\n\x02{text}\x03".encode("latin-1")


def test_sample_every_field_with_its_line() -> None:
    draft = read_iptc7901(SAMPLE, SAMPLE.read_bytes())
    assert draft.source.format == "iptc7901"
    assert draft.fields() == {
        "headline": Found("Harbour cargo rises for third month in a row", "line 4"),
        # `131137 GMT Nov 24`: the 13th, 11:37 GMT, November 2024.
        "published": Found("2024-11-13T11:37:00+00:00", "line 21"),
        "authors": (DraftAgent(Found("By Anna Berger", "line 5")),),
        "dateline": Found("Hamburg (wfx)", "line 7"),
        "body": (
            Found("Container traffic through the port of Hamburg rose for the third month in a row in October, "
                  "the port authority said on Wednesday.", "line 7"),
            Found("Throughput reached 713,000 standard containers, 4.2 percent more than a year earlier, driven by "
                  "trade with Asia.", "line 10"),
            Found("Rail connections carried a record share of the boxes inland.", "line 13"),
        ),
        "keywords": (Found("Hamburg", "line 2"), Found("Hafen", "line 2"), Found("Wirtschaft", "line 2")),
        "site_name": Found("wfx", "line 1"),
    }
    # `(Zusammenfassung)`, the note not for publication and the sign-off are nowhere.
    assert "Questions" not in repr(draft) and "Zusammenfassung" not in repr(draft) and "wfx ab xy" not in repr(draft)


def test_headline_without_byline_loses_its_trailing_equals_sign() -> None:
    draft = read_iptc7901(Path("m"), _message("Flash headline here =\r\n\r\nText one.\r\n\r\n011200 Jan 25\r\n"))
    assert draft.headline == Found("Flash headline here", "line 2")
    assert draft.keywords == ()
    assert draft.body == (Found("Text one.", "line 4"),)
    assert draft.published == Found("2025-01-01T12:00:00", "line 6")


def test_trailer_without_year_takes_the_year_nearest_the_file_time(tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    path.write_bytes(_message("Headline =\r\n\r\nText.\r\n\r\n302359 GMT Dec\r\n"))
    january = datetime(2025, 1, 2, tzinfo=timezone.utc).timestamp()
    os.utime(path, (january, january))
    assert read_iptc7901(path, path.read_bytes()).published == Found("2024-12-30T23:59:00+00:00", "line 6")


def test_impossible_trailer_date_names_its_line() -> None:
    with pytest.raises(InputError) as error:
        read_iptc7901(Path("m"), _message("Headline =\r\n\r\nText.\r\n\r\n310900 Feb 24\r\n"))
    assert error.value.where == "line 6"
    assert error.value.message == ("the trailer '310900 Feb 24' is not a date (day is out of range for month); expected day, "
                                   "hour and minute, a month and the year's two digits, such as 211259 GMT Nov 18")


def test_a_message_cut_off_before_etx_is_refused() -> None:
    with pytest.raises(InputError, match="no ETX after the text: the message is cut off"):
        read_iptc7901(Path("m"), _message("Headline =\r\nText.")[:-1])


def test_framed_files_are_found_as_txt_and_without_a_suffix(tmp_path: Path) -> None:
    framed = tmp_path / "0427"
    framed.write_bytes(SAMPLE.read_bytes())
    (tmp_path / "README").write_text("Not an article.\n", encoding="utf-8")
    assert is_article(framed) and not is_article(tmp_path / "README")
    assert read(framed, root=tmp_path).source.format == "iptc7901"
    as_txt = tmp_path / "story.txt"
    as_txt.write_bytes(SAMPLE.read_bytes())
    assert read(as_txt, root=tmp_path).headline == Found("Harbour cargo rises for third month in a row", "line 4")
    plain = tmp_path / "plain.txt"
    plain.write_text("Headline\nPublished: Mar 11, 2021\n\nBody.\n", encoding="utf-8")
    assert read(plain, root=tmp_path).source.format == "text"


def test_binary_data_is_not_taken_for_a_message(tmp_path: Path) -> None:
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(1, 32)) * 40)
    with pytest.raises(InputError, match="binary data, not text"):
        read(noise, root=tmp_path)
    with pytest.raises(InputError, match="binary data, not text"):
        read_iptc7901(Path("m"), b"\x01bdt0001 4 pl 20\r\n\x02" + bytes(range(4, 32)) * 40 + b"\x03")
