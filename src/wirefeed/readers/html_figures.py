"""A page's pictures: the lead image and the captioned figures, each once, each where it stands.

A figure's place in the body is found from the page itself: the text block just before it
(else just after it) is looked up among the body's paragraphs. A picture the page gives
twice (og:image and the in-body figure at another size) is one image, at the figure's place.
"""

from __future__ import annotations

from wirefeed.model import DraftImage
from wirefeed.readers.html_filters import absolute_url, compact, image_key
from wirefeed.readers.html_harvest import FigureContext, Harvest
from wirefeed.readers.html_precedence import FIGURE_SOURCE, sources

# Characters of a neighbouring block compared with a paragraph: enough to tell paragraphs
# apart, few enough that a block the extractor trimmed (a trailing "Read more") still matches.
_ANCHOR_CHARS = 60


def page_images(harvest: Harvest, base: str | None, paragraphs: list[str]) -> tuple[DraftImage, ...]:
    """The lead image from the best source, then every captioned figure not already it,
    each figure with its place among `paragraphs` (the Draft's body)."""
    contexts = harvest.figure_context
    keys = [compact(paragraph) for paragraph in paragraphs] if contexts else []  # only figures are placed
    figures = [
        _absolute_image(figure, base, _position(contexts[index], keys) if index < len(contexts) else None)
        for index, figure in enumerate(harvest.images.get(FIGURE_SOURCE, []))
    ]
    lead = next((harvest.images[source][0] for source in sources("images") if harvest.images.get(source)), None)
    if lead is None:
        return tuple(_unique_by_picture(figures))
    lead = _absolute_image(lead, base, None)
    same = next((figure for figure in figures if image_key(figure.url) == image_key(lead.url)), None)
    if same is not None:
        lead = DraftImage(where=lead.where, url=lead.url, caption=lead.caption or same.caption, credit=lead.credit,
                          width=lead.width or same.width, height=lead.height or same.height, position=same.position)
    return tuple(_unique_by_picture([lead, *figures]))


def _position(context: FigureContext, keys: list[str]) -> int | None:
    """The number of paragraphs before the figure: after the paragraph that the text before it
    ends, else before the paragraph that the text after it starts; None when neither is in the body."""
    before = compact(context.before)[-_ANCHOR_CHARS:]
    if before:
        for index, key in enumerate(keys):
            if key.endswith(before) or (len(key) <= len(before) and before.endswith(key) and key):
                return index + 1
    after = compact(context.after)[:_ANCHOR_CHARS]
    if after:
        for index, key in enumerate(keys):
            if key.startswith(after) or (len(key) <= len(after) and after.startswith(key) and key):
                return index
    return None


def _absolute_image(image: DraftImage, base: str | None, position: int | None) -> DraftImage:
    return DraftImage(where=image.where, url=absolute_url(image.url, base), caption=image.caption,
                      credit=image.credit, width=image.width, height=image.height, position=position)


def _unique_by_picture(images: list[DraftImage]) -> list[DraftImage]:
    """One image per picture: the same photo at two sizes (og:image and the figure) is kept once, first."""
    seen: set[str] = set()
    unique: list[DraftImage] = []
    for image in images:
        key = image_key(image.url)
        if key is None or key not in seen:
            unique.append(image)
            if key:
                seen.add(key)
    return unique
