"""The NewsML-G2 reader on IPTC's own examples (exact values) and on hostile or wrong input."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirefeed.errors import InputError
from wirefeed.model import Draft, DraftAgent, DraftImage, Found
from wirefeed.readers import read
from wirefeed.readers.newsml import read_newsml, read_newsml_all

SAMPLES = Path(__file__).parent.parent / "fixtures" / "wire-formats" / "newsml-g2"
NS = 'xmlns="http://iptc.org/std/nar/2006-10-01/"'


def _read(name: str) -> Draft:
    path = SAMPLES / name
    return read_newsml(path, path.read_bytes())


def _item(body: str = "<p>Text.</p>", *, guid: str = "urn:x:1", version: int = 1, status: str = "usable", extra: str = "") -> bytes:
    return f"""<?xml version="1.0"?>
<newsItem {NS} guid="{guid}" version="{version}">
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="Example Wire"/>
    <versionCreated>2024-05-0{version}T10:00:00Z</versionCreated><firstCreated>2024-05-01T09:00:00Z</firstCreated>
    <pubStatus qcode="stat:{status}"/>{extra}</itemMeta>
  <contentMeta><headline>Headline here</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html></inlineXML></contentSet>
</newsItem>""".encode()


def test_listing_1_every_field_with_its_place() -> None:
    draft = _read("LISTING_1_A_NewsML-G2_News_Item.xml")
    assert draft.fields() == {
        "headline": Found('Fed to halt QE to avert "bubble"', "/newsItem/contentMeta/headline[1]"),
        "published": Found("2016-10-18T13:12:21-05:00", "/newsItem/itemMeta/firstCreated[1]"),
        "modified": Found("2018-10-21T16:25:32-05:00", "/newsItem/itemMeta/versionCreated[1]"),
        "sections": (Found("economy, business and finance", "/newsItem/contentMeta/subject[1]/name[1]"),),
        "authors": (DraftAgent(Found("Meredith Jameson", "/newsItem/contentMeta/creator/name[1]"), url="http://www.example.com/staff/mjameson"),),
        "dateline": Found("Berlin", "/newsItem/contentMeta/located/name[1]"),
        "language": Found("en-GB", "/newsItem/@xml:lang"),
        # `labour market` has a <broader> topic: a keyword, not a section. Its German name is not chosen.
        "keywords": (Found("labour market", "/newsItem/contentMeta/subject[2]/name[1]"),),
        "id": Found("urn:newsml:acmenews.com:20161018:US-FINANCE-FED", "/newsItem/@guid"),
        "site_name": Found("Example Enews LLP", "/newsItem/rightsInfo/copyrightHolder/name[1]"),
        "status": Found("usable", "/newsItem/itemMeta/pubStatus[1]/@qcode"),
        "embargoed": Found("2018-10-23T12:00:00Z", "/newsItem/itemMeta/embargoed[1]"),
        "version": Found("11", "/newsItem/@version"),
    }
    # The edNote ("STRICTLY EMBARGOED ...") is for editors: nowhere in the draft.
    assert "EMBARGOED" not in repr(draft)


def test_listing_2_body_from_inline_nitf() -> None:
    draft = _read("LISTING_2_NewsML-G2_Text_Document.xml")
    assert draft.published == Found("2016-11-21T15:21:06-05:00", "/newsItem/contentMeta/contentCreated[1]")
    assert [found.where for found in draft.body] == [
        "/newsItem/contentSet/inlineXML/nitf/body/body.content/p[1]",
        "/newsItem/contentSet/inlineXML/nitf/body/body.content/p[2]",
    ]
    assert draft.body[1].value == (
        "Ugiating ea feugait utat, venim velent nim quis nulluptat num Volorem inci enim dolobor eetuer sendre ercin "
        "utpatio dolorpercing Et accum nullan voluptat wisis alit dolessim zzrilla commy nonulpu tpatinis exer "
        "sequatueros adit verit am nonse exerili quismodion esto cons dolutpat, si.")
    assert [section.value for section in draft.sections] == ["economy, business and finance", "central bank", "money and monetary policy"]
    assert draft.language == Found("en-US", "/newsItem/contentMeta/language[1]/@tag")


def test_listing_22_description_and_provider() -> None:
    draft = _read("LISTING_22_Sports_story_in_NewsML-G2NITF.xml")
    assert draft.description == Found(
        "A pair of teams coming off big weekend sweeps will square off tonight at Citizens Bank Park, where the "
        "Philadelphia Phillies welcome the Arizona Diamondbacks for the start of a three-game series.",
        "/newsItem/contentMeta/description[1]")
    assert draft.site_name == Found("www.xmlteam.com", "/newsItem/itemMeta/provider[1]/@qcode")
    assert len(draft.body) == 6


def test_tt_message_text_item_with_its_picture_item() -> None:
    draft = _read("TT_newsmlg2_sample.xml")
    assert draft.id == Found("http://tt.se/media/text/210919-janguillou-879f202b", "/newsMessage/itemSet/newsItem[1]/@guid")
    # The repeated <h1> headline and the `Litteratur TT` label are not body text; the figure is an image.
    assert draft.body[0].value.startswith("Jan Guillou arbetar just nu med det sista kapitlet")
    assert len(draft.body) == 5
    assert draft.images == (DraftImage(
        where="/newsMessage/itemSet/newsItem[2]/contentSet/remoteContent[2]",
        url="https://beta.tt.se/media/text/210919-janguillou-879f202b/a001_NormalPreview.jpg",
        caption="Journalisten och författaren Jan Guillou jobbar på en ny bok om agenten Hamilton. Arkivbild.",
        credit="Naina Helén Jåma/TT", width=1024, height=682),)
    # A caption-role description of a text item is a teaser cut mid-word: not the description.
    assert draft.description is None


@pytest.mark.parametrize(("name", "where", "message"), [
    ("LISTING_3_Photo_in_NewsML-G2.xml", "/newsItem/itemMeta/itemClass[1]/@qcode",
     "a NewsML-G2 item of class ninat:picture and no text item; expected a text item (itemClass ninat:text)"),
    ("LISTING_6_Simple_NewsML-G2_Package.xml", "/packageItem",
     "a packageItem only lists other items and carries no text; expected a NewsML-G2 newsItem of text, or a newsMessage carrying one"),
])
def test_items_without_text_are_refused_naming_the_place(name: str, where: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        _read(name)
    assert (error.value.where, error.value.message) == (where, message)


def test_hostile_xhtml_keeps_only_text() -> None:
    body = ('<p>Before <a href="javascript:alert(1)" onclick="steal()">the link</a> after.</p>'
            '<script>alert("x")</script><style>p{}</style><iframe src="https://evil.example/">frame text</iframe>'
            '<p>Second<object data="x.swf">object text</object> paragraph.</p><form><input value="v"/>form text</form>')
    draft = read_newsml(Path("x.xml"), _item(body))
    assert [found.value for found in draft.body] == ["Before the link after.", "Second paragraph."]


def test_xxe_and_billion_laughs_are_refused() -> None:
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><newsItem>&x;</newsItem>'
    laughs = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><newsItem>&c;</newsItem>')
    for document in (xxe, laughs):
        with pytest.raises(InputError) as error:
            read_newsml(Path("x.xml"), document)
        assert error.value.where == "DOCTYPE"
        assert error.value.message.startswith("the document declares entities, which wirefeed never expands")


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(InputError) as error:
        read_newsml(Path("x.xml"), b'<newsItem>\n<itemMeta>\n</newsItem>')
    assert error.value.where == "line 3"
    assert error.value.message.startswith("not well-formed XML (")
    assert error.value.message.endswith("expected a NewsML-G2 newsItem of text, or a newsMessage carrying one")


def test_a_forbidden_character_is_one_line() -> None:
    with pytest.raises(InputError) as error:
        read_newsml(Path("x.xml"), b"<newsItem>\x00")
    assert error.value.message == ("not well-formed XML (Invalid character: Char 0x0 out of allowed range, line 1, column 11); "
                                   "expected a NewsML-G2 newsItem of text, or a newsMessage carrying one")


def test_withdrawn_status_and_a_new_version_keep_the_guid() -> None:
    first = read_newsml(Path("a.xml"), _item(version=1))
    withdrawn = read_newsml(Path("b.xml"), _item(version=2, status="withdrawn"))
    assert first.id == withdrawn.id == Found("urn:x:1", "/newsItem/@guid")
    assert withdrawn.status == Found("withdrawn", "/newsItem/itemMeta/pubStatus[1]/@qcode")
    assert withdrawn.modified == Found("2024-05-02T10:00:00Z", "/newsItem/itemMeta/versionCreated[1]")


def _message(*items: bytes) -> bytes:
    inner = b"".join(item.split(b"?>", 1)[1].replace(f" {NS}".encode(), b"") for item in items)
    return f'<newsMessage {NS}><itemSet>'.encode() + inner + b"</itemSet></newsMessage>"


_PICTURE = f"""<?xml version="1.0"?><newsItem {NS} guid="urn:pic:1"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta>
  <contentMeta><description>A harbour crane.</description><creditline>Jo Doe/EX</creditline></contentMeta>
  <contentSet><remoteContent href="https://img.example/crane.jpg" width="1200" height="800"/></contentSet></newsItem>""".encode()


def test_a_message_of_two_text_items_is_refused_by_read_and_read_whole_by_read_all() -> None:
    linked = _item(guid="urn:x:2", extra='<link rel="irel:seeAlso" residref="urn:pic:1"/>')
    message = _message(_item(guid="urn:x:1"), linked, _PICTURE)
    with pytest.raises(InputError, match="a newsMessage carrying 2 text items; expected one text item per file"):
        read_newsml(Path("m.xml"), message)
    drafts = read_newsml_all(Path("m.xml"), message)
    assert [draft.id for draft in drafts] == [
        Found("urn:x:1", "/newsMessage/itemSet/newsItem[1]/@guid"), Found("urn:x:2", "/newsMessage/itemSet/newsItem[2]/@guid")]
    # The picture goes to the text item that names it, not to the other.
    assert [draft.images for draft in drafts] == [(), (DraftImage(
        where="/newsMessage/itemSet/newsItem[3]/contentSet/remoteContent[1]", url="https://img.example/crane.jpg",
        caption="A harbour crane.", credit="Jo Doe/EX", width=1200, height=800),)]


def test_xml_files_are_sniffed_by_their_root(tmp_path: Path) -> None:
    newsml = tmp_path / "a.xml"
    newsml.write_bytes(_item())
    assert read(newsml, root=tmp_path).source.format == "newsml-g2"
    other = tmp_path / "b.xml"
    other.write_bytes(b"<?xml version='1.0'?><!-- x --><html/>")
    with pytest.raises(InputError) as error:
        read(other, root=tmp_path)
    assert (error.value.where, error.value.message) == ("/html", "the root element is <html>; expected a NewsML-G2 <newsItem> or <newsMessage>, an NITF <nitf> document, or an RSS or Atom feed")
    # An RSS root is a feed (readers/feed.py): one without items is refused as such.
    (tmp_path / "c.xml").write_bytes(b"<?xml version='1.0'?><!-- x --><rss version='2.0'/>")
    with pytest.raises(InputError) as error:
        read(tmp_path / "c.xml", root=tmp_path)
    assert (error.value.where, error.value.message) == ("/rss", "a feed without any item; expected an RSS or Atom feed with at least one item")


def test_a_line_break_inside_a_paragraph_is_a_space() -> None:
    draft = read_newsml(Path("x.xml"), _item("<p>Line one<br/>line two.</p>"))
    assert [found.value for found in draft.body] == ["Line one line two."]
