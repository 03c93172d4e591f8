"""Whose story an article is: the site's own, or another publisher's, kept as theirs.

The site's configured publisher publishes only its own articles: text inputs (the wire copy it
publishes) and pages whose canonical URL is on its own domains (`[site] own_domains`). Any other
page is from elsewhere: its publisher is the one the page names (its schema.org publisher,
og:site_name, application-name), else its URL's domain; a desk's `[sources."host"]` settings
correct the name, home page, zone and language of a source.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from wirefeed.model import Agent, Draft, Image, Provenance, Site, SourceSettings
from wirefeed.normalize.text import clean_text
from wirefeed.normalize.urls import web_url
from wirefeed.provenance_config import host_of, on_domain

# The formats that are the site's own copy whatever they say: a wire file has no page of its own,
# and a Markdown file is an article the desk wrote (readers/markdown.py).
_OWN_FORMATS = frozenset({"text", "markdown"})


def provenance_of(draft: Draft, site: Site) -> Provenance:
    """The article's provenance, from what the reader found and the site's settings."""
    url = _page_url(draft)
    host = host_of(url) if url else None
    settings = source_for(host, site) if host else None
    timezone = settings.timezone if settings else None
    language = settings.language if settings else None
    if draft.source.format in _OWN_FORMATS or (host is not None and is_own_host(host, site)):
        return Provenance(own=True, publisher=site.publisher, url=url, timezone=timezone, language=language)
    publisher = original_publisher(draft, url, host, settings)
    return Provenance(own=False, publisher=publisher, url=url, timezone=timezone, language=language)


def _page_url(draft: Draft) -> str | None:
    """The page's absolute URL. A relative one (`/2021/story`, no <base>) says nothing of the
    host: it is never resolved against our own site, which would make the page ours."""
    return web_url(draft.url.value, "") if draft.url else None


def is_own_host(host: str, site: Site) -> bool:
    """Whether a page on `host` is the site's own (on one of its domains or their subdomains)."""
    return any(on_domain(host, domain) for domain in site.own_domains)


def source_for(host: str, site: Site) -> SourceSettings | None:
    """The desk's settings for the source on `host`: the most specific domain that holds it."""
    return next((source for source in site.sources if on_domain(host, source.domain)), None)


def original_publisher(draft: Draft, url: str | None, host: str | None, settings: SourceSettings | None) -> Agent | None:
    """The publisher of a page from elsewhere: the desk's name for it, the name the page gives
    itself, else its domain; with the desk's home page for it, else its URL's site root."""
    given = _site_name(draft)
    name = (settings.name if settings else None) or given or (_domain_name(host) if host else None)
    if not name:
        return None
    # A publisher's @id (`https://host/#organization`) names its home page with a fragment.
    given_home = web_url(draft.publisher_url.value.partition("#")[0], url) if draft.publisher_url and url else None
    home = (settings.url if settings else None) or given_home or (_site_root(url) if url else None)
    logo = web_url(draft.publisher_logo.value, url or "") if draft.publisher_logo else None
    return Agent(name=name, kind="Organization", url=home, logo=Image(url=logo) if logo else None)


def _site_name(draft: Draft) -> str:
    """The name the page gives its site; a site that names itself by its URL is named by its domain."""
    name = clean_text(draft.site_name.value) if draft.site_name else ""
    if name.lower().startswith(("http://", "https://")):
        host = host_of(name)
        return _domain_name(host) if host else ""
    return name


def _domain_name(host: str) -> str:
    """`www.heise.de` -> `heise.de`: the name a reader knows a site by when it gives none."""
    return host.removeprefix("www.")


def _site_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"
