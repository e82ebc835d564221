"""Adds the ``translations`` route: one page per language saying honestly what is not yet
translated into it (linked from the about page)."""
from __future__ import annotations

from layar_site import signals
from layar_site.plugins import enabled
from layar_site.routes import Route

from .settings import configure
from .status import CoverageInput, translation_status

NAME = "layar_translations"
#: ``site.extensions`` key of this build's ``TranslationsSettings``.
EXTENSION = "translations"


def site_loaded(site) -> None:
    if not enabled(site, NAME):
        return
    settings = site.extensions[EXTENSION] = configure(site.pelican_settings)
    site.inputs.register(CoverageInput(site))
    site.add_route(Route("translations", settings.url, "translations.html",
                         context=lambda lang: {"status": translation_status(site, lang)},
                         page_type="translations"))


def register():
    signals.site_loaded.connect(site_loaded)
