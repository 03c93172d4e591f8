"""The input cache: what each input gave last time, reused while the file is unchanged.

Its interface is Pelican's cache layer's: `get` what an input gave, `put` what it gives now,
`save` what this build kept. Every file it uses is named by the BuildState (cache/state.py).
"""

from __future__ import annotations

import hashlib
import pickle
import time
from pathlib import Path
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from wirefeed.cache.blobs import BlobFile, BlobPlace, StoredBlob
from wirefeed.cache.keys import InputKey, article_digest, bytes_digest, code_digest, racy_digest, racy_key, settled
from wirefeed.cache.state import BuildState, CacheTunables, blob_files, blob_path
from wirefeed.errors import InputError
from wirefeed.cache.ref import ArticleRef, listed_values, packed_listed, pickled_bytes, unpacked_listed
from wirefeed.cache.pickling import dumps
from wirefeed.model import Article, Site
from wirefeed.output import atomic_file

if TYPE_CHECKING:  # a type only: the cache layer does not run the pipeline's code
    from wirefeed.pipeline.articles import InputResult

__all__ = ["InputCache", "ReadFacts", "StoredInputCache", "read_input_cache"]

_INPUT_CACHE_VERSION = 9  # 6: racy entries (racy_key); 7: source and version listed; 8: packed keys; 9: packed listed values
# The key of an input cache entry that is never reused: no input's key is empty.
_UNSETTLED: InputKey = b""
# How many appends a torn index counts as: it is written whole by the next build that saves.
_TORN = 1 << 62


class ReadFacts(NamedTuple):
    """What one input gave, as the input cache keeps it: the Article (or InputError) pickled,
    and for an article what later stages would otherwise work out from it on every build."""

    blob: bytes | StoredBlob  # an article's pickle is kept in the cache's blob file, an error's here
    digest: str | None  # cache.keys.article_digest()
    content: str | None  # store.content_hash()
    listed: bytes | None  # its model.LISTED_FIELDS, pickled apart: all most builds unpickle

    @classmethod
    def of(cls, result: InputResult, blobs: BlobFile | None = None) -> ReadFacts:
        """`blobs`: where to put an article's pickle (else it is kept in memory). A file of several
        articles is the pickle of each one's ReadFacts, kept in the index (parts())."""
        if isinstance(result, tuple):
            return cls(pickle.dumps(tuple(cls.of(part) for part in result), protocol=pickle.HIGHEST_PROTOCOL), None, None, None)
        blob = dumps(result)
        if isinstance(result, InputError):
            return cls(blob, None, None, None)
        from wirefeed.store.records import content_hash  # here: a build that reads nothing needs none of the history's code

        listed = dumps(packed_listed(listed_values(result)))
        stored = blob if blobs is None else StoredBlob(blobs, blobs.append(blob))
        return cls(stored, article_digest(result), content_hash(result), listed)

    def result(self) -> ArticleRef | InputError:
        """The article, as a handle (its listed fields at hand, the rest resolved when rendered), or the error."""
        if self.listed is not None:
            return ArticleRef.of(self.blob, unpacked_listed(pickle.loads(self.listed)))
        result = pickle.loads(pickled_bytes(self.blob))
        if not isinstance(result, InputError):
            raise TypeError(f"the input cache holds a {type(result).__name__}")
        return result

    def parts(self) -> tuple[ReadFacts, ...]:
        """The ReadFacts of each article of a file of several; (self,) for a file of one."""
        if self.listed is None and isinstance(self.blob, bytes):
            found = pickle.loads(self.blob)
            if isinstance(found, tuple):
                return found
        return (self,)

    def stored(self) -> tuple[Any, ...]:
        """As the cache file keeps it: a plain tuple, with a blob's place instead of the blob."""
        blob = self.blob if isinstance(self.blob, bytes) else tuple(self.blob.place)
        return (blob, self.digest, self.content, self.listed)


class InputCache:
    """Each input's ReadFacts from an earlier build, reused while its file, sidecar, the site
    config and wirefeed's code are unchanged: a rebuild reads only what changed.

    Two files beside the store. The blob file (`blobs.py`) holds each article's pickle, appended
    by whichever process read it, and read back when the article is rendered: a build holds
    the places, not the pickles (about 500 MB at 100,000 articles). The index file is one
    pickle of every entry (with its blob's place) followed by a pickle per later build of the
    entries it changed (None for an input gone): rewriting it whole for one edit took a tenth of
    the rebuild. It is written whole again once the appended builds are many, and the blob file
    is copied into a new one when most of it is pickles no entry uses any more.
    A missing, damaged or outdated cache (index or blob file) means every input is read again;
    a torn last append (a build killed while saving) loses only that build's entries.
    """

    def __init__(self, path: Path | None, tag: str, entries: dict[str, tuple[InputKey, ReadFacts]], appended: int = -1,
                 blobs: BlobFile | None = None, tunables: CacheTunables = CacheTunables(), max_bytes: int = 0) -> None:
        self.path = path
        self.tunables = tunables
        self.tag = tag
        self.entries = entries
        self.fresh: dict[str, tuple[InputKey, ReadFacts]] = {}
        self.changed = False
        self.blobs = blobs
        self._appended = appended  # the appended pickles after the first; -1: no usable file
        self._new_blobs = False  # the blob file was made by this build: no index names it yet
        self.max_bytes = max_bytes  # the most of an input (and of its sidecar) a racy check reads
        self._bytes_before: dict[str, int | None] = {}  # remember_bytes()
        # Once carried_on(): the cache of a build kept in memory (pipeline/warm.py), which gets
        # and puts only the edited inputs. Saving it then costs those (_touched), not 100,000
        # entries walked twice (a tenth of a second at 100,000 articles): every other entry is
        # the very one saved, none is removed, and the blob bytes in use are counted as they move.
        self._carried = False
        self._touched: set[str] = set()  # the names given to `fresh` since the last save
        self._used: tuple[int, bool] | None = None  # blob bytes in use, and whether any are in another file
        self._used_when_saved: tuple[int, bool] | None = None  # _used once the save under way is done

    @classmethod
    def load(cls, state: BuildState | None, site: Site) -> InputCache:
        """The cache beside the store; with no state, or caches switched off, one that keeps nothing."""
        tag = cache_tag(site)
        if state is None or not state.enabled:
            return cls(None, tag, {})
        path, tunables = state.input_cache, state.tunables
        try:
            stored = read_input_cache(path)
            if stored.tag == tag:
                return cls(path, tag, stored.entries, stored.appended, stored.blobs, tunables, site.max_input_bytes)
        except Exception:  # none yet, or unreadable: read every input
            pass
        return cls(path, tag, {}, tunables=tunables, max_bytes=site.max_input_bytes)

    def settled(self, key: InputKey | None) -> bool:
        """Whether an input with this key is old enough for what it gives to be reused."""
        return settled(key, self.tunables.settled_ns, time.time_ns())

    def blob_file(self) -> BlobFile | None:
        """Where this build's readers put the articles' pickles; made when first needed."""
        if self.blobs is None and self.path is not None:
            self.blobs = _new_blob_file(self.path)
            self._new_blobs = True
        return self.blobs

    def get(self, path: Path | str, key: InputKey | None) -> ReadFacts | None:
        """The input's entry when it can be reused; `path` as str(Path) spells it, or a Path."""
        entry = self.entries.get(str(path))
        if key is None or entry is None or (entry[0] != key and not self._still_racy(path, entry[0], key)):
            self.changed = True
            return None
        if entry[0] != key and self.settled(key):  # racy no more: its times are to be trusted now
            entry = (key, entry[1])
            self.changed = True
        self._fresh(str(path), entry)
        return entry[1]

    def _fresh(self, name: str, entry: tuple[InputKey, ReadFacts]) -> None:
        self.fresh[name] = entry
        if self._carried:  # a full build's save walks every entry anyway
            self._touched.add(name)

    def _still_racy(self, path: Path | str, stored: InputKey, key: InputKey) -> bool:
        """Whether a racy entry (racy_key) still stands: same times, and the same bytes."""
        digest = racy_digest(stored, key)
        return digest is not None and bytes_digest(Path(path), self.max_bytes) == digest

    def remember_bytes(self, paths: Iterable[Path]) -> frozenset[Path]:
        """Before inputs too new to trust by their times are read: a digest of their bytes, which
        their entries keep (put()). Taken before the read, so that a change while it is read
        makes the next build read the input again rather than trust what it gave. Gives those
        whose bytes could not be read (their entries will not be reused)."""
        unkept = set()
        for path in paths:
            digest = bytes_digest(path, self.max_bytes)
            self.took_bytes(path, digest)
            if digest is None:
                unkept.add(path)
        return frozenset(unkept)

    def took_bytes(self, path: Path, digest: int | None) -> None:
        """What remember_bytes() keeps of `path`: its bytes_digest(), taken elsewhere before the
        read (by the forked reader that read it: pipeline/inputs.py)."""
        self._bytes_before[str(path)] = digest

    def put(self, path: Path | str, key: InputKey | None, facts: ReadFacts) -> None:
        if key is not None and self.settled(key):
            self._fresh(str(path), (key, facts))
            return
        # Too new for its times to be trusted (it may change again within its timestamp): kept
        # with a digest of its bytes, and reused while they are the same (racy_key).
        digest = self._bytes_before.get(str(path))
        if key is not None and digest is not None:
            self._fresh(str(path), (racy_key(key, digest), facts))
            return
        # No digest (unreadable, too big): kept under a key no input has, so it is read again next
        # time, but known as what the file gave, which a rejected edit of it falls back on
        # (pipeline/kept.py). Unchanged, the entry stays as it was.
        earlier = self.entries.get(str(path))
        if earlier is not None and earlier[0] == _UNSETTLED and _same_facts(earlier[1], facts):
            self._fresh(str(path), earlier)
        else:
            self._fresh(str(path), (_UNSETTLED, facts))

    def reusable(self, name: str) -> bool:
        """Whether this build keeps the entry of input `name` for a later build to reuse."""
        entry = self.fresh.get(name)
        return entry is not None and entry[0] != _UNSETTLED

    def racy_inputs(self, keys: Mapping[str, InputKey | None]) -> dict[str, int] | None:
        """Of this build's inputs (`keys`: each one's key, by name), the bytes digest of each kept
        as racy; None when one is too new to reuse at all (a later build must read it again)."""
        racy: dict[str, int] = {}
        for name, key in keys.items():
            entry = self.fresh.get(name)
            if entry is None or entry[0] == _UNSETTLED:
                return None
            digest = racy_digest(entry[0], key)
            if digest is not None:
                racy[name] = digest
        return racy

    def earlier_article(self, path: Path) -> Article | None:
        """The article `path` gave when the cache was saved, every field in hand; None if it gave none (or an error)."""
        entry = self.entries.get(str(path))
        if entry is None:
            return None
        parts = entry[1].parts()  # a file of several articles: none is kept in place of a bad edit
        result = parts[0].result() if len(parts) == 1 else None
        return result.resolve() if isinstance(result, ArticleRef) else None

    def abandon(self) -> None:
        """A failed build's: remove the blob file it made, which no index names."""
        if self._new_blobs and self.blobs is not None:
            self.blobs.path.unlink(missing_ok=True)
            self._new_blobs = False

    def save(self) -> None:
        """Keep the entries of this build's inputs (dropping removed ones), when any changed."""
        if not self._saved() and self._new_blobs and self.blobs is not None:
            # Nothing was kept (every input read was too new): no index names the new blob file.
            self.blobs.path.unlink(missing_ok=True)

    def carried_on(self) -> None:
        """After save(): the cache as the next build of the same inputs finds it, every entry in
        use, for a rebuild kept in memory that reads only the edited inputs (pipeline/warm.py)."""
        if self._new_blobs:  # save() kept nothing and removed the blob file this build made
            self.blobs, self._new_blobs = None, False
        if self._carried:
            self.entries.update((name, self.fresh[name]) for name in self._touched)
            self._used = self._used_when_saved or self._used  # unmoved when nothing was saved
        else:
            self.entries = dict(self.fresh)
            self.fresh = dict(self.entries)
            self._carried, self._used = True, None
        self._used_when_saved = None
        self._touched = set()
        self.changed = False
        self._bytes_before = {}

    def _saved(self) -> bool:
        if self.path is None or not (self.changed or (self._touched if self._carried else self.fresh.keys() != self.entries.keys())):
            return False
        # An entry reused from the file is the very tuple loaded (get() keeps it): only new ones differ.
        given = ((name, self.fresh[name]) for name in self._touched) if self._carried else self.fresh.items()
        changes: dict[str, tuple[InputKey, tuple[Any, ...]] | None] = {
            name: (entry[0], entry[1].stored()) for name, entry in given if self.entries.get(name) is not entry}
        if not self._carried:
            changes.update(dict.fromkeys(self.entries.keys() - self.fresh.keys()))
        if not changes:  # only inputs too new to keep were read: the file stays as it is, untouched
            return False
        if self.blobs is None:  # only inputs too new to reuse were read: their pickles are in the index
            self.blob_file()
        assert self.blobs is not None
        compact = self._mostly_unused_blobs()
        if 0 <= self._appended < self.tunables.appends and len(changes) <= len(self.fresh) // 4 and not compact:
            with self.path.open("ab") as handle:
                handle.write(pickle.dumps(changes, protocol=pickle.HIGHEST_PROTOCOL))
            self._appended += 1
            return True
        if compact:
            self._copy_to_new_blob_file()
            self._carried = False  # every entry moved: carried_on() takes them all again
        # Stored as plain tuples: pickle then needs no class lookups for 10,000 entries.
        stored = {name: (key, facts.stored()) for name, (key, facts) in self.fresh.items()}
        # Pickled into the file as it goes: the index of 100,000 inputs is 99 MB, which the
        # build's process would otherwise hold at once, at the end of the build, on top of the rest.
        with atomic_file(self.path) as handle:
            pickle.dump((self.tag, _blob_token(self.path, self.blobs), stored), handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._appended = 0
        self._new_blobs = False
        _remove_other_blob_files(self.path, self.blobs)
        return True

    def _mostly_unused_blobs(self) -> bool:
        """Whether the blob file is more than half pickles of inputs gone or changed since (each
        edit appends one), or holds blobs of another file than this cache's."""
        assert self.blobs is not None
        if self._carried and self._used is not None:
            used, foreign = self._used
            for name in self._touched:
                length, before = _blob_bytes(self.fresh[name][1], self.blobs), self.entries.get(name)
                used += max(length, 0) - (max(_blob_bytes(before[1], self.blobs), 0) if before else 0)
                foreign = foreign or length < 0
        else:
            used, foreign = 0, False
            for _, facts in self.fresh.values():
                length = _blob_bytes(facts, self.blobs)
                foreign = foreign or length < 0
                used += max(length, 0)
        self._used_when_saved = (used, foreign)
        return foreign or self.blobs.size() > 2 * used + self.tunables.unused_blobs_allowed

    def _copy_to_new_blob_file(self) -> None:
        assert self.path is not None
        blobs = _new_blob_file(self.path)
        for name, (key, facts) in list(self.fresh.items()):
            if isinstance(facts.blob, StoredBlob):
                self.fresh[name] = (key, facts._replace(blob=StoredBlob(blobs, blobs.append(facts.blob.read()))))
        self.blobs = blobs


def _blob_bytes(facts: ReadFacts, blobs: BlobFile) -> int:
    """The bytes of `blobs` an entry's pickle takes (0 for one kept in the index); -1 for one in another file."""
    if not isinstance(facts.blob, StoredBlob):
        return 0
    return facts.blob.place.length if facts.blob.file is blobs else -1


def _same_facts(old: ReadFacts, new: ReadFacts) -> bool:
    """Whether two reads of an input gave the same (an error by its pickle, an article by its digests)."""
    if new.listed is None or old.listed is None:
        return new.blob == old.blob
    return (old.digest, old.content, old.listed) == (new.digest, new.content, new.listed)


class StoredInputCache(NamedTuple):
    tag: str
    entries: dict[str, tuple[InputKey, ReadFacts]]
    appended: int  # how many builds appended to the index file since it was written whole
    blobs: BlobFile


def read_input_cache(path: Path) -> StoredInputCache:
    """The input cache at `path` (its index file), with the blob file the index names."""
    with path.open("rb") as handle:
        tag, token, stored = pickle.load(handle)
        if not isinstance(stored, dict) or not isinstance(token, str) or not token.isalnum():
            raise TypeError("not an input cache")
        appended = 0
        while True:
            try:
                changes = pickle.load(handle)
            except EOFError:
                break
            except Exception:  # torn by a killed build: what came before it stands
                appended = _TORN  # written whole next time
                break
            for name, entry in changes.items():
                if entry is None:
                    stored.pop(name, None)
                else:
                    stored[name] = entry
            appended += 1
    blob_file = blob_path(path, token)
    if not blob_file.is_file():
        raise FileNotFoundError(f"the input cache's blob file {blob_file} is gone")
    blobs = BlobFile.at(str(blob_file))
    # A place is kept as a plain (offset, length) tuple, an error's pickle as bytes.
    if max((blob[0] + blob[1] for _, (blob, *_) in stored.values() if type(blob) is tuple), default=0) > blobs.size():
        raise ValueError(f"the input cache's blob file {blob_file} is shorter than its index says")
    entries = {name: (key, ReadFacts(blob if type(blob) is bytes else StoredBlob(blobs, BlobPlace(*blob)), digest, content, listed))
               for name, (key, (blob, digest, content, listed)) in stored.items()}
    return StoredInputCache(tag, entries, appended, blobs)


def _new_blob_file(index: Path) -> BlobFile:
    import secrets  # here: secrets imports random, 2.6 ms of a rebuild that finds nothing changed and makes no blob file

    index.parent.mkdir(parents=True, exist_ok=True)
    return BlobFile(blob_path(index, secrets.token_hex(8)))


def _blob_token(index: Path, blobs: BlobFile) -> str:
    return blobs.path.name.removeprefix(f"{index.stem}-").removesuffix(".blobs")


def _remove_other_blob_files(index: Path, kept: BlobFile) -> None:
    """Blob files no index names any more: replaced by a compacted one, or of an outdated cache."""
    for path in blob_files(index):
        if path.name != kept.path.name:
            path.unlink(missing_ok=True)


def cache_tag(site: Site) -> str:
    """What every entry depends on: the cache's format, wirefeed's code and the site config."""
    return hashlib.sha256(repr((_INPUT_CACHE_VERSION, code_digest(), site)).encode("utf-8")).hexdigest()
