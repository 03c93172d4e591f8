"""How close the bodies wirefeed extracts are to the article text a person would keep.

Run: .venv/bin/python benchmarks/body_quality.py [--corpus ../shared/corpus/readability] [--worst 10]

The readability corpus has, beside each page, `expected.html`: Readability.js's article
text, reviewed by its maintainers. Each page's body (the Draft's paragraphs, as html.py
returns them) and that text are compared as bags of words (case-folded `\\w+` tokens;
CJK text counted a character at a time, since it has no spaces):
  precision = shared words / words we kept     (1 - precision: boilerplate kept: menus, share lines)
  recall    = shared words / words expected    (1 - recall: article text lost)
Means over pages (each page weighs the same), and the pages with no body at all.
Readability's text is one extractor's view, not ground truth: it keeps some captions and
bylines a reader would skip; the numbers compare versions of wirefeed, not tools.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from wirefeed.readers.html import read_html  # noqa: E402

_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W_]+")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "readability"


def words(text: str) -> Counter[str]:
    return Counter(word.casefold() for word in _WORD.findall(text))


def expected_text(folder: Path) -> str:
    tree = lxml.html.fromstring((folder / "expected.html").read_text(encoding="utf-8", errors="replace"))
    return " ".join(tree.itertext())


def page_scores(folder: Path) -> tuple[float, float, int] | None:
    source = folder / "source.html"
    if not source.exists() or not (folder / "expected.html").exists():
        return None
    draft = read_html(source, source.read_bytes())
    got = words(" ".join(paragraph.value for paragraph in draft.body))
    want = words(expected_text(folder))
    if not want:
        return None
    shared = sum((got & want).values())
    precision = shared / sum(got.values()) if got else 0.0
    return precision, shared / sum(want.values()), sum(got.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--worst", type=int, default=0, help="list the N pages of lowest precision")
    arguments = parser.parse_args()
    scores: dict[str, tuple[float, float, int]] = {}
    for folder in sorted(path for path in arguments.corpus.iterdir() if path.is_dir()):
        result = page_scores(folder)
        if result is not None:
            scores[folder.name] = result
    precision = statistics.mean(score[0] for score in scores.values())
    recall = statistics.mean(score[1] for score in scores.values())
    f1 = statistics.mean(2 * p * r / (p + r) if p + r else 0.0 for p, r, _ in scores.values())
    empty = [name for name, score in scores.items() if score[2] == 0]
    print(f"pages {len(scores)}  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  no body {len(empty)} {empty}")
    for name, (p, r, count) in sorted(scores.items(), key=lambda item: item[1][0])[: arguments.worst]:
        print(f"  {name:32} precision {p:.3f} recall {r:.3f} words {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
