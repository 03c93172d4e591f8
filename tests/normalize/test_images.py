"""An image's place in the body survives cleaning: it counts the paragraphs the Article keeps."""

from __future__ import annotations

from wirefeed.model import DraftImage, Image
from wirefeed.normalize.images import normalize_images


def test_a_place_counts_only_the_paragraphs_kept() -> None:
    drafts = (
        DraftImage("og:image", url="https://x.example/lead.jpg"),
        DraftImage("<figure>", url="https://x.example/a.jpg", position=1),
        DraftImage("<figure>", url="https://x.example/b.jpg", position=3),
        DraftImage("<figure>", url="https://x.example/c.jpg", position=7),
    )
    # The second paragraph cleaned to nothing: the Article's body is ("One.", "Three.").
    images = normalize_images(drafts, "https://site.example/", ["One.", "", "Three."])
    assert [image.position for image in images] == [None, 1, 2, 2]
    assert images[1] == Image(url="https://x.example/a.jpg", position=1)
