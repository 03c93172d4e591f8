"""Every rule the checker knows, with its severity: the one place a rule's weight is decided.

Feed rules carry the W3C Feed Validation Service's class names and severities
(feedvalidator/logging.py), so a finding can be looked up in its documentation
(https://validator.w3.org/feed/docs/). JSON, JSON-LD and page rules are wirefeed's own names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

_ERROR: Final = "error"
_WARNING: Final = "warning"

# W3C Feed Validation Service: errors.
_W3C_ERRORS = (
    "SAXError",  # not well-formed XML: control characters, undeclared prefixes, undefined entities
    "IOError",  # the file cannot be read
    "InvalidRSSVersion",
    "MissingAttribute",
    "MissingElement",
    "MissingTitle",
    "MissingLink",
    "MissingDescription",
    "ItemMustContainTitleOrDescription",
    "MissingContentOrAlternate",
    "DuplicateElement",
    "DuplicateValue",
    "InvalidRFC2822Date",
    "IncorrectDOW",
    "InvalidRFC3339Date",
    "InvalidW3CDTFDate",
    "InvalidFullLink",
    "InvalidHttpGUID",
    "InvalidContact",
    "InvalidLanguage",
    "MediaGroupWithoutAlternatives",
    "MediaRssNamespace",
)

# W3C Feed Validation Service: warnings.
_W3C_WARNINGS = (
    "ProblematicalRFC822Date",
    "ImplausibleDate",
    "MissingGuid",
    "MissingSelf",
    "MissingAtomSelfLink",
    "RelativeSelf",
    "DuplicateSemantics",
    "DuplicateItemSemantics",
    "DuplicateEntries",
    "ContainsHTML",
    "DangerousStyleAttr",
    "ContainsRelRef",
    "NeedDescriptionBeforeContent",
    "ImageLinkDoesntMatch",
    "ImageTitleDoesntMatch",
    "NotBlank",
    "UnknownNamespace",
    "ReservedPrefix",
    "MissingTextualContent",
    "ObsoleteVersion",
)

# The W3C validator warns of these; wirefeed makes them errors, because a reader that does not
# strip them runs them: script and embedding elements, event handlers and script URLs in the
# HTML a feed carries (RSS description and content:encoded, Atom html/xhtml, content_html).
_RUNNABLE_MARKUP_ERRORS = (
    "SecurityRisk",
    "SecurityRiskAttr",
)

# Pitfalls of feedgen 1.0.0 that the W3C validator does not see (CONFORMANCE.md).
_FEEDGEN_WARNINGS = (
    "ChannelLinkIsSelf",  # the channel <link> is the feed's own URL: link(rel="self") was called last
)

# JSON, JSON Feed 1.1 and schema.org JSON-LD.
_JSON_ERRORS = (
    "InvalidJson",
    "InvalidType",
    "InvalidVersion",
    "MissingField",
    "EmptyValue",
    "RelativeUrl",
    "InvalidContext",
    "UnknownType",
    "UnknownProperty",
    "PropertyNotInDomain",
    "RangeMismatch",
    "InvalidDate",
    "DateWithoutOffset",
    "UnresolvedReference",
    "NinjsSchema",  # a ninjs document that IPTC's JSON Schema of its generation refuses
)
_JSON_WARNINGS = (
    "UnknownFormat",  # a file that is none of the syntaxes the checker knows
    "UnknownField",
    "DeprecatedField",
    "SupersededTerm",
    "HttpContext",  # "@context": "http://schema.org", which Google accepts as schema.org
    # Google's Article documentation: recommendations, hence warnings.
    "MissingRecommended",
    "AuthorNotAgent",
    "InvalidAuthorName",
    "PublisherNotOrganization",
    "ImageTooSmall",
    "ImageWithoutUrl",  # every `image` of an article is a caption or a node without url/contentUrl
)

# Sitemaps (sitemaps.org 0.9, Google News); their other problems reuse the feed rules above.
_SITEMAP_ERRORS = (
    "SitemapTooLarge",  # over 50,000 URLs or 50 MB, or over 1,000 news entries
)

# JSON-LD inside HTML pages.
_PAGE_ERRORS = (
    "UnsafeEmbedding",
    "JsonLdMismatch",
)

SEVERITY: Final[Mapping[str, Literal["error", "warning"]]] = {
    **{rule: _ERROR for rule in _W3C_ERRORS + _RUNNABLE_MARKUP_ERRORS + _JSON_ERRORS + _SITEMAP_ERRORS + _PAGE_ERRORS},
    **{rule: _WARNING for rule in _W3C_WARNINGS + _FEEDGEN_WARNINGS + _JSON_WARNINGS},
}
