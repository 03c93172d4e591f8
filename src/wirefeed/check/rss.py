"""RSS 2.0 by the W3C Feed Validation Service's rules, plus the feedgen pitfalls CONFORMANCE.md lists."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from lxml import etree

from wirefeed.check.finding import Finding, Report
from wirefeed.check.markup import content_problems
from wirefeed.check.values import (
    email_problem,
    is_absolute_url,
    language_problem,
    rfc822_date_problem,
    w3cdtf_date_problem,
)
from wirefeed.check.xmlfeed import (
    ATOM,
    CONTENT,
    DC,
    DCTERMS,
    MEDIA,
    add_problem,
    has_xml_base,
    check_document,
    check_namespaces,
    check_no_duplicates,
    check_plain_text,
    check_unique,
    child,
    children,
    display_name,
    element_children,
    qualified,
    text,
)

_VERSIONS: Final = ("2.0", "0.92", "0.91")

_CHANNEL_ONCE: Final = tuple(
    qualified(None, name)
    for name in (
        "title link description language copyright managingEditor webMaster pubDate "
        "lastBuildDate generator docs cloud ttl image rating textInput skipHours skipDays"
    ).split()
)
_ITEM_ONCE: Final = (
    *(qualified(None, name) for name in "title link description author comments guid pubDate source".split()),
    qualified(CONTENT, "encoded"),
)

# (core element, extension saying the same thing): a reader shows one, or both, or the wrong one.
_CHANNEL_SAME_MEANING: Final = (
    ((None, "language"), (DC, "language")),
    ((None, "pubDate"), (DC, "date")),
    ((None, "managingEditor"), (DC, "creator")),
    ((None, "webMaster"), (DC, "publisher")),
    ((None, "copyright"), (DC, "rights")),
    ((None, "category"), (DC, "subject")),
    ((None, "lastBuildDate"), (DCTERMS, "modified")),
)
_ITEM_SAME_MEANING: Final = (
    ((None, "author"), (DC, "creator")),
    ((None, "pubDate"), (DC, "date")),
    ((None, "guid"), (ATOM, "id")),
    ((None, "category"), (DC, "subject")),
)


def check_rss(data: bytes, path: Path) -> list[Finding]:
    """All findings for an RSS 2.0 document."""
    return check_document(data, path, check_rss_tree)


def check_rss_tree(root: etree._Element, report: Report) -> None:
    check_namespaces(root, report)
    if root.tag != "rss":
        report.add("MissingElement", f"the root element is <{root.tag}>, not <rss>", root.sourceline)
        return
    _check_version(root, report)
    channel = child(root, None, "channel")
    if channel is None:
        report.add("MissingElement", "<rss> has no <channel>", root.sourceline)
        return
    items = children(channel, None, "item")
    _check_channel(channel, report)
    for item in items:
        _check_item(item, report)
    check_unique((child(item, None, "guid") for item in items), "DuplicateValue", report)


def _check_version(root: etree._Element, report: Report) -> None:
    version = root.get("version")
    if version is None:
        report.add("MissingAttribute", "<rss> has no version attribute", root.sourceline)
    elif version not in _VERSIONS:
        report.add("InvalidRSSVersion", f"version {version!r} is not 2.0", root.sourceline)


def _check_channel(channel: etree._Element, report: Report) -> None:
    _check_required(channel, report)
    check_no_duplicates(channel, _CHANNEL_ONCE, report)
    _check_same_meaning(channel, _CHANNEL_SAME_MEANING, "DuplicateSemantics", report)
    check_plain_text(child(channel, None, "title"), report)
    # Readers render the channel's description as HTML as they do an item's (feedparser does):
    # escaped markup there is text, and what can run is an error.
    _check_html(child(channel, None, "description"), has_xml_base(channel), report)
    _check_full_link(child(channel, None, "link"), report)
    _check_values(channel, report)
    _check_atom_links(channel, report)
    image = child(channel, None, "image")
    if image is not None:
        _check_image(image, channel, report)


def _check_required(channel: etree._Element, report: Report) -> None:
    required = (("title", "MissingTitle"), ("link", "MissingLink"), ("description", "MissingDescription"))
    for name, rule in required:
        if child(channel, None, name) is None:
            report.add(rule, f"<channel> has no <{name}>", channel.sourceline)


def _check_values(parent: etree._Element, report: Report) -> None:
    """Dates, contacts and languages, wherever they appear under a channel or an item."""
    for element in element_children(parent):
        value = text(element)
        if element.tag in ("pubDate", "lastBuildDate"):
            add_problem(report, rfc822_date_problem(value), element)
        elif element.tag in ("author", "managingEditor", "webMaster"):
            add_problem(report, email_problem(value, "; a name alone belongs in dc:creator"), element)
        elif element.tag in ("language", qualified(DC, "language")):
            add_problem(report, language_problem(value), element)
        elif element.tag == qualified(DC, "date"):
            add_problem(report, w3cdtf_date_problem(value), element)


def _check_html(element: etree._Element | None, has_base: bool, report: Report) -> None:
    if element is not None:
        for problem in content_problems(text(element), has_base=has_base):
            add_problem(report, problem, element)


def _check_full_link(element: etree._Element | None, report: Report) -> None:
    if element is not None and not is_absolute_url(text(element)):
        report.add(
            "InvalidFullLink",
            f"<{display_name(element)}> {text(element)!r} is not an absolute URL",
            element.sourceline,
        )


def _check_same_meaning(
    parent: etree._Element,
    pairs: tuple[tuple[tuple[str | None, str], tuple[str, str]], ...],
    rule: str,
    report: Report,
) -> None:
    for (core_ns, core), (ext_ns, ext) in pairs:
        extension = child(parent, ext_ns, ext)
        if child(parent, core_ns, core) is not None and extension is not None:
            report.add(
                rule,
                f"<{display_name(parent)}> has both <{core}> and <{display_name(extension)}>",
                extension.sourceline,
            )


def _check_atom_links(channel: etree._Element, report: Report) -> None:
    """MissingAtomSelfLink, RelativeSelf, and feedgen's channel <link> set to the self URL."""
    self_links = []
    for link in children(channel, ATOM, "link"):
        href = link.get("href")
        if href is None:
            report.add("MissingAttribute", "<atom:link> has no href", link.sourceline)
        elif link.get("rel", "alternate") == "self":
            self_links.append((link, href))
    if not self_links:
        report.add(
            "MissingAtomSelfLink",
            '<channel> has no <atom:link rel="self"> giving the feed\'s public URL',
            channel.sourceline,
        )
        return
    self_link, href = self_links[0]
    if not is_absolute_url(href):
        report.add("RelativeSelf", f"self link {href!r} is not an absolute URL", self_link.sourceline)
    channel_link = child(channel, None, "link")
    if channel_link is not None and text(channel_link) == href:
        report.add(
            "ChannelLinkIsSelf",
            f"the channel <link> is the feed's own URL {href!r}, not the site "
            "(feedgen: call link(rel='self') first and the alternate last)",
            channel_link.sourceline,
        )


def _check_image(image: etree._Element, channel: etree._Element, report: Report) -> None:
    """The channel image needs url, title and link, and repeats the channel's title and link."""
    for name, rule in (("url", "MissingElement"), ("title", "MissingTitle"), ("link", "MissingLink")):
        if child(image, None, name) is None:
            report.add(rule, f"<image> has no <{name}>", image.sourceline)
    _check_full_link(child(image, None, "url"), report)
    _check_full_link(child(image, None, "link"), report)
    for name, rule in (("title", "ImageTitleDoesntMatch"), ("link", "ImageLinkDoesntMatch")):
        own, channels = child(image, None, name), child(channel, None, name)
        # An empty channel value is already NotBlank; comparing with it would say the same twice.
        if own is not None and channels is not None and text(channels) and text(own) != text(channels):
            report.add(
                rule,
                f"<image><{name}> {text(own)!r} is not the channel's {text(channels)!r}",
                own.sourceline,
            )


def _check_item(item: etree._Element, report: Report) -> None:
    if child(item, None, "title") is None and child(item, None, "description") is None:
        report.add(
            "ItemMustContainTitleOrDescription",
            "<item> has neither <title> nor <description>",
            item.sourceline,
        )
    check_no_duplicates(item, _ITEM_ONCE, report)
    _check_same_meaning(item, _ITEM_SAME_MEANING, "DuplicateItemSemantics", report)
    check_plain_text(child(item, None, "title"), report)
    _check_full_link(child(item, None, "link"), report)
    _check_full_link(child(item, None, "comments"), report)
    _check_values(item, report)
    _check_guid(item, report)
    _check_enclosures(item, report)
    _check_content(item, report)
    _check_media_groups(item, report)


def _check_guid(item: etree._Element, report: Report) -> None:
    guid = child(item, None, "guid")
    if guid is None:
        report.add(
            "MissingGuid", "<item> has no <guid>: readers cannot tell it from an edit", item.sourceline
        )
        return
    value = text(guid)
    if not value:
        report.add("NotBlank", "<guid> is empty", guid.sourceline)
    elif guid.get("isPermaLink", "true") != "false" and not _is_web_url(value):
        report.add(
            "InvalidHttpGUID",
            f'<guid> {value!r} is not a URL: add isPermaLink="false"',
            guid.sourceline,
        )


def _is_web_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://")) and is_absolute_url(value)


def _check_enclosures(item: etree._Element, report: Report) -> None:
    for enclosure in children(item, None, "enclosure"):
        for attribute in ("url", "length", "type"):
            if enclosure.get(attribute) is None:
                report.add("MissingAttribute", f"<enclosure> has no {attribute}", enclosure.sourceline)


def _check_content(item: etree._Element, report: Report) -> None:
    """SecurityRisk and ContainsRelRef in the HTML, and the description before content:encoded."""
    has_base = has_xml_base(item)
    for element in (child(item, None, "description"), child(item, CONTENT, "encoded")):
        _check_html(element, has_base, report)
    encoded = child(item, CONTENT, "encoded")
    if encoded is not None and not _has_description_before(item, encoded):
        report.add(
            "NeedDescriptionBeforeContent",
            "<content:encoded> comes before any <description>: readers show it as the summary",
            encoded.sourceline,
        )


def _has_description_before(item: etree._Element, encoded: etree._Element) -> bool:
    for element in element_children(item):
        if element is encoded:
            return False
        if element.tag == "description":
            return True
    return False



def _check_media_groups(item: etree._Element, report: Report) -> None:
    """feedgen's fe.media.content() wraps even a single item in <media:group>."""
    for group in children(item, MEDIA, "group"):
        if len(children(group, MEDIA, "content")) < 2:
            report.add(
                "MediaGroupWithoutAlternatives",
                "<media:group> holds fewer than two <media:content>: a group is for alternatives "
                "(feedgen: pass group=None)",
                group.sourceline,
            )
