"""The public API: Finding, check_path, check_bytes, check_jsonld and sniffing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirefeed.check import Finding, Kind, check_bytes, check_jsonld, check_path, sniff

HERE = Path(__file__).parent
CLEAN = HERE / "clean"


def test_finding_prints_file_line_severity_rule_and_message() -> None:
    finding = Finding(Path("out/feed.xml"), 12, "IncorrectDOW", "a Thursday", "error")

    assert str(finding) == "out/feed.xml:12: error: IncorrectDOW: a Thursday"


def test_finding_without_line_prints_file_rule_and_message() -> None:
    finding = Finding(Path("a.jsonld"), None, "UnknownType", "no such type", "error")

    assert str(finding) == "a.jsonld: error: UnknownType: no such type"


def test_finding_is_frozen() -> None:
    finding = Finding(Path("a"), 1, "NotBlank", "empty", "warning")

    with pytest.raises(AttributeError):
        finding.line = 2  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("feed.rss", Kind.RSS),
        ("feed.atom", Kind.ATOM),
        ("feed.json", Kind.JSON_FEED),
        ("article.jsonld", Kind.JSON_LD),
        ("article.html", Kind.HTML),
    ],
)
def test_sniff_tells_each_clean_file_kind(name: str, kind: Kind) -> None:
    path = CLEAN / name

    assert sniff(path.read_bytes(), path) is kind


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        # Feeds are often saved as plain .xml: the root element decides.
        (b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0"/>', "feed.xml", Kind.RSS),
        (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom"/>', "feed.xml", Kind.ATOM),
        (b"<!DOCTYPE html><title>x</title>", "page.xml", Kind.HTML),
        (b'{"@context": "https://schema.org", "@type": "Thing"}', "data.json", Kind.JSON_LD),
        (b'{"title": "x", "version": "https://jsonfeed.org/version/1.1"}', "feed.json", Kind.JSON_FEED),
        (b'{"name": "x"}', "package.json", Kind.OTHER_JSON),
        (b"<urlset/>", "sitemap.xml", Kind.SITEMAP),
        (b"<urlset/>", "sitemap.txt", Kind.SITEMAP),
        (b"<catalog/>", "books.xml", Kind.OTHER_XML),
        (b"not xml at all", "broken.rss", Kind.RSS),
        (b"", "empty.json", Kind.OTHER_JSON),
        (b"SOURCE / ECONOMY", "article.txt", Kind.UNKNOWN),
    ],
)
def test_sniff_reads_content_before_the_name(data: bytes, name: str, kind: Kind) -> None:
    assert sniff(data, Path(name)) is kind


def test_rss_saved_as_xml_is_checked_as_rss() -> None:
    data = (CLEAN / "feed.rss").read_bytes()
    data = data.replace(b"<language>en</language>", b"<language>zh_CN</language>")

    findings = check_bytes(data, Path("feed.xml"))

    assert [(f.rule, f.line) for f in findings] == [("InvalidLanguage", 12)]


def test_utf16_feed_is_routed_by_its_parsed_root() -> None:
    # The byte sniffing cannot read UTF-16; the XML parser can, and its root decides.
    data = (CLEAN / "feed.rss").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    data = data.replace("<title>Global Times: Economy</title>", "<title></title>", 1)

    findings = check_bytes(data.encode("utf-16"), Path("feed.xml"))

    assert [(f.rule, f.line) for f in findings] == [("NotBlank", 8)]


def test_text_that_is_no_known_syntax_is_an_unknown_format_warning() -> None:
    findings = check_bytes(b"SOURCE / ECONOMY\nChina-US working group", Path("article.txt"))

    assert [(f.rule, f.severity) for f in findings] == [("UnknownFormat", "warning")]


def test_check_path_reports_an_unreadable_file_as_io_error(tmp_path: Path) -> None:
    findings = check_path(tmp_path)  # a folder cannot be read as a file

    assert [(f.rule, f.severity, f.line) for f in findings] == [("IOError", "error", None)]


def test_check_jsonld_checks_a_parsed_document() -> None:
    document = json.loads((CLEAN / "article.jsonld").read_text(encoding="utf-8"))
    document["@graph"][0]["wordCount"] = "612"

    findings = check_jsonld(document, Path("page.html"))

    assert [(f.rule, f.path, f.line) for f in findings] == [("RangeMismatch", Path("page.html"), None)]
    assert findings[0].message.startswith("@graph[0].wordCount: ")


def test_check_jsonld_on_a_clean_document_finds_nothing() -> None:
    document = json.loads((CLEAN / "article.jsonld").read_text(encoding="utf-8"))

    assert check_jsonld(document, Path("article.jsonld")) == []


def test_findings_in_a_page_carry_the_script_line() -> None:
    page = (CLEAN / "article.html").read_text(encoding="utf-8").replace('"wordCount"', '"wordcount"')
    page = page.replace('"@type": "NewsArticle",', '"@type": "NewsArticle", "wordcount": 5,')

    findings = check_bytes(page.encode(), Path("article.html"))

    assert [(f.rule, f.line) for f in findings] == [("UnknownProperty", 7)]
    assert "did you mean 'wordCount'" in findings[0].message


def test_entities_are_not_expanded() -> None:
    # The seed of a billion-laughs document: the title keeps the reference `&b;` unexpanded.
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<rss version="2.0"><channel><title>&b;</title></channel></rss>'
    )

    findings = check_bytes(laughs, Path("laughs.rss"))

    assert {f.rule for f in findings} == {
        "ContainsHTML",
        "MissingLink",
        "MissingDescription",
        "MissingAtomSelfLink",
    }
    assert "&b;" in next(f.message for f in findings if f.rule == "ContainsHTML")


def test_deeply_nested_json_is_a_finding_not_a_crash() -> None:
    data = b'{"@context": "https://schema.org", "about": ' + b"[" * 5000 + b"]" * 5000 + b"}"

    findings = check_bytes(data, Path("deep.jsonld"))

    assert [f.rule for f in findings] == ["InvalidJson"]


SUFFIXES = [".rss", ".atom", ".xml", ".json", ".jsonld", ".html"]


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_give_findings_never_a_traceback(data: bytes, suffix: str) -> None:
    findings = check_bytes(data, Path("fuzz" + suffix))

    assert all(isinstance(f, Finding) for f in findings)


JSON_LD_KEYS = ["@id", "@type", "@graph", "@value", "author", "image", "name", "x"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(JSON_LD_KEYS), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(document=json_values)
def test_any_json_gives_findings_never_a_traceback(document: object) -> None:
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "about": document}

    findings = check_jsonld(article, Path("x.jsonld"))

    assert all(isinstance(f, Finding) for f in findings)
