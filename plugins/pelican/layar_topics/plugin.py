"""Layar's topics plugin: the registry's topics cross-linked with articles in every language.

Hub pages per kind, a page per topic (explainer, facts, timeline of articles, related
topics, Atom feed), "in this article" blocks, first-mention links in article bodies and
``/api/graph.json``.  Per-build state lives on ``site.extensions["topics"]`` (a
``TopicIndex``), never in module globals; other plugins read it as the ``topics`` service
(``site.services.topics``, ``layar_site.services.Topics``).
"""
from __future__ import annotations

import logging

from layar_site import signals
from layar_site.content import Held
from layar_site.plugins import enabled

from .checks import check_articles, warn_unlisted_mentions, warn_unused
from .feeds import write_feeds
from .graph import write_graph
from .index import TopicIndex
from .linking import Linker
from .registry import load_registry
from .routes import add_routes
from .settings import configure
from .views import TopicViews

logger = logging.getLogger(__name__)

NAME = "layar_topics"
EXTENSION = "topics"


def register():
    """Register the plugin callbacks."""
    # Load the registry, check articles' topic ids and add the pages and the mention-link
    # filter while problems can still stop the build before anything is written.
    signals.site_loaded.connect(on_site_loaded)
    # Feeds and graph.json are files, not pages: write them once every page is written.
    signals.site_written.connect(on_site_written)


def on_site_loaded(site) -> None:
    if not enabled(site, NAME):
        return
    settings = configure(site.pelican_settings)
    content = site.settings.content_path
    folder = content / settings.topics_dir
    registry = load_registry(folder, content.parent, settings.kinds, site.problems,
                             site.sources_cache, site.settings.show_drafts)
    site.held.extend(Held(path, "draft", shown=site.settings.show_drafts)
                     for path in registry.drafts)
    check_articles(site, registry, f"{site.content_prefix}/{settings.topics_dir}")
    index = TopicIndex.build(registry, settings, site.articles)
    index.views = TopicViews(site, index)
    index.linker = Linker(site, index)
    site.extensions[EXTENSION] = index
    site.services.topics = index  # what other plugins may read (layar_site.services.Topics)
    warn_unused(site, index)
    warn_unlisted_mentions(site, registry)
    add_routes(site, index, index.views)
    site.renderer.filters.append(index.linker)
    logger.debug("topics: %d topics, %d kinds", len(registry), len(settings.kinds))


def on_site_written(site, output) -> None:
    index = site.extensions.get(EXTENSION)
    if index is None or not enabled(site, NAME):
        return
    write_feeds(site, index, index.views, output)
    write_graph(site, index, index.settings.graph_path, output)
