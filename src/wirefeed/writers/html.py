"""Article pages, the index and section pages, from Jinja2 templates a site can override."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from markupsafe import Markup
from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape

from wirefeed.model import Article, Image, Site
from wirefeed.layout import article_page_path, author_path, href, page_address, relative_root, section_path
from wirefeed.writers.jsonld import article_jsonld, iso, to_script_text
from wirefeed.writers.labels import labels, written_date

_RIGHT_TO_LEFT = frozenset({"ar", "arc", "dv", "fa", "ha", "he", "khw", "ks", "ku", "ps", "sd", "ur", "yi"})


def template_environment(site: Site, compiled: BytecodeCache | None = None) -> Environment:
    """One environment per build: templates are compiled once and reused for every page.

    A `templates/` folder beside the config is searched first, so a site overrides
    any shipped template by giving a file of the same name. `compiled`: where compiled
    templates are kept between runs (cache/templates.py).
    """
    loaders: list[Any] = [FileSystemLoader(site.templates_dir)] if site.templates_dir else []
    loaders.append(PackageLoader("wirefeed", "templates"))
    environment = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates do not change during a build: no freshness check (a stat) on each of 30,000 renders.
        auto_reload=False,
        bytecode_cache=compiled,
    )
    environment.filters["iso"] = iso
    environment.filters["display_date"] = display_date
    environment.filters["section_path"] = section_path
    environment.filters["author_path"] = author_path
    # Templates link to an article with `article | page_path`, the same path its page is written to.
    environment.filters["page_path"] = lambda article: article_page_path(article, site)
    # ... escaped as a link (`中文.html`, `a:b.html` would otherwise be read as a URL scheme).
    environment.filters["href"] = href
    environment.filters["direction"] = text_direction
    environment.filters["primary_language"] = primary_language
    # `language | labels`: the page's words in that language (`By`, `Updated`, `Home`).
    environment.filters["labels"] = labels
    environment.filters["image_slots"] = image_slots
    return environment


def display_date(moment: datetime, article: Article | None = None) -> str:
    """`March 11, 2021, 12:58 (UTC+08:00)`: readers see the time the source gave, with its offset,
    in the article's language (writers/labels.py); only the day when `article`'s input gave only the day."""
    day = article.day_of(moment) if article is not None else None
    return written_date(moment, article.language if article is not None else "en", day)


def primary_language(language: str) -> str:
    """`zh` of `zh-cn`: the language without its region or script."""
    return language.split("-")[0]


def text_direction(language: str) -> str:
    return "rtl" if primary_language(language) in _RIGHT_TO_LEFT else "ltr"


def image_slots(article: Article) -> list[list[Image]]:
    """The article's images by place: slot i holds those standing before paragraph i (slot 0
    also those placed nowhere, above the body), the last slot those after the last paragraph."""
    slots: list[list[Image]] = [[] for _ in range(len(article.body) + 1)]
    for image in article.images:
        slots[min(image.position or 0, len(article.body))].append(image)
    return slots


def render_article(environment: Environment, article: Article, site: Site, *, body: str | None = None) -> str:
    """The article's page; `body`: its body fragment as page_body() renders it, when rendered already."""
    return environment.get_template("article.html").render(
        body=Markup(body if body is not None else page_body(environment, article)),
        site=site,
        article=article,
        root=relative_root(article_page_path(article, site)),
        language=article.language,
        direction=text_direction(article.language),
        lead_image=_lead_image(article),
        site_name=site.title,  # the page is on this site, whoever first published the story
        jsonld_script=to_script_text(article_jsonld(article, site)),
    )


def article_meta_lines(article: Article, site: Site) -> list[str]:
    """The canonical, description, OpenGraph and Twitter tags of the article's own page, one a
    line (its og:site_name is the original publisher's for a story from elsewhere)."""
    text = template_environment(site).get_template("article_meta.html").render(
        site=site, article=article, lead_image=_lead_image(article), site_name=_home_site_name(article, site))
    return [line for line in text.splitlines() if line.strip()]


def _home_site_name(article: Article, site: Site) -> str | None:
    """The name of the site the story's own page is on."""
    if not article.elsewhere:
        return site.title
    return article.publisher.name if article.publisher else None


def _lead_image(article: Article) -> Image | None:
    return next((image for image in article.images if image.url), None)


def page_body(environment: Environment, article: Article) -> str:
    """The body fragment (figures and paragraphs) as the article's page holds it."""
    return environment.get_template("content.html").render(article=article)


def render_content(environment: Environment, article: Article) -> str:
    """The body fragment (figures and paragraphs) that feeds carry as content:encoded."""
    return feed_content(page_body(environment, article))


def feed_content(body: str) -> str:
    """What feeds carry of the page's body fragment: without the blank lines around it."""
    return body.strip() + "\n"


@dataclass(frozen=True, slots=True)
class Pages:
    """Where an index page stands among its channel's pages: the front page (`number` None) or
    archive page `number`, with the site-relative paths of the next older and newer pages."""

    number: int | None = None
    older: str | None = None
    newer: str | None = None


def render_index(environment: Environment, articles: Sequence[Article], site: Site, *, heading: str | None = None,
                 path: str = "", feed: str | None = None, pages: Pages = Pages(), entries: Sequence[str] | None = None) -> str:
    """The home page (`path` ""), a section's or author's page (`sections/x/`), or one of their
    archive pages (`sections/x/archive/3.html`): the articles newest first.

    `feed`: the site-relative path of the channel's own RSS feed, when it is not the site's.
    `entries`: each article's entry in the list (index_entry()), when rendered already. The
    template gets `articles` too (a site's own index.html may list them its own way): read
    lazily, a sequence that resolves an article when it is read costs nothing unless it is.
    """
    root = relative_root(path)
    if entries is None:
        entries = [index_entry(environment, article, site, root) for article in articles]
    return environment.get_template("index.html").render(
        site=site,
        articles=articles,
        entries=[Markup(entry) for entry in entries],
        heading=heading,
        canonical=site.absolute(path),
        root=root,
        language=site.language,
        direction=text_direction(site.language),
        channel_feed=site.absolute(feed) if feed else None,
        pages=pages,
        older_url=_page_url(site, pages.older),
        newer_url=_page_url(site, pages.newer),
    )


def index_entry(environment: Environment, article: Article, site: Site, root: str) -> str:
    """The article's entry in a listing page whose path leads back to the site's root with
    `root` (relative_root()): the same text in every listing of that depth."""
    return environment.get_template("index_entry.html").render(
        article=article, root=root, language=site.language, direction=text_direction(site.language))


def _page_url(site: Site, path: str | None) -> str | None:
    return None if path is None else site.absolute(page_address(path))


def render_redirect(environment: Environment, article: Article, target: str, site: Site) -> str:
    """A page at an article's other address that sends the reader to `target`, the page it keeps."""
    return environment.get_template("redirect.html").render(site=site, article=article, target=target, language=article.language)
