"""Registers the media plugin on Layar's signals (state on ``site.extensions["media"]``)."""
from __future__ import annotations

import logging

from layar_site import signals
from layar_site.outputs import SITE
from layar_site.plugins import enabled

from . import cards
from .cards import card_path, card_text
from .pictures import Pictures
from .settings import DEFAULTS, configure

logger = logging.getLogger(__name__)

NAME = "layar_media"
EXTENSION = "media"


def register():
    """Register the plugin callbacks."""
    # Settings validated once; the body renderer learns to make pictures of images.
    signals.site_loaded.connect(site_loaded)
    # Every page is written: the pictures' files and every page's card follow.
    signals.site_written.connect(site_written)


def site_loaded(site) -> None:
    if not enabled(site, NAME):
        return
    settings = site.configure(NAME, configure, DEFAULTS)
    pictures = site.extensions[EXTENSION] = Pictures(site, settings)
    site.renderer.filters.append(pictures.body_filter)


def site_written(site, output) -> None:
    if not enabled(site, NAME):
        return
    pictures: Pictures = site.extensions[EXTENSION]
    pictures.write(output)
    if pictures.settings.cards:
        font = cards.fonts_digest()
        for route in site.routes:
            for lang in site.routes.langs_of(route):
                output.produce(card_path(route, lang), lambda r=route, lang=lang: card(
                    site, pictures, r, lang, font), reads=[SITE])
    logger.debug("media: %d files encoded", pictures.encoded.count)


def card(site, pictures: Pictures, route, lang: str, font: str) -> bytes:
    title, kind = card_text(site, route, lang)
    name = site.settings.site_name
    return pictures.encoded.get(f"card\0{font}\0{title}\0{kind}\0{name}",
                                lambda: cards.draw_card(title, kind, name))
