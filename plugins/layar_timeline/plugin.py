"""Adds the ``timeline`` route; its data is computed per language when the page is rendered,
after every plugin (the topics registry included) has loaded."""
from __future__ import annotations

from layar_site import signals
from layar_site.routes import Route

from .timeline import build_timeline

NAME = "layar_timeline"
DEFAULTS = {"LAYAR_TIMELINE_URL": "{lang}/timeline/"}


def site_loaded(site) -> None:
    from layar_seo.common import plugin_enabled

    if not plugin_enabled(site, NAME):
        return
    pattern = site.pelican_settings.get("LAYAR_TIMELINE_URL", DEFAULTS["LAYAR_TIMELINE_URL"])
    site.add_route(Route("timeline", pattern, "timeline.html",
                         context=lambda lang: {"timeline": build_timeline(site, lang)},
                         page_type="timeline"))


def register():
    signals.site_loaded.connect(site_loaded)
