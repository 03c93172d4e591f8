"""Versions and messages of wire stories, end to end: two versions of one story side by side in
the input folder (the newest wins), a provider's withdrawal (no error: the story is taken down,
exit code 0), and a NewsML-G2 newsMessage of several text items (each its own article)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.etree

from tests.conftest import ROOT, wirefeed
from wirefeed import build
from wirefeed.check.ninjs import ninjs_problems
from wirefeed.store import Store, default_store_path

FORMATS = ROOT / "tests" / "fixtures" / "wire-formats" / "newsml-g2"
LISTING_1 = FORMATS / "LISTING_1_A_NewsML-G2_News_Item.xml"
LISTING_2 = FORMATS / "LISTING_2_NewsML-G2_Text_Document.xml"
TT_MESSAGE = FORMATS / "TT_newsmlg2_sample.xml"
NINJS_SITE = ROOT / "tests" / "fixtures" / "ninjs-site"
TT_NINJS = NINJS_SITE / "tt-military-exercise-ninjs3.json"
FED = "fed-to-halt-qe-to-avert-bubble"
FED_ID = "urn-newsml-acmenews-com-20161121-us-finance-fed"
OLD_TEXT = "Et, sent luptat luptat"
NEW_TEXT = "The Fed said on Tuesday it would stop buying bonds."


def _site(tmp_path: Path, config: Path = ROOT / "tests" / "fixtures" / "wire") -> Path:
    source = tmp_path / "input"
    source.mkdir()
    shutil.copy(config / "wirefeed.toml", source)
    shutil.copytree(config / "static", source / "static")
    return source


def _listing_2(version: int, *, status: str = "usable") -> str:
    """IPTC's LISTING 2 as its provider's version `version`: later versions were made a day later each,
    and carry another first paragraph."""
    text = LISTING_2.read_text(encoding="utf-8")
    if version == 11:
        return text
    days = 21 + version - 11
    text = text.replace('version="11"', f'version="{version}"', 1)
    text = text.replace("<versionCreated>2018-11-21T16:25:32-05:00", f"<versionCreated>2018-11-{days}T16:25:32-05:00")
    text = text.replace('<pubStatus qcode="stat:usable" />', f'<pubStatus qcode="stat:{status}" />')
    return text.replace(OLD_TEXT, NEW_TEXT, 1)


def _body(tmp_path: Path, slug: str = FED) -> str:
    document = json.loads((tmp_path / "site" / "articles" / f"{slug}.jsonld").read_text(encoding="utf-8"))
    return str(document["@graph"][0]["articleBody"])


def _records(source: Path) -> list[tuple[str, str, int]]:
    with Store.open(default_store_path(source)) as store:
        return sorted((record.id, record.state, record.revision) for record in store.records())


def test_two_versions_of_a_newsml_item_in_one_folder_publish_the_newest_as_an_edit(tmp_path: Path) -> None:
    source = _site(tmp_path)
    (source / "fed.xml").write_text(_listing_2(11), encoding="utf-8")
    assert wirefeed("build", "input", "-o", "site", cwd=tmp_path).returncode == 0
    assert OLD_TEXT in _body(tmp_path)
    # Version 12 arrives beside version 11, read after it: its content, not the first one read, is what the history compares.
    (source / "zz-fed-v12.xml").write_text(_listing_2(12), encoding="utf-8")
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[0] == (
        "input/fed.xml: note: version 11 of 2018-11-21T16:25:32-05:00, older than input/zz-fed-v12.xml "
        "(version 12 of 2018-11-22T16:25:32-05:00) of the same story; skipped")
    assert run.stderr.splitlines()[-1].startswith("built 1 article into site/ (")
    body = _body(tmp_path)
    assert NEW_TEXT in body and OLD_TEXT not in body
    assert _records(source) == [(FED_ID, "published", 2)]
    # Built again with both still there: nothing changes, no new revision.
    assert wirefeed("build", "input", "-o", "site", cwd=tmp_path).returncode == 0
    assert _records(source) == [(FED_ID, "published", 2)]


def test_two_versions_read_in_one_first_build_give_one_story(tmp_path: Path) -> None:
    source = _site(tmp_path)
    (source / "fed-11.xml").write_text(_listing_2(11), encoding="utf-8")
    (source / "fed-12.xml").write_text(_listing_2(12), encoding="utf-8")
    result = build(source, tmp_path / "site")
    assert (result.rejected, result.withdrawals) == ((), ())
    [article] = result.articles
    assert (article.id, article.version, article.source.path.name) == (FED_ID, "12", "fed-12.xml")
    assert article.warnings == (f"{source}/fed-11.xml: note: version 11 of 2018-11-21T16:25:32-05:00, older than "
                                f"{source}/fed-12.xml (version 12 of 2018-11-22T16:25:32-05:00) of the same story; skipped",)
    assert _records(source) == [(FED_ID, "published", 1)]


def test_two_ninjs_versions_of_one_uri_in_one_folder_publish_the_newest(tmp_path: Path) -> None:
    source = _site(tmp_path, NINJS_SITE)
    shutil.copy(TT_NINJS, source / "tt-1.json")
    item = json.loads(TT_NINJS.read_text(encoding="utf-8"))
    item.update(version="2", versionCreated="2021-05-26T15:05:00+02:00")
    item["headlines"][0]["value"] = "Militärövning i jätteformat hålls våren 2023"
    (source / "tt-2.json").write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    result = build(source, tmp_path / "site")
    [article] = result.articles
    assert (article.headline, article.version, article.source.path.name) == ("Militärövning i jätteformat hålls våren 2023", "2", "tt-2.json")
    assert result.rejected == ()
    document = json.loads((tmp_path / "site" / "articles" / "militarovning-i-jatteformat-halls-varen-2023.ninjs.json").read_text(encoding="utf-8"))
    assert (document["uri"], document["version"]) == ("http://tt.se/media/text/210526-militarovning-a0f2d045", "2")


def test_versions_that_cannot_be_told_apart_stay_a_duplicate_id(tmp_path: Path) -> None:
    source = _site(tmp_path)
    (source / "fed-a.xml").write_text(_listing_2(11), encoding="utf-8")
    (source / "fed-b.xml").write_text(_listing_2(11).replace(OLD_TEXT, NEW_TEXT, 1), encoding="utf-8")
    result = build(source, tmp_path / "site")
    assert [str(error) for error in result.rejected] == [
        f"{source}/fed-b.xml: id {FED_ID!r} is already used by {source}/fed-a.xml; expected each article to have its own id (rename the file or set id in its sidecar)"]


def test_a_withdrawal_is_no_error_and_takes_the_story_down(tmp_path: Path) -> None:
    source = _site(tmp_path)
    (source / "fed.xml").write_text(_listing_2(11), encoding="utf-8")
    assert wirefeed("build", "input", "-o", "site", cwd=tmp_path).returncode == 0
    # Version 12 withdraws the story, beside version 11 that is still in the folder.
    (source / "fed-12.xml").write_text(_listing_2(12, status="canceled"), encoding="utf-8")
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == [
        "input/fed-12.xml: /newsItem/itemMeta/pubStatus[1]/@qcode: the provider's status is 'canceled': the story is taken down "
        "(a version published before is withdrawn); input/fed.xml: note: version 11 of 2018-11-21T16:25:32-05:00, older than "
        "input/fed-12.xml (a withdrawal of 2018-11-22T16:25:32-05:00) of the same story; skipped",
        run.stderr.splitlines()[-1],
    ]
    assert run.stderr.splitlines()[-1].startswith("built 0 articles into site/ (") and run.stderr.splitlines()[-1].endswith("; 1 withdrawn by their input")
    assert not any((tmp_path / "site" / "articles" / f"{FED}{suffix}").exists() for suffix in (".html", ".jsonld", ".ninjs.json"))
    assert _records(source) == [(FED_ID, "withdrawn", 1)]
    feed = json.loads((tmp_path / "site" / "feed.json").read_text(encoding="utf-8"))
    assert feed["items"] == []


def test_a_version_newer_than_a_withdrawal_puts_the_story_back(tmp_path: Path) -> None:
    source = _site(tmp_path)
    (source / "fed-12.xml").write_text(_listing_2(12, status="withdrawn"), encoding="utf-8")
    (source / "fed-13.xml").write_text(_listing_2(13), encoding="utf-8")
    result = build(source, tmp_path / "site")
    assert (result.rejected, result.withdrawals) == ((), ())
    [article] = result.articles
    assert (article.version, article.warnings) == ("13", (
        f"{source}/fed-12.xml: note: a withdrawal of 2018-11-22T16:25:32-05:00, older than {source}/fed-13.xml "
        "(version 13 of 2018-11-23T16:25:32-05:00) of the same story; skipped",))


def test_a_markdown_draft_is_no_error(tmp_path: Path) -> None:
    source = _site(tmp_path, NINJS_SITE)
    shutil.copy(NINJS_SITE / "2021-05-28-unfinished.md", source)
    shutil.copy(NINJS_SITE / "2021-05-27-aurora-planning.md", source)
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[0] == "input/2021-05-28-unfinished.md:4: a draft (draft: true); not published until its front matter says it is ready"
    assert run.stderr.splitlines()[-1].endswith("; 1 withdrawn by their input")


def _message(*extra_items: str, tt_status: str = "usable") -> bytes:
    """TT's newsMessage (a package, its text and its picture), with IPTC's LISTING 1 and 2 text items
    (and `extra_items`) added to its itemSet; TT's text item of status `tt_status`."""
    message = lxml.etree.parse(str(TT_MESSAGE)).getroot()
    item_set = message.find("itemSet")
    assert item_set is not None
    status = item_set.find("newsItem/itemMeta/pubStatus")
    assert status is not None
    status.set("qcode", f"stat:{tt_status}")
    for text in (LISTING_1.read_bytes(), LISTING_2.read_bytes(), *(item.encode("utf-8") for item in extra_items)):
        item_set.append(lxml.etree.fromstring(text))
    return bytes(lxml.etree.tostring(message, xml_declaration=True, encoding="UTF-8"))


def test_a_newsmessage_of_several_text_items_builds_each_with_its_pictures(tmp_path: Path) -> None:
    source = _site(tmp_path)
    (source / "message.xml").write_bytes(_message())
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[-1].startswith("built 3 articles into site/ (")
    site = tmp_path / "site"
    pages = {
        "jan-guillou-skriver-pa-ny-hamilton-bok": 'Jan Guillou skriver på ny "Hamilton"-bok',
        FED: 'Fed to halt QE to avert "bubble"',
        f"{FED}-907d5588": 'Fed to halt QE to avert "bubble"',
    }
    found = {}
    for path in sorted((site / "articles").glob("*.jsonld")):
        slug = path.name.removesuffix(".jsonld")
        headline = json.loads(path.read_text(encoding="utf-8"))["@graph"][0]["headline"]
        ninjs = json.loads((site / "articles" / f"{slug}.ninjs.json").read_text(encoding="utf-8"))
        assert ninjs["headlines"] == [{"role": "main", "value": headline}]
        assert ninjs_problems(ninjs, 3) == []  # IPTC's ninjs 3.1 JSON Schema
        found[slug] = (headline, [(picture["uri"], picture["by"]) for picture in ninjs.get("associations", [])])
        assert (site / "articles" / f"{slug}.html").is_file()
    assert {slug: headline for slug, (headline, _) in found.items()} == pages
    # TT's picture is its story's (the package lists both), not the other stories'.
    assert found["jan-guillou-skriver-pa-ny-hamilton-bok"][1] == [
        ("https://beta.tt.se/media/text/210919-janguillou-879f202b/a001_NormalPreview.jpg", "Naina Helén Jåma/TT")]
    assert found[FED][1] == found[f"{FED}-907d5588"][1] == []
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert sorted(item["title"] for item in feed["items"]) == sorted(pages.values())
    # Built again unchanged (the message read from the input cache): the same three, the same history.
    records = _records(source)
    again = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert again.returncode == 0 and again.stderr.splitlines()[-1].startswith("built 3 articles into site/ (")
    assert _records(source) == records == sorted((article_id, "published", 1) for article_id in (
        "http-tt-se-media-text-210919-janguillou-879f202b", FED_ID, "urn-newsml-acmenews-com-20161018-us-finance-fed"))
    # `show` prints one article: a message of several is refused with a line saying so.
    shown = wirefeed("show", "input/message.xml", cwd=tmp_path)
    assert (shown.returncode, shown.stderr) == (1, "input/message.xml: a file of 3 articles; expected one here (a build reads each as its own article)\n")


_BAD_ITEM = """<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.com:20240501:no-headline" version="1">
  <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2024-05-01T10:00:00Z</versionCreated><pubStatus qcode="stat:usable"/></itemMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Text.</p></body></html></inlineXML></contentSet>
</newsItem>"""


def test_an_item_of_a_message_that_cannot_be_published_is_named_and_the_others_are_built(tmp_path: Path) -> None:
    source = _site(tmp_path)
    (source / "message.xml").write_bytes(_message(_BAD_ITEM))
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr.splitlines()[0] == (
        "input/message.xml: no headline found; expected a <headline> in the text newsItem's contentMeta (or an <hl1> in "
        "its NITF body) (in the item 'urn:newsml:example.com:20240501:no-headline')")
    assert run.stderr.splitlines()[-1].startswith("built 3 articles into site/ (") and run.stderr.splitlines()[-1].endswith("; rejected 1")
    assert "Traceback" not in run.stderr


def test_a_withdrawn_item_of_a_message_takes_only_its_story_down(tmp_path: Path) -> None:
    source = _site(tmp_path)
    (source / "message.xml").write_bytes(_message())
    assert wirefeed("build", "input", "-o", "site", cwd=tmp_path).returncode == 0
    (source / "message.xml").write_bytes(_message(tt_status="canceled"))
    run = wirefeed("build", "input", "-o", "site", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[0] == (
        "input/message.xml: /newsMessage/itemSet/newsItem[1]/itemMeta/pubStatus[1]/@qcode: the provider's status is 'canceled': "
        "the story is taken down (a version published before is withdrawn) (in the item 'http://tt.se/media/text/210919-janguillou-879f202b')")
    assert run.stderr.splitlines()[-1].startswith("built 2 articles into site/ (")
    assert not (tmp_path / "site" / "articles" / "jan-guillou-skriver-pa-ny-hamilton-bok.html").exists()
