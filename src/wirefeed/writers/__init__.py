"""Writers: one module per output format, each rendering records to bytes and knowing nothing of
caches or files: rss, atom, jsonfeed (feeds), jsonld, ninjs, html (pages), sitemap; xmltext and
feedlinks are their shared XML helpers, and library.py renders any of them from records and a
Site alone (the public `render_*` functions).
"""

__all__ = ["atom", "feedlinks", "html", "jsonfeed", "jsonld", "library", "ninjs", "rss", "sitemap", "xmltext"]
