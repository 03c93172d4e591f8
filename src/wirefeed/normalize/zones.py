"""Which clock a page's local times were read on, when the page does not say.

A time without an offset (`2019-06-20T07:30:00`) is a reading of some newsroom's clock. The
site's configured zone is that clock only for the site's own copy; for anyone else's page the
best evidence is, in order: the source's configured zone, an offset the page states beside
another of its dates, and the country of the page's domain when that country keeps one time.
"""

from __future__ import annotations

import functools
from datetime import datetime, tzinfo
from importlib import resources
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Country-code domains sold to anyone, mostly for their letters (.io, .tv, .ai): a page there
# says nothing about the newsroom's country.
_GENERIC_COUNTRY_DOMAINS = frozenset(
    "ac ad ag ai am as bz cc cd cm co cx dj fm gg gl gs im io je la ly me ms mu nu pw sc sh so st tk to tv vc vu ws".split()
)


def host_of(url: str | None) -> str | None:
    """The host of an http(s) URL, lower case without `www.`; None for anything else."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme not in ("http", "https") or not host:
        return None
    return host.removeprefix("www.")


def on_domains(url: str | None, domains: tuple[str, ...]) -> bool:
    """Whether `url` is on one of `domains` or a subdomain of one."""
    host = host_of(url)
    return host is not None and any(host == domain or host.endswith("." + domain) for domain in domains)


def country_zone(url: str | None, at: datetime) -> tzinfo | None:
    """The zone of the country whose domain `url` is on (`heise.de`: Europe/Berlin), when all of
    that country's zones keep the same time at `at` (a naive moment); None otherwise (`.com`,
    `.us`, `.io`, a country spanning zones)."""
    host = host_of(url)
    if host is None:
        return None
    country = host.rsplit(".", 1)[-1].upper()
    if len(country) != 2 or country.lower() in _GENERIC_COUNTRY_DOMAINS:
        return None
    names = _country_zones().get("GB" if country == "UK" else country, ())
    zones = [zone for zone in (_zone(name) for name in names) if zone is not None]
    if not zones:
        return None
    offsets = {at.replace(tzinfo=zone).utcoffset() for zone in zones}
    return zones[0] if len(offsets) == 1 else None


@functools.cache
def _country_zones() -> dict[str, tuple[str, ...]]:
    """Country code -> its zones, the most populous first (tzdata's zone.tab, from the tzdata package)."""
    try:
        table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    zones: dict[str, list[str]] = {}
    for line in table.splitlines():
        columns = line.split("\t")
        if not line.startswith("#") and len(columns) >= 3:
            zones.setdefault(columns[0], []).append(columns[2])
    return {country: tuple(names) for country, names in zones.items()}


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
