"""`wirefeed embed`: put wirefeed's JSON-LD, canonical, OpenGraph and Twitter meta into pages a
site already has (any CMS's HTML), and leave every other byte of each page as it was.

The page is read as the HTML reader reads any page (with the provenance rules: a page off the
site's own domains keeps its publisher), and one marked block goes in before `</head>`:

    <!-- wirefeed embed: begin; generated, replaced on the next run -->
    <link rel="canonical" ...> <meta property="og:..."> ... <script type="application/ld+json">
    <!-- wirefeed embed: end -->

- Idempotent: a page is always read with its block taken out, so a second run writes the same
  block in the same place: the same bytes.
- A tag the page already has (its own canonical, og:title, ...) is not repeated: the page's own
  wins, as readers take the first one anyway. The page's own JSON-LD stays, unless
  `replace_jsonld`: then it is moved into the block as an inert copy (base64 in a meta tag), which
  the next run reads back in its place, so that replacing is idempotent too.
- The block is ASCII (character references in attributes, `\\u` escapes in the JSON), so it is
  the same bytes in any ASCII-compatible charset the page is written in.
"""

from __future__ import annotations

import base64
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from wirefeed.errors import InputError
from wirefeed.model import AWAITING_FIRST_SEEN, DEFAULT_MAX_INPUT_BYTES, Article, Found, Site
from wirefeed.normalize import normalize
from wirefeed.readers import read_limited
from wirefeed.writers.html import article_meta_lines
from wirefeed.writers.jsonld import article_jsonld, to_script_text

BEGIN = b"<!-- wirefeed embed: begin; generated, replaced on the next run -->"
END = b"<!-- wirefeed embed: end -->"
# The block as inserted: a line break, then the marked lines.
_BLOCK = re.compile(rb"\n" + re.escape(BEGIN) + rb".*?" + re.escape(END), re.DOTALL)
_REPLACED = re.compile(rb'<meta name="wirefeed:replaced-jsonld" content="([A-Za-z0-9+/=]*)">')
_HEAD_START = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)
_CHARSET_META = re.compile(rb"<meta\b[^>]*\bcharset\b[^>]*>", re.IGNORECASE)
_BODY_START = re.compile(rb"<body[\s>]", re.IGNORECASE)
_HEAD_OVER = re.compile(rb"</head\s*>|<body[\s>]", re.IGNORECASE)
_PAGE_JSONLD = re.compile(rb"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>.*?</script\s*>\r?\n?", re.IGNORECASE | re.DOTALL)
# Byte-order marks of encodings that are not ASCII-compatible: the block's bytes would not read there.
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A meta line's key: what makes two tags say the same thing.
_KEY = re.compile(r'<(?:meta (?:property|name)="(?P<meta>[^"]+)"|link rel="(?P<link>[^"]+)")')


@dataclass(frozen=True, slots=True)
class Embedded:
    """One page's new bytes, and whether they differ from the page as it was."""

    path: Path
    data: bytes
    changed: bool


def embed_page(path: Path, site: Site, *, url: str | None = None, replace_jsonld: bool = False,
               max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> Embedded:
    """The page at `path` with wirefeed's block in its head; InputError when it cannot be read.

    `url`: where the page is published, for a page that names no canonical URL of its own
    (else it would get a URL of the site's own article layout, which is not where it lives).
    """
    # Imported here: `import wirefeed` (and the command's start) need not load trafilatura and htmldate.
    from wirefeed.readers.html import read_html

    data = read_limited(path, max_bytes)
    if data.startswith(_WIDE_BOMS):
        raise InputError(path, None, "a UTF-16 page; expected a page in UTF-8 or another ASCII-compatible charset")
    page, replaced = _without_block(data)
    draft = read_html(path, _with_jsonld(page, replaced))
    if draft.url is None and url is not None:
        draft = replace(draft, url=Found(url, "its place under the folder published at the site's URL"))
    article = normalize(draft, site)
    if article.published == AWAITING_FIRST_SEEN:
        # A build dates such a page by the history's first sight of it; embed keeps no history.
        raise InputError(path, None, "no publication date found; expected a date in the page's metadata, which JSON-LD needs as datePublished")
    if replace_jsonld:
        page, replaced = _PAGE_JSONLD.sub(b"", page), replaced + _PAGE_JSONLD.findall(page)
    block = _block(article, site, _tags_of(path, page), replaced)
    new = _inserted(path, page, block)
    return Embedded(path, new, new != data)


def write_embedded(embedded: Embedded, target: Path) -> None:
    """Write the page to `target` atomically (a temporary file beside it, then a rename), keeping
    the mode of a file already there."""
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
    handle, temp_name = tempfile.mkstemp(prefix=".wirefeed-embed-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(embedded.data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _without_block(data: bytes) -> tuple[bytes, list[bytes]]:
    """The page as it was before any run: the block out, and the JSON-LD a run moved into it."""
    match = _BLOCK.search(data)
    if match is None:
        return data, []
    replaced = [base64.b64decode(found) for found in _REPLACED.findall(match.group(0))]
    return data[: match.start()] + data[match.end():], replaced


def _with_jsonld(page: bytes, scripts: list[bytes]) -> bytes:
    """The page with the JSON-LD a run took out of it put back, for reading."""
    if not scripts:
        return page
    return _inserted(Path(), page, b"".join(scripts))


def _tags_of(path: Path, page: bytes) -> set[str]:
    """The page's own meta keys (`og:title`, `description`) and link relations (`canonical`)."""
    from wirefeed.readers.html_parse import parse_page

    tree = parse_page(path, page)
    metas = tree.xpath("//head//meta/@property | //head//meta/@name")
    links = tree.xpath("//head//link/@rel")
    return {str(value).strip().lower() for value in [*metas, *links]}


def _block(article: Article, site: Site, present: set[str], replaced: list[bytes]) -> bytes:
    lines = [line for line in article_meta_lines(article, site) if _key(line) not in present]
    # \u escapes for every non-ASCII character: a script's text takes no character references.
    script = to_script_text(article_jsonld(article, site), ascii_only=True)
    lines.append(f'<script type="application/ld+json">{script}</script>')
    lines += [f'<meta name="wirefeed:replaced-jsonld" content="{base64.b64encode(found).decode("ascii")}">' for found in replaced]
    body = "\n".join(lines).encode("ascii", "xmlcharrefreplace")
    return BEGIN + b"\n" + body + b"\n" + END


def _key(line: str) -> str | None:
    match = _KEY.match(line)
    if match is None:
        return None
    return (match.group("meta") or match.group("link")).lower()


def _inserted(path: Path, page: bytes, block: bytes) -> bytes:
    """`block` at the start of the page's head: after its charset declaration (which must stay in
    the first 1,024 bytes), else right after `<head>`; with no head tag, before `<body>`.

    Not before `</head>`: an element a head may not hold (an <iframe>, a <div>) closes the head
    where it stands, so what comes after it, up to `</head>`, is in the body.
    """
    head = _HEAD_START.search(page)
    if head is not None:
        over = _HEAD_OVER.search(page, head.end())
        charset = _CHARSET_META.search(page, head.end(), over.start() if over else len(page))
        at = charset.end() if charset is not None else head.end()
    else:
        body = _BODY_START.search(page)
        if body is None:
            raise InputError(path, None, "no <head> and no <body> to put the block in; expected an HTML page with a head")
        at = body.start()
    return page[:at] + b"\n" + block + page[at:]
