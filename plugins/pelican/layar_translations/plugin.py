"""Adds the ``translations`` route: one page per language saying honestly what is not yet
translated into it (linked from the about page)."""
from __future__ import annotations

from layar_site import signals
from layar_site.plugins import enabled
from layar_site.pagetypes import PageType

from .settings import configure
from .status import CoverageInput, translation_status

NAME = "layar_translations"
#: ``site.extensions`` key of this build's ``TranslationsSettings``.
EXTENSION = "translations"
#: The translation status of a language (its URL: ``LAYAR_TRANSLATIONS_URL``).
TRANSLATIONS = PageType("translations", "translations.html")


def site_loaded(site) -> None:
    if not enabled(site, NAME):
        return
    settings = site.extensions[EXTENSION] = configure(site.pelican_settings)
    site.inputs.register(CoverageInput(site))
    site.page_types.declare(TRANSLATIONS)
    site.add_route(TRANSLATIONS.route(
        "translations", pattern=settings.url,
        context=lambda lang: {"status": translation_status(site, lang)}))


def register():
    signals.site_loaded.connect(site_loaded)
