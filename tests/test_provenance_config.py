"""`[site] own_domains` and `[sources."host"]`: read, defaulted, and refused with the setting named."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import SITE_TOML, sample_copy, wirefeed
from wirefeed.config import load_site
from wirefeed.errors import ConfigError
from wirefeed.model import SourceSettings

SOURCES = """
[sources."bbc.co.uk"]
name = "BBC"

[sources."heise.de"]
name = "heise online"
url = "https://www.heise.de/"
timezone = "Europe/Berlin"
language = "de"

[sources."news.bbc.co.uk"]
language = "en-GB"
"""


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "wirefeed.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_own_domains_default_to_the_hosts_of_base_url_and_publisher_url(tmp_path: Path) -> None:
    assert load_site(config(tmp_path, SITE_TOML)).own_domains == ("news.example.com", "globaltimes.cn")


def test_own_domains_as_configured(tmp_path: Path) -> None:
    text = SITE_TOML.replace('timezone = "Asia/Shanghai"', 'timezone = "Asia/Shanghai"\nown_domains = ["GlobalTimes.cn", "www.globaltimes.cn", "globaltimes.cn"]')
    assert load_site(config(tmp_path, text)).own_domains == ("globaltimes.cn", "www.globaltimes.cn")


def test_sources_are_read_most_specific_host_first(tmp_path: Path) -> None:
    assert load_site(config(tmp_path, SITE_TOML + SOURCES)).sources == (
        SourceSettings("news.bbc.co.uk", language="en-gb"),
        SourceSettings("bbc.co.uk", name="BBC"),
        SourceSettings("heise.de", name="heise online", url="https://www.heise.de/", timezone=ZoneInfo("Europe/Berlin"), language="de"),
    )


@pytest.mark.parametrize(
    ("added", "message"),
    [
        ('[sources."heise.de"]\ntz = "Europe/Berlin"\n', 'sources."heise.de".tz: unknown setting; expected one of language, name, timezone, url'),
        ('[sources."heise.de"]\ntimezone = "Berlin"\n', "sources.\"heise.de\".timezone: expected an IANA time zone such as Europe/Berlin, got 'Berlin'"),
        ('[sources."heise.de"]\nlanguage = "German"\n', "sources.\"heise.de\".language: expected a language tag such as de or zh-cn, got 'German'"),
        ('[sources."heise.de"]\nurl = "www.heise.de"\n', "sources.\"heise.de\".url: expected an absolute http(s) URL such as https://www.heise.de/, got 'www.heise.de'"),
        ('[sources."heise.de"]\nname = ""\n', "sources.\"heise.de\".name: expected a non-empty string, got ''"),
        ('[sources."https://heise.de/"]\nname = "heise"\n', "sources.\"https://heise.de/\": expected a host name such as globaltimes.cn (no scheme, no path), got 'https://heise.de/'"),
        ('[sources]\n"heise.de" = "heise online"\n', 'sources."heise.de": expected a table of settings (name, url, timezone, language)'),
    ],
)
def test_source_settings_errors_name_the_setting(tmp_path: Path, added: str, message: str) -> None:
    path = config(tmp_path, SITE_TOML + "\n" + added)
    with pytest.raises(ConfigError) as caught:
        load_site(path)
    assert str(caught.value) == f"{path}: {message}"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"globaltimes.cn"', "site.own_domains: expected a list of host names such as [\"globaltimes.cn\"], got 'globaltimes.cn'"),
        ("[]", "site.own_domains: expected a list of host names such as [\"globaltimes.cn\"], got []"),
        ('["https://www.globaltimes.cn/"]', "site.own_domains: expected a host name such as globaltimes.cn (no scheme, no path), got 'https://www.globaltimes.cn/'"),
    ],
)
def test_own_domains_errors_name_the_setting(tmp_path: Path, value: str, message: str) -> None:
    path = config(tmp_path, SITE_TOML.replace('timezone = "Asia/Shanghai"', f'timezone = "Asia/Shanghai"\nown_domains = {value}'))
    with pytest.raises(ConfigError) as caught:
        load_site(path)
    assert str(caught.value) == f"{path}: {message}"


def test_an_unknown_source_setting_exits_2_before_writing_anything(tmp_path: Path) -> None:
    source = sample_copy(tmp_path)
    path = source / "wirefeed.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[sources."heise.de"]\nzone = "Europe/Berlin"\n', encoding="utf-8")
    run = wirefeed("build", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip() == 'config error: input/wirefeed.toml: sources."heise.de".zone: unknown setting; expected one of language, name, timezone, url'
    assert not (tmp_path / "output").exists()
