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

from wirefeed.pipeline import BuildResult, build
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
