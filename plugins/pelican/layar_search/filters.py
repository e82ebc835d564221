"""What Pagefind indexes and the filters of each page, decided once, here.

Templates ask ``site.extensions["search"]``: ``indexed(route)`` says whether a page gets
``data-pagefind-body``, ``filters(route, lang)`` gives its ``data-pagefind-filter`` values,
and ``all_filters(lang)`` lists every value for the search page's filter form (rendered at
build time, so the form never shifts the layout while the index loads).
"""
from __future__ import annotations

from layar_site.formatting import language_name


def N_(message: str) -> str:
    """Mark an interface string for extraction (translated when pages are rendered)."""
    return message


#: Page types whose main content is indexed; hubs, lists, search and 404 pages are not.
INDEXED_TYPES = ("article", "topic", "home", "page")
#: Filter names, in the order the search page shows them.
FILTERS = ("kind", "language", "topic")
# TRANSLATORS: a search filter value: the page is an article.
ARTICLE = N_("Article")
# TRANSLATORS: a search filter value: the page is a page of the site (home, about).
PAGE = N_("Page")


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
        return route.page_type in INDEXED_TYPES

    def filters(self, route, lang: str) -> dict[str, list[str]]:
        """Filter name -> values of one page in ``lang`` (Pagefind's filters are per index)."""
        site = self.site
        gettext = site.ui[lang].gettext
        if route.page_type == "article" and route.obj is not None:
            article = route.obj
            found = {"kind": [gettext(ARTICLE)], "language": [language_name(article.lang, lang)]}
            names = [str(site.t(t.name, t.lang, lang))
                     for t in site.services.article_topics(article)]
            if names:
                found["topic"] = names
            return found
        if route.page_type == "topic" and route.obj is not None:
            topic = route.obj
            one = (site.settings.kinds.get(topic.kind) or {}).get("one", topic.kind)
            return {"kind": [gettext(one)], "topic": [str(site.t(topic.name, topic.lang, lang))]}
        return {"kind": [gettext(PAGE)]}

    def all_filters(self, lang: str) -> dict[str, list[str]]:
        """Every value of every filter in ``lang``: kinds in site order, others sorted."""
        found = self._all.get(lang)
        if found is None:
            values: dict[str, list[str]] = {name: [] for name in FILTERS}
            for route in self.site.routes:
                if not self.indexed(route) or lang not in self.site.routes.langs_of(route):
                    continue
                for name, items in self.filters(route, lang).items():
                    for item in items:
                        if item not in values[name]:
                            values[name].append(item)
            gettext = self.site.ui[lang].gettext
            kinds = [gettext(ARTICLE)] + [gettext(spec.get("one", k)) for k, spec
                                          in self.site.settings.kinds.items()] + [gettext(PAGE)]
            values["kind"].sort(key=lambda v: kinds.index(v) if v in kinds else len(kinds))
            for name in ("language", "topic"):
                values[name].sort(key=str.casefold)
            found = self._all[lang] = values
        return found
