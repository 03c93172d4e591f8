"""The atheris (libFuzzer) targets: bytes in, an Article, an InputError or findings out, never a crash.

Run through fuzz/run_atheris.py (`make fuzz`), which picks the target by WIREFEED_FUZZ_TARGET:
`.txt` or `.html` (that reader plus normalize and rendering), `sidecar` (the bytes as the
`.toml` beside a good wire story, read from disk as a build reads it) or `check` (the bytes
given to `wirefeed check`'s library entry, wirefeed.check.check_bytes, under each of the names
that choose its checker). It seeds the target with the repository's files of that kind, bounds
its time and reports how many inputs it tried. libFuzzer writes a crashing input to the
`-artifact_prefix` it is given: tests/fuzz_corpus/, where tests/test_fuzz.py replays it.
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports(include=["wirefeed", "fuzz"]):
    from fuzz.properties import check_document, check_input, check_sidecar_bytes, is_known_crash

TARGET = os.environ.get("WIREFEED_FUZZ_TARGET", os.environ.get("WIREFEED_FUZZ_READER", ".txt"))


def run_target(data: bytes) -> None:
    if TARGET == "sidecar":
        check_sidecar_bytes(data)
    elif TARGET == "check":
        check_document(data)
    else:
        check_input(data, TARGET)


def test_one_input(data: bytes) -> None:
    try:
        run_target(data)
    except (ValueError, AttributeError) as error:
        # Already in tests/fuzz_corpus/ and reported; go on to find the next one.
        if not is_known_crash(error):
            raise


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
