"""The atheris (libFuzzer) target for the readers: bytes in, an Article or an InputError out.

Run through fuzz/run_atheris.py (`make fuzz`), which seeds it with the sample articles,
bounds its time and reports how many inputs it tried. libFuzzer writes a crashing input to
the `-artifact_prefix` it is given: tests/fuzz_corpus/, where tests/test_fuzz.py replays it.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["wirefeed", "fuzz"]):
    from fuzz.properties import check_input
    from wirefeed.readers import READERS

SUFFIXES = sorted(READERS)


def test_one_input(data: bytes) -> None:
    # The first byte picks the reader, so one run covers every registered format.
    if not data:
        return
    check_input(data[1:], SUFFIXES[data[0] % len(SUFFIXES)])


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
