"""The `[store] url` of a PostgreSQL history: what a valid one looks like, and how to name it in a message.

No database driver is needed here: the config is checked, and errors name the history,
without psycopg being installed or imported.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

__all__ = ["STORE_URL_SCHEMES", "describe_store_url", "store_url_problem"]

STORE_URL_SCHEMES = ("postgresql", "postgres")


def store_url_problem(url: str) -> str | None:
    """What is wrong with `url` as a `[store] url` (an expectation, for a ConfigError), or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises ValueError for a port that is no number
    except ValueError as error:
        return f"expected a PostgreSQL URL such as postgresql://wirefeed@db.example/news ({error})"
    if parts.scheme not in STORE_URL_SCHEMES or not url.startswith(f"{parts.scheme}://"):
        shown = url if parts.password is None else describe_store_url(url)  # a password is never echoed
        return f"expected a PostgreSQL URL such as postgresql://wirefeed@db.example/news, got {shown!r}"
    if parts.password is not None or "password" in parse_qs(parts.query):
        return ("expected no password in the URL: keep it out of the config, in PGPASSWORD or ~/.pgpass "
                "(libpq's usual places) or in the environment variable that store.password_env names")
    return None


def describe_store_url(url: str) -> str:
    """The URL without its password (and without the query, which may hold one), for messages."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:
        return "the [store] url"
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"
