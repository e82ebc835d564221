"""Search: the ``search`` route (``/{lang}/search/``) and the Pagefind index.

Pagefind runs offline on the freshly written (staging) output folder, once per language as
soon as that language's pages are written (``language_written``: it indexes while the
next language is rendered, feeds are written and the output is checked), so the atomic
swap of ``layar_build`` publishes the pages and their index together (``Indexing``).
Pagefind makes one index per ``<html lang>``: id, nl and en are searched separately, each
with its own stemming.  Pages say what is indexed with
``data-pagefind-body`` (articles, topics, home and other pages; not hubs, lists, the
search page or the 404 pages) and give filters with ``data-pagefind-filter``.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
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


def language_written(site, lang: str) -> None:
    indexing = _indexing(site)
    if indexing is not None:
        indexing.language_ready(lang)


def pages_written(site) -> None:
    indexing = _indexing(site)
    if indexing is not None:
        indexing.all_ready()


def _indexing(site) -> "Indexing | None":
    """This build's ``Indexing`` (made on first use, and put among the build's pending
    work at once, so a failing build stops what has started)."""
    # Only a build that uses this plugin has its Search (made in site_loaded).
    search = site.extensions.get("search")
    if search is None or not search.settings.index:
        return None
    if search.indexing is None:
        search.indexing = Indexing(site.settings.output_path, search.settings.bundle,
                                   _by_language(site, search), site.settings.workers)
        site.pending.append(search.indexing)
    return search.indexing


def _by_language(site, search) -> tuple[str, ...] | None:
    """The languages to index one by one, or None when one run must index them all: each
    language's run reads ``<lang>/**/*.html``, so every indexed page of a language must be
    under its ``<lang>/`` folder (as Layar's URL patterns put them)."""
    found = []
    for lang in site.languages:
        pages = [route.save_as(lang) for route in site.routes
                 if search.indexed(route) and lang in site.routes.langs_of(route)]
        if not all(page.startswith(f"{lang}/") for page in pages):
            return None
        if pages:  # a language without indexed pages gets no index (as with one run)
            found.append(lang)
    return tuple(found)


#: Pagefind's ready-made interfaces: Layar has its own (theme/static/js/search.js), so these
#: are removed from the bundle (about 400 KB that no page would load).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
#: Where the runs of single languages write, under the output folder, until merged.
PARTS = ".layar-search"
ENTRY = "pagefind-entry.json"


class Indexing:
    """The search index of one build: Pagefind runs in the background, one per language as
    soon as that language's pages are written (``languages``), or one for the whole site
    once every page is (``languages`` None).  ``finish`` waits for them and puts the bundle
    together in ``output/<bundle>/``; ``cancel`` stops them.

    One run per language is what Pagefind does inside a single run (an index per
    ``<html lang>``, its files named by language); separate runs start earlier, while other
    languages are still being rendered, and each needs a third of the memory.  Their
    bundles differ only in ``pagefind-entry.json``, which lists the languages: ``finish``
    merges those lists.  At most ``at_once`` runs go at the same time (the cores of
    ``LAYAR_WORKERS``: each run takes a few hundred MiB for a thousand pages); the others
    wait their turn."""

    def __init__(self, output, bundle: str = "pagefind", languages: tuple[str, ...] | None = None,
                 at_once: int = 2):
        self.output = Path(output)
        self.bundle = bundle
        self.languages = languages
        self.at_once = max(1, at_once)
        self.runs: dict[str, PagefindRun] = {}
        self.waiting: list[str] = []

    def language_ready(self, lang: str) -> None:
        if (self.languages is not None and lang in self.languages and lang not in self.runs
                and lang not in self.waiting):
            self.waiting.append(lang)
        self._start()

    def _start(self) -> None:
        """Start waiting runs while fewer than ``at_once`` are still going."""
        going = sum(run.process.poll() is None for run in self.runs.values())
        while self.waiting and going < self.at_once:
            lang = self.waiting.pop(0)
            self.runs[lang] = PagefindRun(self.output, self.output / PARTS / lang,
                                          glob=f"{lang}/**/*.html")
            going += 1

    def all_ready(self) -> None:
        if self.languages is None:
            if not self.runs:
                self.runs[""] = PagefindRun(self.output, self.output / self.bundle)
            return
        for lang in self.languages:
            self.language_ready(lang)

    def finish(self) -> str:
        """Wait for every run; raise BuildError unless each wrote its bundle. Returns the log."""
        self.all_ready()
        logs = []
        done: set[str] = set()
        try:
            while len(done) < len(self.runs) or self.waiting:
                lang = next(lang for lang in self.runs if lang not in done)
                logs.append(self.runs[lang].finish())
                done.add(lang)
                self._start()
        except BaseException:
            self.cancel()
            raise
        folder = self.output / self.bundle
        if self.languages is not None:
            self._merge(folder)
        for name in UNUSED:
            (folder / name).unlink(missing_ok=True)
        return "\n".join(log for log in logs if log)

    def _merge(self, folder: Path) -> None:
        entry: dict | None = None
        folder.mkdir(parents=True, exist_ok=True)
        for lang, run in self.runs.items():
            part = json.loads((run.folder / ENTRY).read_text("utf-8"))
            if entry is None:
                entry = part
            elif part.get("version") != entry.get("version"):
                raise BuildError(f"Pagefind wrote bundles of two versions: "
                                 f"{entry.get('version')} and {part.get('version')}")
            else:
                entry["languages"].update(part["languages"])
            for top, _dirs, names in os.walk(run.folder):
                for name in names:
                    source = Path(top, name)
                    rel = source.relative_to(run.folder)
                    target = folder / rel
                    if rel.as_posix() == ENTRY or target.exists():
                        continue  # the runtime (pagefind.js, wasm…) is the same in each part
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source.rename(target)
        if entry is None:  # no language has an indexed page: an empty index, as one run makes
            self.runs[""] = PagefindRun(self.output, folder)
            self.runs[""].finish()
        else:
            (folder / ENTRY).write_text(json.dumps(entry, ensure_ascii=False,
                                                   separators=(",", ":")), "utf-8")
        shutil.rmtree(self.output / PARTS, ignore_errors=True)

    def cancel(self) -> None:
        """Stop every run (the build failed and its staging folder is being removed)."""
        self.waiting.clear()
        for run in self.runs.values():
            run.cancel()


class PagefindRun:
    """Pagefind indexing the pages of ``output`` (those matching ``glob``) into ``folder``,
    in a background process."""

    def __init__(self, output, folder, glob: str | None = None):
        self.folder = Path(folder)
        cmd = [sys.executable, "-m", "pagefind", "--site", str(output), "--output-path",
               str(self.folder.resolve()), "--quiet"]
        if glob:
            cmd += ["--glob", glob]
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
        return log

    def cancel(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


def run_pagefind(output, bundle: str = "pagefind", languages: tuple[str, ...] | None = None,
                 at_once: int = 2) -> str:
    """Index the HTML under ``output`` into ``output/<bundle>/`` and wait; return the log."""
    indexing = Indexing(output, bundle, languages, at_once)
    indexing.all_ready()
    return indexing.finish()


def register():
    """Register the plugin callbacks."""
    # The search page is a route; routes are added while the site loads.
    signals.site_loaded.connect(site_loaded)
    # Pagefind indexes each language's pages as soon as they are written.
    signals.language_written.connect(language_written)
    signals.pages_written.connect(pages_written)
