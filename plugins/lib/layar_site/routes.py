"""Routes: every logical page of the site, written once per language.

A route has a key shared by all languages (``article:<slug>``, ``topic:<kind>:<id>``…), a
URL pattern with ``{lang}``, a template and a function building its template context for
one language; it names its page type (``layar_site.pagetypes``), whose ``route()`` makes it.  Alternates, canonical links and the language switcher all come from the key,
so switching language always lands on the same page.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable


@dataclass
class Route:
    key: str
    pattern: str  # e.g. "{lang}/articles/{slug}/"; a trailing "/" means index.html
    template: str
    context: Callable[[str], dict[str, Any]] = field(default=lambda lang: {})
    languages: tuple[str, ...] | None = None  # None: every site language
    #: The name of its page type (``site.page_types``), which search, SEO, the sitemap and
    #: the cards read: "article", "topic", "hub", …
    page_type: str = "page"
    obj: Any = None
    #: The page's own title in a language (its card shows it), when it has one.
    title: Callable[[str], str] | None = None
    #: What kind of page it is (a msgid), when it says better than its type (a topic's kind).
    label: str | None = None
    #: Its schema.org type, when it says better than its type (a page's front-matter).
    schema: str | None = None

    def path(self, lang: str) -> str:
        """URL path without a leading slash: ``id/articles/x/``."""
        return self.pattern.format(lang=lang)

    def save_as(self, lang: str) -> str:
        path = self.path(lang)
        return path + "index.html" if path.endswith("/") or not path else path


class RouteTable:
    """All routes of one build, by key; refuses duplicates (two files, one URL)."""

    def __init__(self, languages: tuple[str, ...], siteurl: str = ""):
        self.languages = languages
        self.siteurl = siteurl
        self._routes: dict[str, Route] = {}
        self._paths: dict[str, str] = {}
        self._langs: dict[str, str] = {}  # output path (casefolded) -> its language

    def add(self, route: Route) -> Route | None:
        """Add a route; return the route it clashes with (same key or same path), if any.

        A route also clashes with itself when two of its languages share a path (a pattern
        without ``{lang}``): only one language would survive.  The clash returned is then
        the route in the second of those languages, keyed ``<key> (<lang>)``.
        """
        if route.key in self._routes:
            return self._routes[route.key]
        own: set[str] = set()
        for lang in self.langs_of(route):
            folded = route.save_as(lang).casefold()
            if folded in self._paths:
                return self._routes[self._paths[folded]]
            if folded in own:
                return replace(route, key=f"{route.key} ({lang})", languages=(lang,))
            own.add(folded)
        self._routes[route.key] = route
        for lang in self.langs_of(route):
            self._paths[route.save_as(lang).casefold()] = route.key
            self._langs[route.save_as(lang).casefold()] = lang
        return None

    def locate(self, path: str) -> tuple[str, str] | None:
        """``(key, language)`` of the route at the URL path ``path`` (``/en/about/``), or None."""
        path = path.lstrip("/")
        tries = [path + "index.html"] if not path or path.endswith("/") else [path, path + "/index.html"]
        for one in tries:
            key = self._paths.get(one.casefold())
            if key is not None:
                return key, self._langs[one.casefold()]
        return None

    def langs_of(self, route: Route) -> tuple[str, ...]:
        return route.languages or self.languages

    def __iter__(self):
        return iter(self._routes.values())

    def __len__(self):
        return len(self._routes)

    def __contains__(self, key: str) -> bool:
        return key in self._routes

    def get(self, key: str) -> Route | None:
        return self._routes.get(key)

    def url(self, key: str, lang: str) -> str:
        """Root-relative (or SITEURL-absolute) URL of a route in a language."""
        route = self._routes[key]
        if lang not in self.langs_of(route):
            lang = self.langs_of(route)[0]
        return f"{self.siteurl}/{route.path(lang)}"

    def alternates(self, key: str) -> list[tuple[str, str]]:
        route = self._routes[key]
        return [(lang, self.url(key, lang)) for lang in self.langs_of(route)]
