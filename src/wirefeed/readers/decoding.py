"""Bytes to text for plain-text inputs: BOMs first, then UTF-8, then a confident detection."""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from wirefeed.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# charset-normalizer's "chaos" score: above this the guess is more likely mojibake than text.
_MAX_CHAOS = 0.2


def decode_text(path: Path, data: bytes) -> str:
    """Decode an article file, or say why it cannot be read as text."""
    if not data.strip():
        raise InputError(path, None, "the file is empty; expected an article")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(path, data, encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise InputError(path, None, "binary data, not text; expected an article in a text encoding")
    return _detected(path, data)


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(path, f"byte {error.start}", f"not valid {encoding} although the file starts with its byte-order mark") from None


def _detected(path: Path, data: bytes) -> str:
    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise InputError(path, None, "not UTF-8 and its encoding cannot be told with confidence; save it as UTF-8")
    return str(best)
