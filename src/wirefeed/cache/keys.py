"""Keys and fingerprints: what says that an input, the config, the templates or the code changed.

A key is the identity, size and times of a file (`stat_key`); an input's key covers the file,
the link to it and its sidecar, packed into bytes (`InputKey`). A digest covers what an output shows of an article; a
fingerprint covers what every output depends on beyond the articles.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import os
import pickle
import re
import struct
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from wirefeed.cache.pickling import dumps
from wirefeed.model import Article, ListedArticle, Site
from wirefeed.readers.bounded import read_bounded
from wirefeed.readers.sidecar import sidecar_path

__all__ = [
    "HISTORY_FIELDS", "InputKey", "article_digest", "bytes_digest", "code_digest", "entry_key", "history_values",
    "input_key", "inputs_digest", "job_key", "published_key", "racy_digest", "racy_key", "render_fingerprint", "settled",
    "stat_key", "template_sources",
]

# An input's key: the identity, size and times (stat_key's six numbers, packed as _STAT) of the
# link to the file, of the file, and, when the input has a sidecar, of the link to the sidecar and
# of the sidecar; a racy entry's key has its bytes' digest after them (racy_key). Packed, not a
# tuple of tuples: a key is 96 or 192 bytes where the tuples took 440 on average, a build holds
# two of each input's (the scan's and the input cache's), and a rebuild that finds nothing
# changed digests all 10,000 of them (pickled, 3.5 ms where the tuples took 11.6 ms).
InputKey = bytes
_STAT = struct.Struct("<QQQqqq")  # st_dev, st_ino, st_mode, st_size, st_mtime_ns, st_ctime_ns

# A fixed protocol: a newer default would change every inputs digest (and so miss the last build).
_DIGEST_PROTOCOL = 5

# The libraries whose version changes what the writers produce.
RENDERING_LIBRARIES = ("feedgen", "Jinja2", "lxml")
# The templates wirefeed ships (writers/html.py loads them as the package's `templates`).
_SHIPPED_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# The fields the publishing history sets on an article as read (the store's entries, and the
# slug and URL that pipeline.identity makes unique before it); every other field is the input's.
HISTORY_FIELDS = ("guid", "slug", "url", "modified")
# An article's HISTORY_FIELDS values, in that order (what a published key and the last build keep).
history_values: Callable[[ListedArticle], tuple[Any, ...]] = operator.attrgetter(*HISTORY_FIELDS)


def stat_key(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def path_stat_key(path: str | os.PathLike[str]) -> tuple[int, ...]:
    """stat_key() of what is at `path`; () when nothing is, or it cannot be looked at."""
    try:
        return stat_key(os.stat(path))
    except OSError:
        return ()


def _packed(info: os.stat_result) -> bytes:
    """stat_key() of `info`, packed (_STAT)."""
    try:
        return _STAT.pack(info.st_dev, info.st_ino, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    except struct.error:
        # A time past 2262 (or before 1678), which `touch -d` can set: held at the end of the
        # range. Two such times of one file are then alike, but the change time, which only the
        # system sets, still tells an edit.
        *identity, modified, changed = stat_key(info)
        return _STAT.pack(*identity, _within_int64(modified), _within_int64(changed))


def _within_int64(number: int) -> int:
    return min(max(number, -(1 << 63)), (1 << 63) - 1)


def input_key(path: Path) -> InputKey | None:
    """The file's and its sidecar's identity, size and times; None when it cannot be looked at."""
    try:
        key = _packed(os.lstat(path)) + _packed(os.stat(path))
        try:
            return key + _packed(os.lstat(sidecar_path(path))) + _packed(os.stat(sidecar_path(path)))
        except FileNotFoundError:
            return key
    except OSError:
        return None


def entry_key(entry: os.DirEntry[str], sidecar: os.DirEntry[str] | None) -> InputKey | None:
    """input_key() of a listed file and its listed sidecar (None when there is none)."""
    try:
        key = _link_and_target_key(entry)
        if sidecar is None:
            return key
        try:
            return key + _link_and_target_key(sidecar)
        except FileNotFoundError:  # gone since the listing, or a link to nothing
            return key
    except OSError:
        return None


def _link_and_target_key(entry: os.DirEntry[str]) -> bytes:
    link = _packed(entry.stat(follow_symlinks=False))
    if not entry.is_symlink():
        return link + link
    return link + _packed(entry.stat())


# What follows the stat parts in a racy entry's key (racy_key): this marker, then the digest of
# the bytes in _DIGEST_BYTES (bytes_digest() is a 16-byte blake2b, as a number).
_RACY = b"\xff"
_DIGEST_BYTES = 16
_RACY_TAIL = len(_RACY) + _DIGEST_BYTES


def bytes_digest(path: Path, max_bytes: int) -> int | None:
    """A digest of the input's bytes and its sidecar's, as a number (to sit in a key); None when
    either cannot be read or is over `max_bytes` (such an input is simply read again)."""
    digest = hashlib.blake2b(digest_size=16)
    article = os.fspath(path)
    for part in (article, os.fspath(sidecar_path(path))):
        try:
            data = _bounded_bytes(part, max_bytes)
        except FileNotFoundError:
            if part is article:
                return None
            data = b""  # no sidecar
        except OSError:
            return None
        if data is None:
            return None
        digest.update(len(data).to_bytes(8, "big") + data)
    return int.from_bytes(digest.digest(), "big")


def _bounded_bytes(path: str, max_bytes: int) -> bytes | None:
    """The file's bytes, None when there are more than `max_bytes`. Opened by name, not through
    pathlib: a build of 10,000 inputs copied just now digests every one."""
    with open(path, "rb") as handle:
        data = read_bounded(handle, os.fstat(handle.fileno()).st_size, max_bytes)
    return None if len(data) > max_bytes else data


def racy_key(key: InputKey, digest: int) -> InputKey:
    """The key of an entry read while its input was too new for its times to be trusted
    (settled()): reused only while the times match and the bytes still have this digest,
    as git re-reads a "racily clean" file instead of trusting its times."""
    return key + _RACY + digest.to_bytes(_DIGEST_BYTES, "big")


def racy_digest(stored: InputKey, key: InputKey | None) -> int | None:
    """The bytes digest a racy entry's key holds, when its times match `key`; else None."""
    if (key is None or len(stored) % _STAT.size != _RACY_TAIL or stored[-_RACY_TAIL:-_DIGEST_BYTES] != _RACY
            or stored[:-_RACY_TAIL] != key):
        return None
    return int.from_bytes(stored[-_DIGEST_BYTES:], "big")


def settled(key: InputKey | None, settled_ns: int, now_ns: int) -> bool:
    """Whether nothing of the input changed within `settled_ns` of `now_ns`: a file changed
    later may change again within the same timestamp (the "racy git" problem)."""
    if key is None:
        return False
    stats = key[: len(key) - len(key) % _STAT.size]  # a racy key's digest is no time
    newest = max((max(part[4], part[5]) for part in _STAT.iter_unpack(stats)), default=0)
    return newest < now_ns - settled_ns


def inputs_digest(names: Sequence[str], keys: Sequence[InputKey | None], site: Site) -> str:
    """The input files, their sidecars and the static files, by name and identity, size and times."""
    static: list[tuple[str, tuple[int, ...]]] = []
    if site.static_dir is not None and site.static_dir.is_dir():
        for path in sorted(site.static_dir.rglob("*")):
            try:
                static.append((str(path), stat_key(os.stat(path))))
            except OSError:
                static.append((str(path), ()))
    # pickle, not repr(): the same bytes for the same names and numbers, in a quarter of the time.
    listed = (list(names), list(keys), static)
    return hashlib.sha256(pickle.dumps(listed, protocol=_DIGEST_PROTOCOL)).hexdigest()


def job_key(*parts: object) -> str:
    """A digest of everything an output depends on.

    repr() of the frozen records is exact and stable (dataclass fields in order, datetimes
    with their zone), so two keys are equal only when the inputs to a render were.
    """
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def _published_fields(article: Article) -> Article:
    # Where the input file lies is not part of what is published: moving it re-renders nothing.
    return replace(article, source=replace(article.source, path=Path()))


def article_digest(article: Article) -> str:
    """A digest of everything an article's outputs show of it, as it was read.

    Its pickle, not its repr (job_key): a faithful serialisation as well, so two articles that
    differ never share a digest, and five times faster (the records pickle as their field
    values, cache/pickling.py). Taken once when the input is read and kept in the input cache.

    Pickled without its memo (`fast`): a memo writes a string met twice as a reference to the
    first, so equal articles whose fields share objects in one process and not in another (a
    config's `Organization` unpickled on a Dask worker, the same word as a literal here) would
    get two digests, and every output two keys.
    """
    return hashlib.sha256(dumps(_published_fields(article), memo=False)).hexdigest()


def published_key(digest: str, article: ListedArticle) -> str:
    """The key of a published article's outputs: the article_digest() of the article it was read
    as, and the fields the history set on it, which are all that may differ from that one."""
    # repr: exact for strings and for datetimes (zone included), and faster than pickling the zone.
    return hashlib.sha256(repr((digest, history_values(article))).encode("utf-8")).hexdigest()


def render_fingerprint(site: Site) -> str:
    """What every output depends on beyond its records: the config, the templates, wirefeed's code."""
    # The folders the config was read from do not change a byte of the output.
    settings = replace(site, config_path=None, templates_dir=None, static_dir=None, store_path=None)
    return job_key(settings, template_sources(site), code_digest())


def template_sources(site: Site) -> list[tuple[str, bytes]]:
    """Every template by name, with the bytes a build renders it from: the site's `templates/`
    folder over wirefeed's own, as writers.html's loader searches them. Read from the folders,
    not through Jinja: a rebuild that finds nothing changed checks this and renders nothing."""
    found: dict[str, Path] = {}
    for folder in (_SHIPPED_TEMPLATES, site.templates_dir):  # the site's last: it wins
        if folder is not None and folder.is_dir():
            found.update((path.relative_to(folder).as_posix(), path) for path in folder.rglob("*") if path.is_file())
    return [(name, found[name].read_bytes()) for name in sorted(found)]


@functools.cache
def code_digest() -> str:
    """wirefeed's own code and the versions of the libraries that render its outputs."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    digest = hashlib.sha256()
    for name, path in sorted(_python_files(package, "")):
        with open(path, "rb") as handle:
            digest.update(name.encode("utf-8") + b"\0" + handle.read())
    for library in RENDERING_LIBRARIES:
        digest.update(f"{library}={_version(library)}".encode())
    return digest.hexdigest()


def _python_files(folder: str, prefix: str) -> list[tuple[str, str]]:
    """Each `.py` file under `folder` as (its name below the package, its path): listed with
    scandir, as Path.rglob took 2 of the 6 ms the code's digest took in every rebuild."""
    found: list[tuple[str, str]] = []
    with os.scandir(folder) as listing:
        for entry in listing:
            if entry.is_dir():
                found.extend(_python_files(entry.path, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(".py"):
                found.append((prefix + entry.name, entry.path))
    return found


def _version(library: str) -> str:
    """The installed version of `library`: from the name of its `<name>-<version>.dist-info`
    folder on sys.path (PEP 376, where installers write it), else from importlib.metadata.
    That module parses the metadata files as e-mail and takes 30 ms to import, a sixth of a
    rebuild that finds nothing changed."""
    wanted = _normalized(library)
    for entry in sys.path:
        found = _dist_info_versions(entry).get(wanted)
        if found is not None:
            return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(library)
    except PackageNotFoundError:
        return "unknown"


@functools.cache
def _dist_info_versions(entry: str) -> dict[str, str]:
    """The version of each project with a `.dist-info` folder in the sys.path entry, by its
    normalized name (the first one listed, where two are): one listing of the entry for every
    library asked about."""
    try:
        names = sorted(os.listdir(entry or "."))
    except OSError:  # a zip file, a folder that is gone
        return {}
    versions: dict[str, str] = {}
    for name in names:
        if name.endswith(".dist-info"):
            project, dash, version = name.removesuffix(".dist-info").partition("-")
            if dash:
                versions.setdefault(_normalized(project), version)
    return versions


def _normalized(project: str) -> str:
    """A project name as PEP 503 compares them (`Jinja2`, `jinja2`, `lxml_html_clean` and `lxml-html-clean` alike)."""
    return re.sub(r"[-_.]+", "-", project).lower()
