"""What must hold for any input, and the hypothesis strategies that make inputs.

For any bytes, the text reader plus normalize give an Article or an InputError, never another
exception; every Article renders to RSS that parses as XML, a page that parses as HTML with one
JSON-LD script equal to the JSON-LD document, and a `.jsonld` text that reads back the same.
`tests/test_fuzz.py` runs these briefly in `make test`; `make fuzz` runs them for long.
"""

from __future__ import annotations

import json
import tempfile
import traceback
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.etree
import lxml.html
from hypothesis import strategies as st

from wirefeed.check import check_bytes
from wirefeed.errors import InputError
from wirefeed.layout import article_page_path, check_relative_path
from wirefeed.model import Agent, Article, Draft, DraftAgent, DraftImage, Found, Image, Site, Source
from wirefeed.normalize import normalize
from wirefeed.readers import READERS, read
from wirefeed.readers.text import read_text
from wirefeed.writers.html import render_article, render_content, template_environment
from wirefeed.writers.jsonld import article_jsonld, to_json
from wirefeed.writers.library import render_rss

SITE = Site(
    title="Fuzz Wire",
    base_url="https://news.example.com/",
    description="Fuzzed wire copy.",
    language="en",
    timezone=ZoneInfo("Asia/Shanghai"),
    publisher=Agent("Global Times", "Organization", "https://www.globaltimes.cn/", Image(url="https://news.example.com/static/logo.png", width=600, height=60)),
)
_ENVIRONMENT = template_environment(SITE)
_XML = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

# Characters that break parsers and pages when they are not handled: markup, comment and CDATA
# ends, line and paragraph separators, controls, lone surrogates, non-characters, bidi controls.
NASTY = (
    "</script>", "<script>alert(1)</script>", "<!--", "-->", "]]>", "<img src=x onerror=alert(1)>",
    "javascript:alert(1)", "&", "&amp;", "\"", "'", "\u2028", "\u2029", "\x00", "\x01", "\x0b", "\x1b",
    "\x7f", "\x85", "\ud800", "\udfff", "\ufeff", "\ufffe", "\uffff", "\u202e", "\u200b", "\u00a0",
    "../", "/", "\\", "%00", "%2e%2e/", "CON", "中文", "العربية", "Кириллица", "😀", "\U0010ffff",
)
nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=12)), max_size=8).map("".join)
# Text that is mostly words, so that most generated stories are published and their outputs checked.
_WORDS = ("Chips", "exports", "rise", "in", "February", "中国", "Дефицит", "نقص", "the", "20", "percent", "U.S.", "year's")
# (without C0 controls, which make a whole file binary data: nasty_text has those)
_PRINTABLE_NASTY = tuple(part for part in NASTY if not any(char < " " for char in part))
wordy_text = st.lists(st.sampled_from(_WORDS) | st.sampled_from(_WORDS) | st.sampled_from(_PRINTABLE_NASTY), min_size=1, max_size=10).map(" ".join)

_SECTION_LINES = ("SOURCE / ECONOMY", "World > Asia", "BUSINESS", "经济 / 科技", "")
_GOOD_DATE_LINES = (
    "Published: Mar 11, 2021 12:58 PM", "March 11, 2021 12:58 p.m.", "Published: 2021-03-11T12:58:00+08:00 Updated: 2021-03-12",
    "Date: 11 March 2021 12:00 BJT", "Published: 2021-03-11 12:58",
)
_BAD_DATE_LINES = (
    "Updated: 2021-03-12 08:00", "Published: Feb 30, 2021", "Published: 2021-03-11T12:58:00+08:00 Updated: 2021-03-10",
    "Published: Mar 11, 3021", "Published: 99999999999999999999", "",
)
_LINE_ENDS = ("\n", "\r\n", "\r", "\u2028", "\n\n")
_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "gb18030", "cp1252", "shift_jis")
_URLS = (
    "https://news.example.com/a b/c?d=\"e\"", "/static/x.jpg", "//cdn.example.com/x", "javascript:alert(1)",
    "https://[::1", "http://x:99999/", "https://news.example.com/../../etc/passwd", "https://news.example.com/con",
    "https://news.example.com/%00", "https://bücher.example/中文", "https://news.example.com/index.html", "data:text/html,x",
)


@st.composite
def wire_stories(draw: st.DrawFn) -> bytes:
    """Text shaped like wire copy (section, headline, dates, byline, caption, body) with nasty parts."""
    lines = [
        draw(st.sampled_from(_SECTION_LINES)),
        draw(wordy_text | nasty_text),
        draw(st.sampled_from(_GOOD_DATE_LINES) | st.sampled_from(_BAD_DATE_LINES) | nasty_text.map("Published: ".__add__)),
        draw(st.sampled_from(["", "By ", "By Wang Qi and "])) + draw(wordy_text | nasty_text),
        draw(wordy_text) + draw(st.sampled_from(["", " Photo: IC", " (Photo: VCG)", " Photo/Xinhua"])),
        "",
        draw(st.sampled_from(["", "BEIJING, March 11 (Xinhua) -- ", "WASHINGTON (Reuters) - "])) + draw(wordy_text | nasty_text),
        *draw(st.lists(wordy_text | nasty_text, max_size=4)),
        draw(st.sampled_from(["", "Global Times", "(Reuters)"])),
    ]
    text = "".join(line + draw(st.sampled_from(_LINE_ENDS)) for line in lines)
    encoding = draw(st.sampled_from(("utf-8",) * 4 + _ENCODINGS))
    # surrogatepass writes lone surrogates as the broken UTF-8 some exports contain.
    errors = "surrogatepass" if encoding.startswith("utf-8") else "replace"
    return text.encode(encoding, errors=errors)


any_input = st.one_of(wire_stories(), st.binary(max_size=2048))


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    """Article pages with nasty text in every place the HTML reader looks: head tags, JSON-LD,
    microdata (with elements its cleaner removes), <h1>, <time>, bylines, figures and paragraphs."""
    text = wordy_text | nasty_text
    jsonld = {"@context": "https://schema.org", "@type": draw(st.sampled_from(["NewsArticle", "Article", "WebPage"])),
              "headline": draw(text), "datePublished": draw(st.sampled_from(["2021-03-11T12:58:00+08:00"] * 3 + ["2021-02-30", ""]) | text),
              "author": {"@type": "Person", "name": draw(text), "url": draw(st.sampled_from(_URLS))},
              "image": {"@type": "ImageObject", "url": draw(st.sampled_from(_URLS)), "caption": draw(text)}}
    script = json.dumps(jsonld).replace("</", "<\\/") if draw(st.booleans()) else draw(text)
    parts = [
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">",
        f"<title>{draw(text)}</title><meta property=\"og:title\" content=\"{_attribute(draw(text))}\">",
        f"<meta property=\"article:published_time\" content=\"{_attribute(draw(st.sampled_from(['2021-03-11T12:58:00+08:00']) | text))}\">",
        f"<script type=\"application/ld+json\">{script}</script></head><body>",
        f"<div itemscope itemtype=\"http://schema.org/NewsArticle\"><span itemprop=\"headline\">{draw(text)}<script>x</script>{draw(text)}</span></div>",
        f"<article><h1>{draw(text)}</h1><time datetime=\"{_attribute(draw(text))}\">{draw(text)}</time>",
        f"<p class=\"byline\">By {draw(text)}</p><figure><img src=\"{_attribute(draw(st.sampled_from(_URLS)))}\"><figcaption>{draw(text)}</figcaption></figure>",
        *(f"<p>{paragraph}</p>" for paragraph in draw(st.lists(text, max_size=4))),
        draw(st.sampled_from(["</article></body></html>", "</article>", ""])),
    ]
    return "".join(parts).encode("utf-8", errors="surrogatepass")


# Sidecars: known keys (and one unknown) with values of every TOML type, hostile strings in them.
_SIDECAR_KEYS = ("id", "url", "headline", "description", "language", "published", "updated", "modified", "keywords", "sections", "authors", "images", "colour")
_TABLE_KEYS = ("name", "url", "kind", "width", "height", "caption", "credit", "x")
toml_scalar = st.one_of(
    nasty_text.map(json.dumps), wordy_text.map(json.dumps), st.sampled_from(_URLS).map(json.dumps),
    st.integers(-10, 10**6).map(str), st.booleans().map(lambda flag: str(flag).lower()),
    st.sampled_from(["2021-03-11T12:58:00+08:00", "2021-03-11", "12:58:00", '"Person"', '"Organization"']),
)
toml_array = st.lists(toml_scalar, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
toml_tables = st.lists(
    st.dictionaries(st.sampled_from(_TABLE_KEYS), toml_scalar, max_size=4).map(lambda table: "{" + ", ".join(f"{key} = {value}" for key, value in table.items()) + "}"),
    max_size=2,
).map(lambda tables: "[" + ", ".join(tables) + "]")
sidecar_texts = st.one_of(
    st.lists(st.tuples(st.sampled_from(_SIDECAR_KEYS), toml_scalar | toml_array | toml_tables), max_size=6, unique_by=lambda entry: entry[0])
    .map(lambda entries: "".join(f"{key} = {value}\n" for key, value in entries)),
    st.text(max_size=200),
)


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    """Drafts as any reader might fill them (the HTML reader's JSON-LD can carry lone surrogates)."""

    def found(values: st.SearchStrategy[str]) -> Found[str]:
        return Found(draw(values), draw(st.sampled_from(["line 1", "json-ld headline", "og:title", "sidecar x.toml url"])))

    def maybe(values: st.SearchStrategy[str], *, likely: bool = False) -> Found[str] | None:
        present = draw(st.integers(0, 9)) > (0 if likely else 5)
        return found(values) if present else None

    def some(values: st.SearchStrategy[str]) -> tuple[Found[str], ...]:
        return tuple(found(values) for _ in range(draw(st.integers(0, 2))))

    good_date = st.sampled_from(_GOOD_DATE_LINES).map(lambda line: line.partition(": ")[2].partition(" Updated")[0] or line)
    date = st.one_of(good_date, good_date, st.sampled_from(_BAD_DATE_LINES).map(lambda line: line.partition(": ")[2]), nasty_text)
    url = st.one_of(nasty_text, st.sampled_from(_URLS))
    optional_url = st.none() | url
    size = st.none() | st.integers(1, 5000)
    return Draft(
        source=Source(Path("fuzz.txt"), "text", "0" * 64),
        headline=maybe(wordy_text | nasty_text, likely=True),
        published=found(date),
        modified=maybe(st.sampled_from(["2021-03-12 08:00", "2021-03-10", ""]) | nasty_text),
        sections=some(nasty_text),
        authors=tuple(DraftAgent(found(nasty_text), draw(optional_url), draw(st.sampled_from([None, "Person", "Organization"]))) for _ in range(draw(st.integers(0, 2)))),
        dateline=maybe(nasty_text),
        images=tuple(DraftImage("line 5", draw(optional_url), draw(st.none() | nasty_text), draw(st.none() | nasty_text), draw(size), draw(size)) for _ in range(draw(st.integers(0, 2)))),
        body=some(wordy_text) + some(nasty_text),
        description=maybe(nasty_text),
        language=maybe(st.sampled_from(["en", "zh_CN", "ar", "", "x" * 40, "en-\x00"])),
        keywords=some(nasty_text),
        url=maybe(url),
        id=maybe(wordy_text | nasty_text),
    )


# Crashes found and not yet fixed: (exception type, words of its message, the file it is raised
# in). Fuzzing goes on past them to find others, and the corpus replays each as a strict xfail
# (tests/test_fuzz.py), so its fix shows. Empty: the HTML reader's two (extruct's microdata
# cleaner on a control character, its OpenGraph extractor on a <head> after </html>) are fixed.
KNOWN_CRASHES: tuple[tuple[type[Exception], str, str], ...] = ()


def is_known_crash(error: BaseException) -> bool:
    """Whether `error` is one of the KNOWN_CRASHES."""
    frames = traceback.extract_tb(error.__traceback__)
    return any(
        isinstance(error, kind) and words in str(error) and any(frame.filename.endswith(source) for frame in frames)
        for kind, words, source in KNOWN_CRASHES
    )


def article_or_input_error(data: bytes, suffix: str = ".txt") -> Article | InputError:
    """The reader for `suffix` plus normalize on `data`: an Article, or the InputError saying why not.
    Any other exception propagates: that is the bug the fuzzers look for."""
    try:
        return normalize(READERS[suffix](Path(f"fuzz{suffix}"), data), SITE)
    except InputError as error:
        return error


def normalized_or_input_error(draft: Draft) -> Article | InputError:
    try:
        return normalize(draft, SITE)
    except InputError as error:
        return error


def check_files(story: bytes, sidecar: str | bytes) -> Article | InputError:
    """An article file and its sidecar, read from disk as a build reads them, then normalized and rendered."""
    sidecar_bytes = sidecar if isinstance(sidecar, bytes) else sidecar.encode("utf-8", errors="surrogatepass")
    with tempfile.TemporaryDirectory(prefix="wirefeed-fuzz-") as folder:
        path = Path(folder) / "story.txt"
        path.write_bytes(story)
        path.with_suffix(".toml").write_bytes(sidecar_bytes)
        try:
            article = normalize(read(path), SITE)
        except InputError as error:
            return error
    check_outputs(article)
    return article


def check_outputs(article: Article) -> None:
    """Every output of `article` parses, and its JSON-LD reads back as written, wherever it is embedded."""
    document = article_jsonld(article, SITE)
    text = to_json(document)
    assert json.loads(text.encode("utf-8")) == document
    feed = render_rss([article], SITE, lambda item: render_content(_ENVIRONMENT, item))
    lxml.etree.fromstring(feed, _XML)
    page = lxml.html.document_fromstring(render_article(_ENVIRONMENT, article, SITE).encode("utf-8"))
    scripts = page.xpath("//script")
    assert [script.get("type") for script in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0].text) == document
    assert [h1.text_content() for h1 in page.iter("h1")] == [article.headline]
    check_relative_path(article_page_path(article, SITE))


def check_input(data: bytes, suffix: str = ".txt") -> Article | InputError:
    result = article_or_input_error(data, suffix)
    if isinstance(result, Article):
        check_outputs(result)
    else:
        assert "\n" not in result.message and result.message, repr(result.message)
    return result


# A good story for the sidecar target: what the sidecar's values go over.
SIDECAR_STORY = (
    b"SOURCE / ECONOMY\nChip exports rise\nPublished: Mar 11, 2021 12:58 PM\nBy Wang Qi\n\n"
    b"BEIJING, March 11 (Xinhua) -- Chip exports rose 20 percent in February.\n"
)
# The names `wirefeed check` tells a document's kind by, besides its content.
CHECKED_NAMES = ("feed.xml", "feed.json", "article.jsonld", "page.html")


def check_sidecar_bytes(sidecar: bytes) -> Article | InputError:
    """Any bytes as the sidecar of a good story: an Article whose outputs parse, or an InputError."""
    return check_files(SIDECAR_STORY, sidecar)


def check_document(data: bytes) -> None:
    """Any bytes through `wirefeed check`'s library entry under each name: findings, never an exception."""
    for name in CHECKED_NAMES:
        check_bytes(data, Path(name))


def read_raw(data: bytes) -> None:
    """The text reader alone on any bytes: a Draft or an InputError."""
    try:
        read_text(Path("fuzz.txt"), data)
    except InputError:
        pass
