"""Pelican settings for the speed benchmark: the site wirefeed builds from the same corpus.

benchmarks/corpus.py --format pelican copies this file beside the Markdown it writes;
benchmarks/bench.py runs `pelican content -s pelicanconf.py -o OUT` on it. What is not set
here is Pelican's default (theme notmyidea, one page per category, tag and author, archives),
as a newsroom would run it.
"""

SITENAME = "Global Times Wire"
SITEURL = "https://wire.example.com"
AUTHOR = "Global Times"
PATH = "content"
ARTICLE_PATHS: list[str] = [""]
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
TIMEZONE = "Asia/Shanghai"  # as wirefeed.toml: the copy's dates carry no zone
DEFAULT_LANG = "en"
DEFAULT_CATEGORY = "News"

# Article pages where wirefeed puts them.
ARTICLE_URL = "articles/{slug}.html"
ARTICLE_SAVE_AS = "articles/{slug}.html"

# One index listing every article, as wirefeed's index.html does.
DEFAULT_PAGINATION = False

# Feeds for parity with wirefeed (RSS and Atom of the newest 50 with the full body): both
# all-article feeds, plus Pelican's default per-category and per-author Atom feeds, the nearest
# it has to wirefeed's section pages. Per-tag feeds are off, as is Pelican's default; wirefeed
# makes no outputs per keyword.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = "feeds/author/{slug}.atom.xml"
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 50  # wirefeed.toml's feed_size
RSS_FEED_SUMMARY_ONLY = False  # wirefeed's feed carries the body as content:encoded

# No cache unless the benchmark asks for one: bench.py turns it on with
# `-e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true` for its "cached, one article touched" scenario.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CACHE_PATH = "cache"
CHECK_MODIFIED_METHOD = "mtime"

RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False
