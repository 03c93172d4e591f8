"""py3langid's identifier, loaded from a decompressed copy of its model kept between runs.

py3langid ships its model as an xz-compressed npz (4.5 MB). Decompressing it is 0.3 s of the
0.42 s the identifier takes to load, paid by every process that identifies a language: each
`wirefeed build` that reads a text (a rebuild after one edit of 10,000 articles took 2.6 s)
and each forked worker. The decompressed npz (68 MB) is kept in the user's cache folder
(`$XDG_CACHE_HOME/wirefeed`, else `~/.cache/wirefeed`), named by py3langid's version and a
digest of the compressed model, so an upgrade never reads an older copy; it loads in about
0.1 s. It holds arrays only and is read with `allow_pickle=False`. Any failure (no home
folder, a read-only or full disk, a damaged copy) falls back on py3langid's own loading: the
identifier, and so every output, is the same either way.
"""

from __future__ import annotations

import hashlib
import lzma
import os
import shutil
import tempfile
from array import array
from importlib.metadata import version
from pathlib import Path
from typing import Any

__all__ = ["cached_model_path", "language_identifier"]

# The typecodes py3langid's own loader gives its transition tables, by the numbers' width.
_ARRAY_TYPECODES = {2: "H", 4: "I", 8: "L"}


def language_identifier() -> Any:
    """py3langid's LanguageIdentifier with normalized probabilities, from the kept copy of its
    model when there is one (made now when there is not)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    compressed = Path(MODEL_DIR) / MODEL_FILE
    try:
        copy = cached_model_path(compressed)
        if not copy.is_file():
            _decompress(compressed, copy)
        return _identifier_from(copy, LanguageIdentifier)
    except Exception:  # the copy is only a shortcut: py3langid's own loading is always right
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def cached_model_path(compressed: Path) -> Path:
    """Where the decompressed copy of the model at `compressed` is kept."""
    digest = hashlib.blake2b(compressed.read_bytes(), digest_size=8).hexdigest()
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "wirefeed" / f"py3langid-{version('py3langid')}-{digest}.npz"


def _decompress(compressed: Path, copy: Path) -> None:
    """Write the decompressed model at `copy`, whole or not at all (a temporary file, renamed)."""
    copy.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=copy.parent, prefix=".py3langid-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as target, lzma.open(compressed) as source:
            shutil.copyfileobj(source, target, length=1 << 20)
        os.replace(temporary, copy)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _identifier_from(copy: Path, identifier_class: Any) -> Any:
    """The identifier built from the decompressed npz as py3langid's own loader builds it.
    A copy that cannot be read is removed, so that the next run makes it again."""
    import numpy as np

    try:
        with np.load(copy, allow_pickle=False) as data:
            return identifier_class(
                np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
                _as_array(data["nextmove"]), data["out_feat"].tolist(),
                norm_probs=True, tk_row=_as_array(data["nextmove_row"]),
            )
    except Exception:
        copy.unlink(missing_ok=True)
        raise


def _as_array(numbers: Any) -> array[int]:
    """A NumPy array of unsigned integers as the standard library's array of the same width."""
    import numpy as np

    result = array(_ARRAY_TYPECODES[numbers.dtype.itemsize])
    result.frombytes(np.ascontiguousarray(numbers).tobytes())
    return result
