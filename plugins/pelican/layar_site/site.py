"""The per-build state of a Layar site: content, routes, catalogs and problems.

One ``Site`` is made by the generator for each Pelican run; plugins keep their own state on
it (``site.extensions``), never in module globals.
"""
from __future__ import annotations

import contextlib
import logging
import os
import posixpath
import stat
from pathlib import Path
from typing import Any, Callable

import layar.blocks
import layar.frontmatter
import layar.sanitize
import layar.yamlio
from layar.errors import BuildError, Problem

from . import content as content_module
from . import render as render_module
from .cache import Store, code_version
from .catalogs import ContentCatalog, LText, compile_catalogs, load_translations
from .content import Article, Page, Source
from .fingerprints import SETTING
from .outputs import Outputs
from .render import BodyRenderer, Rendered
from .routes import Route, RouteTable
from .settings import SiteSettings

logger = logging.getLogger(__name__)


def summary_opens_body(article: Article) -> bool:
    """True when the summary is the body's own opening (its standfirst paragraph or first
    sentences, or its key points as the first list): the page then shows it once, in the body."""
    summary = " ".join(str(article.meta.get("summary", "")).split())
    if not summary or not article.blocks:
        return False
    first = article.blocks[0]
    if first.kind not in ("paragraph", "list"):
        return False
    return " ".join(" ".join(first.texts).split()).startswith(summary)


class Site:
    def __init__(self, settings: SiteSettings, pelican_settings: dict[str, Any]):
        self.settings = settings
        self.pelican_settings = pelican_settings
        self.languages = settings.languages
        self.problems: list[Problem] = []
        self.articles: list[Article] = []
        self.pages: list[Page] = []
        self.routes = RouteTable(self.languages, settings.siteurl)
        self.extensions: dict[str, Any] = {}
        #: content-relative source path ("articles/x.md") -> route key
        self.file_routes: dict[str, str] = {}
        # Persistent caches (LAYAR_CACHE_DIR), versioned by the code computing their values.
        self.sources_cache = Store(settings.cache_dir, "sources", code_version(
            (layar.frontmatter, layar.yamlio, layar.blocks, content_module),
            ("PyYAML", "markdown-it-py")))
        self.renderer = BodyRenderer(self.resolve_link, Store(
            settings.cache_dir, "units", code_version(
                (layar.blocks, layar.sanitize, render_module), ("markdown-it-py", "mdurl", "nh3"))))
        self._stores: dict[str, Store] = {}
        self._latest: tuple[tuple[int, ...], list[Article]] | None = None
        self._urls: dict[tuple[str, str], str] = {}
        self._out_root: str | None = None
        self._out_dirs: set[str] = set()
        self.catalogs: dict[str, ContentCatalog] = {}
        self.ui: dict[str, Any] = {}
        self._views: dict[tuple[str, str], dict[str, Any]] = {}
        self._bodies: dict[tuple[str, str], Rendered] = {}
        #: Feed entries made in this build, with their XML (``layar_site.feeds``).
        self.feed_entries: dict[tuple, tuple] = {}
        self.written: list[str] = []
        #: Work plugins started in the background (e.g. the search index) that the build
        #: must ``finish()`` before the output is swapped in, or ``cancel()`` on failure.
        self.pending: list[Any] = []
        #: This build's output files against the previous build's (``outputs``); made by
        #: the generator when the pages are about to be written.
        self.outputs: Outputs | None = None
        #: The bodies read while one file is made (``produce``), else None.
        self._tracking: set[tuple[str, str]] | None = None
        #: Settings only some files show: left out of every file's fingerprint, each is in
        #: the fingerprint of the files that read it through ``uses_setting`` (plugins add
        #: their own in ``site_loaded``).
        self.tracked_settings: set[str] = set()

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
        for lang in self.languages:
            self.catalogs[lang] = ContentCatalog.load(self.settings.i18n_dir, lang)
            self.ui[lang] = load_translations(self.settings.i18n_dir, lang, "messages")

    def t(self, msgid: str, source_lang: str, lang: str) -> LText:
        """A content unit in ``lang`` (or its source text, marked as fallback)."""
        return self.catalogs[lang].text(msgid, source_lang)

    def gettext(self, message: str, lang: str) -> str:
        """An interface string in ``lang`` (for Python code; templates use {% trans %})."""
        return self.ui[lang].gettext(message)

    # -- routes and links -------------------------------------------------------------
    def add_route(self, route: Route, source: Source | None = None, line: int = 1) -> bool:
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

    # -- views of content in a language -----------------------------------------------
    def body(self, source: Source, lang: str) -> Rendered:
        """The body of ``source`` rendered in ``lang`` (computed once per build)."""
        cache_key = (source.path, lang)
        if self._tracking is not None:
            self._tracking.add(cache_key)
        found = self._bodies.get(cache_key)
        if found is None:
            found = self._bodies[cache_key] = self.renderer.render(
                source.blocks, self.catalogs[lang], source.lang, source.path, source)
        return found

    def uses_setting(self, name: str) -> None:
        """Note that the file being made shows setting ``name`` (one of ``tracked_settings``)."""
        if self._tracking is not None:
            self._tracking.add((SETTING + name, ""))

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
                "lang": article.lang,
                "translated": article.lang != lang,
                "summary_in_body": summary_opens_body(article),
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
        found = self._stores.get(name)
        if found is None:
            found = self._stores[name] = Store(self.settings.cache_dir, name,
                                               code_version(modules, packages))
        return found

    def save_caches(self) -> None:
        """Keep what this build parsed and rendered for the next one (LAYAR_CACHE_DIR)."""
        self.sources_cache.save()
        if self.renderer.store is not None:
            self.renderer.store.save()
        for store in self._stores.values():
            store.save()

    # -- output -----------------------------------------------------------------------
    def produce(self, relpath: str, make: Callable[[], bytes | str]) -> bool:
        """Write ``make()`` at ``relpath``, unless the previous build's file there is still
        what ``make()`` would return (its fingerprint is unchanged): then keep it.  Every
        file the build writes goes through here.  Returns True when the file was made."""
        outputs = self.outputs
        if outputs is not None and outputs.fresh(relpath):
            self.written.append(relpath)
            return False
        outer, self._tracking = self._tracking, set()
        try:
            data = make()
            bodies = self._tracking
        finally:
            self._tracking = outer
        if outer is not None:
            outer |= bodies
        self.write(relpath, data)
        if outputs is not None:
            outputs.record(relpath, bodies)
        return True

    def write(self, relpath: str, data: bytes | str) -> None:
        """Write a file under the output folder, refusing any path that would leave it."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        if self._out_root is None:
            self._out_root = os.path.realpath(self.settings.output_path)
            os.makedirs(self._out_root, exist_ok=True)
        root = self._out_root
        norm = posixpath.normpath(relpath)
        if ("\\" in relpath or "\x00" in relpath or norm.startswith(("/", "../"))
                or norm in (".", "..")):
            raise BuildError(f"refusing to write outside the output folder: {relpath!r}")
        folder = posixpath.dirname(norm)
        if folder:
            self._make_folder(root, folder, relpath)
        target = os.path.join(root, norm)
        try:
            st = os.lstat(target)
        except FileNotFoundError:
            st = None
        if st is not None:
            if stat.S_ISLNK(st.st_mode):
                self._inside(root, target, relpath)
            if st.st_size == len(data):
                with open(target, "rb") as fh:
                    if fh.read() == data:
                        self.written.append(relpath)
                        return
        if st is None:  # nothing there to keep: write in place (O_EXCL: never through a link)
            try:
                fh = open(target, "xb")
            except FileExistsError:
                pass  # appeared meanwhile: replace it as below
            else:
                try:
                    with fh:
                        fh.write(data)
                except BaseException:
                    with contextlib.suppress(OSError):
                        os.unlink(target)
                    raise
                self.written.append(relpath)
                return
        # A new file replaces the old one: the old may be a link to the previous output
        # (``outputs``), which must stay as it was.
        tmp = f"{target}.{os.getpid()}.tmp"
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self.written.append(relpath)

    def _make_folder(self, root: str, folder: str, relpath: str) -> None:
        """Make ``folder`` (relative to the output root), refusing links that leave it."""
        if folder in self._out_dirs:
            return
        parent = posixpath.dirname(folder)
        if parent:
            self._make_folder(root, parent, relpath)
        path = os.path.join(root, folder)
        try:
            os.mkdir(path)  # made here: a real folder, inside its (checked) parent
        except FileExistsError:
            if os.path.islink(path):
                self._inside(root, path, relpath)
        self._out_dirs.add(folder)

    @staticmethod
    def _inside(root: str, path: str, relpath: str) -> None:
        real = os.path.realpath(path)
        if real != root and not real.startswith(root + os.sep):
            raise BuildError(f"refusing to write outside the output folder: {relpath!r}")


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
