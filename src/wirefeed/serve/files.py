"""The files of an output folder as HTTP representations: which file a URL path names (never one
outside the folder), its media type, its strong ETag and Last-Modified, and its compressed forms.

- A path with a `..`, `.` or hidden segment, a NUL or a backslash names nothing (the server has
  decoded `%2e%2e%2f` before it gets here, so encoded traversal is the same `..`); a symbolic
  link is followed only when where it leads is inside the folder.
- A folder's URL serves its `index.html`.
- The ETag is a hash of the bytes served (so two builds giving the same bytes give the same
  ETag: the output has no build clock); a compressed form has its own (`"…-gzip"`, `"…-br"`),
  as a strong ETag names one representation.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path

# By file name first: `.xml` and `.json` are feeds, archive pages of feeds or sitemaps.
_BY_SUFFIX = {
    ".html": "text/html; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".jsonld": "application/ld+json; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
RSS = "application/rss+xml; charset=utf-8"
JSON_FEED = "application/feed+json; charset=utf-8"
# Text that compresses; images and the like are compressed already.
_COMPRESSIBLE = ("text/", "application/rss+xml", "application/atom+xml", "application/feed+json", "application/ld+json",
                 "application/json", "application/xml", "image/svg+xml")
_MIN_COMPRESSED_BYTES = 512
# HTML and feeds change with every build: a client asks again each time (a 304 is cheap).
# Other files (a logo) keep their bytes for a day.
REVALIDATE = "no-cache"
STATIC = "public, max-age=86400"


def media_type(path: Path) -> str:
    """The Content-Type of an output file, by its name."""
    name, suffix = path.name, path.suffix
    if name == "feed.xml" or (suffix == ".xml" and path.parent.name == "archive"):
        return RSS
    if name == "feed.json" or (suffix == ".json" and path.parent.name == "archive"):
        return JSON_FEED
    if suffix == ".xml":
        return "application/xml; charset=utf-8"  # sitemap.xml, news-sitemap.xml
    if name.endswith(".ninjs.json") or suffix == ".json":
        return "application/json"
    return _BY_SUFFIX.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def file_for(root: Path, url_path: str) -> Path | None:
    """The regular file under `root` that `url_path` (decoded) names; None for anything else."""
    parts = [part for part in url_path.split("/") if part]
    if any(part in (".", "..") or part.startswith(".") or "\x00" in part or "\\" in part for part in parts):
        return None
    candidate = root.joinpath(*parts)
    if candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(root.resolve()) or not resolved.is_file():
        return None
    return resolved


@dataclass(slots=True)
class Representation:
    """One file's bytes as served, with validators, and its compressed forms made on demand."""

    body: bytes
    media_type: str
    etag: str
    last_modified: str
    mtime: int
    cache_control: str
    encoded: dict[str, bytes] = field(default_factory=dict)

    def compressible(self) -> bool:
        return len(self.body) >= _MIN_COMPRESSED_BYTES and self.media_type.startswith(_COMPRESSIBLE)

    def encoded_body(self, encoding: str) -> bytes:
        if encoding not in self.encoded:
            # mtime=0: the same bytes give the same gzip bytes (and ETag) on every build and server.
            self.encoded[encoding] = gzip.compress(self.body, compresslevel=6, mtime=0) if encoding == "gzip" else _brotli(self.body)
        return self.encoded[encoding]

    def etag_for(self, encoding: str | None) -> str:
        return self.etag if encoding is None else f'{self.etag[:-1]}-{encoding}"'


def representation(path: Path, body: bytes, stat: os.stat_result) -> Representation:
    """The representation of the file at `path` whose bytes as served are `body` (watch mode adds
    its reload script) and whose status, looked up once for the request, is `stat`."""
    kind = media_type(path)
    cache = REVALIDATE if kind.startswith(("text/html", RSS, JSON_FEED, "application/atom", "application/xml", "application/ld")) else STATIC
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return Representation(body, kind, etag, formatdate(stat.st_mtime, usegmt=True), int(stat.st_mtime), cache)


def file_key(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What changes when the file does: a rebuild replaces it (a new inode) or rewrites it."""
    return stat.st_ino, stat.st_dev, stat.st_mtime_ns, stat.st_size


def brotli_available() -> bool:
    try:
        import brotli  # noqa: F401 - only whether it is there
    except ImportError:
        return False
    return True


def _brotli(body: bytes) -> bytes:
    import brotli

    compressed: bytes = brotli.compress(body, quality=5)
    return compressed
