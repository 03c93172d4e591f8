"""The wire-copy reader: every layout variant the format allows, with exact values and places."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED
from wirefeed.errors import InputError
from wirefeed.model import Draft, DraftAgent, DraftImage, Found
from wirefeed.readers.text import read_text


def read(text: str | bytes) -> Draft:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_text(Path("story.txt"), data)


BODY = "\n\nFirst paragraph of the story.\n\nSecond paragraph of the story.\n"


def test_seed_layout() -> None:
    draft = read_text(SEED, SEED.read_bytes())
    assert draft.sections == (Found("SOURCE\u00a0/\u00a0ECONOMY", "line 1"),)
    assert draft.headline == Found("China-US working group to tackle tech and trade restrictions in semiconductor industry", "line 2")
    assert draft.published == Found("Mar 11, 2021 12:58 PM", "line 3")
    assert draft.modified is None
    assert [image.where for image in draft.images] == ["line 4", "line 6"]
    assert draft.images[0].caption is not None and draft.images[0].caption.endswith("capital of Guizhou on Sunday. Photo: IC")
    assert draft.images[0].caption == draft.images[1].caption
    assert len(draft.body) == 7
    assert draft.body[0].where == "line 9"
    assert draft.body[0].value.startswith("The China Semiconductor Industry Association (CSIA) announced")
    assert draft.body[-1].value.endswith("conduct dialogue, said CSIA.")
    assert draft.signoff == Found("Global Times", "line 23")
    assert draft.authors == ()
    assert draft.dateline is None
    assert draft.source.format == "text"
    assert draft.source.sha256 == "1457152d8ea2735afc293853486b48ac77d0f51004ccbaf866498175fbb87092"


@pytest.mark.parametrize("line", ["SOURCE / ECONOMY", "World > Asia", "NEWS | CHINA", "Home » Business", "SOURCE\u00a0/\u00a0ECONOMY", "BUSINESS"])
def test_section_line_variants(line: str) -> None:
    draft = read(f"{line}\nA headline\nPublished: 2021-03-11 12:58{BODY}")
    assert draft.sections == (Found(line, "line 1"),)
    assert draft.headline == Found("A headline", "line 2")


def test_without_section_line_the_first_line_is_the_headline() -> None:
    draft = read(f"A headline about trade\nPublished: 2021-03-11 12:58{BODY}")
    assert draft.sections == ()
    assert draft.headline == Found("A headline about trade", "line 1")


def test_headline_in_capitals_is_not_taken_for_a_section() -> None:
    draft = read(f"CHINA EXPORTS SURGE\nPublished: 2021-03-11 12:58{BODY}")
    assert draft.sections == ()
    assert draft.headline == Found("CHINA EXPORTS SURGE", "line 1")


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Published: Mar 11, 2021 12:58 PM", "Mar 11, 2021 12:58 PM"),
        ("Published: 2021-03-11 12:58", "2021-03-11 12:58"),
        ("Published on: 11 March 2021", "11 March 2021"),
        ("Date: March 11, 2021 12:58 p.m.", "March 11, 2021 12:58 p.m."),
        ("March 11, 2021 12:58 p.m.", "March 11, 2021 12:58 p.m."),
        ("2021-03-11T12:58:00+08:00", "2021-03-11T12:58:00+08:00"),
        ("11 March 2021", "11 March 2021"),
    ],
)
def test_published_line_variants(line: str, value: str) -> None:
    draft = read(f"Headline\n{line}{BODY}")
    assert draft.published == Found(value, "line 2")


def test_updated_lines() -> None:
    draft = read(f"Headline\nPublished: Mar 11, 2021 12:58 PM\nLast updated: Mar 11, 2021 3:00 PM{BODY}")
    assert draft.published == Found("Mar 11, 2021 12:58 PM", "line 2")
    assert draft.modified == Found("Mar 11, 2021 3:00 PM", "line 3")


def test_published_and_updated_on_one_line() -> None:
    draft = read(f"Headline\nPublished: Mar 11, 2021 12:58 PM Updated: Mar 12, 2021 9:00 AM{BODY}")
    assert draft.published == Found("Mar 11, 2021 12:58 PM", "line 2")
    assert draft.modified == Found("Mar 12, 2021 9:00 AM", "line 2")


@pytest.mark.parametrize(
    "byline",
    ["By A and B", "By Wang Qi, Li Xuanmin and Chen Qingqing", "By Yin Yeping | Global Times"],
)
def test_byline_is_kept_whole_for_normalize_to_split(byline: str) -> None:
    draft = read(f"Headline\nPublished: 2021-03-11\n{byline}{BODY}")
    assert draft.authors == (DraftAgent(name=Found(byline[3:], "line 3")),)


def test_dateline_opening_the_first_paragraph() -> None:
    draft = read("Headline\nPublished: 2021-03-11\n\nBEIJING, March 11 (Xinhua) -- China said on Thursday it would act.\n\nMore.\n")
    assert draft.dateline == Found("BEIJING, March 11 (Xinhua)", "line 4")
    assert draft.body == (Found("China said on Thursday it would act.", "line 4"), Found("More.", "line 6"))


def test_dateline_on_its_own_line() -> None:
    draft = read("Headline\nPublished: 2021-03-11\nWASHINGTON (Reuters) -\n\nThe story.\n\nMore.\n")
    assert draft.dateline == Found("WASHINGTON (Reuters)", "line 3")
    assert draft.body[0] == Found("The story.", "line 5")


@pytest.mark.parametrize(
    "caption",
    [
        "Workers at a plant in Hefei. Photo: IC",
        "Workers at a plant in Hefei. Photo: Xinhua",
        "Workers at a plant in Hefei (Photo: VCG)",
        "Workers at a plant in Hefei Photo/Agencies",
        "Workers at a plant in Hefei. Photo: Li Hao/GT",
    ],
)
def test_caption_variants_in_header_and_body(caption: str) -> None:
    header = read(f"Headline\nPublished: 2021-03-11\n{caption}{BODY}")
    assert header.images == (DraftImage(where="line 3", caption=caption),)
    in_body = read(f"Headline\nPublished: 2021-03-11\n\nFirst paragraph.\n\n{caption}\n\nLast paragraph.\n")
    assert in_body.images == (DraftImage(where="line 6", caption=caption),)
    assert [found.value for found in in_body.body] == ["First paragraph.", "Last paragraph."]


def test_sentence_mentioning_a_photo_stays_body() -> None:
    draft = read("Headline\nPublished: 2021-03-11\n\nShe showed a photo: it was lovely\n\nMore text here.\n")
    assert draft.images == ()
    assert [found.value for found in draft.body] == ["She showed a photo: it was lovely", "More text here."]


@pytest.mark.parametrize("signoff", ["Global Times", "Xinhua", "(Reuters)", "-- AP"])
def test_signoff_is_not_body(signoff: str) -> None:
    draft = read(f"Headline\nPublished: 2021-03-11\n\nThe story.\n\nThe end of it.\n\n{signoff}\n")
    assert draft.signoff == Found(signoff, "line 8")
    assert [found.value for found in draft.body] == ["The story.", "The end of it."]


def test_a_last_sentence_is_not_a_signoff() -> None:
    draft = read("Headline\nPublished: 2021-03-11\n\nThe story.\n\nIt ended well.\n")
    assert draft.signoff is None
    assert draft.body[-1] == Found("It ended well.", "line 6")


def test_crlf_bom_and_trailing_spaces_read_like_plain_lf() -> None:
    plain = read("SOURCE / ECONOMY\nHeadline\nPublished: 2021-03-11 12:58\n\nThe story.\n\nMore.\n\nGlobal Times\n")
    messy = read(b"\xef\xbb\xbfSOURCE / ECONOMY  \r\nHeadline \t\r\nPublished: 2021-03-11 12:58   \r\n\r\nThe story.  \r\n\r\nMore.\r\n  \r\nGlobal Times\r\n")
    assert messy.headline == plain.headline
    assert messy.sections == plain.sections
    assert messy.published == plain.published
    assert messy.body == plain.body
    assert messy.signoff == plain.signoff


def test_hard_wrapped_paragraphs_are_joined() -> None:
    draft = read("Headline\nPublished: 2021-03-11\n\nThe first paragraph is wrapped\nacross two lines.\n\nSecond.\n")
    assert draft.body == (Found("The first paragraph is wrapped across two lines.", "line 4"), Found("Second.", "line 7"))


def test_one_paragraph_per_line_without_blank_lines() -> None:
    draft = read("Headline\nPublished: 2021-03-11\n\nFirst sentence here.\nSecond one here.\nThird one.\n")
    assert draft.body == (Found("First sentence here.", "line 4"), Found("Second one here.", "line 5"), Found("Third one.", "line 6"))


def test_utf16_with_bom() -> None:
    draft = read("Headline\nPublished: 2021-03-11\n\nBody.\n".encode("utf-16"))
    assert draft.headline == Found("Headline", "line 1")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n"])
def test_empty_file_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        read(data)
    assert str(caught.value) == "story.txt: the file is empty; expected an article"


def test_binary_file_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff\xfe")
    assert str(caught.value) == "story.txt: binary data, not text; expected an article in a text encoding"
