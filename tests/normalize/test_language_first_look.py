"""Language identification looks at the opening characters first, and at the whole sample only
when that first look is unsure (normalize/language.py identified_language)."""

from __future__ import annotations

import importlib

import pytest

language = importlib.import_module("wirefeed.normalize.language")

GERMAN = ("Die Bundesregierung hat am Mittwoch einen Gesetzentwurf beschlossen, der die Förderung "
          "erneuerbarer Energien neu regelt. Nach Angaben des Wirtschaftsministeriums sollen die "
          "Ausschreibungen für Windkraft an Land deutlich ausgeweitet werden. ") * 12
ENGLISH = ("The central bank kept its benchmark rate unchanged on Wednesday and said it would watch "
           "wage growth closely before deciding on further moves, according to a statement. ") * 12


class Counting:
    """py3langid's identifier, counting the characters it is asked to classify."""

    def __init__(self) -> None:
        self.real = language._identifier()
        self.sizes: list[int] = []

    def classify(self, sample: str) -> tuple[str, float]:
        self.sizes.append(len(sample))
        found: tuple[str, float] = self.real.classify(sample)
        return found


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Counting:
    identifier = Counting()
    monkeypatch.setattr(language, "_identifier", lambda: identifier)
    return identifier


def test_a_sure_first_look_settles_it(counting: Counting) -> None:
    assert language.identified_language(GERMAN) == "de"
    assert counting.sizes == [language._FIRST_LOOK_CHARS]


def test_an_unsure_first_look_looks_at_the_whole_sample(counting: Counting) -> None:
    # An opening of names and numbers says little; the German that follows settles it.
    text = "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann. " * 8 + GERMAN
    assert language.identified_language(text) == "de"
    assert counting.sizes == [language._FIRST_LOOK_CHARS, language._MAX_IDENTIFY_CHARS]


def test_a_short_text_is_looked_at_once(counting: Counting) -> None:
    text = "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker. " * 3
    assert 100 < len(text) < language._FIRST_LOOK_CHARS
    language.identified_language(text)
    assert counting.sizes == [len(text)]


def test_the_answers_are_those_of_one_look_at_the_whole_sample() -> None:
    for text, expected in ((GERMAN, "de"), (ENGLISH, "en"), (ENGLISH[:150], "en")):
        whole, probability = language._identifier().classify(text[: language._MAX_IDENTIFY_CHARS])
        assert probability >= language._SURE and str(whole) == expected
        assert language.identified_language(text) == expected


def test_the_model_is_loaded_for_forked_readers_and_let_go_after() -> None:
    # Loaded before the readers fork, so that they share it; not kept through rendering.
    language._identifier.cache_clear()
    with language.identifier_shared():
        assert language._identifier.cache_info().currsize == 1
    assert language._identifier.cache_info().currsize == 0


def test_a_model_loaded_before_is_kept() -> None:
    model = language._identifier()
    with language.identifier_shared():
        assert language._identifier() is model
    assert language._identifier() is model
