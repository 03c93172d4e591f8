"""wirefeed: news articles in; RSS, schema.org NewsArticle JSON-LD and article pages out.

The stages are importable one by one::

    from pathlib import Path
    import wirefeed

    site = wirefeed.load_site(Path("input/wirefeed.toml"))
    draft = wirefeed.read(Path("input/story.txt"))       # raw values, each with its place
    article = wirefeed.normalize(draft, site)            # typed, timezone-aware record
    document = wirefeed.article_jsonld(article, site)    # the JSON-LD to publish
    result = wirefeed.build(Path("input"), Path("output"))
"""

import sys
import types
from typing import TYPE_CHECKING, Any

from wirefeed.lazy import attribute_from

if TYPE_CHECKING:
    from wirefeed.pipeline.build import build
    from wirefeed.pipeline.result import BuildResult
    from wirefeed.config import load_site
    from wirefeed.engine import Engine, EngineFailed, EngineUnavailable, engine_named
    from wirefeed.writers.embed import Embedded, embed_page, write_embedded
    from wirefeed.errors import ConfigError, HistoryUnavailableError, InputError, OutputError, StoreError, WirefeedError, Withdrawal
    from wirefeed.model import (
        Agent, Article, Draft, DraftAgent, DraftImage, Entry, Found, Image, Provenance, Site, Source, SourceSettings,
    )
    from wirefeed.normalize import normalize
    from wirefeed.output import OutputDir
    from wirefeed.readers import read, read_all
    from wirefeed.store import HistoryStore, PostgresStore, Store, default_store_path
    from wirefeed.site.plan import Publication
    from wirefeed.site.write import write_site
    from wirefeed.writers.jsonld import article_jsonld
    from wirefeed.writers.ninjs import article_ninjs
    from wirefeed.writers.library import render_atom, render_json_feed, render_page, render_rss

# Where each public name lives, imported on first use (PEP 562): `import wirefeed.cli` runs
# this file first, and a rebuild that finds nothing changed should not import the writers,
# readers and history it will not use (a third of that rebuild's time was imports).
_PUBLIC = {
    "Agent": "wirefeed.model",
    "Article": "wirefeed.model",
    "BuildResult": "wirefeed.pipeline.result",
    "ConfigError": "wirefeed.errors",
    "Draft": "wirefeed.model",
    "DraftAgent": "wirefeed.model",
    "DraftImage": "wirefeed.model",
    "Embedded": "wirefeed.writers.embed",
    "Engine": "wirefeed.engine",
    "EngineFailed": "wirefeed.engine",
    "EngineUnavailable": "wirefeed.engine",
    "Entry": "wirefeed.model",
    "Found": "wirefeed.model",
    "HistoryStore": "wirefeed.store",
    "HistoryUnavailableError": "wirefeed.errors",
    "Image": "wirefeed.model",
    "InputError": "wirefeed.errors",
    "OutputDir": "wirefeed.output",
    "OutputError": "wirefeed.errors",
    "PostgresStore": "wirefeed.store",
    "Provenance": "wirefeed.model",
    "Publication": "wirefeed.site.plan",
    "Site": "wirefeed.model",
    "Source": "wirefeed.model",
    "SourceSettings": "wirefeed.model",
    "Store": "wirefeed.store",
    "StoreError": "wirefeed.errors",
    "WirefeedError": "wirefeed.errors",
    "Withdrawal": "wirefeed.errors",
    "article_jsonld": "wirefeed.writers.jsonld",
    "article_ninjs": "wirefeed.writers.ninjs",
    "build": "wirefeed.pipeline.build",
    "default_store_path": "wirefeed.store",
    "embed_page": "wirefeed.writers.embed",
    "engine_named": "wirefeed.engine",
    "load_site": "wirefeed.config",
    "normalize": "wirefeed.normalize",
    "read": "wirefeed.readers",
    "read_all": "wirefeed.readers",
    "render_atom": "wirefeed.writers.library",
    "render_json_feed": "wirefeed.writers.library",
    "render_page": "wirefeed.writers.library",
    "render_rss": "wirefeed.writers.library",
    "write_embedded": "wirefeed.writers.embed",
    "write_site": "wirefeed.site.write",
}


def __getattr__(name: str) -> Any:
    return attribute_from(__name__, name, _PUBLIC, globals())


class _Package(types.ModuleType):
    """wirefeed itself. The import system sets each subpackage on its parent once imported:
    `wirefeed.normalize` stays the public function, not the subpackage of the same name."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _PUBLIC and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "Agent",
    "Article",
    "BuildResult",
    "ConfigError",
    "Draft",
    "DraftAgent",
    "DraftImage",
    "Embedded",
    "Engine",
    "EngineFailed",
    "EngineUnavailable",
    "Entry",
    "Found",
    "HistoryStore",
    "HistoryUnavailableError",
    "Image",
    "InputError",
    "OutputDir",
    "OutputError",
    "PostgresStore",
    "Provenance",
    "Publication",
    "Site",
    "Source",
    "SourceSettings",
    "Store",
    "StoreError",
    "WirefeedError",
    "Withdrawal",
    "article_jsonld",
    "article_ninjs",
    "build",
    "default_store_path",
    "embed_page",
    "engine_named",
    "load_site",
    "normalize",
    "read",
    "read_all",
    "render_atom",
    "render_json_feed",
    "render_page",
    "render_rss",
    "write_embedded",
    "write_site",
]
