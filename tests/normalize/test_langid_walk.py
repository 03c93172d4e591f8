"""The features of a text counted by NumPy all at once: py3langid's own count, and its own scores, bit for bit."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

from wirefeed.normalize import langid_walk
from wirefeed.normalize.langid_model import language_identifier
from wirefeed.normalize.langid_walk import SAMPLES, FeatureWalk, WalkingIdentifier, automaton_depth

PATTERNS = [b"ab", b"abc", b"b", b"bca", b"cab"]


def toy_automaton() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """An Aho-Corasick automaton over PATTERNS, built by brute force: a state per prefix, and
    after each byte the longest suffix of (state + byte) that is a prefix. Each state has its
    own row; a state that is a pattern outputs its index."""
    prefixes = sorted({pattern[:size] for pattern in PATTERNS for size in range(len(pattern) + 1)}, key=lambda p: (len(p), p))
    number = {prefix: index for index, prefix in enumerate(prefixes)}
    nextmove = np.zeros(len(prefixes) * 256, dtype=np.uint32)
    for prefix, state in number.items():
        for byte in range(256):
            text = prefix + bytes([byte])
            nextmove[state * 256 + byte] = next(number[text[start:]] for start in range(len(text) + 1) if text[start:] in number)
    outputs = np.array([PATTERNS.index(prefix) if prefix in PATTERNS else -1 for prefix in prefixes], dtype=np.int32)
    return nextmove, np.arange(len(prefixes), dtype=np.uint16), outputs


def breadth_first_depth(nextmove: np.ndarray[Any, Any], rows: np.ndarray[Any, Any]) -> int:
    depth = {0: 0}
    frontier = [0]
    while frontier:
        reached = []
        for state in frontier:
            for byte in range(256):
                after = int(nextmove[(int(rows[state]) << 8) + byte])
                if after not in depth:
                    depth[after] = depth[state] + 1
                    reached.append(after)
        frontier = reached
    return max(depth.values())


def stepwise(walk: FeatureWalk, text: bytes) -> Counter[int] | None:
    """py3langid's own count, on the walk's tables."""
    counts: Counter[int] | None = visit_counts(walk.nextmove.tolist(), walk.row_starts.tolist(), walk.outputs.tolist(), text)
    return counts


def as_counter(counted: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]] | None) -> list[tuple[int, float]] | None:
    return None if counted is None else list(zip(counted[0].tolist(), counted[1].tolist()))


def in_order(counts: Counter[int] | None) -> list[tuple[int, float]] | None:
    return None if counts is None else [(feature, float(count)) for feature, count in counts.items()]


def test_the_depth_is_the_longest_pattern_prefix_and_agrees_with_a_plain_breadth_first_search() -> None:
    nextmove, rows, _ = toy_automaton()
    assert automaton_depth(nextmove, rows) == 3 == breadth_first_depth(nextmove, rows)


def test_the_depth_is_found_across_blocks_of_states(monkeypatch: pytest.MonkeyPatch) -> None:
    nextmove, rows, _ = toy_automaton()
    monkeypatch.setattr(langid_walk, "_DEPTH_BLOCK", 2)
    assert automaton_depth(nextmove, rows) == 3


@pytest.mark.parametrize("text", [b"", b"a", b"ab", b"abca", b"cabcabc", b"xxabxbcab", b"bbbbbb", bytes(range(256))])
def test_on_a_toy_automaton_the_walk_counts_what_py3langid_counts_in_its_order(text: bytes) -> None:
    nextmove, rows, outputs = toy_automaton()
    walk = FeatureWalk(nextmove, rows, outputs, 3)
    assert as_counter(walk.counted(text)) == in_order(stepwise(walk, text))


def test_on_py3langids_model_the_walk_counts_what_py3langid_counts_in_its_order() -> None:
    identifier = language_identifier()
    assert isinstance(identifier, WalkingIdentifier)
    walk = identifier.walk
    generator = random.Random(20261207)
    texts = [identifier._encode(text) for text in SAMPLES]
    texts += [bytes(generator.randrange(256) for _ in range(generator.randrange(1, 40))) for _ in range(300)]
    texts += [identifier._encode("".join(generator.choice("aeiouy ntsrlкирил中文عرب") for _ in range(generator.randrange(1, 700))))
              for _ in range(300)]
    for text in texts:
        expected = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, text)
        if expected is None:
            assert walk.counted(text) is None
        else:
            assert as_counter(walk.counted(text)) == in_order(expected), text


def test_a_walk_that_does_not_hold_is_caught_and_left_to_py3langid() -> None:
    nextmove, rows, outputs = toy_automaton()
    short = FeatureWalk(nextmove, rows, outputs, 1)  # one byte of window where states span three
    assert short._states(np.frombuffer(b"abc", dtype=np.uint8)) is None
    assert short.counted(b"abc") is None
    assert short.counted(b"b") is not None  # a walk that holds is used


def test_a_text_over_the_walks_size_is_left_to_py3langid(monkeypatch: pytest.MonkeyPatch) -> None:
    nextmove, rows, outputs = toy_automaton()
    walk = FeatureWalk(nextmove, rows, outputs, 3)
    monkeypatch.setattr(langid_walk, "_MOST_BYTES", 4)
    assert walk.counted(b"abca") is not None
    assert walk.counted(b"abcab") is None


def test_the_walking_identifier_scores_as_py3langid_bit_for_bit() -> None:
    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    walking = language_identifier()
    assert isinstance(walking, WalkingIdentifier)
    generator = random.Random(7)
    texts = [*SAMPLES, *("".join(generator.choice(SAMPLES[:5])[: generator.randrange(1, 80)] for _ in range(8)) for _ in range(100))]
    for text in texts:
        assert holds(walking, text)
        assert np.array_equal(walking._decide(text), stock._decide(text)), text
        assert walking.classify(text) == stock.classify(text)
    assert walking._holds is True  # checked on the first text with features, and found to hold


def holds(identifier: WalkingIdentifier, text: str) -> bool:
    """Whether `identifier` scores `text` as py3langid does, bit for bit (a text with no feature,
    or over the walk's size, is scored py3langid's way: it holds)."""
    encoded = identifier._encode(text)
    scores = identifier._walked_score(encoded)
    return scores is None or bool(np.array_equal(scores, LanguageIdentifier._raw_score(identifier, encoded)))


def broken_identifier() -> WalkingIdentifier:
    """A walking identifier whose walk counts every feature as another: it scores otherwise."""
    walking = language_identifier()
    assert isinstance(walking, WalkingIdentifier)
    wrong = np.asarray(walking.walk.outputs).copy()
    wrong[wrong >= 0] = (wrong[wrong >= 0] + 1) % len(walking.nb_ptc)
    walk = walking.walk
    return WalkingIdentifier(walking.nb_ptc, walking.nb_pc, walking.nb_classes, walking.tk_nextmove, walking.tk_output,
                             norm_probs=True, tk_row=walking.tk_row,
                             walk=FeatureWalk(walk.nextmove, np.asarray(walking.tk_row), wrong, walk.window))


def test_an_identifier_that_scores_otherwise_is_caught_on_its_first_text_and_scores_py3langids_way_after() -> None:
    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    broken = broken_identifier()
    assert not any(holds(broken, text) for text in SAMPLES[:5])  # every text with features tells
    assert holds(broken, "") and broken._holds is None  # a text with no feature is py3langid's anyway
    for text in ["", *SAMPLES]:
        assert np.array_equal(broken._decide(text), stock._decide(text)), text
    assert broken._holds is False
