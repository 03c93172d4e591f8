"""Bodies of real pages without their boilerplate (issue 15): trafilatura's precision mode,
kept only when it keeps most of the article (the quality gate in readers/html_body.py);
figures where they stand in the body, and one picture at two sizes kept once."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from wirefeed.model import DraftImage
from wirefeed.readers.html import read_html
from wirefeed.readers.html_body import gated
from wirefeed.readers.html_filters import image_key

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


def images(relative: str) -> tuple[DraftImage, ...]:
    path = FIXTURES / relative
    return read_html(path.with_suffix(""), gzip.decompress(path.read_bytes())).images


def test_figures_keep_their_place_in_the_body() -> None:
    found = images("provenance/bbc-1.html.gz")
    paragraphs = body("provenance/bbc-1.html.gz")
    # og:image (not in the story) above the body; each figure after the paragraph it follows on the page.
    assert [image.position for image in found] == [None, 0, 15, 15, 24, 29, 33]
    assert paragraphs[14].startswith('"If you look at the number of Americans killed since 9/11')
    assert found[3].caption == "The president said he would continue fighting for greater gun control laws"


def test_the_lead_image_at_another_size_is_the_figure() -> None:
    # og:image http://www.heise.de/imgs/.../Barcode-Scanner-With-Border-f0c62350bd8d9d96.jpeg and the figure
    # //3.f.ix.de/scale/geometry/600/q75/imgs/.../Barcode-Scanner-With-Border-fc08c913da5cea5d.jpeg: one picture.
    assert images("provenance/heise.html.gz") == (DraftImage(
        where="og:image",
        url="http://www.heise.de/imgs/18/1/4/6/2/3/5/1/Barcode-Scanner-With-Border-f0c62350bd8d9d96.jpeg",
        caption="1Password scannt auch QR-Codes. (Bild: Hersteller)", position=0,
    ),)


def test_the_page_header_above_the_headline_is_not_body() -> None:
    # heise's extracted text starts `08.04.2015 12:46`, then the headline.
    assert body("provenance/heise.html.gz")[0].startswith("Das in der iOS-Version bereits enthaltene TOTP-Feature")


@pytest.mark.parametrize(("one", "other", "same"), [
    ("http://ichef.bbci.co.uk/news/1024/cpsprodpb/3D8B/production/_84455751_84455749.jpg",
     "http://ichef.bbci.co.uk/news/560/cpsprodpb/3D8B/production/_84455751_84455749.jpg", True),
    ("https://cdn.example/wp-content/uploads/2015/04/server-crash-640x215.jpg",
     "https://cdn.example/wp-content/uploads/2015/04/server-crash.jpg?resize=1", True),
    ("https://img.example/w_800,h_450,c_fill/1.jpg", "https://img.example/800x450/1.jpg", True),
    ("https://example.org/gallery/12/1.jpg", "https://example.org/gallery/13/1.jpg", False),
    ("https://example.org/a/photo-f0c62350bd8d9d96.jpg", "https://example.org/a/photo-fc08c913da5cea5d.jpg", False),
])
def test_one_picture_at_two_sizes_has_one_key(one: str, other: str, same: bool) -> None:
    assert (image_key(one) == image_key(other)) is same
