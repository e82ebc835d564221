"""What Pagefind indexes and the filters of each page, decided once, here.

Templates ask ``site.extensions["search"]``: ``indexed(route)`` says whether a page gets
``data-pagefind-body`` (its page type's ``indexed``), ``filters(route, lang)`` gives its
``data-pagefind-filter`` values (its kind: its page type's label),
and ``all_filters(lang)`` lists every value for the search page's filter form (rendered at
build time, so the form never shifts the layout while the index loads).
"""
from __future__ import annotations

from layar_site.formatting import language_name


#: Filter names, in the order the search page shows them.
FILTERS = ("kind", "language", "topic")


class Search:
    """The search plugin's per-build state, at ``site.extensions["search"]``."""

    def __init__(self, site, settings):
        self.site = site
        #: This build's ``layar_search.settings.SearchSettings``.
        self.settings = settings
        #: URL of the Pagefind bundle's folder, ending in '/'.
        self.bundle = f"{site.settings.siteurl}/{settings.bundle}/"
        self._all: dict[str, dict[str, list[str]]] = {}
        #: The search index of this build, once pages are written (``plugin.Indexing``).
        self.indexing = None

    def __getitem__(self, key):  # templates may read search['bundle']
        return getattr(self, key)

    def index_built(self) -> bool:
        """Is the search index built in this build (``LAYAR_SEARCH_INDEX``)?  The read is
        recorded: only the page asking depends on the setting."""
        return self.settings.index

    def indexed(self, route) -> bool:
        return self.site.page_types.of(route).indexed

    def filters(self, route, lang: str) -> dict[str, list[str]]:
        """Filter name -> values of one page in ``lang`` (Pagefind's filters are per index)."""
        site = self.site
        found = {"kind": [site.page_types.label(site, route, lang)]}
        if route.page_type == "article" and route.obj is not None:
            article = route.obj
            found["language"] = [language_name(article.lang, lang)]
            names = [str(site.t(t.name, t.lang, lang))
                     for t in site.services.article_topics(article)]
            if names:
                found["topic"] = names
        elif route.page_type == "topic" and route.obj is not None:
            topic = route.obj
            found["topic"] = [str(site.t(topic.name, topic.lang, lang))]
        return found

    def all_filters(self, lang: str) -> dict[str, list[str]]:
        """Every value of every filter in ``lang``: kinds in the order of their page types
        (``PageType.order``, then the routes'), others sorted."""
        found = self._all.get(lang)
        if found is None:
            values: dict[str, list[str]] = {name: [] for name in FILTERS}
            kinds: dict[str, tuple[int, int]] = {}  # kind -> (its type's order, first seen)
            types = self.site.page_types
            for route in self.site.routes:
                if not self.indexed(route) or lang not in self.site.routes.langs_of(route):
                    continue
                for name, items in self.filters(route, lang).items():
                    for item in items:
                        if item not in values[name]:
                            values[name].append(item)
                kinds.setdefault(types.label(self.site, route, lang),
                                 (types.of(route).order, len(kinds)))
            values["kind"].sort(key=kinds.__getitem__)
            for name in ("language", "topic"):
                values[name].sort(key=str.casefold)
            found = self._all[lang] = values
        return found
