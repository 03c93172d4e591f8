"""WebSub publish pings: after a build in which feeds changed, tell the site's hub which ones.

Each changed feed (RSS, Atom and JSON Feed; the site's, each section's and each author's) is one
POST of `hub.mode=publish&hub.url=<the feed's URL>` (the PubSubHubbub 0.4 publish request, which
hubs such as Google's and Superfeedr take one URL at a time). The hub then fetches the feed and
pushes it to its subscribers.

A hub that is down, slow or refusing is the hub's problem, not the build's: each request has a
time-out, is retried with exponential backoff on a network error, a 429 or a 5xx, and what still
fails is a warning line. The build's outputs are in place before the first ping.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from wirefeed.model import Site

FEED_NAMES = ("feed.xml", "feed.atom", "feed.json")
USER_AGENT = "wirefeed (WebSub publisher)"
_POLLED = "the feed is published, subscribers get it when they poll"


@dataclass(frozen=True, slots=True)
class PingPolicy:
    """How hard to try one hub: seconds per request, attempts, and the first wait between them
    (doubled after each failure)."""

    timeout: float = 10.0
    attempts: int = 3
    backoff: float = 1.0


@dataclass(frozen=True, slots=True)
class PingResult:
    """The feed URLs the hub took, and a warning line for each it did not."""

    pinged: tuple[str, ...]
    warnings: tuple[str, ...]


def changed_feed_urls(site: Site, rendered: Iterable[str]) -> list[str]:
    """The public URLs of the current feeds among the output paths a build rendered (an archive
    page of a feed never changes once written, and subscribers follow the current feed)."""
    return sorted(site.absolute(path) for path in rendered if path.rpartition("/")[2] in FEED_NAMES)


def ping_hub(hub: str, feed_urls: Sequence[str], policy: PingPolicy = PingPolicy(),
             sleep: Callable[[float], None] = time.sleep) -> PingResult:
    """Notify `hub` of each feed URL; never raises for what the hub or the network does."""
    pinged: list[str] = []
    warnings: list[str] = []
    for index, url in enumerate(feed_urls):
        problem, hub_down, attempts = _publish(hub, url, policy, sleep)
        if not problem:
            pinged.append(url)
            continue
        tries = f"after {attempts} attempts" if attempts > 1 else "at once"
        warnings.append(f"{hub}: warning: WebSub publish ping for {url} failed {tries}: {problem}; {_POLLED}")
        if hub_down and index + 1 < len(feed_urls):
            # A hub that failed every attempt would fail the rest too: the build does not wait on it.
            warnings.append(f"{hub}: warning: {len(feed_urls) - index - 1} more changed feeds not pinged, as the hub did not answer; {_POLLED}")
            break
    return PingResult(tuple(pinged), tuple(warnings))


def _publish(hub: str, url: str, policy: PingPolicy, sleep: Callable[[float], None]) -> tuple[str, bool, int]:
    """("", False, n) when the hub accepted the ping; else the last problem, whether it was one
    that asking again might have cured (the hub down, overloaded or unreachable), and the
    number of attempts made."""
    body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": url}).encode("ascii")
    wait = policy.backoff
    problem, retry, attempt = "not tried", False, 0
    while attempt < policy.attempts:
        if attempt:
            sleep(wait)
            wait *= 2
        attempt += 1
        problem, retry = _attempt(hub, body, policy.timeout)
        if not problem or not retry:
            break
    return problem, retry, attempt


def _attempt(hub: str, body: bytes, timeout: float) -> tuple[str, bool]:
    """("", _) on success; else the problem and whether trying again may help."""
    # Imported here: http.client and its TLS set-up cost start-up time that a build without a hub never needs.
    import urllib.error
    import urllib.request

    request = urllib.request.Request(hub, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT})
    try:
        # No redirects to follow for a POST, and no proxy from the environment in between.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=timeout) as response:
            response.read(65536)
            return "", False
    except urllib.error.HTTPError as error:
        # A 4xx other than 429 is a refusal that asking again will not change.
        return f"HTTP {error.code} {error.reason}", error.code == 429 or error.code >= 500
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        return f"{reason}", True
