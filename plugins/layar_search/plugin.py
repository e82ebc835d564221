"""Search: the ``search`` route (``/{lang}/search/``) and the Pagefind index.

Pagefind runs offline on the freshly written (staging) output folder when the HTML pages
are written (``site_written``), so the atomic swap of ``layar_build`` publishes the pages
and their index together.  Pagefind makes one index per ``<html lang>``: id, nl and en are
searched separately, each with its own stemming.  Pages say what is indexed with
``data-pagefind-body`` (articles, topics, home and other pages; not hubs, lists, the
search page or the 404 pages) and give filters with ``data-pagefind-filter``.
"""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from layar.errors import BuildError
from layar_site import signals
from layar_site.plugins import enabled
from layar_site.routes import Route

from .filters import Search
from .settings import configure

logger = logging.getLogger(__name__)

NAME = "layar_search"


def site_loaded(site) -> None:
    if not enabled(site, NAME):
        return
    search = site.extensions["search"] = Search(site, configure(site.pelican_settings))
    site.add_route(Route("search", search.settings.url, "search.html",
                         context=lambda lang: {"search_filters": search.all_filters(lang)},
                         page_type="search"))


def site_written(site) -> None:
    # Only a build that uses this plugin has its Search (made in site_loaded).
    search = site.extensions.get("search")
    if search is None or not search.settings.index:
        return
    run_pagefind(site.settings.output_path, search.settings.bundle)


#: Pagefind's ready-made interfaces: Layar has its own (theme/static/js/search.js), so these
#: are removed from the bundle (about 400 KB that no page would load).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def run_pagefind(output, bundle: str = "pagefind") -> str:
    """Index the HTML under ``output`` into ``output/<bundle>/``; return Pagefind's log."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", bundle,
           "--quiet"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"Pagefind could not run: {exc}") from exc
    log = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise BuildError(f"Pagefind failed (exit {done.returncode}):\n{log}")
    if log:
        logger.debug("pagefind: %s", log)
    folder = Path(output) / bundle
    if not (folder / "pagefind.js").exists():
        raise BuildError(f"Pagefind wrote no {bundle}/pagefind.js:\n{log}")
    for name in UNUSED:
        (folder / name).unlink(missing_ok=True)
    return log


def register():
    signals.site_loaded.connect(site_loaded)
    signals.site_written.connect(site_written)
