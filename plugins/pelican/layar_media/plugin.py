"""Registers the media plugin on Layar's signals (state on ``site.extensions["media"]``)."""
from __future__ import annotations

import logging
import time

from layar_site import signals
from layar_site.outputs import SITE
from layar_site.plugins import enabled

from . import cards
from .cards import card_path, card_text
from .drawing import BACKGROUND_AT, CardJob, Drawing, report
from .pictures import Pictures
from .settings import DEFAULTS, configure

logger = logging.getLogger(__name__)

NAME = "layar_media"
EXTENSION = "media"


def register():
    """Register the plugin callbacks."""
    # Settings validated once; the body renderer learns to make pictures of images.
    signals.site_loaded.connect(site_loaded)
    # Every page is written: the cards start (in the background), the pictures' files follow.
    signals.site_written.connect(site_written)


def site_loaded(site) -> None:
    if not enabled(site, NAME):
        return
    settings = site.configure(NAME, configure, DEFAULTS)
    pictures = site.extensions[EXTENSION] = Pictures(site, settings)
    site.services.pictures = pictures  # lead images and og:image (layar_site.services)
    site.renderer.filters.append(pictures.body_filter)


def site_written(site, output) -> None:
    if not enabled(site, NAME):
        return
    pictures: Pictures = site.extensions[EXTENSION]
    if pictures.settings.cards:
        write_cards(site, pictures, output)
    started, cpu = time.perf_counter(), time.process_time()
    before = pictures.encoded.count
    files = pictures.write(output)
    report("pictures", {"files": files, "encoded": pictures.encoded.count - before,
                        "seconds": time.perf_counter() - started,
                        "cpu_s": time.process_time() - cpu})


def write_cards(site, pictures: Pictures, output) -> None:
    """Every page's card in each of its languages: kept when its recorded inputs are
    unchanged, else made from its texts (in background processes when there are many,
    ``layar_media.drawing``)."""
    started, cpu = time.perf_counter(), time.process_time()
    key = f"card\0{cards.version()}\0{cards.fonts_digest()}"
    made = []  # (job, its cache key, the inputs its texts read)
    for route in site.routes:
        for lang in site.routes.langs_of(route):
            path = card_path(route, lang)
            if output.fresh(path):
                continue
            with output.inputs.recording() as reads:  # every text on the card is an input
                title, kind = card_text(site, route, lang)
                name = site.settings.site_name
            text = f"{key}\0{title}\0{kind}\0{name}"
            cached = pictures.encoded.where(text)
            made.append((CardJob(path, None if cached is None else str(cached), title, kind,
                                 name), text, {*reads, SITE}))
    workers = site.settings.workers
    if len(made) >= BACKGROUND_AT and workers > 1:
        for job, _text, inputs in made:  # recorded now: the processes write the files
            output.record(job.path, inputs)
        site.pending.append(Drawing(output.folder.root, [job for job, _, _ in made], workers))
        return
    before = pictures.encoded.count
    for job, text, inputs in made:
        output.store(job.path, pictures.encoded.get(
            text, lambda j=job: cards.draw_card(j.title, j.kind, j.site_name)), inputs)
    report("cards", {"cards": len(made), "drawn": pictures.encoded.count - before,
                     "processes": 0,
                     "seconds": time.perf_counter() - started,
                     "cpu_s": time.process_time() - cpu})
