"""Stable identities: the article id, its slug and its feed GUID."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_LIMIT = 100


def slugify(text: str, limit: int = SLUG_LIMIT) -> str:
    """ASCII, lower case, words joined by hyphens, cut at a word; empty when nothing Latin is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower().replace("'", "").replace("’", "")).strip("-")
    if len(slug) > limit:
        slug = slug[: limit + 1].rsplit("-", 1)[0]
    return slug


def article_slug(headline: str, article_id: str) -> str:
    """The headline's slug; for a headline with no Latin letters, one made from the id."""
    slug = slugify(headline)
    if len(slug) >= 3:
        return slug
    digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else f"article-{digest}"


def article_guid(base_url: str, article_id: str) -> str:
    """A GUID that depends only on the site and the article id: never on its headline or dates."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{base_url}#article/{article_id}").urn


def name_slug(name: str) -> str:
    """A slug for a name (section, author) that is never empty and never shared by two names."""
    slug = slugify(name)
    if slug:
        return slug
    return "n-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
