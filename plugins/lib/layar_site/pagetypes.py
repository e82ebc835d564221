"""Page types: what kind of page a route is, declared once, here or in the plugin adding it.

A ``PageType`` says everything the rest of the site needs to know about a kind of page:
its template and URL pattern, whether search indexes it or search engines must not, whether
the sitemap lists it, its schema.org type, and its label in every language (a msgid of the
``messages`` catalogs, marked with ``N_`` so ``invoke i18n.update`` extracts it).  Routes
name their type (``Route.page_type``); search, SEO, the sitemap, the social cards and the
templates read the declaration (``site.page_types[route.page_type]``) and nothing else.

The site's own types are declared below; a plugin declares its own in ``site_loaded``
(``site.page_types.declare(TIMELINE)``) and adds its routes with ``TIMELINE.route(key, …)``.
Adding a page type is one declaration, a template and, when the page has data of its own,
one plugin (docs/ARCHITECTURE.md, "Page types").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

from .routes import Route


def N_(message: str) -> str:
    """Mark an interface string for extraction (translated where it is shown)."""
    return message


# TRANSLATORS: a kind of page (on social cards; a search filter value): a page of the site.
PAGE_LABEL = N_("Page")
# TRANSLATORS: a kind of page (on social cards; a search filter value): an article.
ARTICLE_LABEL = N_("Article")


@dataclass(frozen=True)
class PageType:
    """One kind of page (see the module docstring)."""

    #: The name routes give (``Route.page_type``); also the page's ``<body>`` class.
    name: str
    #: The template of its pages (under the theme's ``templates/``).
    template: str
    #: The URL pattern of its pages, with ``{lang}`` and the fields ``route()`` is given
    #: (``{slug}``); None when each route brings its own (from a setting).
    pattern: str | None = None
    #: What kind of page it is, shown on its social card and as its search filter value
    #: (a msgid: marked with ``N_``, translated where shown).  A route may say better
    #: (``Route.label``: a topic's kind).
    label: str = PAGE_LABEL
    #: The title of a page that has none of its own (its card's title; a msgid), or None:
    #: the site's name.  Pages showing a source (an article, a page) have their own
    #: (``Route.title``).
    title: str | None = None
    #: Pagefind indexes its main content (``data-pagefind-body``).
    indexed: bool = False
    #: Search engines must not index it (``<meta name="robots" content="noindex">``).
    noindex: bool = False
    #: Listed in sitemap.xml; None: unless ``noindex``.
    sitemap: bool | None = None
    #: The schema.org type of the page itself (JSON-LD); a page may say better
    #: (``Route.schema``, from its front-matter).
    schema: str = "WebPage"
    #: Where its pages' label comes in a list of kinds (the search page's filter): lower
    #: first, then in the order of the routes.
    order: int = 50

    @property
    def in_sitemap(self) -> bool:
        return not self.noindex if self.sitemap is None else self.sitemap

    def route(self, key: str, *, pattern: str | None = None,
              context: Callable[[str], dict[str, Any]] | None = None, obj: Any = None,
              languages: tuple[str, ...] | None = None, title: Callable[[str], str] | None = None,
              label: str | None = None, schema: str | None = None, **fields: str) -> Route:
        """A route of this type: ``pattern`` (else the type's) with ``{name}`` replaced by
        each of ``fields`` (``slug="x"``); ``{lang}`` is left for each language."""
        pattern = pattern if pattern is not None else self.pattern
        if pattern is None:
            raise ValueError(f"page type '{self.name}' has no URL pattern: give one for {key}")
        for name, value in fields.items():
            pattern = pattern.replace("{" + name + "}", value)
        return Route(key, pattern, self.template, context=context or (lambda lang: {}),
                     languages=languages, page_type=self.name, obj=obj, title=title,
                     label=label, schema=schema)


class PageTypes:
    """The page types of one build (``site.page_types``), by name, in declaration order."""

    def __init__(self, types: tuple[PageType, ...] = ()):
        self._types: dict[str, PageType] = {}
        for page_type in types:
            self.declare(page_type)

    def declare(self, page_type: PageType) -> PageType:
        """Declare ``page_type``; declaring the same one again is allowed (a plugin's
        ``site_loaded`` in a second build of one process), another with its name is not."""
        found = self._types.setdefault(page_type.name, page_type)
        if found != page_type:
            raise ValueError(f"two page types are named '{page_type.name}': {found} and "
                             f"{page_type}")
        return page_type

    def __getitem__(self, name: str) -> PageType:
        return self._types[name]

    def __contains__(self, name: str) -> bool:
        return name in self._types

    def __iter__(self) -> Iterator[PageType]:
        return iter(self._types.values())

    def of(self, route: Route) -> PageType:
        return self._types[route.page_type]

    # -- what every reader asks, for a route and a language ---------------------------
    def title(self, site, route: Route, lang: str) -> str:
        """The page's title in ``lang`` (its own, else its type's, else the site's name)."""
        if route.title is not None:
            return route.title(lang)
        page_type = self.of(route)
        if page_type.title is not None:
            return site.gettext(page_type.title, lang)
        return site.settings.site_name

    def label(self, site, route: Route, lang: str) -> str:
        """What kind of page it is, in ``lang``."""
        return site.gettext(route.label or self.of(route).label, lang)

    def schema(self, route: Route) -> str:
        return route.schema or self.of(route).schema


# -- the site's own page types (layar_site.core adds their routes) ----------------------
CHOOSER = PageType("chooser", "chooser.html", "",
                   title=N_("Generative AI in film and television, explained"))
NOT_FOUND = PageType("404", "404.html", "{lang}/404.html", title=N_("Page not found"),
                     noindex=True)
ARTICLE = PageType("article", "article.html", label=ARTICLE_LABEL, indexed=True, order=10)
HOME = PageType("home", "home.html", indexed=True, order=30)
PAGE = PageType("page", "page.html", indexed=True, order=30)

CORE_TYPES = (CHOOSER, NOT_FOUND, ARTICLE, HOME, PAGE)
