"""The atheris (libFuzzer) target for one reader: bytes in, an Article or an InputError out.

Run through fuzz/run_atheris.py (`make fuzz`), which picks the reader by its suffix
(WIREFEED_FUZZ_READER=.txt or .html), seeds it with the repository's articles, bounds its time
and reports how many inputs it tried. libFuzzer writes a crashing input to the
`-artifact_prefix` it is given: tests/fuzz_corpus/, where tests/test_fuzz.py replays it.
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports(include=["wirefeed", "fuzz"]):
    from fuzz.properties import check_input, is_known_crash

SUFFIX = os.environ.get("WIREFEED_FUZZ_READER", ".txt")


def test_one_input(data: bytes) -> None:
    try:
        check_input(data, SUFFIX)
    except (ValueError, AttributeError) as error:
        # Already in tests/fuzz_corpus/ and reported; go on to find the next one.
        if not is_known_crash(error):
            raise


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
