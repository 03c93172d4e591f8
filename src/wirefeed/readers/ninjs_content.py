"""The words and pictures of a ninjs item: headline, description, body and associated images.

2.x and 3.x give each as an array of objects with a `role` and a content type; 1.x as keys with
a suffix (`headline_main`, `body_html`, `description_text`). Markup is turned into paragraphs by
readers.fragment, which keeps text only (no script, no link survives into the body).
"""

from __future__ import annotations

import re
from pathlib import Path

from wirefeed.model import DraftImage, Found
from wirefeed.readers.fragment import html_paragraphs, text_paragraphs
from wirefeed.readers.jsonpointer import JsonObject, objects_at, text_at

__all__ = ["body_of", "description_of", "headline_of", "images_of"]

_MAIN_ROLES = ("main", "", "headline", "title")
_SUB_ROLES = frozenset({"sub", "subheadline", "subhead", "subtitle", "secondary"})
# A 1.x key suffix or a content type that says the value is markup.
_MARKUP = re.compile(r"html|xhtml|richtext", re.IGNORECASE)
_PLAIN = re.compile(r"^(?:text/plain|text|plain|main)?$", re.IGNORECASE)
_PICTURE_TYPES = frozenset({"picture", "graphic"})
# The largest picture a page needs: a wider rendition (an agency's 4,724-pixel original, 10 MB)
# is passed over for the widest one within it.
_WEB_WIDTH = 2048


def headline_of(path: Path, item: JsonObject, base: str = "") -> Found[str] | None:
    """The main headline: `headlines[]` with role main (else the first), or 1.x `headline`/`headline_*`."""
    entries = [(place, entry) for place, entry in objects_at(path, item, base, "headlines")]
    for role in _MAIN_ROLES:
        for place, entry in entries:
            if _role(entry) == role and (found := text_at(path, entry, place, "value")):
                return found
    for place, entry in entries:
        if found := text_at(path, entry, place, "value"):
            return found
    return text_at(path, item, base, "headline", *_suffixed(item, "headline_"))


def description_of(path: Path, item: JsonObject, base: str = "") -> Found[str] | None:
    """A sub-headline, else the first description (`descriptions[]`, or 1.x `description_*`)."""
    for place, entry in objects_at(path, item, base, "headlines"):
        if _role(entry) in _SUB_ROLES and (found := text_at(path, entry, place, "value")):
            return found
    for place, entry in objects_at(path, item, base, "descriptions"):
        if found := text_at(path, entry, place, "value"):
            return _as_text(found, _content_type(entry))
    for key in _suffixed(item, "description_"):
        if found := text_at(path, item, base, key):
            return _as_text(found, key)
    return None


def body_of(path: Path, item: JsonObject) -> tuple[Found[str], ...]:
    """The body's paragraphs: the first HTML body (it marks the paragraphs), else the first plain one.

    A body in another form (an agency's own XML, `application/xml`) is passed over.
    """
    candidates = _body_candidates(path, item)
    for kind, found in candidates:
        if _MARKUP.search(kind):
            return tuple(Found(paragraph, found.where) for paragraph in html_paragraphs(found.value))
    for kind, found in candidates:
        if _PLAIN.match(kind):
            return tuple(Found(paragraph, found.where) for paragraph in text_paragraphs(found.value))
    return ()


def _body_candidates(path: Path, item: JsonObject) -> list[tuple[str, Found[str]]]:
    """(content type, value) of each body: `bodies[]` (2.x/3.x), then 1.x `body_<type>` keys."""
    candidates = []
    for place, entry in objects_at(path, item, "", "bodies"):
        if found := text_at(path, entry, place, "value"):
            candidates.append((_content_type(entry), found))
    for key in _suffixed(item, "body_"):
        if found := text_at(path, item, "", key):
            candidates.append((key.removeprefix("body_"), found))
    return candidates


def images_of(path: Path, item: JsonObject) -> tuple[DraftImage, ...]:
    """The pictures associated with the item, each with its best rendition, caption and credit."""
    images = []
    for place, association in objects_at(path, item, "", "associations"):
        if not _is_picture(association):
            continue
        rendition = _web_rendition(path, association, place)
        caption = description_of(path, association, place) or headline_of(path, association, place)
        credit = text_at(path, association, place, "by", "byline", "copyrightHolder", "copyrightholder")
        width, height = (_size(rendition, "width"), _size(rendition, "height")) if rendition else (None, None)
        images.append(DraftImage(
            where=place, url=rendition.get("href") if rendition else None,
            caption=caption.value if caption else None, credit=credit.value if credit else None,
            width=width, height=height,
        ))
    return tuple(images)


def _role(entry: JsonObject) -> str:
    role = entry.get("role")
    return role.strip().lower() if isinstance(role, str) else ""


def _content_type(entry: JsonObject) -> str:
    for key in ("contentType", "contenttype", "mimetype"):
        value = entry.get(key)
        if isinstance(value, str):
            return value.strip()
    return ""


def _suffixed(item: JsonObject, prefix: str) -> list[str]:
    """1.x keys such as `body_html`, `body_text`, in the document's order."""
    return [key for key in item if key.startswith(prefix) and len(key) > len(prefix)]


def _as_text(found: Found[str], kind: str) -> Found[str]:
    if not _MARKUP.search(kind):
        return found
    return Found(" ".join(html_paragraphs(found.value)), found.where)


def _is_picture(association: JsonObject) -> bool:
    kind = association.get("type")
    if isinstance(kind, str):
        return kind.strip().lower() in _PICTURE_TYPES
    # Untyped: a picture when its renditions are images.
    renditions = association.get("renditions")
    values = renditions.values() if isinstance(renditions, dict) else renditions if isinstance(renditions, list) else []
    return any(isinstance(rendition, dict) and _content_type(rendition).startswith("image/") for rendition in values)


def _web_rendition(path: Path, association: JsonObject, place: str) -> JsonObject | None:
    """The widest rendition within _WEB_WIDTH (else the narrowest wider one); the first when none
    gives its width. Only renditions with an address and an image type (or none given) count."""
    renditions = [
        rendition for _, rendition in objects_at(path, association, place, "renditions")
        if isinstance(rendition.get("href"), str) and _content_type(rendition) in ("", *_image_type(rendition))
    ]
    sized = [rendition for rendition in renditions if _size(rendition, "width")]
    if not sized:
        return renditions[0] if renditions else None
    fitting = [rendition for rendition in sized if (_size(rendition, "width") or 0) <= _WEB_WIDTH]
    if fitting:
        return max(fitting, key=lambda rendition: _size(rendition, "width") or 0)
    return min(sized, key=lambda rendition: _size(rendition, "width") or 0)


def _image_type(rendition: JsonObject) -> tuple[str, ...]:
    kind = _content_type(rendition)
    return (kind,) if kind.startswith("image/") else ()


def _size(rendition: JsonObject, key: str) -> int | None:
    value = rendition.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value
