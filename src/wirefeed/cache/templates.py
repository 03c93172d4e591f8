"""Compiled templates kept between runs: Jinja's bytecode of each template, in the user's cache
folder, so a command that renders a page does not compile the templates again.

Compiling the eight templates is 48 ms of every process that renders: each `wirefeed build`
after an edit, and each renderer a full build forks (at 10,000 articles, some 64 of them). A
template's bytecode is kept under its name and file, and used only while the template's source
has the checksum it was compiled from (Jinja's own check), with the same Jinja and Python
(Jinja's header). The folder's name holds wirefeed's code digest, which covers how the
environment is set up (writers/html.py), so a template is never used as compiled for other
settings. Any failure to read or write a kept template is a miss, never an error: the template
is compiled as it would be without the folder, into the same code.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, FileSystemBytecodeCache

from wirefeed.cache.keys import code_digest
from wirefeed.folders import user_cache_folder

__all__ = ["KeptTemplates", "kept_templates"]


class KeptTemplates(FileSystemBytecodeCache):
    """Jinja's FileSystemBytecodeCache, for which a folder that cannot be read or written is a miss."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable or damaged: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a read-only or full disk: compiled again next time
            pass


def kept_templates() -> KeptTemplates | None:
    """The cache of compiled templates for this copy of wirefeed; None when its folder cannot be had."""
    try:
        folder = user_cache_folder() / f"templates-{code_digest()[:16]}"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to be found
        return None
    return KeptTemplates(str(folder))
