"""``LayarGenerator``: reads Layar's content once and writes each route in every language.

``generate_context`` never writes: it loads content and catalogs, builds the routes, lets
plugins add theirs (``signals.site_loaded``), and stops the build with every problem if any
is an error.  ``generate_output`` renders each route per language, switching the gettext
catalogs of the Jinja environment, and writes only through ``Site.write``.
"""
from __future__ import annotations

import gettext
import importlib
import logging
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup
from pelican.generators import Generator

from layar.errors import ChecksFailed
from layar.sanitize import SafeTranslations

from . import formatting, parallel, signals
from .content import load_articles, load_pages, prefetch
from .fingerprints import code_digest, Fingerprints
from .outputs import Outputs
from .routes import Route
from .settings import configure
from .site import Site

logger = logging.getLogger(__name__)


class LayarGenerator(Generator):
    """Pelican generator for Layar's multilingual site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = Site(configure(self.settings), self.settings)
        if "jinja2.ext.i18n" not in self.env.extensions:
            self.env.add_extension("jinja2.ext.i18n")
        # Templates do not change during a build: no stat() of every include on every page.
        self.env.auto_reload = False
        self.env.filters.update({
            "date": lambda value, lang, fmt="long": formatting.date(value, lang, fmt),
            "time": formatting.time,
            "number": formatting.number,
            "language_name": formatting.language_name,
        })
        self.env.globals.update({
            "native_language_name": formatting.native_language_name,
            "lang_attr": lang_attr,
        })

    # -- context ----------------------------------------------------------------------
    def generate_context(self):
        site = self.site
        s = site.settings
        root = s.content_path.parent
        site.load_catalogs()
        if site.settings.workers > 1:  # a cold build parses on every core
            prefetch(sorted((s.content_path / s.articles_dir).glob("*.md")), root,
                     site.sources_cache, site.settings.workers)
        site.articles = load_articles(s.content_path / s.articles_dir, root, s.kinds, site.problems,
                                      site.sources_cache)
        site.pages = load_pages(s.content_path / s.pages_dir, root, s.kinds, site.problems,
                                site.sources_cache)
        self._core_routes()
        signals.site_loaded.send(site)
        signals.site_finalized.send(site)
        if site.has_errors:
            raise ChecksFailed(site.problems)
        self.context["layar_site"] = site

    def _core_routes(self) -> None:
        site = self.site
        s = site.settings
        site.add_route(Route("chooser", "", "chooser.html", languages=(s.default_language,),
                             page_type="chooser"))
        for lang_only in ("404",):
            site.add_route(Route(lang_only, "{lang}/404.html", "404.html", page_type="404"))
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
            site.add_route(Route(
                article.key, s.article_url.replace("{slug}", article.slug), "article.html",
                context=lambda lang, a=article: {"article": site.article(a, lang),
                                                 "body": site.body(a, lang)},
                page_type="article", obj=article), article, article.line_of("slug"))
        if not any(p.slug == "home" for p in site.pages):
            site.error(str(s.content_path.name + "/" + s.pages_dir), 1,
                       "there is no home page (a page with 'slug: home')")
        for page in site.pages:
            pattern = s.home_url if page.key == "home" else s.page_url.replace("{slug}", page.slug)
            site.add_route(Route(
                page.key, pattern, "home.html" if page.key == "home" else "page.html",
                context=lambda lang, p=page: {"page": self._page_view(p, lang),
                                              "body": site.body(p, lang)},
                page_type="home" if page.key == "home" else "page", obj=page), page,
                page.line_of("slug"))

    def _page_view(self, page, lang: str) -> dict[str, Any]:
        return {
            "title": self.site.t(page.meta["title"], page.lang, lang),
            "summary": self.site.t(page.meta.get("summary", ""), page.lang, lang),
            "lang": page.lang,
        }

    # -- output -----------------------------------------------------------------------
    def generate_output(self, writer):
        site = self.site
        site.outputs = Outputs(site.settings.previous_build, Fingerprints(site, code_digest(
            [*_loaded_packages(self.settings), Path(self.settings["THEME"])])))
        # Files still as the previous build made them are kept (``outputs``); only the
        # others are rendered, on every core.
        jobs = [(lang, route) for lang in site.languages for route in site.routes
                if lang in site.routes.langs_of(route)
                and not site.outputs.fresh(route.save_as(lang))]
        site.written.extend(site.outputs.made)
        logger.debug("pages: %d kept from the previous build, %d to render",
                     site.outputs.kept, len(jobs))
        workers = min(site.settings.workers, max(len(jobs), 1))
        self._gettext_lang = None
        forked = workers > 1 and parallel.available()
        if forked:
            # Compile the templates once, before forking (with gettext installed first: the
            # i18n extension compiles {% trans %} according to the installed style).
            self._use_language(jobs[0][0])
            for name in sorted({route.template for _, route in jobs}):
                self.get_template(name.removesuffix(".html"))
        # One language after the other (each on every core), so that work on a language's
        # pages (its search index) starts while the next language is rendered.
        for lang in site.languages:
            mine = [job for job in jobs if job[0] == lang]
            if forked and len(mine) > 1:
                parallel.render_jobs(site, mine, workers, self._render_job)
            else:
                for job in mine:
                    self._render_job(*job)
            signals.language_written.send(site, lang=lang)
        signals.pages_written.send(site)
        signals.site_written.send(site)
        site.save_caches()

    def _render_job(self, lang: str, route: Route) -> None:
        self._use_language(lang)
        self.site.produce(route.save_as(lang), lambda: self.render(route, lang))

    def _use_language(self, lang: str) -> None:
        if lang != self._gettext_lang:
            # Jinja marks translations safe: SafeTranslations escapes translators' text.
            self.env.install_gettext_translations(
                _Remembered(SafeTranslations(self.site.ui[lang])), newstyle=True)
            self.env.globals["gettext"] = _remembered_gettext(self.env.globals["gettext"])
            self._gettext_lang = lang

    def render(self, route: Route, lang: str) -> str:
        site = self.site
        context = dict(self.context)
        context.update({
            "site": site,
            "SITENAME": site.settings.site_name,
            "lang": lang,
            "LANGUAGES": site.languages,
            "route": route,
            "page_type": route.page_type,
            "page_url": site.url(route.key, lang),
            "alternates": site.routes.alternates(route.key),
            "url": lambda key, in_lang=lang: site.url(key, in_lang),
            "has_route": lambda key: key in site.routes,
        })
        context.update(route.context(lang))
        return self.get_template(route.template.removesuffix(".html")).render(context)


def _remembered_gettext(newstyle):
    """Jinja's new-style ``gettext`` (``_()`` in templates), its result for a string without
    variables computed once per language: the same few dozen strings on every page, each
    otherwise going through Jinja's wrapper, ``Markup`` and ``%`` formatting again."""
    memo: dict[tuple, str] = {}

    @pass_context
    def gettext(context, string, **variables):
        if variables:
            return newstyle(context, string, **variables)
        key = (context.eval_ctx.autoescape, string)
        found = memo.get(key)
        if found is None:
            found = memo[key] = newstyle(context, string)
        return found

    return gettext


class _Remembered(gettext.NullTranslations):
    """``inner``'s answers, each computed once: every page asks for the same few strings."""

    def __init__(self, inner: gettext.NullTranslations):
        super().__init__()
        self._inner = inner
        self._memo: dict[tuple, str] = {}

    def _ask(self, key: tuple, method: str, *args) -> str:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = getattr(self._inner, method)(*args)
        return found

    def gettext(self, message):
        return self._ask(("g", message), "gettext", message)

    def ngettext(self, singular, plural, n):
        return self._ask(("n", singular, plural, n), "ngettext", singular, plural, n)

    def pgettext(self, context, message):
        return self._ask(("p", context, message), "pgettext", context, message)

    def npgettext(self, context, singular, plural, n):
        return self._ask(("np", context, singular, plural, n), "npgettext", context, singular,
                         plural, n)


def _loaded_packages(settings) -> list[Path]:
    """The folders of the code a build runs: the shared library, the build pipeline and the
    Pelican plugins in ``PLUGINS`` (never the command-line tools, tests or documentation)."""
    names = ["layar", "layar_build"]
    for plugin in settings.get("PLUGINS") or ():
        names.append(plugin if isinstance(plugin, str) else plugin.__name__)
    folders = []
    for name in names:
        module = importlib.import_module(name)
        folders.append(Path(module.__file__).parent)
    return folders


def _slug_line(article) -> int:
    """The line of the article's slug, or of its title when the slug is derived from it."""
    return article.line_of("slug" if "slug" in article.doc.meta else "title")


@pass_context
def lang_attr(context, text) -> Markup:
    """`` lang="xx"`` when ``text`` is in another language than the page, else nothing."""
    text_lang = getattr(text, "lang", None)
    if text_lang and text_lang != context.get("lang"):
        return Markup(f' lang="{text_lang}"')
    return Markup("")
