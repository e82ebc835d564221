"""Adds the ``timeline`` route; its data is computed per language when the page is rendered,
after every plugin (the topics registry included) has loaded."""
from __future__ import annotations

from layar_site import signals
from layar_site.plugins import enabled
from layar_site.routes import Route

from .settings import configure
from .timeline import build_timeline

NAME = "layar_timeline"
#: ``site.extensions`` key of this build's ``TimelineSettings``.
EXTENSION = "timeline"


def site_loaded(site) -> None:
    if not enabled(site, NAME):
        return
    settings = site.extensions[EXTENSION] = configure(site.pelican_settings)
    site.add_route(Route("timeline", settings.url, "timeline.html",
                         context=lambda lang: {"timeline": build_timeline(site, lang)},
                         page_type="timeline"))


def register():
    signals.site_loaded.connect(site_loaded)
