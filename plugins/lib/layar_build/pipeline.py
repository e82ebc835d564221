"""One Layar build, top to bottom: ``build()`` is the whole of it.

What Pelican does in this build: it reads the settings file (``read_settings``), loads and
registers the plugins in ``PLUGINS`` (``Pelican.__init__``), and makes the Jinja environment
of the theme (``pelican.generators.Generator``; ``layar_site.templates``); ``invoke serve``
uses its HTTP server.  Everything else is Layar's, in this order:

 1. settings      Pelican reads them, Layar validates its own once (``configure``)
 2. plugins       Pelican registers the plugins in ``PLUGINS``
 3. staging       a fresh folder beside ``output/``, seeded with the last good output's
                  files that are still as recorded (``Ledger``)
 4. load          catalogs, articles, pages (``layar_site.core.load_content``)
 5. routes        the core routes, then every plugin's (``signals.site_loaded``)
 6. checks        every check (``layar_checks.run_checks``), then
                  ``signals.site_finalized``; any error stops the build here
 7. freeze        the site model is complete: what was read so far is read by every page
 8. plan          which pages must be rendered: those whose recorded inputs changed
 9. render        each language in turn, in forked workers (pure jobs), written by the
                  pipeline alone; ``signals.language_written`` after each (search starts)
10. extras        theme assets, then feeds, sitemap, graph… (``signals.site_written``);
                  the caches are saved, and a build of its own lets go of them
11. output check  every internal link and anchor of every page, in the staging folder,
                  while the search index is still being made
12. search index  the background work started in 9 is waited for (``site.pending``)
13. swap          the staging folder replaces ``output/``; the ledger records it

A failed build (any error, any warning Pelican logs, any exception) removes its staging
folder and leaves ``output/`` exactly as it was.  State lives on objects passed along:
the ``Site`` (the model), the ``Outputs`` (the writer and the plan), the ``Run`` (this
build's own state: the previous build, the timings); never in settings or globals.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import gc
import logging
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

from layar.errors import BuildError, ChecksFailed, Problem
from layar_checks import CheckState, check_output, run_checks
from layar_checks import configure as configure_checks
from layar_site import signals
from layar_site.core import add_core_routes, load_content
from layar_site.fingerprints import site_inputs
from layar_site.inputs import Inputs
from layar_site.outputs import SITE, Outputs, OutputFolder, PreviousBuild
from layar_site.parallel import forks, render_pages
from layar_site.settings import configure
from layar_site.site import Site
from layar_site.templates import Templates, theme_assets

from .ledger import Ledger
from .session import Session

logger = logging.getLogger(__name__)

#: Pelican settings that say where a build writes, not what it writes.
WHERE = ("OUTPUT_PATH",)


@dataclass
class BuildResult:
    output: Path
    problems: list[Problem] = field(default_factory=list)
    #: every file of the output, and the HTML pages among them
    files: list[str] = field(default_factory=list)
    pages: int = 0
    #: HTML pages kept from the last good build, and rendered by this one
    kept: int = 0
    rendered: int = 0
    #: the HTML pages this build rendered (paths in the output), for ``urls_rendered``
    rendered_pages: list[str] = field(default_factory=list)
    languages: tuple[str, ...] = ()
    drafts: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: step -> seconds (``invoke bench`` prints them)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def other_files(self) -> int:
        return len(self.files) - self.pages

    def urls_rendered(self, at_most: int = 5) -> list[str]:
        """Where the rendered pages are (``/en/articles/x/``), when there are at most
        ``at_most`` of them: what an editor's change made, after a warm build."""
        if not 0 < len(self.rendered_pages) <= at_most:
            return []
        return ["/" + (page[:-len("index.html")] if page.endswith("/index.html")
                       or page == "index.html" else page) for page in self.rendered_pages]

    def summary(self, verb: str = "Built") -> str:
        """``Built 121 pages (115 kept, 6 rendered) and 69 other files in 3 languages in 1.6 s``."""
        return (f"{verb} {self.pages} pages ({self.kept} kept, {self.rendered} rendered) and "
                f"{self.other_files} other files in {len(self.languages)} languages "
                f"in {self.seconds:.1f} s")


@dataclass
class Run:
    """This build's own state, apart from the site model and the output."""

    settings_file: Path
    output: Path
    staging: Path
    ledger: Ledger
    previous: PreviousBuild
    #: The build's time: ``SOURCE_DATE_EPOCH`` when set (reproducible), otherwise now.
    now: dt.datetime
    started: float = field(default_factory=time.perf_counter)
    timings: dict[str, float] = field(default_factory=dict)
    _mark: float = field(default_factory=time.perf_counter)

    def step(self, name: str) -> None:
        """Note that step ``name`` just ended."""
        now = time.perf_counter()
        self.timings[name] = round(self.timings.get(name, 0.0) + now - self._mark, 3)
        self._mark = now


def build(settings_file: str | Path = "pelicanconf.py", output: str | Path | None = None,
          overrides: dict[str, Any] | None = None, keep: bool = True,
          observe: Callable[[Site, Outputs], Any] | None = None,
          session: Session | None = None) -> BuildResult:
    """Build the site into ``output`` atomically; raise ChecksFailed or BuildError on failure.
    With ``keep=False`` the build is made and validated in a temporary folder, then thrown
    away (this is ``invoke check``).  ``observe(site, outputs)`` is called once the build
    has succeeded, before it returns (the preview learns from it what the build read and
    where each source's pages are: ``layar_build.preview``).  ``session`` keeps the caches
    and the ledger in memory between the builds of one process (``layar_build.session``)."""
    started = time.perf_counter()
    with _collector_paused(), _strict_log() as log:
        # 1. settings: Pelican reads them, Layar validates its own once.
        settings_file = Path(settings_file).resolve()
        overrides = dict(overrides or {})
        settings = read_settings(str(settings_file), override=overrides)
        output = Path(output if output is not None else settings["OUTPUT_PATH"]).resolve()
        layar = configure(settings)
        checking = configure_checks(settings)
        # 2. plugins: Pelican imports the plugins in PLUGINS and calls their register().
        Pelican(settings)
        log.raise_problems()
        # 3. staging: the last good output's unchanged files are linked into a new folder.
        settled = time.perf_counter()
        run = _start(settings_file, output, layar.cache_dir, started, settled, session)
        run.step("staging")
        site = None
        try:
            settings["OUTPUT_PATH"] = str(run.staging)
            inputs = Inputs()
            site = Site(replace(layar, output_path=run.staging), settings, inputs, run.now,
                        **({"stores": session.store} if session is not None else {}))
            site.checks = CheckState(checking)
            outputs = Outputs(OutputFolder(run.staging), inputs, run.previous)
            with inputs.model():
                # 4. load
                load_content(site)
                run.step("load")
                # 5. routes: ours, then the plugins' (signals.site_loaded)
                add_core_routes(site)
                signals.site_loaded.send(site)
                run.step("routes")
                # 6. checks: every check on the loaded site, then the plugins' last look
                run_checks(site)
                signals.site_finalized.send(site)
                log.raise_problems(site)
                if site.has_errors:
                    raise ChecksFailed(site.problems)
                run.step("checks")
            # 7. freeze: what was read so far is part of the site model, read by every page;
            #    the model's own kinds of input (code, held, settings, site, body, file).
            inputs.register(*site_inputs(site, settings, WHERE))
            templates = Templates(site, settings)
            # 8. plan
            jobs = plan(site, outputs)
            run.step("plan")
            # 9. render, one language after the other (the search index of each starts as
            #    soon as its pages are written, while the next one renders).
            render(site, templates, outputs, jobs, run)
            # 10. extras: theme assets, then what plugins write (feeds, sitemap, graph).
            write_assets(settings, outputs)
            signals.site_written.send(site, output=outputs)
            if session is None:
                site.save_caches()
            else:  # written when the preview is idle (Session.save)
                session.keep(site.stores())
            log.raise_problems(site)
            if session is None and observe is None:  # nothing reads the site model now
                _release_memory(site)
            run.step("extras")
            # 11. output check: every internal link and anchor of every page, while the
            #     search index (background work started in 9) is still being made.
            _drop_stale(run.staging, run.previous, outputs.made)
            known = dict(run.ledger.pages)
            ignore = checking.ignore_links
            problems = sorted(set(site.problems) | set(check_output(
                run.staging, output.name, site.settings.siteurl, ignore,
                workers=layar.workers, known=known,
                memory=session.output_check(output) if session is not None else None)))
            if any(p.is_error for p in problems):
                raise ChecksFailed(problems)
            run.step("output check")
            # 12. search index (and any other background work) must succeed too.
            while site.pending:
                site.pending.pop(0).finish()
            run.step("search index")
            result = _result(run, site, outputs, problems)
            # 13. swap
            if keep:
                _swap_in(run, outputs, known, write=session is None)
            else:
                run.ledger.keep_spare(run.staging)
            run.step("swap")
            result.timings = dict(run.timings)
            result.seconds = time.perf_counter() - run.started
            if observe is not None:
                observe(site, outputs)
            return result
        except BaseException:
            _cancel_pending(site)
            shutil.rmtree(run.staging, ignore_errors=True)
            raise


def check(settings_file: str | Path = "pelicanconf.py",
          overrides: dict[str, Any] | None = None) -> BuildResult:
    """Run every check (a full build into a temporary folder) without touching ``output/``."""
    return build(settings_file, None, overrides, keep=False)


# -- the steps --------------------------------------------------------------------------
def build_time(environ) -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when set, otherwise the current time."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise BuildError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since "
                             f"1970-01-01 UTC, got {epoch!r}") from None
    return dt.datetime.now(dt.timezone.utc)


def plan(site: Site, outputs: Outputs) -> list[tuple]:
    """The (route, language) pages to render: every page whose file the previous build
    made from inputs that still have the same digests is kept as it is."""
    return [(route, lang) for lang in site.languages for route in site.routes
            if lang in site.routes.langs_of(route) and not outputs.fresh(route.save_as(lang))]


def render(site: Site, templates: Templates, outputs: Outputs, jobs: list[tuple],
           run: Run) -> None:
    workers = site.settings.workers
    by_language = {lang: [job for job in jobs if job[1] == lang] for lang in site.languages}
    if any(forks(len(mine), workers) for mine in by_language.values()):
        templates.prepare([route.template for route, _ in jobs], jobs[0][1])
    for lang in site.languages:
        for job in render_pages(site, templates, by_language[lang], workers):
            site.problems.extend(job.problems)
            outputs.store(job.path, job.data, {*job.inputs, SITE})
        run.step("render")
        signals.language_written.send(site, lang=lang, output=outputs)
    signals.pages_written.send(site, output=outputs)


def write_assets(settings: dict[str, Any], outputs: Outputs) -> None:
    """The theme's static files (``THEME_STATIC_PATHS``), each made from its own bytes."""
    for relpath, source in theme_assets(settings):
        outputs.produce(relpath, source.read_bytes, reads=[("file", str(source))])


# -- the build's own state --------------------------------------------------------------
def _start(settings_file: Path, output: Path, cache_dir: Path | None, started: float,
           settled: float, session: Session | None = None) -> Run:
    """The staging folder, seeded from the last good output; the build's own state, its
    clock started at ``started`` (settings and plugins took until ``settled``)."""
    now = build_time(os.environ)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-building-", dir=output.parent))
    ledger = (Ledger.for_output(cache_dir, output) if session is None
              else session.ledger(cache_dir, output))
    staging.rmdir()
    if not ledger.take_spare(staging):  # the output the last build replaced, if kept
        staging.mkdir()
    try:
        previous = ledger.seed(output, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    run = Run(settings_file, output, staging, ledger, previous, now, started=started,
              _mark=settled)
    run.timings["settings"] = round(settled - started, 3)
    return run


def _result(run: Run, site: Site, outputs: Outputs, problems: list[Problem]) -> BuildResult:
    pages = {p for p in outputs.made if p.endswith(".html")}
    return BuildResult(
        output=run.output, problems=problems, files=outputs.files, pages=len(pages),
        kept=sum(1 for p in outputs.kept if p in pages),
        rendered=sum(1 for p in outputs.rendered if p in pages),
        rendered_pages=sorted(p for p in outputs.rendered if p in pages),
        languages=tuple(site.languages), drafts=[str(h) for h in site.held])


def _swap_in(run: Run, outputs: Outputs, known: dict, write: bool = True) -> None:
    """Swap the staging folder in and record it in the ledger; ``write`` it now, or leave
    it to ``Session.save``."""
    run.ledger.forget()  # while the swap is under way, no ledger describes output/
    old = _swap(run.staging, run.output)
    run.ledger.record(run.output, outputs.made, known)
    if write:
        run.ledger.write()
    if old is not None:
        run.ledger.keep_spare(old)


def _swap(staging: Path, output: Path) -> Path | None:
    """Put ``staging`` in place of ``output``; return where the old output now is (the
    caller keeps it as the next spare, or removes it), or None when there was none."""
    os.chmod(staging, 0o755)
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
        old.rmdir()
        output.rename(old)
        try:
            staging.rename(output)
        except BaseException:
            old.rename(output)
            raise
        return old
    staging.rename(output)
    return None


def _drop_stale(staging: Path, previous: PreviousBuild, made: dict) -> None:
    """Remove the linked files of the previous output that this build did not make or keep
    (their page is gone), and the folders that leaves empty."""
    folders: set[str] = set()
    for rel in previous.files:
        if rel not in made:
            (staging / rel).unlink(missing_ok=True)
            folders.add(os.path.dirname(rel))
    while folders:  # deepest first, each folder once: a parent after its children
        folder = max(folders, key=lambda f: (f.count("/"), f))
        folders.discard(folder)
        path = staging / folder
        if folder and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
            folders.add(os.path.dirname(folder))


def _release_memory(site) -> None:
    """What a build of its own holds but no later step reads goes back to the system, while
    the search index (Pagefind, started during the render step) is still being made: the
    saved caches and the catalogs (``Site.release``; a preview's ``Session`` keeps them
    for its next build instead), then the heap's free pages (glibc's ``malloc_trim``;
    elsewhere nothing more).  A warm build at N = 1,000, waiting for two Pagefind runs at
    once, holds about 60 MiB fewer."""
    site.release()
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)


def _cancel_pending(site) -> None:
    """Stop the background work of a failed build before its staging folder goes."""
    while site is not None and site.pending:
        site.pending.pop(0).cancel()


# -- strictness and the collector -------------------------------------------------------
class _StrictLog(logging.Handler):
    """Every warning and error logged during a build: Layar's builds are strict (stock
    Pelican logs, skips the file and exits 0)."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def raise_problems(self, site=None) -> None:
        if self.records:
            _cancel_pending(site)
            lines = [f"{r.levelname.lower()}: {r.name}: {r.getMessage()}" for r in self.records]
            raise BuildError("Pelican reported problems (Layar builds are strict):\n"
                             + "\n".join(lines))


@contextmanager
def _strict_log() -> Iterator[_StrictLog]:
    # Pelican's LimitFilter drops a warning it has logged before in this process; each build
    # (livereload, tests) must see all of its own.
    LimitFilter._ignore.clear()
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    handler = _StrictLog()
    root = logging.getLogger()
    root.addHandler(handler)  # before reading the settings: their warnings count too
    try:
        yield handler
    finally:
        root.removeHandler(handler)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's automatic garbage collection is off while the site is built, as the ``gc``
    documentation advises for a process that forks workers: a build holds one large,
    long-lived graph of objects (the site) that the collector would otherwise walk again and
    again, and whose pages it would touch in the forked renderers (copying them).  The build
    makes few reference cycles; the collector is switched back on when it ends (``invoke
    livereload`` builds again and again in one process)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
