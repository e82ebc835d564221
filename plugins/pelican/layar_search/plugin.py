"""Search: the ``search`` route (``/{lang}/search/``) and the Pagefind index.

Pagefind runs offline on the freshly written (staging) output folder, once per language as
soon as that language's pages are written (``language_written``: it indexes while the
next language is rendered, feeds are written and the output is checked), so the atomic
swap of ``layar_build`` publishes the pages and their index together (``Indexing``).
Pagefind makes one index per ``<html lang>``: id, nl and en are searched separately, each
with its own stemming.  Pages say what is indexed with
``data-pagefind-body`` (articles, topics, home and other pages; not hubs, lists, the
search page or the 404 pages) and give filters with ``data-pagefind-filter``.
"""
from __future__ import annotations

import logging

from layar_site import signals
from layar_site.plugins import enabled
from layar_site.pagetypes import PageType

from .filters import Search
from .indexing import Indexing, Reuse
from .settings import DEFAULTS, configure

logger = logging.getLogger(__name__)

NAME = "layar_search"


def N_(message: str) -> str:
    """Mark an interface string for extraction (translated where it is shown)."""
    return message


#: The search page: its results are other pages, so neither it nor its query URLs are
#: indexed (its URL is the ``LAYAR_SEARCH_URL`` setting).
SEARCH = PageType("search", "search.html", title=N_("Search"), noindex=True,
                  schema="SearchResultsPage")


def site_loaded(site) -> None:
    if not enabled(site, NAME):
        return
    # Every read of these settings is recorded: only the search page says whether there is
    # an index, so a preview (no index) and a build keep every other page of each other.
    search = site.extensions["search"] = Search(site, site.configure("search", configure,
                                                                     DEFAULTS))
    site.page_types.declare(SEARCH)
    site.add_route(SEARCH.route("search", pattern=search.settings.url,
                                context=lambda lang: {"search_filters": search.all_filters(lang)}))


def language_written(site, lang: str, output) -> None:
    indexing = _indexing(site, output)
    if indexing is not None:
        indexing.language_ready(lang)


def pages_written(site, output) -> None:
    indexing = _indexing(site, output)
    if indexing is not None:
        indexing.all_ready()


def _indexing(site, output) -> "Indexing | None":
    """This build's ``Indexing`` (made on first use, and put among the build's pending
    work at once, so a failing build stops what has started)."""
    # Only a build that uses this plugin has its Search (made in site_loaded).
    search = site.extensions.get("search")
    if search is None or not search.settings.index:
        return None
    if search.indexing is None:
        # Each run indexes this build's pages of its language (``output.written``), never
        # what else the staging folder holds (the previous output's pages are dropped later).
        search.indexing = Indexing(site.settings.output_path, search.settings.bundle,
                                   _by_language(site, search), site.settings.workers,
                                   Reuse(output, search.settings.bundle),
                                   pages=lambda prefix: output.written(prefix, ".html"))
        site.pending.append(search.indexing)
    return search.indexing


def _by_language(site, search) -> tuple[str, ...] | None:
    """The languages to index one by one, or None when one run must index them all: each
    language's run reads ``<lang>/**/*.html``, so every indexed page of a language must be
    under its ``<lang>/`` folder (as Layar's URL patterns put them)."""
    found = []
    for lang in site.languages:
        pages = [route.save_as(lang) for route in site.routes
                 if search.indexed(route) and lang in site.routes.langs_of(route)]
        if not all(page.startswith(f"{lang}/") for page in pages):
            return None
        if pages:  # a language without indexed pages gets no index (as with one run)
            found.append(lang)
    return tuple(found)


def register():
    """Register the plugin callbacks."""
    # The search page is a route; routes are added while the site loads.
    signals.site_loaded.connect(site_loaded)
    # Pagefind indexes each language's pages as soon as they are written.
    signals.language_written.connect(language_written)
    signals.pages_written.connect(pages_written)
