"""The caches' pickles of records (cache/pickling.py): by field values, read back as equal plain
records, while the records themselves keep Python's own pickling."""

from __future__ import annotations

import pickle
import pickletools
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from wirefeed.cache.pickling import dumps
from wirefeed.model import Agent, Article, Found, Image, Provenance, Source

SHANGHAI = ZoneInfo("Asia/Shanghai")


def sample_article() -> Article:
    published = datetime(2024, 3, 1, 9, 30, tzinfo=SHANGHAI)
    return Article(
        id="wire-1", guid="urn:wire:1", slug="rates", url="https://wire.example.com/articles/rates.html",
        headline="Rates held", published=published, modified=published.astimezone(timezone.utc),
        publisher=Agent("Wire", "Organization", logo=Image(url="https://wire.example.com/logo.png")),
        source=Source(Path("in/rates.txt"), "wire", "ab" * 32), language="en", description="Rates were held.",
        sections=("Economy",), authors=(Agent("A. Reporter", "Person"),),
        images=(Image(url="https://wire.example.com/a.jpg", caption="A bank", credit="IC", position=1),),
        body=("Rates were held.", "Markets rose."), provenance=Provenance(own=False, url="https://elsewhere.example/x"),
    )


def _opcodes(data: bytes) -> set[str]:
    return {op.name for op, _, _ in pickletools.genops(data)}


def test_a_record_pickled_by_the_cache_reads_back_equal_with_plain_pickle() -> None:
    article = sample_article()
    again = pickle.loads(dumps(article))
    assert type(again) is Article and again == article
    assert again.published.utcoffset() == article.published.utcoffset()  # the zone, not only the instant
    assert pickle.loads(dumps(Found("Rates held", "line 1"))) == Found("Rates held", "line 1")  # a one-field class too


def test_the_cache_pickles_records_by_their_fields_and_the_records_keep_their_own_pickling() -> None:
    article = sample_article()
    # By field values: the class called with them (REDUCE), no state set afterwards (BUILD).
    assert "BUILD" not in _opcodes(dumps(article))
    # The classes themselves are plain: Python's pickling (a state per object), nothing rewritten.
    assert "BUILD" in _opcodes(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
    assert "__reduce__" not in vars(Article) and "__reduce__" not in vars(Agent)
    assert pickle.loads(pickle.dumps(article)) == article
