"""The ninjs reader: IPTC's own examples of 1.x, 2.x and 3.x read into exact Draft values, and
one clear line for each kind of bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from wirefeed.errors import InputError
from wirefeed.model import Draft, Found, Site
from wirefeed.normalize import normalize
from wirefeed.readers import read
from wirefeed.readers.ninjs import ninjs_generation, read_ninjs

NINJS = Path(__file__).resolve().parent.parent / "fixtures" / "ninjs"
EXAMPLES = NINJS / "examples"
AP_HEADLINE = "Captain of wrecked cruise ship on trial in Italy"
AP_FIRST = "GROSSETO, Italy (AP) -- The trial of the captain of the shipwrecked Costa Concordia cruise liner has begun in a theater converted into a courtroom in Tuscany to accommodate all the survivors and relatives of the 32 victims who want to see justice carried out in the 2012 tragedy."
AP_LAST = "Pepe said some 1,000 witnesses are expected to eventually testify. Many of them are expected to be from among the 4,200 passengers and crew aboard the ship that struck a jagged reef off Giglio, took on water and capsized. Schettino has denied wrongdoing."


def example(name: str) -> Draft:
    path = EXAMPLES / name
    return read_ninjs(path, path.read_bytes())


def written(tmp_path: Path, document: object, name: str = "item.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_ninjs(path, path.read_bytes())
    return str(caught.value)


def test_ninjs_1_4_reads_headline_byline_date_and_the_xhtml_body() -> None:
    draft = example("1.4/ninjsExSimpleText1.json")
    assert draft.source.format == "ninjs 1"
    assert draft.headline == Found(AP_HEADLINE, "/headline")
    assert draft.published == Found("2013-07-09T10:37:00Z", "/versioncreated")
    assert draft.modified == Found("2013-07-09T10:37:00Z", "/versioncreated")
    assert [(author.name.value, author.name.where) for author in draft.authors] == [("Paulo Santalucia and Frances d'Emilio", "/byline")]
    # body_xhtml is preferred to body_text: it marks the paragraphs.
    assert len(draft.body) == 4
    assert draft.body[0] == Found(AP_FIRST, "/body_xhtml")
    assert draft.id == draft.uri == Found("http://ninjs.example.com/newsitems/20130709simp123", "/uri")
    assert draft.version is None


def test_ninjs_1_6_reads_suffixed_keys_language_and_located() -> None:
    draft = example("1.6/005_complex_text_article.json")
    assert draft.headline == Found(AP_HEADLINE, "/headline_main")
    assert [found.where for found in draft.body] == ["/body_richtext"] * 4
    assert draft.body[3].value == AP_LAST
    assert draft.language == Found("en", "/language")
    assert draft.dateline == Found("Grossetto, Italy", "/located")
    # The people are whom the story is about, not who wrote it.
    assert [author.name.value for author in draft.authors] == ["Paulo Santalucia and Frances d'Emilio"]


def test_ninjs_2_2_reads_the_arrays_with_lower_case_keys() -> None:
    draft = example("2.2/005_complex_text_article.json")
    assert draft.source.format == "ninjs 2"
    assert draft.headline == Found(AP_HEADLINE, "/headlines/0/value")
    assert draft.modified == Found("2013-07-09T10:37:00Z", "/versioncreated")
    assert [found.where for found in draft.body] == ["/bodies/1/value"] * 4
    assert [found.value for found in draft.body][1:3] == [
        "The sole defendant, Francesco Schettino, his eyes shaded by sunglasses and slipping into a back door, made no comment to reporters as he arrived for his trial Tuesday on charges of multiple manslaughter, abandoning ship and causing the shipwreck near the island of Giglio.",
        "His lawyer, Domenico Pepe, told reporters that, as expected, the judge was postponing the hearing due to an eight-day nationwide lawyers' strike.",
    ]


def test_ninjs_3_dpa_reads_version_status_copyright_holder_and_html_body() -> None:
    draft = example("3.0/dpa_text.json")
    assert draft.source.format == "ninjs 3"
    assert draft.headline == Found("Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?", "/headlines/0/value")
    assert draft.published == Found("2019-05-10T16:02:28+02:00", "/versionCreated")
    assert draft.version == Found("2", "/version")
    assert draft.status == Found("usable", "/pubStatus")
    assert draft.site_name == Found("dpa", "/copyrightHolder")
    assert draft.language == Found("de", "/language")
    assert [author.name.value for author in draft.authors] == ["Von Christian Hollmann, dpa"]
    assert len(draft.body) == 9
    assert draft.body[0].value.startswith("Für Lucien Favre war es «der größte Skandal im Fußball seit Jahren».")


def test_ninjs_3_ntb_reads_first_created_subjects_and_description() -> None:
    draft = example("3.0/ntb_text.json")
    assert draft.published == Found("2019-08-09T09:30:04Z", "/firstCreated")
    assert draft.modified == Found("2019-08-09T09:46:53Z", "/versionCreated")
    assert draft.sections == (Found("Innenriks", "/subjects/0/name"),)
    assert [found.value for found in draft.keywords] == ["Innenriks", "Teknologi", "Industri", "Olje og energi"]
    assert draft.description == Found(
        "IT-giganten Google har kjøpt en tomt på nærmere 2.000 mål i Skien i tilfelle det blir behov for flere datasentre i Europa. ",
        "/descriptions/0/value")
    assert draft.language == Found("nb-NO", "/language")
    assert draft.version == Found("6", "/version")
    assert draft.body == ()  # a flash: headline and summary only


def test_ninjs_3_tt_reads_the_html5_body_and_the_associated_picture() -> None:
    draft = example("3.0/tt_text_image_3.json")
    # The HTML body, not the plain one (which starts with the headline and rubric lines); the
    # repeated <h1>, the rubric spans and the figure are not paragraphs.
    assert [found.value[:40] for found in draft.body] == [
        "Pandemin satte stopp för den stora inter", "Aurora 2023 kommer att genomföras ungefä",
        "Aurora 20 skulle omfatta 25 000 deltagar", "Precis som den gången har vi inlett en d",
    ]
    assert [found.where for found in draft.body] == ["/bodies/1/value"] * 4
    [image] = draft.images
    # The widest rendition a page needs (1024 px), not the 4,724-pixel original of 10 MB.
    assert (image.where, image.url, image.width, image.height) == (
        "/associations/0", "https://beta.tt.se/media/text/210526-militarovning-a0f2d045/a001_NormalPreview.jpg", 1024, 683)
    assert image.caption == "En stor internationell försvarsövning planeras 2023 med fokus på södra Sverige och Gotland. Arkivbild från militärövningen Aurora 17."
    assert image.credit == "Karl Melander/TT"
    assert draft.sections == (Found("Krig, konflikter och oroligheter", "/subjects/0/name"),)


def test_ninjs_3_1_multimedia_reads_each_picture_with_its_caption() -> None:
    draft = example("3.1/007_multimedia.json")
    assert [(image.where, image.url, image.width, image.height) for image in draft.images] == [
        ("/associations/0", "http://hosted.ap.org/photos/2/2643c588-dc8d-4923-bebd-e3b904edbb3a-big.jpg", 429, 281),
        ("/associations/1", "http://hosted.ap.org/photos/2/2643c588-dc8d-4923-bebd-e3b904xyz000-big.jpg", 280, 430),
    ]
    assert draft.images[0].caption is not None and draft.images[0].caption.startswith("The Costa Concordia cruise ship lies on its side")


def test_the_reader_is_chosen_for_json_by_its_keys(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "3.0/ntb_text.json", tmp_path / "ntb.json")
    draft = read(tmp_path / "ntb.json", root=tmp_path)
    assert draft.headline == Found("Google har kjøpt giganttomt i Skien", "/headlines/0/value")


@pytest.mark.parametrize(("document", "generation"), [
    ({"uri": "u", "standard": {"name": "ninjs", "version": "2.1"}, "headline": "x"}, 2),
    ({"uri": "u", "$standard": {"name": "ninjs", "version": "1.5"}}, 1),
    ({"uri": "u", "$schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.0.json#"}, 3),
    ({"uri": "u", "versionCreated": "2021-01-01T00:00:00Z"}, 3),
    ({"uri": "u", "bodies": [{"contentType": "text/plain", "value": "x"}]}, 3),
    ({"uri": "u", "headlines": [{"value": "x"}], "versioncreated": "2021-01-01T00:00:00Z"}, 2),
    ({"uri": "u", "headline": "x", "versioncreated": "2021-01-01T00:00:00Z"}, 1),
])
def test_the_generation_is_declared_or_told_by_the_keys(document: dict[str, object], generation: int) -> None:
    assert ninjs_generation(Path("x.json"), document) == generation


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = NINJS / "invalid" / "1.3_006_bad_genre.json"
    assert error_of(path) == f"{path}:9: not valid JSON: Expecting value at column 20; expected a ninjs news item (a JSON object with a uri)"


def test_a_picture_on_its_own_is_no_article() -> None:
    path = EXAMPLES / "3.1/006_photo_only.json"
    assert error_of(path) == f"{path}: /type: the item's type is 'picture'; expected a text (or composite) item: a picture, video or graphic on its own is no article"


def test_an_unknown_ninjs_version_is_refused(tmp_path: Path) -> None:
    path = written(tmp_path, {"uri": "u", "standard": {"name": "ninjs", "version": "4.0"}, "headlines": [{"value": "H"}]})
    assert error_of(path) == f"{path}: /standard/version: ninjs version '4.0' is not one wirefeed reads; expected 1.x, 2.x or 3.x"


def test_no_headline_and_no_date_each_get_one_line(tmp_path: Path) -> None:
    no_headline = written(tmp_path, {"uri": "u", "versionCreated": "2021-01-01T00:00:00Z"}, "a.json")
    assert error_of(no_headline) == f"{no_headline}: /headlines: no headline; expected a headlines entry with a value (ninjs 2.x/3.x) or a headline (1.x)"
    no_date = written(tmp_path, {"uri": "u", "headlines": [{"value": "H"}]}, "b.json")
    assert error_of(no_date) == f"{no_date}: /versionCreated: no date; expected firstCreated or versionCreated, in ISO 8601 such as 2021-05-26T13:40:18+02:00"


def test_a_value_of_the_wrong_type_is_named_by_its_pointer(tmp_path: Path) -> None:
    path = written(tmp_path, {"uri": "u", "versionCreated": "2021-01-01T00:00:00Z", "headlines": [{"role": "main", "value": 42}]})
    assert error_of(path) == f"{path}: /headlines/0/value: a JSON number; expected a string"


def test_json_that_is_not_ninjs_or_not_an_object_is_refused(tmp_path: Path) -> None:
    other = written(tmp_path, {"version": "2", "items": []}, "other.json")
    with pytest.raises(InputError) as caught:
        read(other, root=tmp_path)
    assert str(caught.value) == (f"{other}: a JSON object of no kind wirefeed reads (keys: items, version); expected a ninjs news item "
                                 "or a JSON Feed (its version https://jsonfeed.org/version/1.1)")
    array = written(tmp_path, [{"uri": "u"}], "list.json")
    assert error_of(array) == f"{array}: a JSON array, not an object; expected a ninjs news item (a JSON object with a uri)"


def test_json_nested_too_deeply_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"uri": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert error_of(path) == f"{path}: JSON nested too deeply to read; expected a ninjs news item (a JSON object with a uri)"


def test_hostile_html_in_a_body_leaves_only_its_text(tmp_path: Path) -> None:
    body = ('<p>First <a href="javascript:alert(1)" onclick="steal()">link</a>.</p><script>alert("x")</script>'
            '<style>p{}</style><iframe src="https://evil.example/"></iframe><p>Second<img src=x onerror=alert(1)></p>')
    path = written(tmp_path, {"uri": "u", "versionCreated": "2021-01-01T00:00:00Z", "headlines": [{"value": "H"}],
                              "bodies": [{"contentType": "text/html", "value": body}]})
    draft = read_ninjs(path, path.read_bytes())
    assert [found.value for found in draft.body] == ["First link.", "Second"]


def test_a_ninjs_draft_normalizes_with_its_uri_and_version(sample_site: Site) -> None:
    article = normalize(example("3.0/dpa_text.json"), sample_site)
    assert article.id == "urn-newsml-dpa-com-20090101-190510-99-167362"
    assert (article.uri, article.version) == ("urn:newsml:dpa.com:20090101:190510-99-167362", "2")
    assert article.published.isoformat() == "2019-05-10T16:02:28+02:00"
    assert article.language == "de"


def test_ninjs_1_associations_and_renditions_as_objects(tmp_path: Path) -> None:
    path = written(tmp_path, {
        "uri": "u", "versioncreated": "2021-01-01T00:00:00Z", "headline": "H", "body_text": "One.\n\nTwo.",
        "embargoed": "2021-01-02T00:00:00Z", "pubstatus": "withheld",
        "associations": {"featureimage": {
            "uri": "p", "description_text": "A caption.", "copyrightholder": "Agency",
            "renditions": {"big": {"href": "https://x.example/big.jpg", "mimetype": "image/jpeg", "width": 4000, "height": 3000},
                           "huge": {"href": "https://x.example/huge.jpg", "mimetype": "image/jpeg", "width": 8000, "height": 6000}},
        }},
    })
    draft = read_ninjs(path, path.read_bytes())
    assert draft.source.format == "ninjs 1"
    assert [found.value for found in draft.body] == ["One.", "Two."]
    assert (draft.embargoed, draft.status) == (Found("2021-01-02T00:00:00Z", "/embargoed"), Found("withheld", "/pubstatus"))
    # Untyped, but its renditions are images; every rendition is wider than a page needs: the narrowest.
    [image] = draft.images
    assert (image.where, image.url, image.width, image.caption, image.credit) == (
        "/associations/featureimage", "https://x.example/big.jpg", 4000, "A caption.", "Agency")


def test_without_a_byline_the_creators_among_the_people_are_the_authors(tmp_path: Path) -> None:
    path = written(tmp_path, {
        "uri": "u", "versionCreated": "2021-01-01T00:00:00Z", "headlines": [{"value": "H"}],
        "people": [{"name": "Ann Lee", "rel": "creator"}, {"name": "Bo Ma", "rel": "about"},
                   {"name": "Cy Wu", "rel": "http://cv.iptc.org/newscodes/creatorrole/author"}],
        "infoSources": [{"name": "Example Agency", "role": "originfo"}],
    })
    draft = read_ninjs(path, path.read_bytes())
    assert [(author.name.value, author.name.where, author.kind) for author in draft.authors] == [
        ("Ann Lee", "/people/0/name", "Person"), ("Cy Wu", "/people/2/name", "Person")]
    assert draft.site_name == Found("Example Agency", "/infoSources/0/name")


def test_a_sub_headline_is_the_description_and_an_xml_body_is_passed_over(tmp_path: Path) -> None:
    path = written(tmp_path, {
        "uri": "u", "versionCreated": "2021-01-01T00:00:00Z",
        "headlines": [{"role": "sub", "value": "Sub"}, {"role": "main", "value": "Main"}],
        "bodies": [{"contentType": "application/xml", "value": "<x>No</x>"}, {"contentType": "text/plain", "value": "Yes."}],
    })
    draft = read_ninjs(path, path.read_bytes())
    assert (draft.headline, draft.description) == (Found("Main", "/headlines/1/value"), Found("Sub", "/headlines/0/value"))
    assert draft.body == (Found("Yes.", "/bodies/1/value"),)
