"""Captions with their credits split off, repeated pictures dropped, URLs made absolute."""

from __future__ import annotations

from collections.abc import Sequence

from wirefeed.model import DraftImage, Image
from wirefeed.normalize.text import clean_text
from wirefeed.normalize.urls import web_url
from wirefeed.readers.patterns import credit_of


def split_credit(caption: str) -> tuple[str, str | None]:
    """`... on Sunday. Photo: IC` -> (`... on Sunday.`, `IC`)."""
    match = credit_of(caption)
    if match is None:
        return caption, None
    return caption[: match.start()].rstrip(), match.group("credit").strip()


def normalize_images(drafts: tuple[DraftImage, ...], base_url: str, paragraphs: Sequence[str] = ()) -> tuple[Image, ...]:
    """Clean images; a picture given twice (same URL, or same caption and no URL) is kept once.

    `paragraphs`: the Draft's body paragraphs as cleaned, "" for one that cleaning emptied
    (and the Article leaves out): an image's place counts the paragraphs kept before it.
    """
    kept_before = [0]
    for paragraph in paragraphs:
        kept_before.append(kept_before[-1] + bool(paragraph))
    images: dict[tuple[str | None, ...], Image] = {}
    for draft in drafts:
        image = _image(draft, base_url, _place(draft.position, kept_before))
        if image is not None:
            images.setdefault(_picture_key(image), image)
    return tuple(images.values())


def _place(position: int | None, kept_before: list[int]) -> int | None:
    """A Draft body position as a position in the Article's body."""
    if position is None:
        return None
    return kept_before[min(position, len(kept_before) - 1)]


def _image(draft: DraftImage, base_url: str, position: int | None) -> Image | None:
    caption_text = clean_text(draft.caption or "")
    caption, credit = split_credit(caption_text)
    credit = clean_text(draft.credit) if draft.credit else credit
    # A picture whose address is not http(s) (`javascript:`, `data:`) keeps its caption, not the address.
    url = web_url(draft.url, base_url) if draft.url else None
    if not (url or caption or credit):
        return None
    return Image(url=url, caption=caption or None, credit=credit or None, width=draft.width, height=draft.height, position=position)


def _picture_key(image: Image) -> tuple[str | None, ...]:
    """Equal for the same picture: the same URL, or no URL and the same caption and credit.
    (A key, not a pairwise test: a page may list thousands of images.)"""
    if image.url:
        return ("url", image.url)
    return ("caption", image.caption, image.credit)
