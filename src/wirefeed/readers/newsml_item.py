"""One NewsML-G2 text `newsItem` into a Draft (newsml.py finds the items of a file).

    itemMeta/itemClass              must be ninat:text (newsml.py refuses the others)
    @guid                           id (the same guid in a later version is the same article)
    @version                        version (of several files of one guid, the highest wins: pipeline/versions.py)
    itemMeta/firstCreated           published (else contentMeta/contentCreated, else versionCreated)
    itemMeta/versionCreated         modified
    itemMeta/pubStatus, embargoed   status, embargoed
    itemMeta/provider, rightsInfo/copyrightHolder   site name (the original publisher)
    contentMeta/headline            headline; a headline whose role is a sub-headline -> description
    contentMeta/description         description (summary or no role; a caption role is a teaser cut mid-word)
    contentMeta/by, creator         authors
    contentMeta/dateline, located   dateline
    contentMeta/language, @xml:lang language
    contentMeta/subject             top-level IPTC Media Topics -> sections; other named subjects -> keywords
    contentMeta/keyword             keywords
    contentSet/inlineXML            body: NITF or XHTML, text only; inlineData (text/plain) paragraphs
Dropped, having no place in an article: edNote (a note to editors, never published), signal,
urgency, genre, slugline, service, rights notices, catalogs and links.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import lxml.etree

from wirefeed.model import AgentKind, Draft, DraftAgent, DraftImage, Found, Source
from wirefeed.readers.nitf import NitfBody, read_body
from wirefeed.readers.xmlbody import Figure, body_paragraphs, figure_images, pixels, web_url
from wirefeed.readers.xmlsafe import (
    attribute, child, children, code_of, descendants, found_attribute, found_text, local, place, text_of,
)

# Schemes of IPTC's subject vocabularies (Media Topics, Subject Codes): their top level is a desk's section.
_TOPIC_SCHEMES = ("medtop", "subj")
_EMPTY_BODY = NitfBody(None, None, (), None, None, (), ())


def item_draft(item: lxml.etree._Element, source: Source, pictures: Mapping[str, DraftImage]) -> Draft:
    """The Draft of one text newsItem; `pictures` are the picture items of its message, by guid."""
    item_meta = child(item, "itemMeta")
    content_meta = child(item, "contentMeta")
    nitf, paragraphs, figures = _content(item)
    published = (found_text(child(item_meta, "firstCreated")) or found_text(child(content_meta, "contentCreated"))
                 or found_text(child(item_meta, "versionCreated")))
    version = found_text(child(item_meta, "versionCreated"))
    sections, keywords = _subjects(content_meta, _language_tag(item, content_meta))
    headline = _headline(content_meta) or nitf.headline
    # An XHTML body often repeats the headline as its <h1>.
    if paragraphs and headline is not None and paragraphs[0].value == headline.value:
        del paragraphs[0]
    return Draft(
        source=source,
        headline=headline,
        published=published,
        modified=version if version is not None and version != published else None,
        sections=tuple(sections),
        authors=tuple(_authors(content_meta)) or nitf.authors,
        dateline=found_text(child(content_meta, "dateline")) or nitf.dateline or found_text(child(content_meta, "located", "name")),
        images=tuple(_images([*figures, *nitf.figures], pictures)),
        body=tuple(paragraphs),
        description=_description(content_meta) or nitf.subheadline or nitf.abstract,
        language=found_attribute(child(content_meta, "language"), "tag") or found_attribute(item, "xml:lang"),
        keywords=tuple(keywords),
        id=found_attribute(item, "guid"),
        version=found_attribute(item, "version"),
        site_name=_site_name(item, item_meta),
        status=_code(child(item_meta, "pubStatus")),
        embargoed=found_text(child(item_meta, "embargoed")),
    )


def _headline(content_meta: lxml.etree._Element | None) -> Found[str] | None:
    for headline in children(content_meta, "headline") if content_meta is not None else []:
        if not _is_sub(headline):
            return found_text(headline)
    return None


def _is_sub(element: lxml.etree._Element) -> bool:
    return "sub" in (attribute(element, "role") or "").lower()


def _description(content_meta: lxml.etree._Element | None) -> Found[str] | None:
    if content_meta is None:
        return None
    subheadlines = [found_text(node) for node in children(content_meta, "headline") if _is_sub(node)]
    summaries = [found_text(node) for node in children(content_meta, "description") if (code_of(attribute(node, "role")) or "summary") in ("summary", "abstract")]
    return next((found for found in (*subheadlines, *summaries) if found is not None), None)


def _authors(content_meta: lxml.etree._Element | None) -> list[DraftAgent]:
    """`by` lines as written; else each creator, named by its <name> (an organization when typed so)."""
    if content_meta is None:
        return []
    bylines = [found for found in (found_text(node) for node in children(content_meta, "by")) if found]
    if bylines:
        return [DraftAgent(name=found) for found in bylines]
    authors: list[DraftAgent] = []
    for creator in children(content_meta, "creator"):
        name = found_text(child(creator, "name")) or found_attribute(creator, "literal")
        if name is None:
            continue
        uri = attribute(creator, "uri")
        kind: AgentKind | None = "Organization" if "organi" in (attribute(creator, "type") or "") else None
        authors.append(DraftAgent(name=name, url=uri if uri and uri.startswith(("http://", "https://")) else None, kind=kind))
    return authors


def _language_tag(item: lxml.etree._Element, content_meta: lxml.etree._Element | None) -> str:
    return (attribute(child(content_meta, "language"), "tag") or attribute(item, "xml:lang") or "").lower()


def _subjects(content_meta: lxml.etree._Element | None, language: str) -> tuple[list[Found[str]], list[Found[str]]]:
    """Named subjects: top-level topics (no <broader>) are sections, the rest keywords; <keyword>s too."""
    sections: list[Found[str]] = []
    keywords: list[Found[str]] = []
    if content_meta is None:
        return sections, keywords
    for subject in children(content_meta, "subject"):
        name = _name_in(subject, language)
        if name is None:
            continue
        scheme = (attribute(subject, "qcode") or "").split(":", 1)[0]
        is_top_topic = scheme in _TOPIC_SCHEMES and not children(subject, "broader")
        (sections if is_top_topic else keywords).append(name)
    keywords.extend(found for found in (found_text(node) for node in children(content_meta, "keyword")) if found)
    return sections, keywords


def _name_in(concept: lxml.etree._Element, language: str) -> Found[str] | None:
    """The concept's <name> in the item's language, else one without a language, else its first."""
    names = children(concept, "name")
    for wanted in (language, language.split("-")[0], None):
        for name in names:
            tag = (attribute(name, "xml:lang") or "").lower()
            if (tag == wanted) if wanted is not None else not tag:
                return found_text(name)
    return found_text(names[0]) if names else None


def _site_name(item: lxml.etree._Element, item_meta: lxml.etree._Element | None) -> Found[str] | None:
    holder = child(item, "rightsInfo", "copyrightHolder")
    provider = child(item_meta, "provider")
    return (found_text(child(holder, "name")) or found_attribute(holder, "literal") or found_text(child(provider, "name"))
            or found_attribute(provider, "literal") or _code(provider))


def _code(element: lxml.etree._Element | None) -> Found[str] | None:
    found = found_attribute(element, "qcode")
    code = code_of(found.value) if found else None
    return Found(code, found.where) if found and code else None


def _content(item: lxml.etree._Element) -> tuple[NitfBody, list[Found[str]], list[Figure]]:
    """The body of the first inline content: NITF (with its head's values), XHTML, or plain text."""
    content_set = child(item, "contentSet")
    for content in content_set if content_set is not None else []:
        if local(content) == "inlineXML":
            root = next((node for node in content if isinstance(node.tag, str)), None)
            if root is None:
                return _EMPTY_BODY, [], []
            if local(root) == "nitf":
                nitf = read_body(child(root, "body"))
                return nitf, list(nitf.paragraphs), []
            body = child(root, "body") if local(root) == "html" else root
            body = body if body is not None else root
            return _EMPTY_BODY, body_paragraphs(body), figure_images(body)
        if local(content) == "inlineData":
            return _EMPTY_BODY, _plain_paragraphs(content), []
    return _EMPTY_BODY, [], []


def _plain_paragraphs(content: lxml.etree._Element) -> list[Found[str]]:
    text = content.text or ""
    where = place(content)
    return [Found(" ".join(block.split()), where) for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


def _images(figures: list[Figure], pictures: Mapping[str, DraftImage]) -> list[DraftImage]:
    """The body's pictures, each completed by the picture item it names; then the other picture items."""
    images: list[DraftImage] = []
    used: set[str] = set()
    for figure in figures:
        picture = pictures.get(figure.reference or "")
        if picture is None:
            images.append(figure.image)
        else:
            used.add(figure.reference or "")
            images.append(_completed(picture, figure.image))
    images.extend(picture for guid, picture in pictures.items() if guid not in used)
    return images


def _completed(picture: DraftImage, figure: DraftImage) -> DraftImage:
    return replace(picture, caption=picture.caption or figure.caption, credit=picture.credit or figure.credit)


def picture_image(item: lxml.etree._Element) -> DraftImage:
    """A picture newsItem as an image: its web-sized rendition, caption and credit."""
    content_meta = child(item, "contentMeta")
    rendition = _web_rendition(item)
    caption = next((text_of(node) for node in children(content_meta, "description")), None) if content_meta is not None else None
    headline = found_text(child(content_meta, "headline"))
    credit = found_text(child(content_meta, "creditline")) or found_text(child(content_meta, "by")) or found_text(child(content_meta, "creator", "name"))
    return DraftImage(
        where=place(rendition) if rendition is not None else place(item),
        url=web_url(attribute(rendition, "href")),
        caption=caption or (headline.value if headline else None),
        credit=credit.value if credit else None,
        width=pixels(attribute(rendition, "width")),
        height=pixels(attribute(rendition, "height")),
    )


# The widest rendition up to this many pixels is the one a web page shows (a 5000-pixel original is not).
_WEB_WIDTH = 2048


def _web_rendition(item: lxml.etree._Element) -> lxml.etree._Element | None:
    renditions = [node for node in descendants(item, "remoteContent") if web_url(attribute(node, "href"))]
    if not renditions:
        return None
    fitting = [node for node in renditions if (pixels(attribute(node, "width")) or 0) <= _WEB_WIDTH]
    return max(fitting, key=lambda node: pixels(attribute(node, "width")) or 0) if fitting else renditions[0]
