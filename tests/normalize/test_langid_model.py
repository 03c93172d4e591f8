"""The kept, decompressed copy of py3langid's model gives the very identifier py3langid loads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from wirefeed.normalize.langid_model import cached_model_path, language_identifier

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
    assert copy.parent == tmp_path / "wirefeed" and copy.name.startswith("py3langid-") and copy.suffix == ".npz"
    assert classified(language_identifier()) == stock  # made now
    made = copy.stat()
    assert classified(language_identifier()) == stock  # read back
    assert copy.stat().st_ino == made.st_ino and copy.stat().st_mtime_ns == made.st_mtime_ns
    assert [path.name for path in copy.parent.iterdir()] == [copy.name]  # no temporary file left


def test_a_damaged_copy_falls_back_on_py3langid_and_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  stock: list[tuple[str, float]]) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    copy = cached_model_path(COMPRESSED)
    copy.parent.mkdir(parents=True)
    copy.write_bytes(b"PK\x03\x04 not a whole npz")
    assert classified(language_identifier()) == stock
    assert not copy.exists()  # removed, so that the next run decompresses it again
    assert classified(language_identifier()) == stock
    assert copy.stat().st_size > 10_000_000


def test_a_cache_folder_that_cannot_be_written_costs_only_the_shortcut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       stock: list[tuple[str, float]]) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file"))
    assert classified(language_identifier()) == stock
    assert (tmp_path / "a-file").read_text() == "not a folder"
