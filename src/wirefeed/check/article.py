"""Google's Article structured-data recommendations, as warnings.

From Google Search Central's Article documentation and CONFORMANCE.md: headline, image,
datePublished, dateModified; each author its own Person or Organization with name and url,
the name without "By", job titles or the publisher's name; a publisher Organization with
name, url and logo; images of at least 50,000 pixels.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Final

from wirefeed.check.finding import Report
from wirefeed.check.nodes import Graph, Node, at, located, node_types
from wirefeed.check.schemaorg import Vocabulary

_RECOMMENDED: Final = ("headline", "image", "datePublished", "dateModified", "author", "publisher")
_AGENTS: Final = ("Person", "Organization")
_MIN_IMAGE_PIXELS: Final = 50_000

_BY_PREFIX = re.compile(r"\s*by\b", re.I)
# Titles that bylines append to names ("Jane Doe, Senior Correspondent").
_JOB_TITLE = re.compile(
    r"\b(reporter|correspondent|editor|writer|columnist|contributor|journalist|photographer"
    r"|producer|analyst|staff|bureau chief|chief|senior|desk)\b",
    re.I,
)
_SEPARATORS = re.compile(r"\s*(?:,|\||\(|\s[-\u2013\u2014]\s)\s*")
_SEVERAL_PEOPLE = re.compile(r"\s(and|&)\s|;", re.I)


def check_article(node: Node, graph: Graph, vocabulary: Vocabulary, report: Report) -> None:
    """Every recommendation that an Article (or NewsArticle, BlogPosting...) node misses."""
    _Article(node, graph, vocabulary, report).check()


class _Article:
    def __init__(self, node: Node, graph: Graph, vocabulary: Vocabulary, report: Report) -> None:
        self.node = node
        self.graph = graph
        self.vocabulary = vocabulary
        self.report = report
        self.publisher_name = self.name_of(self.first("publisher"))

    def add(self, rule: str, where: str, message: str) -> None:
        self.report.add(rule, located(where, message), self.node.line)

    def first(self, key: str) -> Mapping[str, object] | None:
        values = list(_values(self.node.data.get(key)))
        return self.graph.resolve(values[0]) if values else None

    def name_of(self, agent: Mapping[str, object] | None) -> str | None:
        name = agent.get("name") if agent is not None else None
        return name.strip() if isinstance(name, str) and name.strip() else None

    def check(self) -> None:
        for key in _RECOMMENDED:
            if key not in self.node.data:
                self.add("MissingRecommended", self.node.where, f"Google recommends {key!r} on an Article")
        for author, where in _placed(self.node.data.get("author"), at(self.node.where, "author")):
            self.author(author, where)
        if "publisher" in self.node.data:
            self.publisher(self.first("publisher"), at(self.node.where, "publisher"))
        images = list(_placed(self.node.data.get("image"), at(self.node.where, "image")))
        for image, where in images:
            self.image(self.graph.resolve(image), where)
        if images and not any(self.has_url(image) for image, _ in images):
            self.add("ImageWithoutUrl", at(self.node.where, "image"),
                     "no image has a URL: Google shows an article's image only from its url")

    def has_url(self, image: object) -> bool:
        """Whether an `image` value gives a picture's address: a URL string, or a node with url or contentUrl."""
        if isinstance(image, str):
            return bool(image.strip())
        node = self.graph.resolve(image)
        return node is not None and any(isinstance(node.get(key), str) and str(node.get(key)).strip() for key in ("url", "contentUrl"))

    def author(self, value: object, where: str) -> None:
        agent = self.graph.resolve(value)
        if agent is None or not self.vocabulary.is_a(node_types(agent), _AGENTS):
            self.add(
                "AuthorNotAgent",
                where,
                "each author should be its own Person or Organization node, not text",
            )
            return
        for key in ("name", "url"):
            if key not in agent:
                self.add("MissingRecommended", where, f"Google recommends the author's {key!r}")
        name = self.name_of(agent)
        if name is not None:
            self.author_name(name, is_person="Person" in node_types(agent), where=at(where, "name"))

    def author_name(self, name: str, *, is_person: bool, where: str) -> None:
        for problem in _name_problems(name, is_person=is_person, publisher=self.publisher_name):
            self.add("InvalidAuthorName", where, f"{name!r}: {problem}")

    def publisher(self, publisher: Mapping[str, object] | None, where: str) -> None:
        if publisher is None or not self.vocabulary.is_a(node_types(publisher), ("Organization",)):
            self.add("PublisherNotOrganization", where, "the publisher should be an Organization node")
            return
        for key in ("name", "url", "logo"):
            if key not in publisher:
                self.add("MissingRecommended", where, f"Google recommends the publisher's {key!r}")

    def image(self, image: Mapping[str, object] | None, where: str) -> None:
        if image is None:
            return
        width, height = _pixels(image.get("width")), _pixels(image.get("height"))
        if width is not None and height is not None and width * height < _MIN_IMAGE_PIXELS:
            self.add(
                "ImageTooSmall",
                where,
                f"{width:g}x{height:g} is under the {_MIN_IMAGE_PIXELS:,} pixels Google asks for",
            )


def _placed(value: object, where: str) -> Iterator[tuple[object, str]]:
    """Each value of a property with its path: `author` for one, `author[1]` in a list."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield item, at(where, f"[{index}]")
    elif value is not None:
        yield value, where


def _values(value: object) -> Iterator[object]:
    if isinstance(value, list):
        yield from value
    elif value is not None:
        yield value


def _name_problems(name: str, *, is_person: bool, publisher: str | None) -> Iterator[str]:
    if _BY_PREFIX.match(name):
        yield 'starts with "By": give the name alone'
    if any(_JOB_TITLE.search(part) for part in _SEPARATORS.split(name)[1:]) or (
        is_person and _JOB_TITLE.search(name)
    ):
        yield "holds a job title: give the name alone"
    if is_person and _SEVERAL_PEOPLE.search(name):
        yield "names several people: give each author its own node"
    # The publisher's name alone is fine (a self-published author, a desk writing as the
    # organization); the publisher's name added to a byline is not.
    if publisher and publisher.casefold() in name.casefold() and publisher.casefold() != name.casefold():
        yield f"holds the publisher's name {publisher!r}: that belongs in publisher"


def _pixels(value: object) -> float | None:
    """A width or height as a number: 1200, "1200", or a QuantitativeValue {"value": 1200}."""
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().removesuffix("px"))
        except ValueError:
            return None
    return None
