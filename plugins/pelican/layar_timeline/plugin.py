"""Adds the ``timeline`` route; its data is computed per language when the page is rendered,
after every plugin (the topics registry included) has loaded."""
from __future__ import annotations

from layar_site import signals
from layar_site.plugins import enabled
from layar_site.pagetypes import PageType

from .settings import configure
from .timeline import build_timeline

NAME = "layar_timeline"
#: ``site.extensions`` key of this build's ``TimelineSettings``.
EXTENSION = "timeline"


def N_(message: str) -> str:
    """Mark an interface string for extraction (translated where it is shown)."""
    return message


#: The timeline: every article and period in order (its URL: ``LAYAR_TIMELINE_URL``).
TIMELINE = PageType("timeline", "timeline.html", title=N_("Timeline"), schema="CollectionPage")


def site_loaded(site) -> None:
    if not enabled(site, NAME):
        return
    settings = site.extensions[EXTENSION] = configure(site.pelican_settings)
    site.page_types.declare(TIMELINE)
    site.add_route(TIMELINE.route("timeline", pattern=settings.url,
                                  context=lambda lang: {"timeline": build_timeline(site, lang)}))


def register():
    signals.site_loaded.connect(site_loaded)
