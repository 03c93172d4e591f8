"""py3langid's identifier, mapped from a decompressed copy of its model kept between runs.

py3langid ships its model as an xz-compressed npz (4.5 MB). Decompressing it is 0.3 s of the
0.42 s the identifier takes to load, paid by every process that identifies a language: each
`wirefeed build` that reads a text (a rebuild after one edit of 10,000 articles) and each
forked worker. The decompressed arrays (96 MB, the feature table widened: see _LAYOUT) are kept in the user's cache folder
(`$XDG_CACHE_HOME/wirefeed`, else `~/.cache/wirefeed`), one `.npy` file each in a folder named
by py3langid's version and the compressed model file's identity and times, so an upgrade never
reads an older copy. They are mapped, not read: loading takes about 10 ms instead of the 0.19 s that reading
and copying a decompressed npz took, the identifier touches only the pages a text walks
through, and every process shares those pages through the page cache. The folder is made
whole or not at all (a temporary folder, renamed), and never written again, so a mapping
never sees its bytes change. The files hold arrays only and are read with
`allow_pickle=False`. Any failure (no home folder, a read-only or full disk, a damaged copy)
falls back on py3langid's own loading: the identifier, and so every output, is the same either
way (tests/normalize/test_langid_model.py).
"""

from __future__ import annotations

import hashlib
import lzma
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from wirefeed.folders import user_cache_folder

__all__ = ["MODEL_ARRAYS", "cached_model_path", "language_identifier"]

# The arrays of py3langid's npz, each kept as `<name>.npy`.
MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
# What the copy keeps besides, worked out once when it is made: the depth of py3langid's
# automaton, the window its features are walked with (langid_walk.py; 0.9 s to find).
DERIVED_ARRAYS = ("window",)
# What the kept copy holds, in its folder's name: a copy of another layout is never read.
# 2: the feature table (`ptc`) as float32, not the npz's float16. py3langid multiplies a text's
# counts (float32) by the table's rows for that text; with float16 rows NumPy first casts them,
# element by element, to float32 and then calls the same BLAS routine (bit for bit the same
# scores: tests/normalize/test_langid_model.py), and that cast was 96 µs of the 475 µs a story's
# identification takes. float16 to float32 is exact, so the copy holds the very numbers.
# 3: `window.npy` (DERIVED_ARRAYS).
_LAYOUT = 3
# Arrays kept in another type than the npz's.
_KEPT_AS = {"ptc": "float32"}
# How old another copy (an earlier py3langid's, model's or layout's) must be to be removed
# when a copy is made.
_UNUSED_DAYS = 30


def language_identifier() -> Any:
    """py3langid's LanguageIdentifier with normalized probabilities, from the kept copy of its
    model when there is one (made now when there is not)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    compressed = Path(MODEL_DIR) / MODEL_FILE
    try:
        copy = cached_model_path(compressed)
        if not copy.is_dir():
            _decompress(compressed, copy)
        return _identifier_from(copy)
    except Exception:  # the copy is only a shortcut: py3langid's own loading is always right
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def cached_model_path(compressed: Path) -> Path:
    """The folder where the decompressed copy of the model at `compressed` is kept: named by the
    file's identity, size and times, not a digest of its 4.5 MB (10 ms of every process that
    identifies a language). An install writes a new file, so a new inode or change time, and
    another copy is made; the same model installed again costs one decompression, no more."""
    facts = compressed.stat()
    identity = f"{facts.st_dev}:{facts.st_ino}:{facts.st_size}:{facts.st_mtime_ns}:{facts.st_ctime_ns}"
    digest = hashlib.blake2b(identity.encode(), digest_size=8).hexdigest()
    return user_cache_folder() / f"py3langid-{_py3langid_version()}-{digest}-{_LAYOUT}"


def _py3langid_version() -> str:
    """py3langid's version: its own `__version__`, imported with it already, where it has one
    (importlib.metadata would take 30 ms to import, a tenth of a rebuild after one edit)."""
    import py3langid

    own = getattr(py3langid, "__version__", None)
    if isinstance(own, str):
        return own
    from importlib.metadata import version

    return version("py3langid")


def _decompress(compressed: Path, copy: Path) -> None:
    """Write the model's arrays into the folder `copy`, whole or not at all (a temporary folder,
    renamed; a copy another process made meanwhile is kept and this one dropped)."""
    import numpy as np

    from wirefeed.normalize.langid_walk import automaton_depth

    copy.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(dir=copy.parent, prefix=".py3langid-", suffix=".part"))
    try:
        with lzma.open(compressed) as source, np.load(source, allow_pickle=False) as arrays:
            for name in MODEL_ARRAYS:
                array = arrays[name]
                np.save(temporary / f"{name}.npy", array.astype(_KEPT_AS[name]) if name in _KEPT_AS else array, allow_pickle=False)
            window = automaton_depth(arrays["nextmove"], arrays["nextmove_row"])
        np.save(temporary / "window.npy", np.array(window, dtype=np.int64), allow_pickle=False)
        try:
            os.rename(temporary, copy)
        except OSError:
            if not copy.is_dir():
                raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    _remove_older_copies(copy)


def _remove_older_copies(copy: Path) -> None:
    """Remove the copies an earlier py3langid, model or layout left beside `copy` (68 to 96 MB
    each) once they are over _UNUSED_DAYS old, now that this one is made. Not younger ones:
    two installs of wirefeed on one machine (two virtual environments) would otherwise remove
    each other's copy every time one is made. A copy is never written after it is made, so its
    time is its age. A process still mapping one keeps its pages until it ends; one about to
    map it falls back on py3langid's own loading."""
    oldest = time.time() - _UNUSED_DAYS * 86_400
    for other in copy.parent.glob("py3langid-*"):
        try:
            if other.name == copy.name or other.lstat().st_mtime > oldest:
                continue
        except OSError:
            continue
        if other.is_dir() and not other.is_symlink():
            shutil.rmtree(other, ignore_errors=True)
        else:
            other.unlink(missing_ok=True)


def _identifier_from(copy: Path) -> Any:
    """The identifier built on the mapped arrays, as py3langid's own loader builds it on arrays
    it read (its DFA tables indexed through memoryviews, as fast as its `array.array`s), and
    counting a text's features with a FeatureWalk over them (langid_walk.py). A copy that
    cannot be mapped is removed, so that the next run makes it again."""
    import numpy as np

    from wirefeed.normalize.langid_walk import FeatureWalk, WalkingIdentifier

    try:
        arrays = {name: np.load(copy / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                  for name in (*MODEL_ARRAYS, *DERIVED_ARRAYS)}
        # Plain arrays over the mapped bytes: a memmap's own indexing costs 60 µs a text.
        nextmove, rows, outputs = (np.asarray(arrays[name]) for name in ("nextmove", "nextmove_row", "out_feat"))
        model = (_of_type(arrays["ptc"], "float32"), np.asarray(arrays["pc"]), arrays["classes"].tolist(),
                 _flat_view(nextmove), outputs.tolist())
        walk = FeatureWalk(nextmove, rows, outputs, int(arrays["window"]))
        return WalkingIdentifier(*model, norm_probs=True, tk_row=_flat_view(rows), walk=walk)
    except Exception:
        shutil.rmtree(copy, ignore_errors=True)
        raise


def _of_type(numbers: Any, kind: str) -> Any:
    """The mapped array as a plain array, checked to be of the type this layout keeps."""
    import numpy as np

    if numbers.dtype != np.dtype(kind):
        raise ValueError(f"expected {kind} numbers, got {numbers.dtype}")
    return np.asarray(numbers)


def _flat_view(numbers: Any) -> memoryview:
    """A one-dimensional array of unsigned integers as a memoryview of the mapped bytes: indexed
    one number at a time from Python, it is as fast as the `array.array` py3langid loads."""
    if numbers.ndim != 1 or numbers.dtype.kind != "u":
        raise ValueError(f"expected a flat array of unsigned integers, got {numbers.dtype} {numbers.shape}")
    return memoryview(numbers)
