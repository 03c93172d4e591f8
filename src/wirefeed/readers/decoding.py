"""Bytes to text for plain-text inputs: BOMs first, then UTF-8, then a confident detection.

A wrong guess publishes mojibake to every reader of the feed, so detection is
narrowed to the encodings a browser knows (the WHATWG Encoding Standard's list)
and a guess that several encodings share equally is refused unless they agree.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TYPE_CHECKING

from wirefeed.errors import InputError

if TYPE_CHECKING:
    from charset_normalizer.models import CharsetMatch

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# The legacy encodings of the WHATWG Encoding Standard that newsroom systems still write, as
# Python codecs. Anything else (EBCDIC, DOS and Mac code pages, Urdu cp1006) is a guess
# charset-normalizer makes for random high bytes or for Latin-1 (Mac Roman reads `ü` as `¸`),
# never the encoding of a real article.
WEB_ENCODINGS = (
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u",
    "iso8859_5", "cp1253", "iso8859_7", "cp1254", "cp1255", "iso8859_8", "cp1256", "iso8859_6",
    "cp1257", "iso8859_13", "cp1258", "cp874", "gb18030", "big5", "cp932", "shift_jis", "euc_jp",
    "cp949", "euc_kr",
)
_MULTI_BYTE = frozenset({"gb18030", "big5", "cp932", "shift_jis", "euc_jp", "euc_jis_2004", "cp949", "euc_kr", "johab"})
# When equally good single-byte guesses decode to different texts, windows-1252 is the one
# browsers assume for Western text (Latin-1 files read the same through it) ...
_PREFERRED = "cp1252"
# ... as long as its reading looks like a Latin-script language: in French or Portuguese a few
# letters in ten carry accents; Cyrillic or Greek read as windows-1252 is nearly all accents.
_MAX_ACCENTED_SHARE = 0.3
# ISO-2022-JP is 7-bit, so it is valid UTF-8 too; its escape sequences give it away.
_ISO2022_JP_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J")

# charset-normalizer's "chaos" score: above this the guess is more likely mojibake than text.
_MAX_CHAOS = 0.2
# Two guesses this close in coherence are a tie, not a choice.
_SAME_COHERENCE = 0.01
# A file with at least this many UTF-8 characters per invalid byte is UTF-8 with a broken spot
# (a cut-off character, one pasted Latin-1 byte). Other encodings rarely form valid UTF-8 at
# all: news-length GBK, Big5, Shift_JIS or EUC-KR text has one for every 3 to 9 invalid bytes,
# windows-1252 and other single-byte encodings next to none.
_MOSTLY_UTF8 = 1
# Text has line ends and tabs; a file where this share of bytes are other control codes is not text.
_MAX_CONTROL_SHARE = 0.1
# Every byte but the control codes (TAB, LF, CR, FF and ESC are text's own): deleting these leaves the controls.
_NOT_CONTROLS = bytes(range(0x20, 0x100)) + b"\t\n\r\x0c\x1b"
_BINARY = "binary data, not text; expected an article in a text encoding"


def decode_text(path: Path, data: bytes) -> str:
    """Decode an article file, or say why it cannot be read as text."""
    if not data.strip():
        raise InputError(path, None, "the file is empty; expected an article")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(path, data, encoding, offset=len(bom))
    if _looks_binary(data):
        raise InputError(path, None, _BINARY)
    if any(escape in data for escape in _ISO2022_JP_ESCAPES):
        try:
            return data.decode("iso2022_jp")
        except UnicodeDecodeError:
            pass  # an escape byte in some other text: go on as with any file
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _mostly_utf8(data):
            raise _broken_utf8(path, data, error) from None
    return _detected(path, data)


def _decode(path: Path, data: bytes, encoding: str, *, offset: int = 0) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        # The codec counts from after the byte-order mark it skipped; an editor counts from the file's start.
        raise InputError(path, f"byte {error.start + offset}", f"not valid {encoding} although the file starts with its byte-order mark") from None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROLS))
    return controls > len(sample) * _MAX_CONTROL_SHARE


def _mostly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    wide = sum(1 for char in text if char > "\x7f") - invalid
    return wide >= _MOSTLY_UTF8 * invalid


def _broken_utf8(path: Path, data: bytes, error: UnicodeDecodeError) -> InputError:
    line_start = data.rfind(b"\n", 0, error.start) + 1
    line = data.count(b"\n", 0, error.start) + 1
    column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
    return InputError(
        path, f"line {line}",
        f"not valid UTF-8 at column {column} (byte 0x{data[error.start]:02x}) although the rest of the file is; "
        "expected the whole file in UTF-8 (re-save it, or fix the broken character)",
    )


def _detected(path: Path, data: bytes) -> str:
    # Imported here: only a file that is not UTF-8 needs it, and a rebuild that reads none starts sooner.
    from charset_normalizer import from_bytes

    matches = [match for match in from_bytes(data, cp_isolation=list(WEB_ENCODINGS)) if match.chaos <= _MAX_CHAOS]
    if not matches:
        raise InputError(path, None, "not UTF-8 and its encoding cannot be told with confidence; save it as UTF-8")
    best = matches[0]
    tied = [match for match in matches if match.chaos == best.chaos and abs(match.coherence - best.coherence) <= _SAME_COHERENCE]
    texts = {str(match) for match in tied}
    if len(texts) == 1:
        return str(best)
    preferred = _preferred(tied)
    if preferred is None:
        names = ", ".join(match.encoding for match in tied[:4])
        raise InputError(path, None, f"not UTF-8, and it reads equally well as {names}: its encoding cannot be told with confidence; save it as UTF-8")
    return str(preferred)


def _preferred(tied: list[CharsetMatch]) -> CharsetMatch | None:
    """windows-1252 out of a tie between single-byte encodings, when its reading looks Latin."""
    if any(match.encoding in _MULTI_BYTE for match in tied):
        return None
    for match in tied:
        if match.encoding == _PREFERRED and _accented_share(str(match)) <= _MAX_ACCENTED_SHARE:
            return match
    return None


def _accented_share(text: str) -> float:
    letters = [char for char in text if char.isalpha()]
    accented = sum(1 for char in letters if char > "\x7f")
    return accented / len(letters) if letters else 1.0
