"""``invoke livereload``: the editor's preview, which follows every save in the open browser.

The site's pages declare a strict Content-Security-Policy (``script-src 'self'``, no inline
script, ``style-src 'self'``, no ``style=`` attribute), so the preview injects nothing
inline.  It serves ``output/`` with ``serve.py``'s handler (a static host's answers: the
language's 404 page, never a directory listing) and adds one *external, same-origin*
script to every HTML page it sends::

    <script src="/__layar__/reload.js?build=B" defer></script>

``B`` names the good build the page comes from.  The script and everything else under
``/__layar__/`` exist only in this server, never in a build's output.  The script listens
to ``/__layar__/events`` (Server-Sent Events; ``connect-src 'self'``), which sends the
preview's state at once and again after every rebuild:

* a new good build: the page reloads, or moves to the page of the document just saved,
  in the language it shows (as Hugo's ``navigateToChanged``; ``--no-navigate`` turns it
  off);
* a failed build: the page stays (the last good build is still served underneath) and an
  overlay lists every problem (``path:line: severity: message``, its hint included), built
  by the script from the DOM API and styled by ``/__layar__/preview.css`` in the site's
  colours and type; it is a keyboard-reachable dialog (focus moves to it, Escape or its
  button hides it) and reads on a phone; the next good build reloads the page without it.

What is watched is what the last good build read (``recorded_files``: every input its
files recorded, ``layar_site.inputs``: sources, bodies, templates, pictures and sidecars,
theme files, catalogs, the settings file), plus any file that appears under ``content/``,
``i18n/`` or ``theme/`` and the files a failed build complains about: no list of globs.
``watchfiles`` (inotify) reports changes; a change to the code a build runs restarts the
preview process (a running process cannot take new code), any other relevant change
rebuilds.

State lives on objects: ``PreviewState`` (the builds and their problems, shared by the
server's threads), ``Preview`` (one rebuild: ``rebuild(changed)``), ``WatchSet`` (what is
watched) and ``Watcher`` (the watchfiles threads).
"""
from __future__ import annotations

import html
import json
import logging
import os
import queue
import re
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from http import server as http_server
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any, Callable, Iterable

from pelican.server import RootedHTTPServer

from layar.errors import ChecksFailed, ConfigurationError, LayarError, Problem

from .serve import SiteHandler
from .session import Session

logger = logging.getLogger(__name__)

#: The preview's own URLs; a build never writes below this folder.
PREFIX = "/__layar__/"
RELOAD_URL = PREFIX + "reload.js"
EVENTS_URL = PREFIX + "events"
STATE_URL = PREFIX + "state"
STYLE_URL = PREFIX + "preview.css"
ICON_URL = PREFIX + "icon.svg"

#: The policy of the page shown before any build succeeded: as strict as the site's.
ERROR_PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                  "object-src 'none'; base-uri 'none'; form-action 'self'")

#: Seconds between the keep-alive comments of an event stream.
KEEP_ALIVE = 15.0

RELOAD_JS = """\
// Layar preview (invoke livereload): follow every rebuild in this page.
// Served by the preview only; never part of a build's output.  Builds its DOM with the
// DOM API and styles it from %(style)s: nothing inline, so the page's own strict
// Content-Security-Policy holds.
(function () {
  "use strict";
  var script = document.currentScript;
  var mine = script ? new URL(script.src).searchParams.get("build") : null;
  var overlay = null, returnTo = null;

  function language(targets) {
    var first = location.pathname.split("/")[1];
    if (targets && Object.prototype.hasOwnProperty.call(targets, first)) return first;
    return (document.documentElement.lang || "").split("-")[0];
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function stylesheet() {
    if (document.querySelector('link[href="%(style)s"]')) return;
    var link = element("link");
    link.rel = "stylesheet";
    link.href = "%(style)s";
    document.head.appendChild(link);
  }

  function focusables() {
    return overlay ? Array.prototype.slice.call(
      overlay.querySelectorAll("[tabindex='0'], button")) : [];
  }

  function hide() {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
    if (returnTo && returnTo.focus) returnTo.focus();
    returnTo = null;
  }

  function show(problems) {
    stylesheet();
    var focused = overlay && overlay.contains(document.activeElement);
    if (overlay) overlay.remove();
    else returnTo = document.activeElement;
    overlay = element("section", "layar-overlay");
    overlay.id = "layar-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-labelledby", "layar-overlay-title");
    overlay.setAttribute("aria-describedby", "layar-overlay-help");
    overlay.tabIndex = -1;
    var box = element("div", "layar-overlay-box");
    var count = problems.length === 1 ? "1 problem" : problems.length + " problems";
    box.appendChild(element("h2", "layar-overlay-title", "Build failed: " + count));
    box.lastChild.id = "layar-overlay-title";
    box.appendChild(element("p", "layar-overlay-help",
      "This is the last good build. Fix the problems below and save: the page " +
      "reloads by itself after the next good build. Escape hides this."));
    box.lastChild.id = "layar-overlay-help";
    var list = element("ol", "layar-problems");
    list.tabIndex = 0;
    list.setAttribute("aria-label", "Problems");
    problems.forEach(function (problem) {
      var item = element("li", "layar-problem layar-" + (problem.severity || "error"));
      item.appendChild(element("code", "", problem.text));
      list.appendChild(item);
    });
    box.appendChild(list);
    var close = element("button", "layar-overlay-close", "Hide");
    close.type = "button";
    close.addEventListener("click", hide);
    box.appendChild(close);
    overlay.appendChild(box);
    overlay.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); hide(); return; }
      if (event.key !== "Tab") return;
      var stops = focusables();  // keep the focus inside the dialog while it is open
      var at = stops.indexOf(document.activeElement);
      var next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1)
                                : (at + 1) %% stops.length;
      event.preventDefault();
      stops[next].focus();
    });
    document.body.appendChild(overlay);
    if (!focused || !overlay.contains(document.activeElement)) overlay.focus();
  }

  function follow(state) {
    if (mine !== null && state.build !== mine) {
      var targets = state.navigate;
      var target = targets ? targets[language(targets)] : null;
      if (target && target !== location.pathname) location.assign(target);
      else location.reload();
      return;
    }
    if (state.ok) hide();
    else show(state.problems);
  }

  var events = new EventSource("%(events)s");
  events.onmessage = function (message) { follow(JSON.parse(message.data)); };
})();
""" % {"style": STYLE_URL, "events": EVENTS_URL}

PREVIEW_CSS = """\
/* Layar preview (invoke livereload): the problems overlay, in the site's colours and type
   (theme/static/css/site.css's custom properties, with fallbacks where a page lacks them). */
.layar-overlay { position: fixed; inset: 0; z-index: 2147483647; display: flex;
  align-items: flex-start; justify-content: center; overflow: auto; padding: 1rem;
  background: rgb(0 0 0 / 0.45); }
.layar-overlay-box { box-sizing: border-box; width: 100%; max-width: 52rem; margin: 0;
  padding: 1rem 1.25rem; color: var(--fg, #1d1b18); background: var(--bg, #fdfbf7);
  border: 1px solid var(--line, #d9d2c6); border-top: 0.35rem solid var(--accent, #8f3212);
  border-radius: 0.4rem; font: 1rem/1.5 var(--sans, system-ui, sans-serif);
  box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.3); }
.layar-overlay-title { margin: 0 0 0.5rem; font-size: 1.3rem; color: var(--accent, #8f3212); }
.layar-overlay-help { margin: 0 0 0.75rem; color: var(--muted, #58534c); }
.layar-problems { margin: 0 0 1rem; padding: 0.5rem 0.75rem 0.5rem 2rem; max-height: 60vh;
  overflow: auto; background: var(--surface, #f4efe6); border-radius: 0.3rem; }
.layar-problem { margin: 0.35rem 0; }
.layar-problem code { white-space: pre-wrap; overflow-wrap: anywhere;
  font: 0.95rem/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.layar-warning code { color: var(--muted, #58534c); }
.layar-overlay-close { font: inherit; padding: 0.45rem 1.1rem; min-height: 2.75rem;
  color: var(--on-accent, #fff); background: var(--accent, #8f3212); border: 0;
  border-radius: 0.3rem; cursor: pointer; }
.layar-overlay :focus-visible, .layar-overlay:focus-visible {
  outline: 3px solid var(--focus, #1747c9); outline-offset: 2px; }
@media (max-width: 40rem) {
  .layar-overlay { padding: 0.5rem; }
  .layar-overlay-box { padding: 0.75rem; }
  .layar-problems { padding-left: 1.5rem; max-height: 55vh; }
}
.layar-preview-empty { font: 1rem/1.5 var(--sans, system-ui, sans-serif); margin: 2rem auto;
  max-width: 52rem; padding: 0 1rem; }
"""

#: The icon of the page shown before the first good build (else a /favicon.ico 404).
ICON_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
            '<circle cx="8" cy="8" r="8" fill="#8f3212"/></svg>')


def reload_tag(build: str) -> str:
    return f'<script src="{RELOAD_URL}?build={html.escape(build)}" defer></script>'


_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject_reload(page: bytes, build: str) -> bytes:
    """``page`` with the reload script before its last ``</body>`` (at the end without one)."""
    tag = reload_tag(build).encode("ascii")
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + tag
    at = ends[-1].start()
    return page[:at] + tag + page[at:]


def _shown(problem: Problem) -> dict[str, Any]:
    return {"text": str(problem), "path": problem.path, "line": problem.line,
            "severity": problem.severity}


def problems_of(exc: BaseException, settings_name: str = "pelicanconf.py") -> list[dict]:
    """What a failed build shows: every problem as ``path:line: severity: message`` (the
    lines ``invoke build`` prints, each message with its hint), else the error's message."""
    if isinstance(exc, ChecksFailed):
        return [_shown(p) for p in exc.problems]
    if isinstance(exc, ConfigurationError):
        texts = [f"{settings_name}: invalid settings: {exc}"]
    elif isinstance(exc, LayarError):
        texts = [line for line in str(exc).splitlines() if line.strip()] or [type(exc).__name__]
    else:  # a bug, not the editor's mistake: the end of the traceback says where
        texts = [f"internal error: {line.strip()}"
                 for line in traceback.format_exception_only(type(exc), exc) if line.strip()]
    return [{"text": text, "path": None, "line": None, "severity": "error"} for text in texts]


def empty_page(build: str) -> bytes:
    """The page answered while there is no output yet (the first build failed): the
    script shows the problems over it, and the first good build replaces it."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{ERROR_PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>No build yet: Layar preview</title>
<link rel="stylesheet" href="{STYLE_URL}">
<link rel="icon" href="{ICON_URL}" type="image/svg+xml">
</head>
<body class="layar-preview-empty">
<main>
<h1>No build yet</h1>
<p>The preview has not made the site yet. Its problems are listed over this page; fix them
and save.</p>
</main>
{reload_tag(build)}
</body>
</html>
""".encode("utf-8")


@dataclass
class PreviewState:
    """The preview's build state, read by the server's threads, written by the rebuilds;
    ``wait`` lets the event streams sleep until it changes."""

    #: This process (a restarted preview's pages are from another build).
    boot: str = field(default_factory=lambda: f"{os.getpid():x}{time.time_ns() & 0xffffff:x}")
    #: Counts finished builds (good or failed); ``good`` is the number of the last good one.
    generation: int = 0
    good: int = 0
    #: The last build's problems when it failed (empty: it succeeded).
    problems: list[dict] = field(default_factory=list)
    failed: bool = False
    building: bool = False
    #: language -> URL of the document the last good build was made for (navigation).
    navigate: dict[str, str] = field(default_factory=dict)
    closed: bool = False
    _changes: int = 0
    _cond: threading.Condition = field(default_factory=threading.Condition, repr=False)

    @property
    def build(self) -> str:
        """The name of the last good build, which pages are sent with."""
        return f"{self.boot}.{self.good}"

    def started(self) -> None:
        with self._cond:
            self.building = True
            self._changed()

    def finished(self, problems: list[dict] | None = None,
                 navigate: dict[str, str] | None = None) -> None:
        """A build ended: without ``problems`` it succeeded."""
        with self._cond:
            self.generation += 1
            self.failed = problems is not None
            self.problems = list(problems or [])
            if not self.failed:
                self.good = self.generation
                self.navigate = dict(navigate or {})
            self.building = False
            self._changed()

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._changed()

    def _changed(self) -> None:
        self._changes += 1
        self._cond.notify_all()

    @property
    def changes(self) -> int:
        with self._cond:
            return self._changes

    def wait(self, seen: int, timeout: float) -> int:
        """Wait until the state differs from change number ``seen`` (or ``timeout``); the
        current change number."""
        with self._cond:
            self._cond.wait_for(lambda: self._changes != seen or self.closed, timeout)
            return self._changes

    def snapshot(self) -> dict[str, Any]:
        with self._cond:
            return {"build": self.build, "generation": self.generation,
                    "ok": not self.failed, "building": self.building,
                    "problems": list(self.problems), "navigate": dict(self.navigate)}


class PreviewHandler(SiteHandler):
    """``serve.py``'s handler, with the reload script in every page and the preview's URLs."""

    state: PreviewState

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        route = self.path.split("?", 1)[0].split("#", 1)[0]
        if route.startswith(PREFIX):
            return self._own(route)
        found = self.get_path_that_exists(route)  # None: the 404 page was sent
        if found is None:
            return
        file = self.translate_path(found)
        if found.endswith(".html") and os.path.isfile(file):
            try:
                with open(file, "rb") as fh:
                    body = fh.read()
            except OSError:
                return self.send_error(404, "Not Found")
            return self._send(200, "text/html; charset=utf-8", self.page_body(body))
        self.path = found
        http_server.SimpleHTTPRequestHandler.do_GET(self)

    def page_body(self, body: bytes) -> bytes:
        return inject_reload(body, self.state.build)

    def no_page(self, status: int) -> None:
        """No 404 page either (nothing built yet): a page the script can show problems on."""
        self._send(status, "text/html; charset=utf-8", empty_page(self.state.build))

    def _own(self, route: str) -> None:
        if route == RELOAD_URL:
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_JS.encode())
        if route == STYLE_URL:
            return self._send(200, "text/css; charset=utf-8", PREVIEW_CSS.encode())
        if route == ICON_URL:
            return self._send(200, "image/svg+xml", ICON_SVG.encode())
        if route == STATE_URL:
            return self._send(200, "application/json",
                              json.dumps(self.state.snapshot()).encode())
        if route == EVENTS_URL:
            return self._events()
        self.send_error(404, "Not Found")

    def _events(self) -> None:
        """Server-Sent Events: the state now, then after every change, until closed."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        state, sent = self.state, None
        seen = state.changes
        try:
            self.wfile.write(b"retry: 500\n\n")
            while not state.closed:
                snapshot = state.snapshot()
                message = json.dumps({k: snapshot[k] for k in
                                      ("build", "ok", "problems", "navigate")})
                if message != sent:
                    self.wfile.write(f"data: {message}\n\n".encode())
                    sent = message
                    self.wfile.flush()
                now = state.wait(seen, KEEP_ALIVE)
                if now == seen:  # nothing new for a while: keep the connection open
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                seen = now
        except OSError:  # the page went away
            return
        finally:
            self.close_connection = True

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, msg_format, *args):  # every request would fill the terminal
        logger.debug(msg_format, *args)


class PreviewHTTPServer(ThreadingMixIn, RootedHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_preview_server(folder, host: str, port: int, languages, default_language: str,
                        state: PreviewState) -> PreviewHTTPServer:
    """The preview's HTTP server of ``folder`` (``serve_forever()`` runs it)."""
    handler = type("Handler", (PreviewHandler,), {"languages": tuple(languages),
                                                  "default_language": default_language,
                                                  "state": state})
    return PreviewHTTPServer(str(folder), (host, port), handler)


# -- what a build read ------------------------------------------------------------------
def recorded_files(site, outputs, settings_file: Path | None = None) -> set[str]:
    """Every file the build of ``site`` read, from what its files recorded
    (``layar_site.inputs``) and the sources its model holds: absolute paths."""
    root = Path(site.settings.content_path).resolve().parent
    content = Path(site.settings.content_path).resolve()
    theme = Path(site.pelican_settings.get("THEME", root / "theme")).resolve()
    templates = theme / "templates"
    reads = set(site.inputs.model_reads)
    for made in outputs.made.values():
        reads.update(made.inputs)
    files: set[Path] = set()

    def source(path: str) -> Path:
        found = Path(path)
        return found if found.is_absolute() else root / found

    for kind, key in reads:
        if kind == "file":
            files.add(source(key))
        elif kind in ("body", "coverage"):
            files.add(source(key.partition("\0")[0]))
        elif kind == "template":
            if key == "*":
                files.update(p for p in templates.rglob("*") if p.is_file())
            elif not key.startswith("!"):  # "!simple/…": Pelican's own theme
                files.add(templates / key)
        elif kind == "media":
            picture = content / key
            files.update((picture, picture.with_suffix(".yaml")))
    # The site model (kind ``site``, read by every page): every source it holds or held
    # back, every picture the library checked, every catalog, the settings file.
    for obj in [*site.articles, *site.pages, *(r.obj for r in site.routes),
                *site.held, *site.rejected]:
        path = getattr(obj, "path", None)
        if isinstance(path, str):
            files.add(source(path))
    for item in getattr(site.media, "items", {}).values():
        picture = source(item.path)
        files.update((picture, picture.with_suffix(".yaml")))
    i18n = Path(site.settings.i18n_dir)
    for lang in site.languages:
        files.update((i18n / lang / "LC_MESSAGES").glob("*.po"))
    if settings_file is not None:
        files.add(Path(settings_file))
    return {os.path.realpath(p) for p in files}


def source_pages(site, paths: Iterable[str]) -> dict[str, str]:
    """language -> URL of the page of the last source in ``paths`` (absolute paths) that
    has one (an article, a topic, a page); empty when none has."""
    content = Path(site.settings.content_path).resolve()
    found: dict[str, str] = {}
    for path in paths:
        try:
            rel = Path(path).resolve().relative_to(content).as_posix()
        except ValueError:
            continue
        key = site.file_routes.get(rel)
        if key is None:
            continue
        route = site.routes.get(key)
        found = {lang: site.url(key, lang) for lang in site.routes.langs_of(route)}
    return found


# -- rebuilding --------------------------------------------------------------------------
@dataclass
class Preview:
    """One preview: ``build(observe=…, session=…)`` makes the site (``layar_build.build``: raises on
    failure, calls ``observe(site, outputs)`` on success); ``rebuild(changed)`` runs it once
    and records the outcome on ``state`` and what is watched on ``watching``."""

    build: Callable[..., Any]
    state: PreviewState = field(default_factory=PreviewState)
    report: Callable[[str], None] = print
    settings_name: str = "pelicanconf.py"
    settings_file: Path | None = None
    #: Move open pages to the page of the document just saved.
    navigate: bool = True
    #: What the last good build read (absolute paths), and what its code is.
    watching: set[str] = field(default_factory=set)
    code: set[str] = field(default_factory=set)
    #: Shown after each good build (what the preview adds to it).
    note: str = "preview: no search index"
    #: The caches and the ledger, kept in memory between rebuilds (``layar_build.session``).
    session: Session = field(default_factory=Session)

    @property
    def root(self) -> str:
        """The project's folder, which problems' paths are relative to."""
        return str(Path(self.settings_file).parent) if self.settings_file else os.getcwd()

    def idle(self) -> None:
        """No change for a while (or the preview stops): write the caches and the ledger
        the rebuilds kept in memory."""
        self.session.save()

    def rebuild(self, changed: Iterable[str] = ()) -> bool:
        """Build once; True when the build succeeded.  ``changed``: the files whose change
        started this build, newest last (the page of the last source among them is where
        open pages go)."""
        changed = list(changed)
        seen: dict[str, Any] = {}

        def observe(site, outputs) -> None:
            seen["navigate"] = source_pages(site, changed) if self.navigate else {}
            seen["built"] = (site, outputs)  # what it read: learnt once pages are told

        self.state.started()
        try:
            result = self.build(observe=observe, session=self.session)
        except Exception as exc:  # every failure is shown in the browser, none stops the preview
            problems = problems_of(exc, self.settings_name)
            for problem in problems:
                self.report(problem["text"])
                if problem["path"]:  # watched from now on, whatever it is
                    self.watching.add(os.path.realpath(os.path.join(self.root, problem["path"])))
            self.report(f"Build failed: {len(problems)} problem(s); output/ was left as it "
                        f"was and the open pages show them.")
            self.state.finished(problems)
            return False
        for problem in getattr(result, "problems", ()):
            self.report(str(problem))
        summary = result.summary() if hasattr(result, "summary") else "Built"
        self.report(f"{summary} ({self.note})")
        self.state.finished(navigate=seen.get("navigate"))
        # Open pages reload meanwhile: changes made from now on wait in the watcher's
        # queue and are sorted with what this build read.
        if "built" in seen:
            from layar_site.fingerprints import code_folders

            self.watching = recorded_files(*seen.pop("built"), self.settings_file)
            self.code = {os.path.realpath(p) for p in code_folders()}
        else:
            self.watching, self.code = set(), set()
        return True


# -- watching ----------------------------------------------------------------------------
#: Files a change of which is not a change of the site (editors' backups, compiled files).
_IGNORED_SUFFIXES = ("~", ".mo", ".pyc", ".pyo", ".swp", ".swx", ".tmp")


def watched(name: str) -> bool:
    return not (name.startswith(".") or name.startswith("#") or name.endswith(_IGNORED_SUFFIXES))


@dataclass
class WatchSet:
    """Which changes matter to the preview: those to a file the last good build read
    (``preview.watching``), to the settings file, or a file appearing under one of the
    ``growing`` folders; a change to the code of the build is a restart."""

    preview: Preview
    growing: tuple[str, ...]
    settings_file: str | None = None

    def sort(self, changes: Iterable[tuple[Any, str]]) -> tuple[list[str], list[str]]:
        """(files whose change needs a rebuild, files of the build's code that changed)."""
        from watchfiles import Change

        rebuild: list[str] = []
        code: list[str] = []
        for change, path in sorted(changes, key=lambda c: _mtime(c[1])):
            path = os.path.realpath(path)
            if not watched(os.path.basename(path)):
                continue
            if any(path.startswith(folder + os.sep) for folder in self.preview.code):
                if path.endswith(".py"):
                    code.append(path)
                continue
            if (path in self.preview.watching or path == self.settings_file
                    or (change == Change.added and not os.path.isdir(path)
                        and any(path.startswith(f + os.sep) for f in self.growing))):
                if change == Change.added:  # watched until a good build says otherwise
                    self.preview.watching.add(path)
                if path not in rebuild:
                    rebuild.append(path)
        return rebuild, code


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


class Watcher:
    """``watchfiles`` over ``folders`` (recursively) and the files directly in ``top``
    (the settings file's folder, not its subfolders such as ``output/``); every batch of
    changes goes into ``changes``."""

    def __init__(self, folders: Iterable[Path], top: Path | None = None,
                 step_ms: int = 30):
        self.folders = [str(Path(f).resolve()) for f in folders if Path(f).is_dir()]
        self.top = str(Path(top).resolve()) if top is not None else None
        self.step_ms = step_ms
        self.changes: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> "Watcher":
        ready = []
        for paths, recursive in ((self.folders, True), ([self.top] if self.top else [], False)):
            if paths:
                started = threading.Event()
                ready.append(started)
                thread = threading.Thread(target=self._pump, args=(paths, recursive, started),
                                          name="layar-preview-watch", daemon=True)
                thread.start()
                self._threads.append(thread)
        for started in ready:
            started.wait(10)
        return self

    def _pump(self, paths, recursive: bool, started: threading.Event) -> None:
        from watchfiles import watch

        def ignore_nothing(_change, _path) -> bool:
            return True

        try:
            # yield_on_timeout: the first (empty) batch says the watches are in place
            for batch in watch(*paths, watch_filter=ignore_nothing, recursive=recursive,
                               step=self.step_ms, debounce=1600, stop_event=self._stop,
                               rust_timeout=200, yield_on_timeout=True,
                               raise_interrupt=False):
                started.set()
                if batch:
                    self.changes.put(batch)
        except Exception:  # noqa: BLE001 - a watcher that dies must not take the preview
            logger.exception("preview: watching %s failed", paths)
        finally:
            started.set()

    def next(self, timeout: float | None = None) -> set:
        """The next changes (everything queued so far, merged); empty after ``timeout``."""
        try:
            found = set(self.changes.get(timeout=timeout))
        except queue.Empty:
            return set()
        while True:
            try:
                found |= self.changes.get_nowait()
            except queue.Empty:
                return found

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=5)


def watch_paths(root: Path) -> list[Path]:
    """The folders the preview watches in the project at ``root``: where sources, catalogs
    and the theme live (new files there are sources), and the build's code."""
    return [root / "content", root / "i18n", root / "theme", root / "plugins"]


def restart(report: Callable[[str], None]) -> None:
    """Run this preview again in a new process (the build's code changed)."""
    report("The build's code changed: restarting the preview to run it.")
    sys.stdout.flush()
    sys.stderr.flush()
    argv = getattr(sys, "orig_argv", None) or [sys.executable, *sys.argv]
    os.execv(sys.executable, [sys.executable, *argv[1:]])


def run_preview(build: Callable[..., Any], output: Path, root: Path, host: str, port: int,
                languages, default_language: str, report: Callable[[str], None] = print,
                settings_name: str = "pelicanconf.py", paths: Iterable[Path] | None = None,
                navigate: bool = True, note: str = "preview: no search index"):
    """Build, serve ``output`` on ``host:port`` and rebuild after every relevant change,
    until Ctrl-C.  ``build(observe=…, session=…)`` is one build (``layar_build.build``).

    The server answers from its own threads; the rebuilds run in this (the main) thread,
    one at a time, as ``invoke build`` runs them (the build forks its renderers)."""
    root = Path(root).resolve()
    settings_file = root / settings_name
    folders = list(paths) if paths is not None else watch_paths(root)
    preview = Preview(build, report=report, settings_name=settings_name,
                      settings_file=settings_file, navigate=navigate, note=note)
    watcher = Watcher(folders, top=root).start()  # before the build: no change is missed
    preview.rebuild()
    server = make_preview_server(output, host, port, languages, default_language,
                                 preview.state)
    serving = threading.Thread(target=server.serve_forever, name="layar-preview-server",
                               daemon=True)
    serving.start()
    growing = tuple(str((root / name).resolve()) for name in ("content", "i18n", "theme"))
    sorter = WatchSet(preview, growing, str(settings_file))
    report(f"Previewing at http://{host}:{server.server_address[1]}/ : open pages follow "
           f"every rebuild (Ctrl-C to stop)")
    try:
        while True:
            changes = watcher.next(timeout=1.0)
            if not changes:
                preview.idle()
                continue
            rebuild, code = sorter.sort(changes)
            if code:
                preview.idle()
                preview.state.close()
                server.shutdown()
                server.server_close()
                watcher.stop()
                restart(report)
            if rebuild:
                preview.rebuild(rebuild)
    except KeyboardInterrupt:
        pass
    finally:
        preview.idle()
        preview.state.close()
        watcher.stop()
        server.shutdown()
        server.server_close()
