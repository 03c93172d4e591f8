"""The kept, decompressed copy of py3langid's model, mapped, gives the very identifier py3langid loads."""

from __future__ import annotations

import os
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier, _load_model_file

from wirefeed.normalize.langid_walk import automaton_depth
from wirefeed.normalize.langid_model import DERIVED_ARRAYS, MODEL_ARRAYS, cached_model_path, language_identifier

TEXTS = [
    "The government announced a new package of measures on Tuesday to support companies hit by the crisis.",
    "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les entreprises touchées.",
    "Die Regierung kündigte am Dienstag ein neues Maßnahmenpaket zur Unterstützung der Unternehmen an.",
    "El gobierno anunció el martes un nuevo paquete de medidas para apoyar a las empresas afectadas.",
    "Правительство во вторник объявило о новом пакете мер поддержки пострадавших компаний.",
    "أعلنت الحكومة يوم الثلاثاء عن حزمة جديدة من الإجراءات لدعم الشركات المتضررة من الأزمة.",
    "ok",
]
COMPRESSED = Path(MODEL_DIR) / MODEL_FILE


@pytest.fixture(scope="module")
def stock() -> list[tuple[str, float]]:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return [identifier.classify(text) for text in TEXTS]


def classified(identifier: Any) -> list[tuple[str, float]]:
    return [identifier.classify(text) for text in TEXTS]


def test_the_copy_is_made_once_and_gives_py3langids_own_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                stock: list[tuple[str, float]]) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    copy = cached_model_path(COMPRESSED)
    assert copy.parent == tmp_path / "wirefeed" and copy.name.startswith(f"py3langid-{version('py3langid')}-")
    assert classified(language_identifier()) == stock  # made now
    assert sorted(path.name for path in copy.iterdir()) == sorted(f"{name}.npy" for name in (*MODEL_ARRAYS, *DERIVED_ARRAYS))
    # The depth of py3langid's automaton, as py3langid loads it (6 bytes for py3langid 0.4's model).
    _, _, _, nextmove, rows, _ = _load_model_file(COMPRESSED)
    assert int(np.load(copy / "window.npy")) == automaton_depth(np.asarray(nextmove), np.asarray(rows))
    made = {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in copy.iterdir()}
    identifier = language_identifier()  # mapped, not read
    assert classified(identifier) == stock
    assert type(identifier.tk_nextmove) is memoryview and isinstance(identifier.nb_ptc.base, np.memmap)
    assert identifier.nb_ptc.dtype == np.float32  # widened once, when the copy is made
    assert {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in copy.iterdir()} == made
    assert [path.name for path in copy.parent.iterdir()] == [copy.name]  # no temporary folder left


@pytest.mark.parametrize("damage", ["cut short", "not an array file"])
def test_a_damaged_copy_falls_back_on_py3langid_and_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  stock: list[tuple[str, float]], damage: str) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    copy = cached_model_path(COMPRESSED)
    language_identifier()
    table = copy / "nextmove.npy"
    whole = table.stat().st_size
    if damage == "cut short":
        with table.open("r+b") as cut:
            cut.truncate(whole // 2)
    else:
        table.write_bytes(b"PK\x03\x04 not an array")
    assert classified(language_identifier()) == stock
    assert not copy.exists()  # removed, so that the next run decompresses it again
    assert classified(language_identifier()) == stock
    assert table.stat().st_size == whole


def test_a_cache_folder_that_cannot_be_written_costs_only_the_shortcut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       stock: list[tuple[str, float]]) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file"))
    assert classified(language_identifier()) == stock
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_copies_of_an_earlier_layout_are_removed_once_old_when_the_new_one_is_made(tmp_path: Path,
                                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    copy = cached_model_path(COMPRESSED)
    copy.parent.mkdir(parents=True)
    npz = copy.parent / "py3langid-0.3.0-0123456789abcdef.npz"
    npz.write_bytes(b"an npz of an earlier wirefeed")
    before = copy.parent / f"{copy.name.rpartition('-')[0]}"  # the same model in the layout before
    before.mkdir()
    (before / "ptc.npy").write_bytes(b"float16")
    other_install = copy.parent / "py3langid-0.5.0-fedcba9876543210-2"  # another environment's, in use
    other_install.mkdir()
    (copy.parent / "unrelated").write_text("kept")
    month_ago = time.time() - 31 * 86_400
    for old in (npz, before):
        os.utime(old, (month_ago, month_ago))
    language_identifier()
    assert sorted(path.name for path in copy.parent.iterdir()) == sorted([copy.name, other_install.name, "unrelated"])


READABILITY = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "readability"


@pytest.mark.skipif(not READABILITY.is_dir(), reason="../shared/corpus/readability is not beside the project")
def test_the_mapped_identifier_gives_py3langids_own_scores_bit_for_bit_on_real_pages() -> None:
    """The float32 feature table gives the very probabilities py3langid's float16 one gives: NumPy
    widens float16 rows exactly and multiplies with the same BLAS routine. Checked on the first
    600 and 3,000 characters of every page of the readability corpus (in many languages)."""
    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    mapped = language_identifier()
    pages = sorted(READABILITY.rglob("*.html"))
    assert len(pages) >= 90
    texts = [text[:size] for page in pages for text in [page.read_text(encoding="utf-8", errors="replace")] for size in (600, 3000)]
    assert [mapped.classify(text) for text in texts] == [stock.classify(text) for text in texts]


def test_the_copy_is_named_by_the_model_files_identity_and_times(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    model = tmp_path / "model.npz.xz"
    model.write_bytes(b"model")
    first = cached_model_path(model)
    assert cached_model_path(model) == first
    assert first.parent == tmp_path / "cache" / "wirefeed"
    os.utime(model, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))  # the same bytes, other times
    retimed = cached_model_path(model)
    assert retimed != first
    replaced = tmp_path / "new.npz.xz"
    replaced.write_bytes(b"model")
    os.utime(replaced, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    os.replace(replaced, model)  # a new file in its place with the same bytes and times, as an install may write it
    assert cached_model_path(model) not in (first, retimed)
