"""A long hypothesis run of fuzz/properties.py: `python -m fuzz.long_run --examples 5000`.

Prints how many inputs were tried and how they ended. A crashing input (an exception other
than InputError) is saved to tests/fuzz_corpus/ — raw bytes for the reader, JSON for a Draft —
where tests/test_fuzz.py replays it for good; the run then fails with hypothesis's report.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.properties import any_input, check_document, check_files, check_sidecar_bytes, html_pages, is_known_crash, check_input, check_outputs, drafts, normalized_or_input_error, sidecar_texts, wire_stories
from wirefeed.model import Article, Draft

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fuzz_corpus"
T = TypeVar("T")


def save_crash(name: str, data: bytes) -> Path:
    CORPUS.mkdir(exist_ok=True)
    path = CORPUS / name.format(digest=hashlib.sha256(data).hexdigest()[:16])
    path.write_bytes(data)
    return path


def draft_json(draft: Draft) -> bytes:
    """A Draft as JSON (lone surrogates as \\u escapes), for tests/test_fuzz.py to rebuild."""
    return json.dumps(asdict(draft), default=str, indent=1).encode("ascii")


def run(name: str, strategy: st.SearchStrategy[T], check: Callable[[T], str], save: Callable[[T], Path], examples: int, outcomes: Counter[str]) -> None:
    last_crash: list[T] = []

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def property_holds(value: T) -> None:
        try:
            outcomes[check(value)] += 1
        except Exception as error:
            if is_known_crash(error):
                outcomes["known"] += 1
                return
            last_crash[:] = [value]  # hypothesis shrinks: the last one to fail is the smallest
            raise

    try:
        property_holds()
    except Exception:
        outcomes["crashed"] += 1
        print(f"{name}: crash saved to {save(last_crash[0])}", file=sys.stderr)
        raise


def check_bytes(data: bytes) -> str:
    return "published" if isinstance(check_input(data), Article) else "refused"


def check_page(data: bytes) -> str:
    return "published" if isinstance(check_input(data, ".html"), Article) else "refused"


def check_story_and_sidecar(pair: tuple[bytes, str]) -> str:
    return "published" if isinstance(check_files(*pair), Article) else "refused"


def save_story_and_sidecar(pair: tuple[bytes, str]) -> Path:
    """The story and its sidecar under one name (`x.txt` and `x.toml`), as a build finds them."""
    story, sidecar = pair
    sidecar_bytes = sidecar.encode("utf-8", errors="surrogatepass")
    stem = "hypothesis-" + hashlib.sha256(story + b"\0" + sidecar_bytes).hexdigest()[:16]
    save_crash(stem + ".toml", sidecar_bytes)
    return save_crash(stem + ".txt", story)


def check_sidecar(sidecar: bytes) -> str:
    return "published" if isinstance(check_sidecar_bytes(sidecar), Article) else "refused"


def check_checked(data: bytes) -> str:
    check_document(data)
    return "checked"


def check_draft(draft: Draft) -> str:
    result = normalized_or_input_error(draft)
    if isinstance(result, Article):
        check_outputs(result)
        return "published"
    return "refused"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=5000, help="inputs per property")
    arguments = parser.parse_args(argv)
    outcomes: Counter[str] = Counter()
    started = time.monotonic()
    status = 0
    targets: list[tuple[str, Any, Callable[[Any], str], Callable[[Any], Path]]] = [
        ("text reader + normalize", any_input, check_bytes, lambda data: save_crash("hypothesis-{digest}.txt", data)),
        ("HTML reader + normalize", st.one_of(html_pages(), any_input), check_page, lambda data: save_crash("hypothesis-{digest}.html", data)),
        ("text reader + sidecar + normalize", st.tuples(wire_stories(), sidecar_texts), check_story_and_sidecar, save_story_and_sidecar),
        ("sidecar bytes + normalize", st.one_of(sidecar_texts.map(lambda text: text.encode("utf-8", errors="surrogatepass")), st.binary(max_size=1024)),
         check_sidecar, lambda data: save_crash("hypothesis-{digest}.sidecar", data)),
        ("check", st.one_of(html_pages(), st.binary(max_size=2048)), check_checked, lambda data: save_crash("hypothesis-{digest}.checked", data)),
        ("normalize", drafts(), check_draft, lambda draft: save_crash("hypothesis-{digest}.draft.json", draft_json(draft))),
    ]
    for name, strategy, check, save in targets:
        try:
            run(name, strategy, check, save, arguments.examples, outcomes)
        except Exception as error:  # reported above; go on with the other property
            print(f"{name}: {type(error).__name__}: {error}", file=sys.stderr)
            status = 1
    tried = sum(outcomes.values())
    print(
        f"hypothesis: {tried} inputs tried in {time.monotonic() - started:.0f} s: "
        f"{outcomes['published']} published and rendered, {outcomes['refused']} refused with an InputError, "
        f"{outcomes['checked']} checked, "
        + (f"{outcomes['known']} hit a known crash (fuzz/properties.py KNOWN_CRASHES), " if outcomes["known"] else "")
        + f"{outcomes['crashed']} new crashes"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
