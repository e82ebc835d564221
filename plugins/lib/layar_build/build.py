"""Strict and atomic builds.

* **Strict**: every problem the checks find is collected and reported as
  ``path:line: severity: message``; any error, and any warning or error Pelican logs, fails
  the build (stock Pelican logs, skips the file and exits 0).
* **Checked**: the content checks (``layar_check``) run inside the build, before anything is
  written; a build in which they did not run is refused.  After rendering, every internal
  link and anchor of every page is checked in the staging folder (``layar_check.output``).
* **Atomic**: Pelican writes into a fresh folder beside ``output/``; only when the build
  and its validation succeed is it swapped in.  A failed build leaves the previous
  ``output/`` exactly as it was, and no staging folder behind.
"""
from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.settings import read_settings

from layar.errors import BuildError, ChecksFailed, Problem

from .ledger import Ledger

logger = logging.getLogger(__name__)


class _StrictHandler(logging.Handler):
    """Remembers every warning and error logged during a Pelican run."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@dataclass
class BuildResult:
    output: Path
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    files: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


CHECKS_PLUGIN = "layar_check"


def _run_pelican(settings_file: Path, output: Path, overrides: dict[str, Any]):
    from layar_site import signals

    captured: dict[str, Any] = {}

    def remember(site):
        captured["site"] = site

    _forget_earlier_warnings()
    handler = _StrictHandler()
    root = logging.getLogger()
    root.addHandler(handler)  # before reading the settings: their warnings count too
    signals.site_written.connect(remember)
    try:
        settings = read_settings(str(settings_file),
                                 override={**overrides, "OUTPUT_PATH": str(output)})
        Pelican(settings).run()
    finally:
        root.removeHandler(handler)
        signals.site_written.disconnect(remember)
    if handler.records:
        _cancel_pending(captured.get("site"))
        lines = [f"{r.levelname.lower()}: {r.name}: {r.getMessage()}" for r in handler.records]
        raise BuildError("Pelican reported problems (Layar builds are strict):\n" + "\n".join(lines))
    if "site" not in captured:
        raise BuildError("the layar_site plugin did not run; check PLUGINS in the settings")
    site = captured["site"]
    state = site.extensions.get(CHECKS_PLUGIN)
    if state is None or not getattr(state, "ran", False):
        _cancel_pending(site)
        raise BuildError(f"the content checks did not run; add '{CHECKS_PLUGIN}' to PLUGINS "
                         f"in the settings (Layar never builds unchecked content)")
    return site


def _forget_earlier_warnings() -> None:
    """Pelican's LimitFilter drops a warning it has logged before in this process; each build
    (livereload, tests) must see all of its own."""
    from pelican.log import LimitFilter

    LimitFilter._ignore.clear()
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def _check_output(site, staging: Path, output: Path, known: dict) -> list[Problem]:
    """Broken internal links and anchors of the rendered pages, shown as ``output/…``."""
    from layar_check.output import check_output

    # The checks' settings, validated in this build (_run_pelican made sure the checks ran).
    ignore = site.extensions[CHECKS_PLUGIN].settings.ignore_links
    return check_output(staging, output.name, site.settings.siteurl, ignore,
                        workers=site.settings.workers, known=known)


def _cache_dir(settings_file: Path, overrides: dict[str, Any]) -> tuple[Path | None, Path]:
    """The build's cache folder (None: no caches) and output folder, from its settings."""
    from layar_site.settings import configure

    settings = read_settings(str(settings_file), override=overrides)
    return configure(settings).cache_dir, Path(settings["OUTPUT_PATH"])


def _drop_stale(staging: Path, previous, written: list[str]) -> None:
    """Remove the linked files of the previous output that this build did not make (their
    page is gone), and the folders that leaves empty."""
    keep = set(written)
    folders: set[str] = set()
    for rel in previous.files:
        if rel not in keep:
            (staging / rel).unlink(missing_ok=True)
            folders.add(os.path.dirname(rel))
    # Deepest first, each folder once: a parent is looked at after its children.
    while folders:
        folder = max(folders, key=lambda f: (f.count("/"), f))
        folders.discard(folder)
        path = staging / folder
        if folder and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
            folders.add(os.path.dirname(folder))


def build(settings_file: str | Path = "pelicanconf.py", output: str | Path | None = None,
          overrides: dict[str, Any] | None = None, keep: bool = True) -> BuildResult:
    """Build the site into ``output`` atomically; raise ChecksFailed or BuildError on failure.

    With ``keep=False`` the build is made and validated in a temporary folder, then thrown
    away (this is ``invoke check``).

    Python's automatic garbage collection is off while the site is built, as the ``gc``
    documentation advises for a process that forks workers: a build holds one large, long-lived
    graph of objects (the site) that the collector would otherwise walk again and again, and
    whose pages it would touch in the forked renderers (copying them).  The build makes few
    reference cycles; the collector is switched back on when it ends (``invoke livereload``
    builds again and again in one process).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(settings_file, output, overrides, keep)
    finally:
        if enabled:
            gc.enable()


def _build(settings_file, output, overrides, keep: bool) -> BuildResult:
    settings_file = Path(settings_file).resolve()
    overrides = dict(overrides or {})
    cache_dir, configured = _cache_dir(settings_file, overrides)
    output = Path(output if output is not None else configured).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-building-", dir=output.parent))
    site = None
    try:
        # Start from the last good output: its unchanged files are linked, not made again,
        # into the output the last build replaced (the spare) when the cache kept it.
        ledger = Ledger.for_output(cache_dir, output)
        staging.rmdir()
        if not ledger.take_spare(staging):
            staging.mkdir()
        previous = ledger.seed(output, staging)
        site = _run_pelican(settings_file, staging,
                            {**overrides, "LAYAR_PREVIOUS_BUILD": previous})
        # Kept: what the site wrote, and what plugins recorded as made (the search index).
        _drop_stale(staging, previous, [*site.written, *(site.outputs.made if site.outputs
                                                           is not None else ())])
        known = dict(ledger.pages)
        problems = sorted(set(site.problems) | set(_check_output(site, staging, output, known)))
        if any(p.is_error for p in problems):
            raise ChecksFailed(problems)
        while site.pending:  # background work (the search index) must succeed too
            site.pending.pop(0).finish()
        result = BuildResult(output, problems, len(site.written), sorted(site.written))
        if not keep:
            ledger.keep_spare(staging)
            return result
        ledger.forget()  # while the swap is under way, no ledger describes output/
        old = _swap(staging, output)
        ledger.save(output, site.outputs.made if site.outputs is not None else {}, known)
        if old is not None:
            ledger.keep_spare(old)
        return result
    except BaseException:
        _cancel_pending(site)
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _cancel_pending(site) -> None:
    """Stop the background work of a failed build before its staging folder goes."""
    while site is not None and site.pending:
        site.pending.pop(0).cancel()


def check(settings_file: str | Path = "pelicanconf.py",
          overrides: dict[str, Any] | None = None) -> BuildResult:
    """Run every check (a full build into a temporary folder) without touching ``output/``."""
    return build(settings_file, None, overrides, keep=False)


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


__all__ = ["BuildResult", "build", "check", "ChecksFailed", "BuildError"]
