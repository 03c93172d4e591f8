"""Reading the site config (`wirefeed.toml`) into a Site, with a ConfigError for anything wrong."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wirefeed.errors import ConfigError
from wirefeed.limits import LONG_NUMBER, digits_message, is_long_number_error, too_many_digits
from wirefeed.model import Agent, DEFAULT_MAX_INPUT_BYTES, Image, Site
from wirefeed.provenance_config import own_domains, source_settings
from wirefeed.store import default_store_path
from wirefeed.store.url import store_url_problem

CONFIG_NAME = "wirefeed.toml"

# BCP 47 as feeds and schema.org want it: `en`, `zh-cn`, `pt-BR`; never `zh_CN`.
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")

_SITE_KEYS = {"title", "base_url", "description", "language", "timezone", "feed_size", "copyright", "max_input_bytes",
              "own_domains"}
_PUBLISHER_KEYS = {"name", "url", "logo", "logo_width", "logo_height"}
# `[site] ninjs_version`: the ninjs an article's `.ninjs.json` is written in (writers/ninjs.py).
_NINJS_VERSIONS = ("3.1", "2.2")
_SITE_KEYS |= {"ninjs_version"}
# Optional tables: where the publishing history is kept, and the WebSub hub the feeds name.
_STORE_KEYS = {"path", "url", "password_env"}
_ENVIRONMENT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WEBSUB_KEYS = {"hub"}
# Every feed names each hub, and a build waits for each in turn: a few are a choice, many a mistake.
_MAX_HUBS = 8


def load_site(path: Path) -> Site:
    """Read `wirefeed.toml` (or the folder holding it) into a Site."""
    config_path = path / CONFIG_NAME if path.is_dir() else path
    table = _read_toml(config_path)
    site_table = _table(table, "site", config_path)
    publisher_table = _table(table, "publisher", config_path)
    store_table = _optional_table(table, "store", config_path)
    websub_table = _optional_table(table, "websub", config_path)
    sources_table = _optional_table(table, "sources", config_path)
    _refuse_unknown(table, {"site", "publisher", "store", "websub", "sources"}, "", config_path)
    _refuse_unknown(site_table, _SITE_KEYS, "site.", config_path)
    _refuse_unknown(publisher_table, _PUBLISHER_KEYS, "publisher.", config_path)
    _refuse_unknown(store_table, _STORE_KEYS, "store.", config_path)
    _refuse_unknown(websub_table, _WEBSUB_KEYS, "websub.", config_path)

    base_url = _base_url(_text(site_table, "site.base_url", config_path), config_path)
    folder = config_path.parent
    publisher = _publisher(publisher_table, base_url, config_path)
    return Site(
        title=_text(site_table, "site.title", config_path),
        base_url=base_url,
        description=_text(site_table, "site.description", config_path),
        language=_language(_text(site_table, "site.language", config_path), config_path),
        timezone=_timezone(_text(site_table, "site.timezone", config_path), config_path),
        publisher=publisher,
        feed_size=_feed_size(site_table.get("feed_size", 50), config_path),
        ninjs_version=_ninjs_version(site_table.get("ninjs_version", "3.1"), config_path),
        max_input_bytes=_max_input_bytes(site_table.get("max_input_bytes", DEFAULT_MAX_INPUT_BYTES), config_path),
        copyright=_optional_text(site_table, "site.copyright", config_path),
        config_path=config_path,
        templates_dir=folder / "templates" if (folder / "templates").is_dir() else None,
        static_dir=folder / "static" if (folder / "static").is_dir() else None,
        store_path=_store_path(store_table, folder, config_path),
        store_url=_store_url(store_table, config_path),
        store_password_env=_store_password_env(store_table, config_path),
        hubs=_hubs(websub_table, config_path),
        own_domains=own_domains(site_table.get("own_domains"), (base_url, publisher.url or base_url), config_path),
        sources=source_settings(sources_table, config_path),
    )


def _read_toml(config_path: Path) -> dict[str, Any]:
    try:
        with config_path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(config_path, None, "no site config here; expected a wirefeed.toml") from None
    except OSError as error:
        raise ConfigError(config_path, None, f"cannot read the config: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(config_path, None, f"not valid TOML: {error}") from None
    except ValueError as error:
        # Python refuses to read an integer of over 4,300 digits.
        if not is_long_number_error(error):
            raise
        raise ConfigError(config_path, None, LONG_NUMBER) from None


def _table(table: dict[str, Any], key: str, config_path: Path) -> dict[str, Any]:
    value = table.get(key)
    if not isinstance(value, dict):
        raise ConfigError(config_path, key, f"expected a [{key}] table")
    return value


def _optional_table(table: dict[str, Any], key: str, config_path: Path) -> dict[str, Any]:
    if key not in table:
        return {}
    return _table(table, key, config_path)


def _refuse_unknown(table: dict[str, Any], known: set[str], prefix: str, config_path: Path) -> None:
    # A misspelt key would otherwise be ignored silently and the default used instead.
    for key in sorted(set(table) - known):
        raise ConfigError(config_path, prefix + key, f"unknown setting; expected one of {', '.join(sorted(known))}")


def _text(table: dict[str, Any], dotted: str, config_path: Path) -> str:
    value = table.get(dotted.rsplit(".", 1)[-1])
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(config_path, dotted, "missing; expected a non-empty string")
    return value.strip()


def _optional_text(table: dict[str, Any], dotted: str, config_path: Path) -> str | None:
    if dotted.rsplit(".", 1)[-1] not in table:
        return None
    return _text(table, dotted, config_path)


def _base_url(value: str, config_path: Path) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(config_path, "site.base_url", f"expected an absolute http(s) URL such as https://news.example.com/, got {value!r}")
    # Every output URL is base_url + a relative path, so it must end with exactly one slash.
    return value.rstrip("/") + "/"


def _absolute_url(value: str, base_url: str, dotted: str, config_path: Path) -> str:
    if value.startswith(("http://", "https://")):
        if not urlsplit(value).netloc:
            raise ConfigError(config_path, dotted, f"expected a URL, got {value!r}")
        return value
    if "://" in value or value.startswith("//"):
        raise ConfigError(config_path, dotted, f"expected an http(s) URL or a path on the site, got {value!r}")
    return base_url + value.lstrip("/")


def _language(value: str, config_path: Path) -> str:
    if not _LANGUAGE.fullmatch(value):
        raise ConfigError(config_path, "site.language", f"expected a language tag such as en or zh-cn, got {value!r}")
    return value.lower()


def _timezone(value: str, config_path: Path) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(config_path, "site.timezone", f"expected an IANA time zone such as Asia/Shanghai, got {value!r}") from None


def _max_input_bytes(value: object, config_path: Path) -> int:
    _check_digits(value, "site.max_input_bytes", config_path)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(config_path, "site.max_input_bytes", f"expected the largest input file to read, in bytes, 1 or more, got {value!r}")
    return value


def _feed_size(value: object, config_path: Path) -> int:
    _check_digits(value, "site.feed_size", config_path)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(config_path, "site.feed_size", f"expected a whole number of items, 1 or more, got {value!r}")
    return value


def _ninjs_version(value: object, config_path: Path) -> str:
    if value not in _NINJS_VERSIONS:
        raise ConfigError(config_path, "site.ninjs_version", f"expected one of {', '.join(repr(version) for version in _NINJS_VERSIONS)}, got {value!r}")
    assert isinstance(value, str)
    return value


def _store_path(table: dict[str, Any], folder: Path, config_path: Path) -> Path:
    """The store file; a relative path is read from the config's folder, not the working directory."""
    given = _optional_text(table, "store.path", config_path)
    if given is None:
        return default_store_path(folder)
    path = Path(given).expanduser()
    if given.endswith(("/", "\\")) or path.is_dir():
        raise ConfigError(config_path, "store.path", f"expected the path of a file (such as .wirefeed/store.sqlite), got the folder {given!r}")
    return path if path.is_absolute() else folder / path


def _store_url(table: dict[str, Any], config_path: Path) -> str | None:
    """A PostgreSQL history's URL; never with a password in it (that stays in the environment)."""
    given = _optional_text(table, "store.url", config_path)
    problem = None if given is None else store_url_problem(given)
    if problem is not None:
        raise ConfigError(config_path, "store.url", problem)
    return given


def _store_password_env(table: dict[str, Any], config_path: Path) -> str | None:
    given = _optional_text(table, "store.password_env", config_path)
    if given is None:
        return None
    if "url" not in table:
        raise ConfigError(config_path, "store.password_env", "expected only beside store.url (a PostgreSQL history)")
    if not _ENVIRONMENT_NAME.fullmatch(given):
        raise ConfigError(config_path, "store.password_env", f"expected the name of an environment variable, such as WIREFEED_PGPASSWORD, got {given!r}")
    return given


def _described(value: object) -> str:
    """A TOML value named by its kind and bounded, for an error line."""
    shown = repr(value)
    return f"{type(value).__name__} {shown if len(shown) <= 80 else shown[:77] + '...'}"


def _hubs(table: dict[str, Any], config_path: Path) -> tuple[str, ...]:
    """`hub = "https://..."`, or a list of them: every feed names each, and each is pinged."""
    given = table.get("hub")
    if given is None:
        return ()
    listed = given if isinstance(given, list) else [given]
    if not all(isinstance(hub, str) for hub in listed):
        raise ConfigError(config_path, "websub.hub", f"expected the URL of a WebSub hub, or a list of such URLs, got {_described(given)}")
    if not 1 <= len(listed) <= _MAX_HUBS:
        raise ConfigError(config_path, "websub.hub", f"expected 1 to {_MAX_HUBS} hubs, got {len(listed)}")
    for hub in listed:
        parts = urlsplit(hub)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.fragment:
            raise ConfigError(config_path, "websub.hub", f"expected the absolute http(s) URL of a WebSub hub, got {hub!r}")
    if len(set(listed)) != len(listed):
        raise ConfigError(config_path, "websub.hub", "expected each hub once, got one twice")
    return tuple(listed)


def _publisher(table: dict[str, Any], base_url: str, config_path: Path) -> Agent:
    url = _absolute_url(_text(table, "publisher.url", config_path), base_url, "publisher.url", config_path)
    logo_url = _absolute_url(_text(table, "publisher.logo", config_path), base_url, "publisher.logo", config_path)
    logo = Image(
        url=logo_url,
        width=_optional_size(table, "logo_width", config_path),
        height=_optional_size(table, "logo_height", config_path),
    )
    return Agent(name=_text(table, "publisher.name", config_path), kind="Organization", url=url, logo=logo)


def _optional_size(table: dict[str, Any], key: str, config_path: Path) -> int | None:
    value = table.get(key)
    if value is None:
        return None
    _check_digits(value, f"publisher.{key}", config_path)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(config_path, f"publisher.{key}", f"expected a size in pixels, got {value!r}")
    return value


def _check_digits(value: object, dotted: str, config_path: Path) -> None:
    # Checked first, so that the message does not repeat a number of thousands of digits.
    if too_many_digits(value):
        raise ConfigError(config_path, dotted, digits_message(value))
