"""The wire-copy plain-text reader.

Layout, each part optional but the headline:

    SOURCE / ECONOMY                       section line (separators / > | », or all capitals)
    Headline
    Published: Mar 11, 2021 12:58 PM       also Updated: / Last updated: / a bare date line
    By A and B                             byline
    Caption ending with its credit. Photo: IC
    (blank line)
    BEIJING, March 11 (Xinhua) -- Body paragraphs, separated by blank lines ...
    Global Times                           sign-off naming the source

The reader only finds things and notes their line; normalize() cleans and types them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from wirefeed.model import Draft, DraftAgent, DraftImage, Found, Source
from wirefeed.readers.decoding import decode_text
from wirefeed.readers.patterns import BYLINE, byline_names, credit_of, dateline_of
from wirefeed.readers.lines import NumberedLine

# The labels of a date line, in the languages wire copy comes in (longest first, so that
# `last updated` is not read as `updated`). The value after the colon may be in any of them too.
_PUBLISHED_LABELS = (
    "first published", "published", "posted", "date", "veröffentlicht", "erschienen", "datum", "publié",
    "publicado", "pubblicato", "gepubliceerd", "опубликовано", "дата", "发布时间", "發布時間", "发布", "發佈", "日期",
    "公開日", "配信", "작성", "등록", "تاريخ النشر", "نشر",
)
_UPDATE_LABELS = (
    "last updated", "last modified", "updated", "modified", "zuletzt aktualisiert", "aktualisiert", "mis à jour",
    "modifié", "actualizado", "atualizado", "aggiornato", "bijgewerkt", "обновлено", "更新时间", "更新時間", "更新",
    "수정", "آخر تحديث", "تحديث",
)
_UPDATE_PATTERN = "|".join(sorted(map(re.escape, _UPDATE_LABELS), key=len, reverse=True))
_LABEL_PATTERN = "|".join(sorted(map(re.escape, _PUBLISHED_LABELS + _UPDATE_LABELS), key=len, reverse=True))
_DATE_LABEL = re.compile(
    rf"^(?P<label>{_LABEL_PATTERN})(?:\s+(?:on|at|am|le|el|em|il))?\s*[:：]\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
# `Published: <date> Updated: <date>` on one line, as some CMS exports print it.
_SECOND_LABEL = re.compile(rf"(?<!last)(?<!zuletzt)(?<!آخر)\s+(?=(?:{_UPDATE_PATTERN})(?:\s+(?:on|at|am|le|el|em|il))?\s*[:：])", re.IGNORECASE)

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A line that is nothing but a date: `March 11, 2021 12:58 p.m.`, `2021-03-11 12:58`, `11 March 2021`.
_BARE_DATE = re.compile(
    rf"^(?:[A-Za-z]+,?\s+)?(?:\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}.*|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}.*)$",
    re.IGNORECASE,
)
_SECTION_SEPARATOR = re.compile(r"\s[/>|»]\s")
_SENTENCE_END = (".", "!", "?", ":", ";", ",")
_PARAGRAPH_END = (".", "!", "?", '"', "”", "’", "'", ")", "]", "…")
# A sign-off in a script without capitals (`环球时报`, `共同通信`, `연합뉴스`, `رويترز`): a short run
# of its letters, no sentence. One character (`完`, "the end") names no one.
_CASELESS_SIGNOFF = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\u0621-\u064a]{2,12}(?: [\u0621-\u064a]{2,12}){0,3}")
_SIGNOFF_CONNECTORS = {"of", "the", "and", "for", "de", "la", "&", "-", "--", "—", "–", "/"}


@dataclass(slots=True)
class _Header:
    """What the lines above the body gave, collected while walking them."""

    sections: list[Found[str]] = field(default_factory=list)
    headline: Found[str] | None = None
    published: Found[str] | None = None
    modified: Found[str] | None = None
    authors: list[DraftAgent] = field(default_factory=list)
    dateline: Found[str] | None = None
    images: list[DraftImage] = field(default_factory=list)


def read_text(path: Path, data: bytes) -> Draft:
    """Read one wire-copy text file into a Draft."""
    lines = _numbered_lines(decode_text(path, data))
    blocks = _blocks(lines)
    header, body_blocks = _read_header(blocks)
    paragraphs = [paragraph for block in body_blocks for paragraph in _paragraphs(block)]
    images = list(header.images)
    body: list[Found[str]] = []
    for paragraph in paragraphs:
        if credit_of(paragraph.value):
            images.append(DraftImage(where=paragraph.where, caption=paragraph.value))
        else:
            body.append(paragraph)
    # The last lines may be a byline and a sign-off naming the source, in either order.
    closing = _take_closing_byline(body)
    signoff = _take_signoff(body)
    authors = [*header.authors, *(closing or _take_closing_byline(body))]
    dateline = header.dateline
    if body and dateline is None:
        dateline, body[0] = _take_dateline(body[0])
    return Draft(
        source=Source(path=path, format="text", sha256=hashlib.sha256(data).hexdigest()),
        headline=header.headline,
        published=header.published,
        modified=header.modified,
        sections=tuple(header.sections),
        authors=tuple(authors),
        signoff=signoff,
        dateline=dateline,
        images=tuple(images),
        body=tuple(body),
    )


def _numbered_lines(text: str) -> list[NumberedLine]:
    # splitlines() also ends lines at CR, VT, FF, U+2028...: the same line numbers an editor shows
    # for CRLF and LF files alike. Trailing spaces are not content.
    return [NumberedLine(number, line.rstrip()) for number, line in enumerate(text.splitlines(), start=1)]


def _blocks(lines: list[NumberedLine]) -> list[list[NumberedLine]]:
    """Runs of non-blank lines, split at blank lines."""
    blocks: list[list[NumberedLine]] = []
    current: list[NumberedLine] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _read_header(blocks: list[list[NumberedLine]]) -> tuple[_Header, list[list[NumberedLine]]]:
    """Walk the lines above the body one at a time; return the header and the body's blocks."""
    header = _Header()
    flat = [(block_index, line_index, line) for block_index, block in enumerate(blocks) for line_index, line in enumerate(block)]
    for position, (block_index, line_index, line) in enumerate(flat):
        next_line = flat[position + 1][2] if position + 1 < len(flat) else None
        if not _take_header_line(header, line, next_line, is_first=position == 0):
            rest_of_block = blocks[block_index][line_index:]
            return header, [rest_of_block, *blocks[block_index + 1 :]]
    return header, []


def _take_header_line(header: _Header, line: NumberedLine, next_line: NumberedLine | None, *, is_first: bool) -> bool:
    """Record `line` in the header if it is a header line; False when the body begins here."""
    text = line.text.strip()
    if _take_date_line(header, line):
        return True
    if header.headline is None:
        if is_first and _looks_like_section(text) and next_line is not None and not _is_meta(next_line.text.strip()):
            header.sections.append(Found(text, line.where))
        else:
            header.headline = Found(text, line.where)
        return True
    byline = BYLINE.match(text)
    if byline and _is_short_label(text, max_words=16):
        header.authors.append(DraftAgent(name=Found(byline.group("names"), line.where)))
        return True
    names = byline_names(text)
    if names:
        header.authors.extend(DraftAgent(name=Found(name, line.where)) for name in names)
        return True
    if credit_of(text):
        header.images.append(DraftImage(where=line.where, caption=text))
        return True
    dateline = dateline_of(text + " ")
    if dateline and not text[dateline.end() :].strip():
        header.dateline = Found(dateline.group("dateline"), line.where)
        return True
    return False


def _take_date_line(header: _Header, line: NumberedLine) -> bool:
    text = line.text.strip()
    labelled = [_DATE_LABEL.match(part) for part in _SECOND_LABEL.split(text)]
    if all(labelled):
        for match in labelled:
            assert match is not None
            _set_date(header, match.group("label").lower(), Found(match.group("value").strip(), line.where))
        return True
    if header.headline is not None and header.published is None and _BARE_DATE.match(text):
        header.published = Found(text, line.where)
        return True
    return False


def _set_date(header: _Header, label: str, value: Found[str]) -> None:
    if label in _UPDATE_LABELS:
        header.modified = value
    else:
        header.published = value


def _is_meta(text: str) -> bool:
    return bool(_DATE_LABEL.match(text) or _BARE_DATE.match(text) or BYLINE.match(text) or byline_names(text))


def _looks_like_section(text: str) -> bool:
    """`SOURCE / ECONOMY`, `World > Asia`, `BUSINESS`: short, no sentence, separators or all capitals."""
    if len(text) > 80 or text.endswith(_SENTENCE_END):
        return False
    letters = [char for char in text if char.isalpha()]
    all_capitals = len(letters) >= 2 and all(char.isupper() for char in letters) and len(text.split()) <= 6
    return bool(_SECTION_SEPARATOR.search(text)) or all_capitals


def _is_short_label(text: str, *, max_words: int) -> bool:
    return len(text.split()) <= max_words and not text.endswith((".", "!", "?"))


def _paragraphs(block: list[NumberedLine]) -> list[Found[str]]:
    """The paragraphs of a block of lines.

    Hard-wrapped copy breaks lines mid-sentence: its lines are joined with a space.
    When every line of the block ends a sentence, the file puts one paragraph on
    each line (no blank lines between them), and each line is its own paragraph.
    """
    if len(block) > 1 and all(line.text.endswith(_PARAGRAPH_END) for line in block):
        return [Found(line.text.strip(), line.where) for line in block]
    return [Found(" ".join(line.text.strip() for line in block), block[0].where)]


def _take_signoff(body: list[Found[str]]) -> Found[str] | None:
    """Remove and return a closing line that names the source (`Global Times`, `(Reuters)`)."""
    if len(body) < 2 or not _looks_like_signoff(body[-1].value):
        return None
    return body.pop()


def _take_closing_byline(body: list[Found[str]]) -> list[DraftAgent]:
    """Remove and return a byline closing the story (`（记者 王琦）`, `홍길동 기자 hong@yna.co.kr`)."""
    names = byline_names(body[-1].value) if len(body) >= 2 else None
    if not names:
        return []
    closing = body.pop()
    return [DraftAgent(name=Found(name, closing.where)) for name in names]


def _looks_like_signoff(text: str) -> bool:
    name = text.strip().strip("()[]（）【】").strip(" -—–").strip()
    if _CASELESS_SIGNOFF.fullmatch(name):
        return True
    words = name.split()
    if not words or len(words) > 6 or len(name) > 50 or name.endswith(_SENTENCE_END + ("?", "!")):
        return False
    return all(word[0].isupper() or word[0].isdigit() or word.lower() in _SIGNOFF_CONNECTORS for word in words)


def _take_dateline(first: Found[str]) -> tuple[Found[str] | None, Found[str]]:
    match = dateline_of(first.value)
    if match is None:
        return None, first
    return Found(match.group("dateline"), first.where), Found(first.value[match.end() :], first.where)
