"""The config's provenance settings: the site's own domains and a desk's per-source corrections.

[site]
own_domains = ["globaltimes.cn"]     # pages on these hosts (and their subdomains) are the site's own

[sources."heise.de"]                 # an article whose URL's host is heise.de or ends with .heise.de
name = "heise online"                # the publisher's name, whatever the page says
url = "https://www.heise.de/"        # the publisher's home page (RSS <source url>, JSON-LD url)
timezone = "Europe/Berlin"           # the zone of the source's times written without an offset
language = "de"                      # the language of its articles, whatever the page says
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wirefeed.errors import ConfigError
from wirefeed.model import SourceSettings

# A DNS host name as a setting spells it: letters, digits and hyphens in dot-separated labels.
_HOST = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_SOURCE_KEYS = frozenset({"name", "url", "timezone", "language"})
_HOST_EXPECTED = "a host name such as globaltimes.cn (no scheme, no path)"


def host_of(url: str) -> str | None:
    """The URL's host name, lower case, in its ASCII form; None when it has none."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


def on_domain(host: str, domain: str) -> bool:
    """Whether `host` is `domain` or one of its subdomains (`www.heise.de` on `heise.de`)."""
    return host == domain or host.endswith("." + domain)


def own_domains(given: object, site_urls: Iterable[str], config_path: Path) -> tuple[str, ...]:
    """`[site] own_domains`, or by default the hosts of the site's base_url and publisher url
    (without a leading `www.`: www.globaltimes.cn and globaltimes.cn are one site)."""
    if given is None:
        hosts = (host_of(url) for url in site_urls)
        return tuple(dict.fromkeys(host.removeprefix("www.") for host in hosts if host))
    if not isinstance(given, list) or not given:
        raise ConfigError(config_path, "site.own_domains", f"expected a list of host names such as [\"globaltimes.cn\"], got {given!r}")
    return tuple(dict.fromkeys(_host(value, "site.own_domains", config_path) for value in given))


def source_settings(table: dict[str, Any], config_path: Path) -> tuple[SourceSettings, ...]:
    """Every `[sources."host"]` table, most specific host first (so `news.bbc.co.uk` beats `bbc.co.uk`)."""
    settings = [_source(domain, value, config_path) for domain, value in table.items()]
    return tuple(sorted(settings, key=lambda source: (-source.domain.count("."), source.domain)))


def _source(domain: str, table: object, config_path: Path) -> SourceSettings:
    place = f'sources."{domain}"'
    host = _host(domain, place, config_path)
    if not isinstance(table, dict):
        raise ConfigError(config_path, place, "expected a table of settings (name, url, timezone, language)")
    for key in sorted(set(table) - _SOURCE_KEYS):
        raise ConfigError(config_path, f"{place}.{key}", f"unknown setting; expected one of {', '.join(sorted(_SOURCE_KEYS))}")
    return SourceSettings(
        domain=host,
        name=_optional_text(table, "name", place, config_path),
        url=_url(table, place, config_path),
        timezone=_timezone(table, place, config_path),
        language=_language(table, place, config_path),
    )


def _host(value: object, place: str, config_path: Path) -> str:
    host = value.strip().lower().rstrip(".") if isinstance(value, str) else ""
    if not _HOST.fullmatch(host):
        raise ConfigError(config_path, place, f"expected {_HOST_EXPECTED}, got {value!r}")
    return host


def _optional_text(table: dict[str, Any], key: str, place: str, config_path: Path) -> str | None:
    if key not in table:
        return None
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(config_path, f"{place}.{key}", f"expected a non-empty string, got {value!r}")
    return value.strip()


def _url(table: dict[str, Any], place: str, config_path: Path) -> str | None:
    value = _optional_text(table, "url", place, config_path)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(config_path, f"{place}.url", f"expected an absolute http(s) URL such as https://www.heise.de/, got {value!r}")
    return value


def _timezone(table: dict[str, Any], place: str, config_path: Path) -> ZoneInfo | None:
    value = _optional_text(table, "timezone", place, config_path)
    if value is None:
        return None
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(config_path, f"{place}.timezone", f"expected an IANA time zone such as Europe/Berlin, got {value!r}") from None


def _language(table: dict[str, Any], place: str, config_path: Path) -> str | None:
    value = _optional_text(table, "language", place, config_path)
    if value is None:
        return None
    if not _LANGUAGE.fullmatch(value):
        raise ConfigError(config_path, f"{place}.language", f"expected a language tag such as de or zh-cn, got {value!r}")
    return value.lower()
