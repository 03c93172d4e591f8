"""py3langid's count of a text's features, walked by NumPy over all of the text's bytes at once.

py3langid finds a text's features (byte n-grams) with an Aho-Corasick automaton, one byte at a
time in Python: most of the time a story's language takes to identify, and a seventh of a full
build's reading and rendering in one process. In such an automaton the state after a byte
stands for the longest suffix of the text so far that begins a feature, so it depends only on
the last `window` bytes, `window` being the automaton's depth (the most steps any state is from
the start). The state after each byte is then the one reached from the start by the `window`
bytes that end there: `window` steps, each taken for every byte at once.

Each walk is checked before it is used: every state must be the one the automaton moves to
from the state before it on its byte. From the start state, that is py3langid's own walk, step
by step, whatever the automaton is. A walk that fails the check, and a text with no feature,
are left to py3langid itself. The features are counted in py3langid's order (first seen first)
and scored by the same arithmetic on the same arrays, so the scores are the same, bit for bit
(tests/normalize/test_langid_walk.py). The first text with features an identifier scores is
scored both ways as well, and a py3langid that scores otherwise is then used as it is.

The walk looks at more of the model's transition table than py3langid's (its partial windows'
states as well), and each first look maps 64 KB of the mapped copy around it into the process
(the kernel's fault-around): pages of the page cache, shared by every process that maps the
copy, but counted in a lone process's resident and proportional size.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from py3langid.langid import LanguageIdentifier

__all__ = ["SAMPLES", "FeatureWalk", "WalkingIdentifier", "automaton_depth", "row_starts"]

# A text longer than this is walked by py3langid: the walk's arrays take 24 bytes a byte of text.
# wirefeed asks about 3,000 characters at most (normalize/language.py).
_MOST_BYTES = 1 << 20
# States whose successors are looked at in one step of automaton_depth(): 4,096 states by 256
# bytes are 8 MB of indices.
_DEPTH_BLOCK = 4096

# Texts of several scripts, one with no feature at all and one of one byte (for the tests).
SAMPLES = (
    "The government announced a new package of measures on Tuesday to support companies.",
    "Le gouvernement a annoncé mardi une nouvelle série de mesures pour les entreprises.",
    "Правительство во вторник объявило о новом пакете мер поддержки компаний.",
    "أعلنت الحكومة يوم الثلاثاء عن حزمة جديدة من الإجراءات لدعم الشركات.",
    "政府周二宣布了一揽子新措施，以支持受危机影响的企业。",
    "",
    "a",
)


def row_starts(rows: NDArray[Any]) -> NDArray[np.intp]:
    """Where each state's row begins in py3langid's transition table: `nextmove[row_starts[state]
    + byte]` is the state after `byte` (its `_rowbase`, as an array)."""
    return rows.astype(np.intp) << 8


def automaton_depth(nextmove: NDArray[Any], rows: NDArray[Any]) -> int:
    """The most transitions any state of the automaton is from the start (state 0), found
    breadth first (`rows` as row_starts() takes them)."""
    starts = row_starts(rows)
    depth = np.full(len(rows), -1, dtype=np.intp)
    depth[0] = 0
    every_byte = np.arange(256, dtype=np.intp)
    frontier = np.zeros(1, dtype=np.intp)
    steps = 0
    while frontier.size:
        steps += 1
        reached = np.unique(np.concatenate([
            np.unique(nextmove[(starts[frontier[start:start + _DEPTH_BLOCK]][:, None] + every_byte).ravel()])
            for start in range(0, frontier.size, _DEPTH_BLOCK)
        ]))
        frontier = reached[depth[reached] < 0]
        depth[frontier] = steps
    return int(depth.max())


class FeatureWalk:
    """The automaton's tables as arrays, and the count of a text's features taken with them."""

    __slots__ = ("nextmove", "row_starts", "outputs", "window")

    def __init__(self, nextmove: NDArray[Any], rows: NDArray[Any], outputs: NDArray[Any], window: int) -> None:
        self.nextmove = nextmove
        self.row_starts = row_starts(rows)
        self.outputs = outputs
        self.window = window

    def counted(self, text: bytes) -> tuple[NDArray[np.intp], NDArray[np.float32]] | None:
        """The features of `text` (UTF-8 bytes) in the order py3langid first meets them, with how
        often each occurs; None when the walk does not hold, the text has no feature, or it is
        longer than this walk takes (py3langid's own walk then says)."""
        if not text or len(text) > _MOST_BYTES:
            return None
        states = self._states(np.frombuffer(text, dtype=np.uint8))
        if states is None:
            return None
        features = self.outputs[states]
        features = features[features >= 0]
        if not features.size:
            return None
        found, first, counts = np.unique(features, return_index=True, return_counts=True)
        in_order = np.argsort(first, kind="stable")
        return found[in_order].astype(np.intp), counts[in_order].astype(np.float32)

    def _states(self, letters: NDArray[np.uint8]) -> NDArray[np.intp] | None:
        """The state after each byte: the one reached from the start by the `window` bytes that
        end there (a byte nearer the start than that: by all the bytes up to it). None unless
        each state is the one the automaton moves to from the state before it."""
        size = letters.size
        states = np.zeros(size, dtype=np.intp)
        for back in range(min(self.window, size) - 1, -1, -1):
            # Each byte's window takes its byte `back` places before its end.
            states[back:] = self.nextmove[self.row_starts[states[back:]] + letters[:size - back]]
        before = np.empty(size, dtype=np.intp)
        before[0] = 0
        before[1:] = states[:-1]
        if not np.array_equal(self.nextmove[self.row_starts[before] + letters], states):
            return None
        return states


class WalkingIdentifier(LanguageIdentifier):  # type: ignore[misc]  # py3langid has no type hints
    """py3langid's identifier, its features counted by a FeatureWalk.

    The first text with features it scores is scored by py3langid's own walk and arithmetic as
    well (a text of the build's, not a sample of ours: each text maps pages of the model into
    the process, and a check on SAMPLES mapped 54 MB). Where the two differ (a py3langid that
    scores otherwise), it scores every text py3langid's way from then on."""

    __slots__ = ("walk", "_holds")

    def __init__(self, *args: Any, walk: FeatureWalk, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.walk = walk
        self._holds: bool | None = None  # not known until the first text with features

    def _raw_score(self, text: bytes) -> Any:
        if self._holds is False:
            return super()._raw_score(text)
        scores = self._walked_score(text)
        if scores is None:
            return super()._raw_score(text)
        if self._holds is None:
            own = super()._raw_score(text)
            self._holds = bool(np.array_equal(scores, own))
            return own
        return scores

    def _walked_score(self, text: bytes) -> Any:
        """py3langid's _sparse_score, on the arrays of the walk's count; None without one."""
        counted = self.walk.counted(text)
        if counted is None:
            return None
        features, counts = counted
        return np.log1p(counts) @ self.nb_ptc[features] + self.nb_pc
