"""The shipped schema.org vocabulary and the script that derives it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirefeed.check.make_vocabulary import build_vocabulary, main, render
from wirefeed.check.schemaorg import VOCABULARY_FILE, load_vocabulary

PACKAGE_DATA = Path(__file__).parents[2] / "src" / "wirefeed" / "data" / VOCABULARY_FILE
# The full release file is beside the project in development and CI, not in a user's clone.
RELEASE = Path(__file__).parents[3] / "shared" / "schemaorg" / "schemaorg-current-https.jsonld"


def test_news_article_inherits_from_article_creative_work_and_thing() -> None:
    vocabulary = load_vocabulary()

    assert vocabulary.ancestors("NewsArticle") == {"NewsArticle", "Article", "CreativeWork", "Thing"}


def test_types_are_spelled_exactly() -> None:
    vocabulary = load_vocabulary()

    assert vocabulary.is_type("ImageObject")
    assert not vocabulary.is_type("imageObject")
    assert vocabulary.suggest_type("imageObject") == "ImageObject"


@pytest.mark.parametrize(
    ("prop", "on_type", "allowed"),
    [
        ("headline", "NewsArticle", True),
        ("wordCount", "NewsArticle", True),
        ("dateline", "NewsArticle", True),
        ("creditText", "ImageObject", True),
        ("width", "ImageObject", True),
        ("headline", "Person", False),
        ("logo", "NewsArticle", False),
    ],
)
def test_domains_include_subtypes(prop: str, on_type: str, allowed: bool) -> None:
    vocabulary = load_vocabulary()
    found = vocabulary.property(prop)

    assert found is not None
    assert vocabulary.in_domain(found, [on_type]) is allowed


def test_ranges_and_literal_kinds() -> None:
    vocabulary = load_vocabulary()
    word_count = vocabulary.property("wordCount")
    date_published = vocabulary.property("datePublished")

    assert word_count is not None and word_count.range == {"Integer"}
    assert date_published is not None and date_published.range == {"Date", "DateTime"}
    assert [vocabulary.literal_kind(name) for name in ("URL", "Integer", "Text", "ImageObject")] == [
        "URL",
        "Integer",
        "Text",
        None,
    ]


def test_superseded_terms_name_their_replacement() -> None:
    found = load_vocabulary().property("isBasedOnUrl")

    assert found is not None and found.superseded_by == ("isBasedOn",)


@pytest.mark.skipif(not RELEASE.exists(), reason="schema.org release file not beside the project")
def test_shipped_vocabulary_is_what_the_generator_derives(tmp_path: Path) -> None:
    output = tmp_path / VOCABULARY_FILE

    assert main([str(RELEASE), str(output)]) == 0
    assert output.read_text(encoding="utf-8") == PACKAGE_DATA.read_text(encoding="utf-8")


def test_generator_keeps_only_schema_org_terms() -> None:
    source = {
        "@graph": [
            {"@id": "schema:Thing", "@type": "rdfs:Class"},
            {"@id": "schema:Text", "@type": ["schema:DataType", "rdfs:Class"]},
            {"@id": "schema:URL", "@type": "rdfs:Class", "rdfs:subClassOf": {"@id": "schema:Text"}},
            {"@id": "schema:Article", "@type": "rdfs:Class", "rdfs:subClassOf": {"@id": "schema:Thing"}},
            {"@id": "dct:Other", "@type": "rdfs:Class"},
            {
                "@id": "schema:oldUrl",
                "@type": "rdf:Property",
                "schema:domainIncludes": {"@id": "schema:Thing"},
                "schema:rangeIncludes": [{"@id": "schema:URL"}, {"@id": "schema:Article"}],
                "schema:supersededBy": {"@id": "schema:newUrl"},
            },
        ]
    }

    vocabulary = build_vocabulary(source)

    assert vocabulary == {
        "types": {"Article": ["Thing"], "Text": [], "Thing": [], "URL": ["Text"]},
        "datatypes": ["Text", "URL"],
        "supersededTypes": {},
        "properties": {
            "oldUrl": {"domain": ["Thing"], "range": ["Article", "URL"], "supersededBy": ["newUrl"]}
        },
    }
    assert json.loads(render(vocabulary)) == vocabulary
