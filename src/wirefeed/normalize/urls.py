"""URLs from inputs: made absolute, kept to http(s), and spelt so every feed reader takes them."""

from __future__ import annotations

from urllib.parse import SplitResult, quote, urljoin, urlsplit, urlunsplit

from wirefeed.normalize.text import clean_text

# Characters a URL may carry as they are (RFC 3986 reserved and unreserved, and `%` of an
# escape already made); anything else, such as a space, a quote or a Chinese letter, is escaped.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
WEB_SCHEMES = ("http", "https")


def web_url(value: str, base_url: str) -> str | None:
    """`value` made absolute against `base_url`; None unless it is an http(s) URL with a host.

    `javascript:`, `data:` and `file:` links, and anything that does not parse, are None:
    a link a reader's browser would run or a feed reader would refuse.
    """
    text = clean_text(value)
    if not text:
        return None
    try:
        parts = urlsplit(urljoin(base_url, text))
        if parts.scheme not in WEB_SCHEMES or not parts.hostname:
            return None
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
        return _spelt(parts)
    except (ValueError, UnicodeError):
        return None


def _spelt(parts: SplitResult) -> str:
    netloc = parts.netloc
    if not netloc.isascii():
        # An internationalized host name in its ASCII (punycode) form, as DNS knows it.
        netloc = netloc.encode("idna").decode("ascii")
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe=_URL_SAFE), quote(parts.query, safe=_URL_SAFE), quote(parts.fragment, safe=_URL_SAFE)))
