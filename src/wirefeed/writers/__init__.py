"""Writers: each output format from the same Article records and Site config."""

from __future__ import annotations

from collections.abc import Sequence

from wirefeed.model import Article, Site
from wirefeed.output import OutputDir
from wirefeed.writers.html import render_article, render_content, render_index, template_environment
from wirefeed.layout import article_jsonld_path, article_page_path, section_path
from wirefeed.writers.jsonld import article_jsonld, to_json
from wirefeed.writers.rss import render_rss


def write_site(articles: Sequence[Article], site: Site, output: OutputDir) -> None:
    """Write every output for `articles` (newest first) into `output`."""
    environment = template_environment(site)
    for article in articles:
        output.write_text(article_jsonld_path(article, site), to_json(article_jsonld(article, site)))
        output.write_text(article_page_path(article, site), render_article(environment, article, site))
    in_feed = articles[: site.feed_size]
    output.write_bytes("feed.xml", render_rss(in_feed, site, lambda article: render_content(environment, article)))
    output.write_text("index.html", render_index(environment, articles, site))
    for section, members in _by_section(articles).items():
        path = section_path(section)
        output.write_text(path + "index.html", render_index(environment, members, site, heading=section, path=path))
    _copy_static(site, output)


def _by_section(articles: Sequence[Article]) -> dict[str, list[Article]]:
    sections: dict[str, list[Article]] = {}
    for article in articles:
        for section in article.sections:
            sections.setdefault(section, []).append(article)
    return sections


def _copy_static(site: Site, output: OutputDir) -> None:
    if site.static_dir is None:
        return
    for path in sorted(site.static_dir.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            output.write_bytes("static/" + path.relative_to(site.static_dir).as_posix(), path.read_bytes())
