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
    # Pagefind indexes the staging folder while the build runs its output link check (which
    # reads no file Pagefind writes); layar_build waits for it before the swap, or stops it
    # when the build fails.
    site.pending.append(PagefindRun(site.settings.output_path, search.settings.bundle))


#: Pagefind's ready-made interfaces: Layar has its own (theme/static/js/search.js), so these
#: are removed from the bundle (about 400 KB that no page would load).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class PagefindRun:
    """Pagefind indexing ``output`` into ``output/<bundle>/``, in a background process."""

    def __init__(self, output, bundle: str = "pagefind"):
        self.folder = Path(output) / bundle
        cmd = [sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir",
               bundle, "--quiet"]
        try:
            self.process = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                            stderr=subprocess.STDOUT, text=True)
        except OSError as exc:
            raise BuildError(f"Pagefind could not run: {exc}") from exc

    def finish(self) -> str:
        """Wait for Pagefind; raise BuildError unless it wrote its bundle. Returns its log."""
        try:
            out, _ = self.process.communicate(timeout=600)
        except subprocess.TimeoutExpired as exc:
            self.cancel()
            raise BuildError("Pagefind did not finish within 600 s") from exc
        log = (out or "").strip()
        if self.process.returncode != 0:
            raise BuildError(f"Pagefind failed (exit {self.process.returncode}):\n{log}")
        if log:
            logger.debug("pagefind: %s", log)
        if not (self.folder / "pagefind.js").exists():
            raise BuildError(f"Pagefind wrote no {self.folder.name}/pagefind.js:\n{log}")
        for name in UNUSED:
            (self.folder / name).unlink(missing_ok=True)
        return log

    def cancel(self) -> None:
        """Stop Pagefind (the build failed and its staging folder is being removed)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


def run_pagefind(output, bundle: str = "pagefind") -> str:
    """Index the HTML under ``output`` into ``output/<bundle>/`` and wait; return the log."""
    return PagefindRun(output, bundle).finish()


def register():
    """Register the plugin callbacks."""
    # The search page is a route; routes are added while the site loads.
    signals.site_loaded.connect(site_loaded)
    # Pagefind indexes the pages once every page is written.
    signals.site_written.connect(site_written)
