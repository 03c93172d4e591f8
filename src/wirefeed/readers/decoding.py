"""Bytes to text for plain-text inputs: BOMs first, then UTF-8, then a confident detection.

A wrong guess publishes mojibake to every reader of the feed, so detection is
narrowed to the encodings a browser knows (the WHATWG Encoding Standard's list),
and readings that differ are told apart only with evidence (enough non-ASCII
bytes, a clear margin); otherwise the file is refused unless it declares its
encoding (a BOM here; a sidecar's `encoding`, through as_declared()).
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
# A Windows code page and the ISO 8859 part it extends (the same letters, in most places the same
# bytes): between the two, the web writes the Windows one, and the HTML standard reads the ISO
# label as it (ISO-8859-1 as windows-1252, ISO-8859-9 as windows-1254, ...).
_WINDOWS_OF_ISO = {
    "latin_1": "cp1252", "iso8859_15": "cp1252", "iso8859_2": "cp1250", "iso8859_7": "cp1253",
    "iso8859_9": "cp1254", "iso8859_8": "cp1255", "iso8859_13": "cp1257", "iso8859_4": "cp1257",
}
# ISO-2022-JP is 7-bit, so it is valid UTF-8 too; its escape sequences give it away.
_ISO2022_JP_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J")

# charset-normalizer's "chaos" score: above this the guess is more likely mojibake than text.
_MAX_CHAOS = 0.2
# A guess is clearly worse than the best when it is this much messier or this much less like a
# language (charset-normalizer's measures, 0 to 1). At news length Polish windows-1250 read as
# ISO 8859-2 is 0.06 messier; French windows-1252 read as windows-1250 0.07 less coherent.
_CLEAR_CHAOS = 0.05
_CLEAR_COHERENCE = 0.05
# ... and only when the text has this many non-ASCII bytes: below it the measures are noise
# (the best guess for short windows-1251 Russian is windows-1250, tidier by 0.075).
# Between Western and Central European encodings, which share most accented letters and differ
# in a few, a news story has 25 to 60 such bytes; the readings then differ in language fit.
_MIN_EVIDENCE = 64
_MIN_LATIN_EVIDENCE = 24
_LATIN = frozenset({"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1254", "cp1257", "iso8859_13", "cp1258"})
_HIGH_BYTES = bytes(range(0x80, 0x100))
_EXPECTED = 'expected UTF-8, or the encoding declared (encoding = "cp1251" in its sidecar, <meta charset> in a page)'
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


def encoding_named(label: str) -> str | None:
    """The Python codec of an encoding's name (`cp1251`, `KOI8-R`, `windows-1252`); None for a
    name no codec has, or a codec that is no text encoding (`rot13`, `base64`)."""
    try:
        info = codecs.lookup(label.strip())
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def as_declared(path: Path, data: bytes, encoding: str, declarer: str) -> bytes:
    """The article's bytes as UTF-8 with a byte-order mark, decoded from the encoding `declarer`
    (its sidecar) declares; a file that starts with a byte-order mark keeps it, which outranks
    any declaration (as in the HTML standard)."""
    if data.startswith(tuple(bom for bom, _ in _BOMS)):
        return data
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(path, f"byte {error.start}", f"not valid {encoding} although {declarer} declares it") from None
    return codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")


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
    """The one reading charset-normalizer's plausible guesses agree on, or the clear best of them.

    Guesses that decode to the same letters are one answer (a French text reads the same in
    windows-1252 and Latin-9). Guesses that differ are told apart only with evidence: enough
    non-ASCII bytes for the statistics to mean something, and a clear margin in charset-normalizer's
    "chaos" (mess) or "coherence" (language fit). Short text has neither: `Привет мир` in
    windows-1251 is as tidy in windows-1250 (`Ďđčâĺň ěčđ`), so it is refused, not guessed.
    """
    # Imported here: only a file that is not UTF-8 needs it, and a rebuild that reads none starts sooner.
    from charset_normalizer import from_bytes

    matches = [match for match in from_bytes(data, cp_isolation=list(WEB_ENCODINGS)) if match.chaos <= _MAX_CHAOS]
    if not matches:
        raise InputError(path, None, f"not UTF-8, and its encoding cannot be told with confidence; {_EXPECTED}")
    best = matches[0]
    rivals = [match for match in matches[1:] if str(match) != str(best)]
    if not rivals:
        return str(best)
    close = [match for match in rivals if not _clearly_worse(match, best)]
    if _evidence(data) >= _needed_evidence([best, *close]):
        if not close:
            return str(best)
        preferred = _preferred([best, *close])
        if preferred is not None:
            return str(preferred)
    names = sorted({match.encoding for match in [best, *(close or rivals)][:4]})
    readings = ", ".join(names[:-1]) + " or " + names[-1]
    raise InputError(path, None, f"not UTF-8, and its encoding cannot be told with confidence: it reads as {readings} with different letters; {_EXPECTED}")


def _clearly_worse(match: CharsetMatch, best: CharsetMatch) -> bool:
    return match.chaos - best.chaos >= _CLEAR_CHAOS or best.coherence - match.coherence >= _CLEAR_COHERENCE


def _needed_evidence(contenders: list[CharsetMatch]) -> int:
    """Latin-script text has an accented letter in twenty; other scripts are non-ASCII throughout."""
    return _MIN_LATIN_EVIDENCE if all(match.encoding in _LATIN for match in contenders) else _MIN_EVIDENCE


def _evidence(data: bytes) -> int:
    """Non-ASCII bytes: what tells one legacy encoding from another (ASCII reads the same in all)."""
    return len(data) - len(data.translate(None, _HIGH_BYTES))


def _preferred(tied: list[CharsetMatch]) -> CharsetMatch | None:
    """Out of a tie between single-byte encodings: a Windows code page over its ISO twin;
    windows-1252 when its reading looks Latin."""
    if any(match.encoding in _MULTI_BYTE for match in tied):
        return None
    windows = {_WINDOWS_OF_ISO.get(match.encoding, match.encoding) for match in tied}
    if len(windows) == 1:
        # Only a Windows code page and its ISO twin: the Windows one, as a browser reads it.
        return next((match for match in tied if match.encoding in windows), None)
    for match in tied:
        if match.encoding == _PREFERRED and _accented_share(str(match)) <= _MAX_ACCENTED_SHARE:
            return match
    return None


def _accented_share(text: str) -> float:
    letters = [char for char in text if char.isalpha()]
    accented = sum(1 for char in letters if char > "\x7f")
    return accented / len(letters) if letters else 1.0
