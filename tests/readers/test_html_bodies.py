"""Bodies of real pages without their boilerplate (issue 15): trafilatura's precision mode,
kept only when it keeps most of the article (the quality gate in readers/html_body.py)."""

from __future__ import annotations

import gzip
from pathlib import Path

from wirefeed.readers.html import read_html
from wirefeed.readers.html_body import gated

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def body(relative: str) -> list[str]:
    path = FIXTURES / relative
    return [paragraph.value for paragraph in read_html(path.with_suffix(""), gzip.decompress(path.read_bytes())).body]


def test_a_meta_list_above_the_story_is_not_body() -> None:
    # The default mode keeps BBC's `- 24 July 2015`, `- From the section US & Canada`, `- 941 comments`.
    paragraphs = body("provenance/bbc-1.html.gz")
    assert paragraphs[0].startswith("President Barack Obama has admitted that his failure")
    assert not [paragraph for paragraph in paragraphs if paragraph.startswith("- ") and "comments" in paragraph]
    assert paragraphs[-1] == ("Mr Obama will become the first US president to address the African Union "
                              "when he travels on to Ethiopia on Sunday.")


def test_the_article_is_kept_where_precision_mode_loses_it() -> None:
    # Precision mode keeps 117 words of this review; the gate keeps the default body.
    paragraphs = body("bodies/engadget.html.gz")
    assert len(paragraphs) == 39
    assert paragraphs[0].startswith("The Xbox One X is the ultimate video game system.")
    assert paragraphs[-1].startswith("Ultimately, the Xbox One X offers some major performance upgrades")


def test_the_gate_keeps_the_precise_body_only_when_it_holds_most_words() -> None:
    story = " ".join(["word"] * 16)
    default = ["- 24 July 2015", story]
    assert gated(default, [story]) == [story]  # 16 of 20 words: boilerplate dropped
    assert gated(default, [story[:-5]]) == default  # 15 of 20 words: too much lost
    assert gated([], []) == []
