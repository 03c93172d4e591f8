"""Property tests over the ninjs and Markdown readers: for any input a Draft or an InputError,
and after normalize an Article or an InputError, never another exception; whatever HTML a body
holds, no tag and no script text survives into a paragraph."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirefeed.errors import InputError
from wirefeed.model import Article, Site
from wirefeed.normalize import normalize
from wirefeed.readers.fragment import html_paragraphs
from wirefeed.readers.json_input import read_json
from wirefeed.readers.markdown import read_markdown

EXAMPLES = int(os.environ.get("WIREFEED_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
PATH = Path("item.json")

# Values as agencies might send them under each key: mostly right, sometimes the wrong type.
_scalars = st.one_of(st.text(max_size=40), st.integers(), st.booleans(), st.none(), st.sampled_from(
    ["2021-05-26T13:40:18+02:00", "2021-02-30", "text/html", "text/plain", "picture", "text", "3.1", "4.0", "<p>a</p><script>x</script>"]))
_json = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(
    st.sampled_from(["value", "role", "contentType", "contenttype", "name", "href", "width", "height", "type", "uri", "rel", "version"]),
    inner, max_size=5)), max_leaves=20)
_KEYS = ["uri", "type", "version", "versionCreated", "versioncreated", "firstCreated", "headlines", "headline", "headline_main",
         "bodies", "body_html", "body_text", "by", "byline", "people", "subjects", "subject", "associations", "descriptions",
         "language", "located", "copyrightHolder", "pubStatus", "embargoedUntil", "standard", "$standard", "$schema"]
ninjs_items = st.dictionaries(st.sampled_from(_KEYS), _json, max_size=12)


def _result(read: Any, data: bytes, site: Site) -> object:
    try:
        return normalize(read(PATH, data), site)
    except InputError as error:
        return error


@FUZZ
@given(ninjs_items)
def test_any_ninjs_like_object_gives_an_article_or_an_input_error(sample_site: Site, item: dict[str, Any]) -> None:
    assert isinstance(_result(read_json, json.dumps(item).encode("utf-8"), sample_site), (Article, InputError))


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_as_json_give_an_article_or_an_input_error(sample_site: Site, data: bytes) -> None:
    assert isinstance(_result(read_json, data, sample_site), (Article, InputError))


_front_lines = st.lists(st.one_of(
    st.sampled_from(["title: T", "date: 2021-03-12", "draft: false", "tags: [a, b]", "author: {name: A}", "images: [x.jpg]",
                     "slug: ''", "date: [1]", "a: &x 1", "b: *x", "title = 'T'", "- item", "categories: 3"]),
    st.text(max_size=30)), max_size=8)


@FUZZ
@given(st.sampled_from(["---", "+++"]), _front_lines, st.text(max_size=200))
def test_any_markdown_gives_an_article_or_an_input_error(sample_site: Site, fence: str, front: list[str], body: str) -> None:
    text = "\n".join([fence, *front, fence, body])
    assert isinstance(_result(read_markdown, text.encode("utf-8", "surrogatepass"), sample_site), (Article, InputError))


_tags = st.sampled_from(["p", "script", "style", "b", "a", "div", "li", "iframe", "h1", "h2", "br", "figure", "svg", "blockquote"])


@st.composite
def html_fragments(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        tag = draw(_tags)
        text = draw(st.text(alphabet="ab <>&\"'=/", max_size=12))
        parts.append(f"<{tag} onclick=\"alert(1)\">{text}SCRIPTWORD</{tag}>" if tag in ("script", "style") else f"<{tag}>{text}</{tag}>")
    return "".join(parts)


@FUZZ
@given(html_fragments())
def test_no_script_text_reaches_a_paragraph(markup: str) -> None:
    for paragraph in html_paragraphs(markup):
        assert "SCRIPTWORD" not in paragraph
