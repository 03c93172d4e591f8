"""Readers: one module per input format, chosen by file suffix from one registry."""

from __future__ import annotations

import functools
import importlib
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from wirefeed.config import CONFIG_NAME
from wirefeed.errors import InputError
from wirefeed.model import DEFAULT_MAX_INPUT_BYTES, Draft
from wirefeed.readers.bounded import read_bounded
from wirefeed.readers.decoding import as_declared
from wirefeed.readers.sidecar import apply_sidecar, name_suffix, sidecar_encoding, sidecar_path, sidecar_table

__all__ = [
    "MAX_INPUT_BYTES", "READERS", "Reader", "check_inside", "forget_resolved_folders", "input_root", "is_article", "is_article_named",
    "preload_readers", "read", "read_html", "read_json", "read_limited", "read_markdown",
]

Reader = Callable[[Path, bytes], Draft]


# The wire readers are imported on first use too: with the feed reader and normalize behind
# them they are a third of what `wirefeed build` imports (60 ms), and a rebuild that finds
# nothing changed reads no input at all.
def read_txt(path: Path, data: bytes) -> Draft:
    """readers.wire.read_txt: plain text, or IPTC 7901 when framed by SOH/STX/ETX."""
    from wirefeed.readers.wire import read_txt as read_text_file

    return read_text_file(path, data)


def read_xml(path: Path, data: bytes) -> Draft:
    """readers.wire.read_xml: NewsML-G2, NITF, RSS or Atom, by the root element."""
    from wirefeed.readers.wire import read_xml as read_xml_file

    return read_xml_file(path, data)


def read_xml_all(path: Path, data: bytes) -> tuple[Draft, ...]:
    """readers.wire.read_xml_all: every article of an XML file."""
    from wirefeed.readers.wire import read_xml_all as read_xml_items

    return read_xml_items(path, data)


def read_iptc7901(path: Path, data: bytes) -> Draft:
    """readers.iptc7901.read_iptc7901: a framed IPTC 7901 file without a suffix."""
    from wirefeed.readers.iptc7901 import read_iptc7901 as read_framed

    return read_framed(path, data)


def is_framed_7901(path: Path) -> bool:
    """readers.wire.is_framed_7901: whether a file without a suffix is IPTC 7901 copy."""
    from wirefeed.readers.wire import is_framed_7901 as framed

    return framed(path)


def read_html(path: Path, data: bytes) -> Draft:
    """readers.html.read_html, imported on first use: its libraries (extruct, trafilatura, htmldate)
    take longer to import (0.16 s) than a rebuild with nothing to read takes in all."""
    from wirefeed.readers.html import read_html as read_html_page

    return read_html_page(path, data)


def read_json(path: Path, data: bytes) -> Draft:
    """A `.json` file, told apart by its keys (readers.json_input); imported on first use."""
    from wirefeed.readers.json_input import read_json as read_json_file

    return read_json_file(path, data)


def read_json_all(path: Path, data: bytes) -> tuple[Draft, ...]:
    """Every article of a `.json` file (each item of a JSON Feed); imported on first use."""
    from wirefeed.readers.json_input import read_json_all as read_json_items

    return read_json_items(path, data)


def read_markdown(path: Path, data: bytes) -> Draft:
    """readers.markdown.read_markdown, imported on first use (markdown-it, YAML)."""
    from wirefeed.readers.markdown import read_markdown as read_markdown_file

    return read_markdown_file(path, data)


READERS: dict[str, Reader] = {
    ".txt": read_txt,  # plain text, or IPTC 7901 when framed by SOH/STX/ETX
    ".xml": read_xml,  # NewsML-G2, NITF, RSS or Atom, by the root element
    ".rss": read_xml,
    ".atom": read_xml,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".md": read_markdown,
    ".markdown": read_markdown,
}

# The module each reader imports on its first call. A file without a suffix is looked at by
# readers.wire (is_framed_7901), which imports IPTC 7901's reader as well.
_READER_MODULES: dict[Reader, str] = {
    read_txt: "wirefeed.readers.wire",
    read_xml: "wirefeed.readers.wire",
    read_html: "wirefeed.readers.html",
    read_json: "wirefeed.readers.json_input",
    read_markdown: "wirefeed.readers.markdown",
}
_NO_SUFFIX_MODULE = "wirefeed.readers.wire"


def preload_readers(paths: Iterable[Path]) -> list[str]:
    """Import now the readers of the formats among `paths` (what their first read would import),
    and tell which modules those are. For a process about to fork readers: each fork then has
    them already, where each would otherwise import them itself. The HTML reader's libraries
    take 0.35 s to import (402 modules: extruct with rdflib, trafilatura, htmldate), and a full
    build at 10,000 forked about 14 readers in turn: 9 % of its processor time went to that."""
    modules = sorted({module for path in paths if (module := _reader_module(path)) is not None})
    for module in modules:
        importlib.import_module(module)
    return modules


def _reader_module(path: Path) -> str | None:
    """The module the reader of `path` imports (READERS tells the reader by the suffix); None
    for a suffix no reader takes."""
    if path.suffix == "":
        return _NO_SUFFIX_MODULE
    reader = READERS.get(path.suffix.lower())
    return None if reader is None else _READER_MODULES.get(reader)


# The default limit of Site.max_input_bytes (`[site] max_input_bytes`), for reads without a site.
MAX_INPUT_BYTES = DEFAULT_MAX_INPUT_BYTES


def is_article(path: Path) -> bool:
    """Whether `path` is a file wirefeed reads as an article."""
    return is_article_named(path.name, path)


def is_article_named(name: str, path: str | Path, suffix: str | None = None) -> bool:
    """is_article() of the file at `path` named `name`, by the name's suffix (a file without one
    by its first bytes): a scan has the names of 10,000 files and makes no Path of them.
    `suffix`: name_suffix(name), when the caller has it already."""
    suffix = (name_suffix(name) if suffix is None else suffix).lower()
    return suffix in READERS or (suffix == "" and is_framed_7901(Path(path)))


# Formats of which one file may carry several articles: the reader that gives them all.
SEVERAL: dict[str, Callable[[Path, bytes], tuple[Draft, ...]]] = {
    ".xml": read_xml_all,  # a NewsML-G2 newsMessage: each text item; an RSS or Atom feed: each item
    ".rss": read_xml_all,
    ".atom": read_xml_all,
    ".json": read_json_all,  # a JSON Feed: each item
}


def read(path: Path, *, max_bytes: int = MAX_INPUT_BYTES, root: Path | None = None) -> Draft:
    """Read one article file (and its sidecar) into a Draft.

    `root` is the input folder: a file (or sidecar) that is a symbolic link to somewhere
    outside it is refused. By default it is the nearest folder above `path` holding a
    wirefeed.toml, which is what `build` reads from. A file of several articles (a
    newsMessage of several text items) is refused: read_all() gives them all.
    """
    drafts = read_all(path, max_bytes=max_bytes, root=root)
    if len(drafts) > 1:
        raise InputError(path, None, f"a file of {len(drafts)} articles; expected one here (a build reads each as its own article)")
    return drafts[0]


def read_all(path: Path, *, max_bytes: int = MAX_INPUT_BYTES, root: Path | None = None) -> tuple[Draft, ...]:
    """Every article of one input file: one for most formats, one per text item of a NewsML-G2
    newsMessage. A sidecar applies to a file of one article; beside a file of several, which
    of them it would be for cannot be told, and the file is refused."""
    reader = READERS.get(path.suffix.lower()) or (read_iptc7901 if path.suffix == "" and is_framed_7901(path) else None)
    if reader is None:
        raise InputError(path, None, f"no reader for {path.suffix or 'files without a suffix'}; expected one of {', '.join(sorted(READERS))}")
    root = root if root is not None else input_root(path)
    check_inside(path, root)
    data = read_limited(path, max_bytes)
    sidecar = sidecar_path(path)
    table = None
    if sidecar.is_file():
        check_inside(sidecar, root)  # before it is read: a link out of the input folder is refused
        table = sidecar_table(sidecar)
    # A sidecar may declare the article's encoding, which short legacy text cannot show itself.
    encoding = sidecar_encoding(sidecar, table)
    data = as_declared(path, data, encoding, f"its sidecar {sidecar.name}") if encoding else data
    several = SEVERAL.get(path.suffix.lower())
    drafts = several(path, data) if several is not None else (reader(path, data),)
    if len(drafts) == 1:
        return (apply_sidecar(drafts[0], sidecar, table),)
    if table is not None:
        raise InputError(sidecar, None, f"a sidecar beside a file of {len(drafts)} articles, which cannot say which one it is for; expected no sidecar (or one article per file)")
    return drafts


def input_root(path: Path) -> Path | None:
    """The input folder `path` belongs to: the nearest folder above it with a site config."""
    # Lexical parents, not resolved ones: a symbolic link must not choose its own root.
    for folder in path.absolute().parents:
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def check_inside(path: Path, root: Path | None) -> None:
    """Refuse a file that resolves to a place outside `root`, such as a link to /etc/passwd.

    Without this, a link dropped into the input folder publishes whatever it points
    at to the world: another desk's embargoed copy, a private key.
    """
    if root is None:
        return
    target = _resolved(path)
    if not target.is_relative_to(_resolved_folder(root)):
        raise InputError(path, None, f"a symbolic link to {target}, outside the input folder {root}; expected an article inside it (copy the file in instead)")


def _resolved(path: Path) -> Path:
    # A file that is no link resolves to its resolved folder and its own name: one lstat instead
    # of one for each folder on the way, which the folder cache answers once per folder.
    if path.name not in ("", ".", "..") and not os.path.islink(path):
        return _resolved_folder(path.parent) / path.name
    return path.resolve()


@functools.lru_cache(maxsize=256)
def _resolved_folder(folder: Path) -> Path:
    # Cached for one build's reading (forget_resolved_folders): a folder swapped for a link in the
    # middle of a build could slip through, as it could between any check and the read after it.
    return folder.resolve()


def forget_resolved_folders() -> None:
    """Start a new round of reading: folders are resolved afresh (links may have changed since)."""
    _resolved_folder.cache_clear()


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing early what is too big or not a regular file.

    The size is checked before reading (a 500 MB video costs one fstat call), and the read
    stops one byte past the limit in case the file grew in between. The file is opened
    without blocking, so a named pipe is refused instead of waiting for a writer forever.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                raise InputError(path, None, "not a regular file (a device, a pipe or a socket); expected an article")
            _check_size(path, status.st_size, max_bytes)
            data = read_bounded(handle, status.st_size, max_bytes)
    except OSError as error:
        raise InputError(path, None, f"cannot read the file: {error.strerror}") from None
    _check_size(path, len(data), max_bytes)
    return data


def _check_size(path: Path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(path, None, f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit for an article")
