"""The theme's templates: Pelican's Jinja environment, Layar's filters, one language at a time.

Pelican makes the environment (``pelican.generators.Generator``: the theme's ``templates/``,
``THEME_TEMPLATES_OVERRIDES``, ``JINJA_ENVIRONMENT``, ``JINJA_FILTERS`` and
``JINJA_GLOBALS``, the ``generator_init`` signal); Layar adds its filters and switches the
gettext catalogs of the environment per language.  ``Templates.render(route, lang)`` is a
page's HTML; it records the templates the page is made from (the route's template and every
template it extends, includes or imports, found in their source) as ``template`` inputs, so
editing ``topic.html`` re-renders the topic pages and nothing else.
"""
from __future__ import annotations

import gettext
import hashlib
import logging
import sys
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import BytecodeCache, meta, pass_context
from markupsafe import Markup
from pelican.generators import Generator

from layar.sanitize import SafeTranslations

from . import formatting
from .routes import Route

logger = logging.getLogger(__name__)


class Templates:
    """The theme's templates for one build (see the module docstring)."""

    #: the input kind of a template's source (``digest``)
    name = "template"

    def __init__(self, site, pelican_settings: dict[str, Any]):
        self.site = site
        pelican = Generator({}, pelican_settings, pelican_settings["PATH"],
                            pelican_settings["THEME"], pelican_settings["OUTPUT_PATH"])
        env = self.env = pelican.env
        self._get_template = pelican.get_template
        if "jinja2.ext.i18n" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        # Templates do not change during a build: no stat() of every include on every page.
        env.auto_reload = False
        # Compiled templates are kept by their source (Jinja's bucket checksum) and the
        # environment's configuration: a preview's rebuild compiles only what changed.
        env.bytecode_cache = _Compiled(site.memory("compiled-templates",
                                                   (sys.modules[__name__], jinja2)),
                                       _configuration(env, pelican_settings))
        env.filters.update({
            "date": lambda value, lang, fmt="long": formatting.date(value, lang, fmt),
            "time": formatting.time,
            "number": formatting.number,
            "language_name": formatting.language_name,
        })
        env.globals.update({
            "native_language_name": formatting.native_language_name,
            "lang_attr": lang_attr,
        })
        self._lang: str | None = None
        self._closures: dict[str, tuple[str, ...]] = {}
        site.inputs.register(self)

    # -- inputs -----------------------------------------------------------------------
    def _source(self, name: str) -> str | None:
        try:
            source, _filename, _uptodate = self.env.loader.get_source(self.env, name)
        except Exception:  # noqa: BLE001 - a missing template: the input is gone
            return None
        return source

    def digest(self, name: str) -> bytes | None:
        """Input kind ``template``: the source of one template (``*``: of all of them)."""
        if name == "*":  # a template names another by a variable: every template counts
            h = hashlib.sha256()
            for one in sorted(self.env.list_templates()):
                h.update(one.encode() + b"\0" + (self.digest(one) or b"-"))
            return h.digest()
        source = self._source(name)
        return None if source is None else hashlib.sha256(source.encode()).digest()

    def closure(self, name: str) -> tuple[str, ...]:
        """``name`` and every template it extends, includes or imports, recursively
        (``*`` when one of them names a template by a variable)."""
        found = self._closures.get(name)
        if found is None:
            seen: set[str] = set()
            todo = [name]
            while todo:
                one = todo.pop()
                if one in seen:
                    continue
                seen.add(one)
                source = self._source(one)
                if source is None:
                    continue
                for other in meta.find_referenced_templates(self.env.parse(source)):
                    todo.append("*" if other is None else other)
            found = self._closures[name] = tuple(sorted(seen))
        return found

    # -- rendering --------------------------------------------------------------------
    def prepare(self, names, lang: str) -> None:
        """Compile ``names`` before workers fork (with gettext installed first: the i18n
        extension compiles ``{% trans %}`` according to the installed style)."""
        self.use_language(lang)
        for name in sorted(set(names)):
            self._get_template(name.removesuffix(".html"))
            self.closure(name)

    def use_language(self, lang: str) -> None:
        if lang != self._lang:
            # Jinja marks translations safe: SafeTranslations escapes translators' text.
            self.env.install_gettext_translations(
                _Remembered(SafeTranslations(self.site.ui[lang])), newstyle=True)
            self.env.globals["gettext"] = _remembered_gettext(self.env.globals["gettext"])
            self._lang = lang

    def render(self, route: Route, lang: str) -> str:
        site = self.site
        self.use_language(lang)
        for name in self.closure(route.template):
            site.inputs.read("template", name)
        context = {
            "site": site,
            "SITENAME": site.settings.site_name,
            "SITEURL": site.settings.siteurl,
            "lang": lang,
            "LANGUAGES": site.languages,
            "route": route,
            "page_type": route.page_type,
            "page_url": site.url(route.key, lang),
            "alternates": site.routes.alternates(route.key),
            "url": lambda key, in_lang=lang: site.url(key, in_lang),
            "has_route": lambda key: key in site.routes,
        }
        context.update(route.context(lang))
        return self._get_template(route.template.removesuffix(".html")).render(context)


class _Compiled(BytecodeCache):
    """Jinja's bytecode cache over a ``Store`` kept in process memory (``Site.memory``):
    empty in a build of its own, carried from one rebuild to the next in a preview.  A
    bucket is found by the template's name, the checksum of its source and the
    environment's configuration, so a changed template or setting compiles again."""

    def __init__(self, store, configuration: str):
        self.store, self.configuration = store, configuration

    def _key(self, bucket) -> tuple:
        return (self.configuration, bucket.key, bucket.checksum)

    def load_bytecode(self, bucket) -> None:
        data = self.store.get(self._key(bucket))
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket) -> None:
        self.store.put(self._key(bucket), bucket.bytecode_to_string())


def _configuration(env, pelican_settings: dict[str, Any]) -> str:
    """What, besides a template's source, decides its compiled code: the environment's
    syntax and options (``JINJA_ENVIRONMENT``), its extensions, the theme, and the style
    gettext is installed in (``Templates.use_language``: always new-style)."""
    from .inputs import stable

    options = {name: getattr(env, name, None) for name in (
        "block_start_string", "block_end_string", "variable_start_string",
        "variable_end_string", "comment_start_string", "comment_end_string",
        "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
        "newline_sequence", "keep_trailing_newline", "optimized", "autoescape")}
    return stable({"options": options, "extensions": sorted(env.extensions),
                   "JINJA_ENVIRONMENT": pelican_settings.get("JINJA_ENVIRONMENT"),
                   "THEME": str(pelican_settings.get("THEME")), "newstyle": True})


def theme_assets(pelican_settings: dict[str, Any]) -> list[tuple[str, Path]]:
    """The theme's static files as (output path, source file), as Pelican would copy them
    (``THEME_STATIC_PATHS`` of the theme into ``THEME_STATIC_DIR``)."""
    theme = Path(pelican_settings["THEME"])
    out_dir = pelican_settings.get("THEME_STATIC_DIR", "theme").strip("/")
    found: dict[str, Path] = {}
    for folder in pelican_settings.get("THEME_STATIC_PATHS", ["static"]):
        root = theme / folder
        if root.is_file():
            found.setdefault(f"{out_dir}/{root.name}", root)
            continue
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
            if path.is_file() and not path.name.startswith("."):
                found.setdefault(f"{out_dir}/{path.relative_to(root).as_posix()}", path)
    return sorted(found.items())


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


@pass_context
def lang_attr(context, text) -> Markup:
    """`` lang="xx"`` when ``text`` is in another language than the page, else nothing."""
    text_lang = getattr(text, "lang", None)
    if text_lang and text_lang != context.get("lang"):
        return Markup(f' lang="{text_lang}"')
    return Markup("")
