"""Parser safety: XXE and billion-laughs documents are neutralized within bounded time and memory.

Each document is parsed in a child process that reports its peak memory: a billion laughs
expanded is three gigabytes of "lol", a resolved XXE puts /etc/passwd's `root:` into the output.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from wirefeed.readers import READERS

# A parser that expands entities needs gigabytes for this; one that does not, a few megabytes.
MAX_MEGABYTES = 400
MAX_SECONDS = 20

XXE_ENTITY = '<!ENTITY xxe SYSTEM "file:///etc/passwd">'
LAUGHS = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{n} "{("&lol%d;" % (n - 1) if n > 1 else "&lol;") * 10}">' for n in range(1, 10))

XXE_PAGE = f"""<?xml version="1.0"?>
<!DOCTYPE html [{XXE_ENTITY}]>
<html><head><title>&xxe;</title>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Chips &xxe;", "datePublished": "2021-03-11T12:58:00+08:00"}}</script>
</head><body><article><h1>Chips &xxe;</h1><p>&xxe;</p></article></body></html>"""
LAUGHS_PAGE = f"""<?xml version="1.0"?>
<!DOCTYPE html [{LAUGHS}]>
<html><head><title>&lol9;</title></head><body><article><h1>&lol9;</h1>
<time datetime="2021-03-11T12:58:00+08:00">March 11</time><p>&lol9;</p></article></body></html>"""
XXE_FEED = f"""<?xml version="1.0"?>
<!DOCTYPE rss [{XXE_ENTITY}]>
<rss version="2.0"><channel><title>&xxe;</title><link>https://news.example.com/</link><description>&xxe;</description></channel></rss>"""
LAUGHS_FEED = f"""<?xml version="1.0"?>
<!DOCTYPE rss [{LAUGHS}]>
<rss version="2.0"><channel><title>&lol9;</title><link>https://news.example.com/</link><description>&lol9;</description></channel></rss>"""

READ_PAGE = """
from pathlib import Path
from wirefeed.config import load_site
from wirefeed.errors import InputError
from wirefeed.normalize import normalize
from wirefeed.readers import read
try:
    article = normalize(read(Path(sys.argv[1])), load_site(Path(sys.argv[2])))
    result = repr((article.headline, article.body, article.description))
except InputError as error:
    result = str(error)
"""
CHECK_FEED = """
from pathlib import Path
from wirefeed.check import check_path
result = repr([str(finding) for finding in check_path(Path(sys.argv[1]))])
"""


def run_measured(code: str, *args: str) -> tuple[str, float, int]:
    """Run `code` (which sets `result`) in a child; its result, seconds and peak megabytes."""
    # The peak is the child's own VmHWM: ru_maxrss would also count the pytest parent's
    # resident size, which a forked child inherits and execve keeps (416 MB on CI).
    program = "import sys\n" + textwrap.dedent(code) + (
        "\nhwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM:'))"
        "\nprint(__import__('json').dumps([result, int(hwm.split()[1]) // 1024]))"
    )
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, timeout=120)
    seconds = time.monotonic() - started
    assert run.returncode == 0, run.stderr[-3000:]
    result, megabytes = json.loads(run.stdout.splitlines()[-1])
    return result, seconds, megabytes


@pytest.mark.skipif(".html" not in READERS, reason="the HTML reader (issue 3) is not registered yet")
@pytest.mark.parametrize(("name", "page"), [("xxe.html", XXE_PAGE), ("laughs.html", LAUGHS_PAGE)])
def test_an_entity_attack_page_is_read_without_expanding_anything(name: str, page: str, site_dir: Path) -> None:
    (site_dir / name).write_text(page, encoding="utf-8")
    result, seconds, megabytes = run_measured(READ_PAGE, str(site_dir / name), str(site_dir / "wirefeed.toml"))
    assert "root:" not in result and "lollollol" not in result
    assert seconds < MAX_SECONDS and megabytes < MAX_MEGABYTES


@pytest.mark.parametrize(("name", "feed"), [("xxe.xml", XXE_FEED), ("laughs.xml", LAUGHS_FEED)])
def test_the_checker_reads_an_entity_attack_feed_without_expanding_anything(name: str, feed: str, tmp_path: Path) -> None:
    (tmp_path / name).write_text(feed, encoding="utf-8")
    result, seconds, megabytes = run_measured(CHECK_FEED, str(tmp_path / name))
    assert "root:" not in result and "lollollol" not in result
    assert seconds < MAX_SECONDS and megabytes < MAX_MEGABYTES


@pytest.mark.parametrize(("feed", "mark"), [(XXE_FEED, "root:"), (LAUGHS_FEED.replace("lol9", "lol3"), "lollollol")])
def test_the_marks_would_show_an_expansion(feed: str, mark: str, tmp_path: Path) -> None:
    # The same child with a parser told to expand entities: the marks the tests above look for appear.
    (tmp_path / "feed.xml").write_text(feed, encoding="utf-8")
    expand = """
    import lxml.etree
    root = lxml.etree.parse(sys.argv[1], lxml.etree.XMLParser(resolve_entities=True, load_dtd=True)).getroot()
    result = root.findtext("channel/title")
    """
    result, _, _ = run_measured(expand, str(tmp_path / "feed.xml"))
    assert mark in result
