"""The site config: every setting read, and a ConfigError naming the key for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import INPUT, SITE_TOML
from wirefeed.config import load_site
from wirefeed.errors import ConfigError


def test_sample_config(tmp_path: Path) -> None:
    site = load_site(INPUT / "wirefeed.toml")
    assert (site.title, site.base_url, site.language, str(site.timezone), site.feed_size) == (
        "Global Times Wire", "https://wire.example.com/", "en", "Asia/Shanghai", 50)
    assert site.publisher.name == "Global Times"
    assert site.publisher.kind == "Organization"
    assert site.publisher.url == "https://www.globaltimes.cn/"
    assert site.publisher.logo is not None and (site.publisher.logo.url, site.publisher.logo.width, site.publisher.logo.height) == (
        "https://wire.example.com/static/logo.png", 600, 60)
    assert site.feed_url == "https://wire.example.com/feed.xml"
    assert site.static_dir == INPUT / "static"
    assert site.templates_dir is None


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "wirefeed.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('title = "Test Wire"\n', "", "site.title: missing; expected a non-empty string"),
        ('"https://news.example.com/"', '"news.example.com"', "site.base_url: expected an absolute http(s) URL such as https://news.example.com/, got 'news.example.com'"),
        ('language = "en"', 'language = "en_US!"', "site.language: expected a language tag such as en or zh-cn, got 'en_US!'"),
        ('"Asia/Shanghai"', '"Beijing"', "site.timezone: expected an IANA time zone such as Asia/Shanghai, got 'Beijing'"),
        ('timezone = "Asia/Shanghai"', 'timezone = "Asia/Shanghai"\nfeed_size = 0', "site.feed_size: expected a whole number of items, 1 or more, got 0"),
        ('timezone = "Asia/Shanghai"', 'timezone = "Asia/Shanghai"\nfeedsize = 10', "site.feedsize: unknown setting; expected one of base_url, copyright, description, feed_size, language, max_input_bytes, ninjs_version, own_domains, timezone, title"),
        ('timezone = "Asia/Shanghai"', 'timezone = "Asia/Shanghai"\nmax_input_bytes = "big"', "site.max_input_bytes: expected the largest input file to read, in bytes, 1 or more, got 'big'"),
        ('logo_width = 600', 'logo_width = "wide"', "publisher.logo_width: expected a size in pixels, got 'wide'"),
        ('name = "Global Times"\n', "", "publisher.name: missing; expected a non-empty string"),
        ("[publisher]", "[publishers]", "publisher: expected a [publisher] table"),
        ('title = "Test Wire"', 'title = "Test Wire', None),
    ],
)
def test_config_errors_name_the_setting(tmp_path: Path, old: str, new: str, message: str | None) -> None:
    path = write_config(tmp_path, SITE_TOML.replace(old, new))
    with pytest.raises(ConfigError) as caught:
        load_site(path)
    if message is None:
        assert str(caught.value).startswith(f"{path}: not valid TOML: ")
    else:
        assert str(caught.value) == f"{path}: {message}"


def test_missing_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_site(tmp_path)
    assert str(caught.value) == f"{tmp_path}/wirefeed.toml: no site config here; expected a wirefeed.toml"


def test_the_input_size_limit_is_a_setting(tmp_path: Path) -> None:
    default = load_site(write_config(tmp_path, SITE_TOML))
    assert default.max_input_bytes == 20 * 1024 * 1024
    small = load_site(write_config(tmp_path, SITE_TOML.replace('timezone = "Asia/Shanghai"', 'timezone = "Asia/Shanghai"\nmax_input_bytes = 4096')))
    assert small.max_input_bytes == 4096
