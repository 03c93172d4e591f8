"""Property tests over the NewsML-G2, NITF and IPTC 7901 readers: for any document an Article or an
InputError (one line), never another exception; every Article renders to outputs that parse."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.properties import check_input
from fuzz.wire_formats import iptc7901_messages, newsml_items, nitf_documents
from wirefeed.errors import InputError
from wirefeed.model import Article

EXAMPLES = int(os.environ.get("WIREFEED_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(st.one_of(newsml_items(), nitf_documents(), st.binary(max_size=1024).map(lambda data: b"<nitf>" + data)))
def test_the_xml_readers_give_an_article_or_an_input_error(data: bytes) -> None:
    assert isinstance(check_input(data, ".xml"), (Article, InputError))


@FUZZ
@given(st.one_of(iptc7901_messages(), st.binary(max_size=1024).map(lambda data: b"\x01x\x02" + data)))
def test_the_7901_reader_gives_an_article_or_an_input_error(data: bytes) -> None:
    assert isinstance(check_input(data, ".txt"), (Article, InputError))


def test_the_strategies_reach_articles() -> None:
    """A fuzz run that only ever met errors would check no output: some documents must publish."""
    published = {"newsml": 0, "nitf": 0, "7901": 0}

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(newsml_items(), nitf_documents(), iptc7901_messages())
    def count(newsml: bytes, nitf: bytes, message: bytes) -> None:
        for name, data, suffix in (("newsml", newsml, ".xml"), ("nitf", nitf, ".xml"), ("7901", message, ".txt")):
            published[name] += isinstance(check_input(data, suffix), Article)

    count()
    assert all(published.values()), published


_FEED_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)


@st.composite
def _one_item_feeds(draw: st.DrawFn) -> tuple[bytes, str]:
    """An RSS, Atom or JSON Feed of one item with any text in its fields (escaped as its format escapes)."""
    from xml.sax.saxutils import escape
    import json

    title, body, date = draw(_FEED_TEXT), draw(_FEED_TEXT), draw(st.sampled_from(["Wed, 13 Nov 2024 09:30:00 +0100", "2024-11-13T09:30:00Z", "", "nonsense"]))
    kind = draw(st.sampled_from([".rss", ".atom", ".json"]))
    if kind == ".json":
        item = {"id": "1", "title": title, "content_html": body, "date_published": date, "url": draw(st.sampled_from(["https://x.example/1", "javascript:alert(1)", ""]))}
        return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": [item]}).encode("utf-8"), kind
    if kind == ".atom":
        return (f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>{escape(title)}</title>'
                f'<published>{escape(date)}</published><content type="html">{escape(body)}</content></entry></feed>').encode("utf-8"), kind
    return (f'<rss version="2.0"><channel><title>F</title><item><title>{escape(title)}</title><pubDate>{escape(date)}</pubDate>'
            f'<description>{escape(body)}</description></item></channel></rss>').encode("utf-8"), kind


@FUZZ
@given(_one_item_feeds())
def test_the_feed_readers_give_an_article_or_an_input_error(feed: tuple[bytes, str]) -> None:
    data, suffix = feed
    assert isinstance(check_input(data, suffix), (Article, InputError))
