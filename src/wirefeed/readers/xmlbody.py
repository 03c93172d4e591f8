"""The paragraphs and pictures of a body carried as XML: NITF `body.content` or XHTML.

An article's body is plain paragraphs in wirefeed, so every tag is taken out and only
text is kept: a `javascript:` link keeps its words and loses its address, and the
content of scripts, styles, embedded objects and forms is dropped whole (xmlsafe.HOSTILE).
Pictures (`<figure>`, NITF `<media>`) become images, not text.
"""

from __future__ import annotations

from dataclasses import dataclass

from wirefeed.model import DraftImage, Found
from wirefeed.readers.xmlsafe import HOSTILE, attribute, child, children, descendants, local, place, text_of

import lxml.etree

# Elements holding one paragraph of text each (XHTML blocks and NITF's own).
_BLOCKS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "hl1", "hl2", "li", "dt", "dd", "blockquote", "pre", "td", "th",
    "caption", "bq", "block",
})
# Parts of a body that are not its running text: pictures (read as images), NITF's head and
# end (headline, byline, contact lines: read from their own elements or not published),
# editors' notes and the page furniture of HTML.
_NOT_TEXT = HOSTILE | frozenset({
    "figure", "media", "img", "body.head", "body.end", "note", "ed-msg", "nav", "aside", "header", "footer",
})
# Inline elements: their text counts inside a paragraph, never as one of its own.
_INLINE = frozenset({
    "span", "a", "b", "i", "em", "strong", "small", "sub", "sup", "u", "s", "mark", "abbr", "cite", "code",
    "q", "time", "br", "wbr", "font", "label", "data", "var", "kbd", "samp", "dfn", "bdi", "bdo", "ins", "del",
    "person", "org", "location", "chron", "money", "num", "object.title", "event", "function", "virtloc", "classifier",
})
_PICTURE_TYPES = ("image", "photo", "picture", "graphic")


def body_paragraphs(body: lxml.etree._Element) -> list[Found[str]]:
    """Each block's text with its place, in document order; text outside any block is one more paragraph."""
    paragraphs: list[Found[str]] = []
    _walk(body, paragraphs)
    return [paragraph for paragraph in paragraphs if paragraph.value]


def _walk(element: lxml.etree._Element, paragraphs: list[Found[str]]) -> None:
    name = local(element)
    if name in _NOT_TEXT or not isinstance(element.tag, str):
        return
    if name in _BLOCKS and not any(local(node) in _BLOCKS for node in element.iterdescendants()):
        paragraphs.append(Found(text_of(element, _NOT_TEXT), place(element)))
        return
    # Text loose in a container (`<div>text</div>`) is a paragraph; text in inline elements
    # outside any paragraph (`<div><span>Culture</span><span>TT</span></div>`) is page furniture.
    for loose in (element.text, *(node.tail for node in element)):
        if loose and loose.strip() and name not in _INLINE:
            paragraphs.append(Found(" ".join(loose.split()), place(element)))
    for node in element:
        _walk(node, paragraphs)


@dataclass(frozen=True, slots=True)
class Figure:
    """A picture in a body, and what it names as its source (a picture item's guid, a media id)."""

    image: DraftImage
    reference: str | None


def figure_images(body: lxml.etree._Element) -> list[Figure]:
    """XHTML `<figure>`s: the picture's address, its caption and the credit a byline gives."""
    images: list[Figure] = []
    for figure in descendants(body, "figure"):
        picture = next(descendants(figure, "img"), None)
        caption = child(figure, "figcaption")
        credit = next((node for node in figure.iter() if attribute(node, "class") in ("byline", "credit", "photographer")), None)
        reference = attribute(picture, "data-uri") or attribute(picture, "uri")
        images.append(Figure(DraftImage(
            where=place(figure),
            url=web_url(attribute(picture, "src")),
            caption=text_of(caption) if caption is not None else attribute(picture, "alt"),
            credit=text_of(credit) if credit is not None else None,
            width=pixels(attribute(picture, "width")),
            height=pixels(attribute(picture, "height")),
        ), reference))
    return images


def media_images(body: lxml.etree._Element) -> list[Figure]:
    """NITF `<media media-type="image">`: the reference's address and size, caption and producer (credit)."""
    images: list[Figure] = []
    for media in descendants(body, "media"):
        if (attribute(media, "media-type") or "image").lower() not in _PICTURE_TYPES:
            continue
        reference = child(media, "media-reference")
        caption = child(media, "media-caption")
        producer = child(media, "media-producer")
        source = attribute(reference, "source")
        images.append(Figure(DraftImage(
            where=place(media),
            url=web_url(source),
            caption=text_of(caption) if caption is not None else attribute(reference, "alternate-text"),
            credit=text_of(producer) or None if producer is not None else None,
            width=pixels(attribute(reference, "width")),
            height=pixels(attribute(reference, "height")),
        ), source))
    return images


def web_url(value: str | None) -> str | None:
    """An absolute http(s) address, else None: a relative one would resolve against our site, not the agency's."""
    return value if value and value.lower().startswith(("http://", "https://")) else None


def pixels(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and 0 < int(value) < 100_000 else None
