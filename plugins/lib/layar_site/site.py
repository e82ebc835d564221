"""The site model of one build: content, routes, catalogs, problems, and views of them.

One ``Site`` is made by the pipeline (``layar_build.pipeline``) for each build; plugins keep
their own state on it (``site.extensions``), never in module globals, and offer what others
need through ``site.services`` (``layar_site.services``).  It reads and never
writes: files are written by the build's ``Outputs`` (``layar_site.outputs``).  Every read a
page makes of it that is not part of the site model (a body, a setting) is recorded through
``site.inputs`` (``layar_site.inputs``).
"""
from __future__ import annotations

import datetime as dt
import logging
import posixpath
from pathlib import Path
from typing import Any, Callable

import layar.blocks
import layar.frontmatter
import layar.sanitize
import layar.yamlio
from layar import schema
from layar.errors import Problem

from . import catalogs as catalogs_module
from . import content as content_module
from . import render as render_module
from .cache import Store, code_version
from .catalogs import ContentCatalog, LText, compile_catalogs, load_translations
from .content import Article, Held, Page, Rejected, Source, summary_opens_body
from .inputs import Inputs
from .media import MediaLibrary
from .pagetypes import CORE_TYPES, PageTypes
from .render import BodyRenderer, Rendered
from .routes import Route, RouteTable
from .services import Services
from .settings import DEFAULTS, RECORDED_ELSEWHERE, WHERE, SiteSettings

logger = logging.getLogger(__name__)


class Site:
    def __init__(self, settings: SiteSettings, pelican_settings: dict[str, Any],
                 inputs: Inputs | None = None, now: dt.datetime | None = None,
                 stores: Callable[[Path | None, str, str], Store] = Store):
        #: The record of what each output reads (``layar_site.inputs``).
        self.inputs = inputs if inputs is not None else Inputs()
        self.settings = self.inputs.watch("site", settings, DEFAULTS,
                                          WHERE + RECORDED_ELSEWHERE)
        self.pelican_settings = pelican_settings
        self.languages = settings.languages
        self.problems: list[Problem] = []
        #: The build's time (``SOURCE_DATE_EPOCH`` when set, else now; ``pipeline.Run``):
        #: articles dated after it are scheduled, left out with drafts (``held``).  None
        #: (a site made outside a build) holds back drafts only.
        self.now = now
        self.held: list[Held] = []
        self._shown: tuple[int, dict] | None = None
        #: Files whose front-matter is invalid: never built, but their bodies are checked.
        self.rejected: list[Rejected] = []
        self.articles: list[Article] = []
        self.pages: list[Page] = []
        #: The pictures of content/media/ (``layar_site.media``), read by ``load_content``.
        self.media = MediaLibrary(self)
        self.routes = RouteTable(self.languages, settings.siteurl)
        #: The page types routes name (``layar_site.pagetypes``): the site's own, then each
        #: plugin's, declared in ``site_loaded``.
        self.page_types = PageTypes(CORE_TYPES)
        #: Each plugin's own state, by name: read by that plugin (and its templates) only.
        self.extensions: dict[str, Any] = {}
        #: What plugins offer each other (``layar_site.services``): topics, pictures.
        self.services = Services()
        #: The checks of this build (``layar_checks.CheckState``: their settings, the
        #: files plugins write besides pages), set by the pipeline's checks step.
        self.checks: Any = None
        #: content-relative source path ("articles/x.md") -> route key
        self.file_routes: dict[str, str] = {}
        # Persistent caches (LAYAR_CACHE_DIR), versioned by the code computing their values;
        # ``stores`` opens them (read from the cache folder, or carried in memory from the
        # last build of a long-running preview: ``layar_build.Session``).
        self._open_store = stores
        self.sources_cache = stores(settings.cache_dir, "sources", code_version(
            (layar.frontmatter, layar.yamlio, layar.blocks, content_module),
            ("PyYAML", "markdown-it-py")))
        self.renderer = BodyRenderer(self.resolve_link, localize=self.localize_link, store=stores(
            settings.cache_dir, "units", code_version(
                (layar.blocks, layar.sanitize, render_module), ("markdown-it-py", "mdurl", "nh3"))))
        self._stores: dict[str, Store] = {}
        self._latest: tuple[tuple[int, ...], list[Article]] | None = None
        self._urls: dict[tuple[str, str], str] = {}
        self.catalogs: dict[str, ContentCatalog] = {}
        self.ui: dict[str, Any] = {}
        self._views: dict[tuple[str, str], dict[str, Any]] = {}
        self._bodies: dict[tuple[str, str], Rendered] = {}
        #: Feed entries made in this build, with their XML (``layar_site.feeds``).
        self.feed_entries: dict[tuple, tuple] = {}
        #: Work plugins started in the background (e.g. the search index) that the build
        #: must ``finish()`` before the output is swapped in, or ``cancel()`` on failure.
        self.pending: list[Any] = []

    # -- problems ---------------------------------------------------------------------
    def error(self, path: str, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, "error", message))

    def warning(self, path: str, line: int, message: str) -> None:
        self.problems.append(Problem(path, line, "warning", message))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    # -- catalogs ---------------------------------------------------------------------
    def load_catalogs(self) -> None:
        compile_catalogs(self.settings.i18n_dir, self.languages, workers=self.settings.workers)
        parsed = self.memory("compiled-catalogs", (catalogs_module,))
        for lang in self.languages:
            self.catalogs[lang] = ContentCatalog.load(self.settings.i18n_dir, lang, parsed)
            self.ui[lang] = load_translations(self.settings.i18n_dir, lang, "messages", parsed)

    def t(self, msgid: str, source_lang: str, lang: str) -> LText:
        """A content unit in ``lang`` (or its source text, marked as fallback)."""
        return self.catalogs[lang].text(msgid, source_lang)

    def gettext(self, message: str, lang: str) -> str:
        """An interface string in ``lang`` (for Python code; templates use {% trans %})."""
        return self.ui[lang].gettext(message)

    # -- routes and links -------------------------------------------------------------
    def add_route(self, route: Route, source: Source | None = None, line: int = 1) -> bool:
        if route.page_type not in self.page_types:
            raise ValueError(f"route '{route.key}' names the page type '{route.page_type}', "
                             f"which nobody declared (site.page_types.declare)")
        clash = self.routes.add(route)
        if clash is not None:
            self._report_clash(route, source, line, clash)
            return False
        if source is not None:
            rel = Path(source.path).relative_to(self.content_prefix).as_posix()
            self.file_routes[rel] = route.key
        return True

    def _report_clash(self, route: Route, source, line: int, clash: Route) -> None:
        """Report a clash at every file involved (each message naming the other one), or
        at the settings when routes made by code clash."""
        if clash.key == route.key:
            what = f"two pages have the key '{route.key}'"
        else:
            what = (f"'{route.key}' and '{clash.key}' would both be written to "
                    f"{_clashing_path(self.routes, route, clash)}")
        mine = source.path if source is not None else None
        theirs = getattr(clash.obj, "path", None)
        if mine:
            self.error(mine, line, f"{what}; the other one comes from {theirs or 'the site'}")
        if theirs:
            self.error(theirs, _name_line(clash.obj),
                       f"{what}; the other one comes from {mine or 'the site'}")
        if not mine and not theirs:
            self.error("pelicanconf.py", 1, what)

    def shown_unpublished(self, source) -> Held | None:
        """The draft or scheduled ``source`` built all the same (``LAYAR_SHOW_DRAFTS``, the
        preview), whose page says so in a banner; None for a published one."""
        path = getattr(source, "path", None)
        # An index by path, made again when something was held since (asked once per page:
        # a scan of every held source per page was quadratic in a preview of many drafts).
        if self._shown is None or self._shown[0] != len(self.held):
            self._shown = (len(self.held),
                           {held.path: held for held in reversed(self.held) if held.shown})
        return self._shown[1].get(path)

    @property
    def content_prefix(self) -> str:
        return self.settings.content_path.name

    def url(self, key: str, lang: str) -> str:
        found = self._urls.get((key, lang))
        if found is None:  # a route's URL never changes once added: remember it
            found = self._urls[key, lang] = self.routes.url(key, lang)
        return found

    def resolve_link(self, target: str, source_path: str, lang: str) -> str | None:
        """URL in ``lang`` of a ``{filename}`` link written in ``source_path``."""
        base = posixpath.dirname(Path(source_path).relative_to(self.content_prefix).as_posix())
        if target.startswith("/"):
            rel = posixpath.normpath(target.lstrip("/"))
        else:
            rel = posixpath.normpath(posixpath.join(base, target))
        key = self.file_routes.get(rel)
        return self.url(key, lang) if key else None

    def localize_link(self, url: str, lang: str) -> str | None:
        """The page in ``lang`` for a root link ``url`` to a Layar page in another language
        (``/en/about/`` on a Dutch page: ``/nl/about/``); None when ``url`` is not such a link
        or the page has no version in ``lang``."""
        path = url[len(self.routes.siteurl):] if self.routes.siteurl and url.startswith(
            self.routes.siteurl + "/") else url
        found = self.routes.locate(path)
        if found is None or found[1] == lang:
            return None
        route = self.routes.get(found[0])
        if lang not in self.routes.langs_of(route):
            return None
        return self.url(found[0], lang)

    # -- views of content in a language -----------------------------------------------
    def body(self, source: Source, lang: str) -> Rendered:
        """The body of ``source`` rendered in ``lang`` (computed once per build)."""
        cache_key = (source.path, lang)
        self.inputs.read("body", f"{source.path}\0{lang}")
        found = self._bodies.get(cache_key)
        if found is None:
            with self.inputs.recording() as reads:  # what the body shows (its pictures)
                found = self.renderer.render(
                    source.blocks, self.catalogs[lang], source.lang, source.path, source)
            found.reads = frozenset(reads)
            self._bodies[cache_key] = found
        else:
            self.inputs.replay(found.reads)  # noted again for each file showing it
        return found

    def configure(self, owner: str, configure: Callable[[dict[str, Any]], Any],
                  defaults: dict[str, Any]):
        """A plugin's settings: ``configure(pelican_settings)`` (validated once), with every
        later read of a field recorded (``Inputs.watch``): the one way plugins get theirs."""
        with self.inputs.paused():  # validating a setting is not using it
            settings = configure(self.pelican_settings)
        return self.inputs.watch(owner, settings, defaults)

    def adopt(self, bodies: dict[tuple[str, str], Rendered]) -> None:
        """Take the bodies a render job made elsewhere (a forked worker), so the files made
        after the pages (feeds) do not render them again: the one way a job's by-products
        come back (its inputs are recorded with its page)."""
        for key, body in bodies.items():
            self._bodies.setdefault(key, body)

    def article(self, article: Article, lang: str) -> dict[str, Any]:
        """What lists and pages show of an article in ``lang``: localised title, URL, date…"""
        cache_key = (article.key, lang)
        view = self._views.get(cache_key)
        if view is None:
            meta = article.meta
            view = self._views[cache_key] = {
                "key": article.key,
                "source": article,
                "title": self.t(meta["title"], article.lang, lang),
                "summary": self.t(meta.get("summary", ""), article.lang, lang),
                "url": self.url(article.key, lang),
                "date": meta["date"],
                "author": meta.get("author", ""),
                "publisher": meta.get("publisher", ""),
                "original_url": meta.get("url", ""),
                "lang": article.lang,
                "translated": article.lang != lang,
                "summary_in_body": summary_opens_body(article),
                "notes": [self.t(note.strip(), article.lang, lang)
                          for note in meta.get("notes", []) if note.strip()],
                #: (field, note) for the metadata an editor supplied, in schema order
                "supplied": [(key, self.t(meta["supplied"][key], article.lang, lang))
                             for key in schema.SUPPLIABLE if key in meta.get("supplied", {})],
            }
        return view

    def latest(self, n: int | None = None) -> list[Article]:
        """Articles, newest first (sorted once per build, not once per page)."""
        key = tuple(map(id, self.articles))
        if self._latest is None or self._latest[0] != key:
            self._latest = key, sorted(self.articles, reverse=True,
                                       key=lambda a: (a.meta["date"].sort_key, a.slug))
        ordered = self._latest[1]
        return ordered[:n] if n else list(ordered)

    def store(self, name: str, modules: tuple, packages: tuple[str, ...] = ()) -> Store:
        """This build's persistent store ``name`` (made once), versioned by the source of
        ``modules`` and the versions of ``packages``; saved with the site's own caches.
        Plugins keep what they may reuse in the next build here (e.g. parsed catalogs)."""
        return self._opened(name, self.settings.cache_dir, modules, packages)

    def memory(self, name: str, modules: tuple) -> Store:
        """A store kept in this process's memory only, never in a file: empty in a build of
        its own, carried from one rebuild to the next in a preview (``layar_build.Session``).
        For values that are cheaper to keep than to compute again, keyed by content."""
        return self._opened(name, None, modules)

    def _opened(self, name: str, folder: Path | None, modules: tuple,
                packages: tuple[str, ...] = ()) -> Store:
        found = self._stores.get(name)
        if found is None:
            found = self._stores[name] = self._open_store(folder, name,
                                                          code_version(modules, packages))
        return found

    def stores(self) -> list[Store]:
        """Every persistent store this build opened."""
        own = [self.sources_cache, self.renderer.store]
        return [store for store in own + list(self._stores.values()) if store is not None]

    def save_caches(self) -> None:
        """Keep what this build parsed and rendered for the next one (LAYAR_CACHE_DIR)."""
        for store in self.stores():
            store.save()

    def release(self) -> None:
        """Let go of what no step after the extras reads, once the caches are saved: the
        stores and the content catalogs (about 40 MiB in a warm build of a thousand
        articles), so that their memory goes back to the system while the build waits for
        its background work (the search index).  Only a build of its own does this: a
        preview keeps them for its next build (``layar_build.Session``)."""
        for store in self.stores():
            store.release()
        self.catalogs = {}


def _clashing_path(routes: RouteTable, route: Route, clash: Route) -> str:
    """The output path both routes want (compared ignoring letter case, as servers may)."""
    theirs = {clash.save_as(lang).casefold(): clash.save_as(lang) for lang in routes.langs_of(clash)}
    for lang in routes.langs_of(route):
        mine = route.save_as(lang)
        other = theirs.get(mine.casefold())
        if other is not None:
            return mine if other == mine else f"{mine} (same as {other} but for letter case)"
    return route.save_as(routes.langs_of(route)[0])


def _name_line(obj) -> int:
    """The line of the key that names a source's URL (slug, id), else of its title."""
    meta = getattr(getattr(obj, "doc", None), "meta", None) or {}
    for key in ("slug", "id", "title"):
        if key in meta:
            return obj.line_of(key)
    return 1
