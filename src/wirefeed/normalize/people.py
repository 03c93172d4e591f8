"""Bylines into people and organizations."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from wirefeed.model import Agent, AgentKind, DraftAgent, Found
from wirefeed.normalize.bylines import is_name_part, without_wrapping
from wirefeed.normalize.text import clean_text
from wirefeed.normalize.urls import web_url

# `By A`, `By: A`, `Written by A` (other languages' prefixes: normalize/bylines.py).
_LEADING_BY = re.compile(r"^(?:by|written by|reported by|from)\s*:?\s+", re.IGNORECASE)
# `A and B`, `A, B and C`, `A & B`, `A; B`: the separators between names in a byline.
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b)\s*", re.IGNORECASE)
# `A | Global Times`, `A - Staff Writer`, `A (Xinhua)`: what follows is an affiliation or role.
_AFFILIATION = re.compile(r"\s+(?:\||—|–|-{1,2}|/)\s+.*$|\s*\((?P<bracketed>[^)]*)\)\s*$")
_ROLE_WORDS = {
    "correspondent", "reporter", "writer", "editor", "columnist", "contributor", "staff",
    "senior", "chief", "special", "economics", "political", "science", "business",
    "photographer", "analyst", "producer", "intern", "in", "for", "our", "at",
}


@cache
def _names_file(name: str) -> frozenset[str]:
    text = resources.files("wirefeed").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def agent_kind(name: str) -> AgentKind:
    """Organization for news organizations and agencies (`Global Times`, `Xinhua`), else Person."""
    lowered = name.lower()
    if lowered in _names_file("news-organizations.txt"):
        return "Organization"
    words = set(re.findall(r"[^\W\d_]+", lowered))
    return "Organization" if words & _names_file("organization-words.txt") else "Person"


def split_byline(byline: str, *, stated: bool = False) -> list[str]:
    """`By A, B and C` -> [A, B, C]; `By A | Global Times` -> [A]; roles and `By` dropped.

    A `stated` byline (a sidecar's, a schema.org author's) is not a line of a template: a
    digit in it is part of the name, not a count or a date.
    """
    text = _LEADING_BY.sub("", without_wrapping(clean_text(byline)))
    text = _AFFILIATION.sub("", text)
    parts = [without_wrapping(part) for part in _NAME_SEPARATORS.split(text)]
    # `A, Email, Bio, Follow` or `A, Valve, 51 Comments`: a template's line of links and counts
    # after the name; what follows the name there is not a co-author either.
    if any(part and not is_name_part(part, not stated) for part in parts[1:]):
        parts = parts[:1]
    names = [_without_role(part) for part in parts if is_name_part(part, not stated)]
    names = [name for name in names if name]
    # In `A, Global Times`, the organization is A's affiliation, not a second author.
    people = [name for name in names if agent_kind(name) == "Person"]
    return people or names


def _without_role(name: str) -> str:
    name = name.strip(" .,:;|")
    if name and all(word.lower() in _ROLE_WORDS for word in name.split()):
        return ""
    return _cased(name)


def _cased(name: str) -> str:
    """`JOHN SMITH` and `john smith` -> `John Smith`; mixed case (`McDonald`, `de Gaulle`) is kept."""
    if name.isupper() or name.islower():
        if agent_kind(name) == "Organization" and name.lower() in _names_file("news-organizations.txt"):
            return name if len(name) <= 4 else name.title()
        return " ".join(part.capitalize() for part in name.split())
    return name


def authors_from(drafts: tuple[DraftAgent, ...], fallback: Found[str] | None, publisher: Agent | None, base_url: str,
                 *, credit_publisher: bool = True) -> tuple[Agent, ...]:
    """The article's authors; when the input names none, the sign-off's source, then the
    publisher (only if `credit_publisher`: a story from elsewhere is never credited to our brand).

    A name that is the publisher's becomes the publisher's Agent, with its URL and logo.
    """
    authors: list[Agent] = []
    for draft in drafts:
        authors.extend(_agents_of(draft, publisher, base_url))
    if not authors and fallback is not None:
        authors.extend(_agents_of(DraftAgent(name=fallback, kind="Organization"), publisher, base_url))
    if not authors and credit_publisher and publisher is not None:
        authors.append(publisher)
    return tuple(_unique(authors))


def _agents_of(draft: DraftAgent, publisher: Agent | None, base_url: str) -> list[Agent]:
    # A name with its own URL is one author as given; a bare byline may hold several.
    names = [without_wrapping(clean_text(draft.name.value))] if draft.url else split_byline(draft.name.value, stated=draft.stated)
    names = [name for name in names if is_name_part(name, in_running_text=draft.url is None and not draft.stated)]
    # A profile link that is not http(s) (`javascript:`) would run in a reader's browser: dropped.
    url = web_url(draft.url, base_url) if draft.url else None
    return [_agent(name, draft.kind, url, publisher) for name in names if name]


def _agent(name: str, kind: AgentKind | None, url: str | None, publisher: Agent | None) -> Agent:
    if publisher is not None and name.lower() == publisher.name.lower():
        return publisher
    return Agent(name=name, kind=kind or agent_kind(name), url=url)


def _unique(agents: list[Agent]) -> list[Agent]:
    seen: set[str] = set()
    unique = []
    for agent in agents:
        if agent.name.lower() not in seen:
            seen.add(agent.name.lower())
            unique.append(agent)
    return unique
