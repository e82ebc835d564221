"""The site's own content and routes: catalogs, articles and pages, and their pages.

Two steps of the pipeline (``layar_build.pipeline``): ``load_content`` reads the catalogs,
every article and every page once; ``add_core_routes`` adds the routes every Layar site has
(the language chooser, the 404 pages, one route per article and per page).  Plugins add
theirs afterwards, in ``signals.site_loaded``.
"""
from __future__ import annotations

import logging
from typing import Any

from .content import load_articles, load_pages, prefetch
from .pagetypes import ARTICLE, CHOOSER, HOME, NOT_FOUND, PAGE

logger = logging.getLogger(__name__)


def load_content(site) -> None:
    """Catalogs, pictures, articles and pages (parsed files come from the sources cache)."""
    s = site.settings
    root = s.content_path.parent
    site.load_catalogs()
    site.media.load()
    if s.workers > 1:  # a cold build parses on every core
        prefetch(sorted((s.content_path / s.articles_dir).glob("*.md")), root,
                 site.sources_cache, s.workers)
    site.articles = load_articles(s.content_path / s.articles_dir, root, s.kinds, site.problems,
                                  site.sources_cache, site.now, site.held, site.rejected,
                                  s.show_drafts, s.show_future)
    site.pages = load_pages(s.content_path / s.pages_dir, root, s.kinds, site.problems,
                            site.sources_cache, site.held, site.rejected, s.show_drafts)


def add_core_routes(site) -> None:
    s = site.settings
    site.add_route(CHOOSER.route("chooser", languages=(s.default_language,)))
    site.add_route(NOT_FOUND.route("404"))
    seen: dict[str, Any] = {}
    for article in site.articles:
        first = seen.get(article.slug)
        if first is not None:
            # Both files are reported, each naming the other: either may be the mistake.
            for one, other in ((article, first), (first, article)):
                site.error(one.path, _slug_line(one),
                           f"duplicate slug '{article.slug}': also used by {other.path}; "
                           f"two articles cannot share one URL")
            continue
        seen[article.slug] = article
        site.add_route(ARTICLE.route(
            article.key, pattern=s.article_url, slug=article.slug,
            context=lambda lang, a=article: {"article": site.article(a, lang),
                                             "body": site.body(a, lang)},
            title=lambda lang, a=article: str(site.article(a, lang)["title"]),
            obj=article), article, article.line_of("slug"))
    if not any(p.slug == "home" for p in site.pages):
        site.error(str(s.content_path.name + "/" + s.pages_dir), 1,
                   "there is no home page (a page with 'slug: home')")
    for page in site.pages:
        home = page.key == "home"
        site.add_route((HOME if home else PAGE).route(
            page.key, pattern=s.home_url if home else s.page_url, slug=page.slug,
            context=lambda lang, p=page: {"page": page_view(site, p, lang),
                                          "body": site.body(p, lang)},
            title=lambda lang, p=page: str(site.t(p.meta["title"], p.lang, lang)),
            schema=page.meta.get("schema"), obj=page), page, page.line_of("slug"))


def page_view(site, page, lang: str) -> dict[str, Any]:
    return {
        "title": site.t(page.meta["title"], page.lang, lang),
        "summary": site.t(page.meta.get("summary", ""), page.lang, lang),
        "lang": page.lang,
    }


def _slug_line(article) -> int:
    """The line of the article's slug, or of its title when the slug is derived from it."""
    return article.line_of("slug" if "slug" in article.doc.meta else "title")
