"""The history's rules: how one build's articles change the stored records, and what the
writers are handed (entries with the history's dates, withdrawals, redirects). No I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from wirefeed.errors import InputError
from wirefeed.cache.ref import Listed
from wirefeed.model import Entry, ListedArticle
from wirefeed.store.records import ArticleRecord, ArticleState, Redirect, SyncResult, Withdrawal, as_stored

__all__ = ["advanced_record", "by_id", "history_entry", "next_records", "sync_result"]


def by_id(articles: Sequence[Listed]) -> dict[str, Listed]:
    incoming: dict[str, Listed] = {}
    for article in articles:
        earlier = incoming.setdefault(article.id, article)
        if earlier is not article:
            raise InputError(
                article.source.path, None,
                f"article id {article.id!r} is also the id of {earlier.source.path}; ids must be unique",
            )
    return incoming


def next_records(
    before: Mapping[str, ArticleRecord],
    incoming: Mapping[str, ListedArticle],
    hashes: Mapping[str, str],
    now: datetime,
) -> dict[str, ArticleRecord]:
    after = {article_id: _withdrawn(record, now) for article_id, record in before.items() if article_id not in incoming}
    for article_id, article in incoming.items():
        after[article_id] = _advanced(before.get(article_id), article, hashes[article_id], now)
    return after


def advanced_record(record: ArticleRecord | None, article: ListedArticle, digest: str, now: datetime) -> ArticleRecord:
    """The record of one article after a build at `now` that read it with content hash `digest`
    (what next_records() gives it; a rebuild kept in memory advances only the edited ones)."""
    return _advanced(record, article, digest, now)


def history_entry(record: ArticleRecord, article: Listed) -> Entry[Listed]:
    """The article as the writers get it: with the history's guid, slug, URL and dateModified."""
    return _entry(record, article)


def _withdrawn(record: ArticleRecord, now: datetime) -> ArticleRecord:
    if record.state == "withdrawn":
        return record
    return replace(record, state="withdrawn", state_since=now)


def _advanced(record: ArticleRecord | None, article: ListedArticle, digest: str, now: datetime) -> ArticleRecord:
    state: ArticleState = "embargoed" if article.published > now else "published"
    if record is None or record.first_released is None:
        return _unreleased_replaced(record, article, digest, state, now)
    return _released_advanced(record, article, digest, state, now)


def _unreleased_replaced(
    record: ArticleRecord | None, article: ListedArticle, digest: str, state: ArticleState, now: datetime
) -> ArticleRecord:
    # Nothing of an article that was never released has been public, so it has no history to
    # keep: the latest input replaces it whole (slug included) and its first public version
    # is revision 1, however often it was edited under embargo.
    return ArticleRecord(
        id=article.id,
        content_hash=digest,
        guid=article.guid,
        slug=article.slug,
        url=article.url,
        published=as_stored(article.published),
        first_seen=now if record is None else record.first_seen,
        first_released=now if state == "published" else None,
        modified=as_stored(article.modified),
        revision=1,
        state=state,
        state_since=_state_since(record, state, now),
    )


def _released_advanced(
    record: ArticleRecord, article: ListedArticle, digest: str, state: ArticleState, now: datetime
) -> ArticleRecord:
    is_reinstated = record.state == "withdrawn"
    other_slugs = _with_other_slug(record, article.slug)
    if digest == record.content_hash and not is_reinstated:
        if state == record.state and other_slugs is record.other_slugs:
            # Most records of a rebuild: unchanged, so not copied (10,000 copies were a tenth of a sync).
            return record
        return replace(record, state=state, state_since=_state_since(record, state, now), other_slugs=other_slugs)
    return replace(
        record,
        state=state,
        state_since=_state_since(record, state, now),
        other_slugs=other_slugs,
        content_hash=digest,
        published=as_stored(article.published),
        modified=_revised_modified(record, article, now),
        revision=record.revision + 1,
    )


def _revised_modified(record: ArticleRecord, article: ListedArticle, now: datetime) -> datetime:
    # An `Updated:` line later than the last revision says when the edit was made; an input
    # that still carries an older date was edited without saying so, and now is the best answer.
    if article.modified > record.modified:
        return as_stored(article.modified)
    return now


def _with_other_slug(record: ArticleRecord, input_slug: str) -> tuple[str, ...]:
    if input_slug == record.slug or input_slug in record.other_slugs:
        return record.other_slugs
    return (*record.other_slugs, input_slug)


def _state_since(record: ArticleRecord | None, state: ArticleState, now: datetime) -> datetime:
    if record is None or record.state != state:
        return now
    return record.state_since


def sync_result(
    before: Mapping[str, ArticleRecord], after: Mapping[str, ArticleRecord], incoming: Mapping[str, Listed]
) -> SyncResult[Listed]:
    published = [record for record in after.values() if record.state == "published"]
    embargoed = [record for record in after.values() if record.state == "embargoed"]
    changed = {record.id for record in published if _needs_render(before.get(record.id), record)}
    return SyncResult(
        published=tuple(_entry(record, incoming[record.id]) for record in _newest_first(published)),
        embargoed=tuple(
            _entry(record, incoming[record.id])
            for record in sorted(embargoed, key=lambda record: (record.published, record.id))
        ),
        withdrawn=_withdrawals(after.values()),
        redirects=_redirects(after.values()),
        changed=tuple(sorted(changed)),
        unchanged=tuple(sorted(record.id for record in published if record.id not in changed)),
        records=tuple(after[article_id] for article_id in sorted(after)),
    )


def _needs_render(old: ArticleRecord | None, new: ArticleRecord) -> bool:
    # New, out of embargo, reinstated or edited. A released article's content changes only
    # with its revision; one never released was not in the published list before.
    return old is None or old.state != "published" or old.revision != new.revision


def _newest_first(records: Iterable[ArticleRecord]) -> list[ArticleRecord]:
    # Two stable sorts: by id, then newest first, so equal publication times fall back to id
    # without turning datetimes into numbers.
    by_id = sorted(records, key=lambda record: record.id)
    return sorted(by_id, key=lambda record: record.published, reverse=True)


def _entry(record: ArticleRecord, article: Listed) -> Entry[Listed]:
    decided = (record.guid, record.slug, record.url, record.modified)
    # Most articles already carry what the history decided: no copy of them (replace() of
    # 10,000 records was a tenth of a rebuild that changed one).
    if (article.guid, article.slug, article.url, article.modified) != decided:
        article = replace(article, guid=record.guid, slug=record.slug, url=record.url, modified=record.modified)
    return Entry(article=article, first_seen=record.first_seen, revision=record.revision)


def _withdrawals(records: Iterable[ArticleRecord]) -> tuple[Withdrawal, ...]:
    # One that was never released had no pages, so there is nothing to take down.
    gone = (r for r in records if r.state == "withdrawn" and r.first_released is not None)
    return tuple(
        Withdrawal(id=r.id, slug=r.slug, url=r.url, withdrawn_at=r.state_since, other_slugs=r.other_slugs)
        for r in sorted(gone, key=lambda record: record.id)
    )


def _redirects(records: Iterable[ArticleRecord]) -> tuple[Redirect, ...]:
    everything = list(records)
    # A slug that is some article's own page is never overwritten by a redirect.
    own_slugs = {record.slug for record in everything}
    claims: dict[str, Redirect] = {}
    # When two articles were given the same other slug, the one seen first keeps it.
    # Only records with other slugs claim any: sorting those few, not every record by its time.
    published = sorted(
        (record for record in everything if record.state == "published" and record.other_slugs),
        key=lambda record: (record.first_seen, record.id),
    )
    for record in published:
        for slug in record.other_slugs:
            if slug not in own_slugs:
                claims.setdefault(slug, Redirect(record.id, slug, record.slug, record.url))
    return tuple(claims[slug] for slug in sorted(claims))


# ---------------------------------------------------------------------------------------------
# Rows and times


