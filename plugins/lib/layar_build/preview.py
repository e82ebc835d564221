"""``invoke livereload``: the editor's preview, which reloads the open page after a rebuild.

The site's pages declare a strict Content-Security-Policy (``script-src 'self'``, no inline
script), so the preview cannot inject an inline reload script.  Instead it serves
``output/`` with ``serve.py``'s handler and inserts one *external, same-origin* script into
every HTML page it sends::

    <script src="/__layar__/reload.js?generation=N" defer></script>

The script and ``/__layar__/state`` exist only in this server, never in a build's output.
The script asks ``/__layar__/state`` (``fetch``: ``connect-src`` falls back to the policy's
``default-src 'self'``) for the build generation about twice a second and reloads the page
when it is no longer the one the page was sent with.  While the last build failed, every
HTML page is answered by an error page listing each problem (``path:line: …``), which
reloads itself the same way once a build succeeds.

State lives on objects: ``PreviewState`` (generation and problems, shared by the server's
threads), ``Preview`` (what it builds and how it reports; ``rebuild()`` is one rebuild) and
``Watcher`` (a thread polling the sources' modification times).  Standard library only.
"""
from __future__ import annotations

import html
import json
import logging
import os
import re
import threading
import time
import traceback
from dataclasses import dataclass, field
from http import server as http_server
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any, Callable, Iterable

from pelican.server import RootedHTTPServer

from layar.errors import ChecksFailed, ConfigurationError, LayarError

from .serve import SiteHandler

logger = logging.getLogger(__name__)

#: The preview's own URLs; a build never writes below this folder.
PREFIX = "/__layar__/"
RELOAD_URL = PREFIX + "reload.js"
STATE_URL = PREFIX + "state"
STYLE_URL = PREFIX + "preview.css"
ICON_URL = PREFIX + "icon.svg"

#: The policy of the preview's own error page: as strict as the site's (``base.html``).
ERROR_PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                  "object-src 'none'; base-uri 'none'; form-action 'self'")

#: How often the page asks for the state, in milliseconds.
POLL_MS = 500

RELOAD_JS = """\
// Layar preview (invoke livereload): reload this page after every rebuild.
// Served by the preview only; never part of a build's output.
(function () {
  "use strict";
  var script = document.currentScript;
  var mine = script ? new URL(script.src).searchParams.get("generation") : null;
  var delay = %(poll)d;
  function ask() {
    fetch("%(state)s", {cache: "no-store"}).then(function (response) {
      return response.json();
    }).then(function (state) {
      if (mine !== null && String(state.generation) !== mine) {
        location.reload();
        return;
      }
      delay = %(poll)d;
      setTimeout(ask, delay);
    }, function () {
      // The preview is restarting or stopped: ask again, less often.
      delay = Math.min(delay * 2, 5000);
      setTimeout(ask, delay);
    });
  }
  setTimeout(ask, delay);
})();
""" % {"poll": POLL_MS, "state": STATE_URL}

PREVIEW_CSS = """\
/* Layar preview (invoke livereload): the error page. */
.layar-preview-failed { font: 1rem/1.5 system-ui, sans-serif; margin: 2rem auto;
  max-width: 60rem; padding: 0 1rem; color: #1a1a1a; background: #fff; }
.layar-preview-failed h1 { color: #a00; font-size: 1.5rem; }
.layar-preview-failed ol { padding-left: 1.5rem; }
.layar-preview-failed li { margin: 0.25rem 0; }
.layar-preview-failed code { white-space: pre-wrap; word-break: break-word;
  font: 0.95rem/1.4 ui-monospace, monospace; }
"""


#: The error page's icon (without one, the browser asks for /favicon.ico: a 404).
ICON_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
            '<circle cx="8" cy="8" r="8" fill="#a00"/></svg>')


def reload_tag(generation: int) -> str:
    return f'<script src="{RELOAD_URL}?generation={generation}" defer></script>'


_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject_reload(page: bytes, generation: int) -> bytes:
    """``page`` with the reload script before its last ``</body>`` (at the end without one)."""
    tag = reload_tag(generation).encode("ascii")
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + tag
    at = ends[-1].start()
    return page[:at] + tag + page[at:]


def problems_of(exc: BaseException, settings_name: str = "pelicanconf.py") -> list[str]:
    """The lines a failed build shows: every problem as ``path:line: severity: message``
    (the same lines ``invoke build`` prints), else the error's own message."""
    if isinstance(exc, ChecksFailed):
        return [str(p) for p in exc.problems]
    if isinstance(exc, ConfigurationError):
        return [f"{settings_name}: invalid settings: {exc}"]
    if isinstance(exc, LayarError):
        return [line for line in str(exc).splitlines() if line.strip()] or [type(exc).__name__]
    # A bug, not the editor's mistake: the end of the traceback says where.
    lines = traceback.format_exception_only(type(exc), exc)
    return [f"internal error: {line.strip()}" for line in lines if line.strip()]


def error_page(problems: Iterable[str], generation: int) -> bytes:
    """The page shown in place of every page while the last build failed."""
    problems = list(problems)
    items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{ERROR_PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed: Layar preview</title>
<link rel="stylesheet" href="{STYLE_URL}">
<link rel="icon" href="{ICON_URL}" type="image/svg+xml">
</head>
<body class="layar-preview-failed">
<main>
<h1>Build failed</h1>
<p>The last rebuild found {len(problems)} problem(s). Fix them and save: this page reloads
by itself after the next rebuild.</p>
<ol class="layar-problems">
{items}
</ol>
</main>
{reload_tag(generation)}
</body>
</html>
""".encode("utf-8")


@dataclass
class PreviewState:
    """The preview's build state, read by the server's threads, written by the rebuilds."""

    #: Counts finished builds (good or failed); a page sent at another generation reloads.
    generation: int = 0
    #: The last build's problems when it failed (empty: it succeeded).
    problems: list[str] = field(default_factory=list)
    failed: bool = False
    building: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def started(self) -> None:
        with self._lock:
            self.building = True

    def finished(self, problems: list[str] | None = None) -> None:
        """A build ended: without ``problems`` it succeeded."""
        with self._lock:
            self.generation += 1
            self.failed = problems is not None
            self.problems = list(problems or [])
            self.building = False

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {"generation": self.generation, "ok": not self.failed,
                    "building": self.building, "problems": list(self.problems)}


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
        snapshot = self.state.snapshot()
        if not snapshot["ok"] and self._is_page(route):
            return self._send(500, "text/html; charset=utf-8",
                              error_page(snapshot["problems"], snapshot["generation"]))
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
        return inject_reload(body, self.state.snapshot()["generation"])

    def _is_page(self, route: str) -> bool:
        """Is ``route`` a page (an HTML file, a folder URL or a missing URL), not an asset?"""
        name = route.rsplit("/", 1)[-1]
        return route.endswith("/") or name.endswith(".html") or "." not in name

    def _own(self, route: str) -> None:
        if route == RELOAD_URL:
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_JS.encode())
        if route == ICON_URL:
            return self._send(200, "image/svg+xml", ICON_SVG.encode())
        if route == STYLE_URL:
            return self._send(200, "text/css; charset=utf-8", PREVIEW_CSS.encode())
        if route == STATE_URL:
            return self._send(200, "application/json",
                              json.dumps(self.state.snapshot()).encode())
        self.send_error(404, "Not Found")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, msg_format, *args):  # the poll would fill the terminal
        logger.debug(msg_format, *args)


class PreviewHTTPServer(ThreadingMixIn, RootedHTTPServer):
    daemon_threads = True


def make_preview_server(folder, host: str, port: int, languages, default_language: str,
                        state: PreviewState) -> PreviewHTTPServer:
    """The preview's HTTP server of ``folder`` (``serve_forever()`` runs it)."""
    handler = type("Handler", (PreviewHandler,), {"languages": tuple(languages),
                                                  "default_language": default_language,
                                                  "state": state})
    return PreviewHTTPServer(str(folder), (host, port), handler)


# -- rebuilding --------------------------------------------------------------------------
@dataclass
class Preview:
    """One preview: ``build()`` makes the site (raises on failure), ``rebuild()`` runs it
    once and records the outcome on ``state``; ``report`` prints a line for the editor."""

    build: Callable[[], Any]
    state: PreviewState = field(default_factory=PreviewState)
    report: Callable[[str], None] = print
    settings_name: str = "pelicanconf.py"

    def rebuild(self) -> bool:
        """Build once; True when the build succeeded."""
        self.state.started()
        try:
            result = self.build()
        except Exception as exc:  # every failure is shown in the browser, none stops the preview
            problems = problems_of(exc, self.settings_name)
            for line in problems:
                self.report(line)
            self.report(f"Build failed: {len(problems)} problem(s); output/ was left as it "
                        f"was and the preview shows them.")
            self.state.finished(problems)
            return False
        for problem in getattr(result, "problems", ()):
            self.report(str(problem))
        summary = result.summary() if hasattr(result, "summary") else "Built"
        self.report(summary + " (preview: no search index, drafts shown)")
        self.state.finished()
        return True


#: Files a change of which is not a change of the site (editors' backups, compiled files).
_IGNORED_SUFFIXES = ("~", ".mo", ".pyc", ".pyo", ".swp", ".swx", ".tmp")


def watched(name: str) -> bool:
    return not (name.startswith(".") or name.startswith("#") or name.endswith(_IGNORED_SUFFIXES))


def scan(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Every watched file below ``paths`` (files or folders): path -> (mtime_ns, size)."""
    seen: dict[str, tuple[int, int]] = {}
    for path in paths:
        path = Path(path)
        if path.is_file():
            files: Iterable[tuple[str, str]] = [(str(path.parent), path.name)]
        elif path.is_dir():
            files = _walk(path)
        else:
            continue
        for folder, name in files:
            full = os.path.join(folder, name)
            try:
                st = os.stat(full)
            except OSError:  # removed while scanning
                continue
            seen[full] = (st.st_mtime_ns, st.st_size)
    return seen


def _walk(root: Path):
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__" and not d.startswith(".")]
        for name in names:
            if watched(name):
                yield folder, name


class Watcher:
    """Polls ``paths`` every ``interval`` seconds; once a change has settled (no further
    change for ``settle`` seconds) it calls ``on_change`` in its own thread, so rebuilds
    never overlap, and a change made during a rebuild starts the next one."""

    def __init__(self, paths: Iterable[Path], on_change: Callable[[], Any],
                 interval: float = 0.4, settle: float = 0.2):
        self.paths = [Path(p) for p in paths]
        self.on_change = on_change
        self.interval = interval
        self.settle = settle
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.run, name="layar-preview-watcher",
                                        daemon=True)
        self._last = scan(self.paths)

    def start(self) -> "Watcher":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=10)

    def changed(self) -> bool:
        """Has any watched file changed since the last look?  (Waits for it to settle.)"""
        now = scan(self.paths)
        if now == self._last:
            return False
        while not self._stop.wait(self.settle):
            later = scan(self.paths)
            if later == now:
                break
            now = later
        self._last = now
        return True

    def run(self) -> None:
        """Watch in this thread until ``stop()`` (``start()`` watches in a thread of its own)."""
        while not self._stop.wait(self.interval):
            try:
                if self.changed():
                    self.on_change()
            except Exception:  # a bug in a rebuild must not stop the watching
                logger.exception("preview: rebuild failed unexpectedly")


def watch_paths(root: Path) -> list[Path]:
    """What the preview watches in the project at ``root``."""
    return [root / "content", root / "theme", root / "plugins", root / "i18n",
            root / "pelicanconf.py"]


def run_preview(build: Callable[[], Any], output: Path, root: Path, host: str, port: int,
                languages, default_language: str, report: Callable[[str], None] = print,
                settings_name: str = "pelicanconf.py", paths: Iterable[Path] | None = None):
    """Build, serve ``output`` on ``host:port`` and rebuild on every change, until Ctrl-C.

    The server answers from its own threads; the rebuilds run in this (the main) thread,
    one at a time, as ``invoke build`` runs them (the build forks its renderers)."""
    preview = Preview(build, report=report, settings_name=settings_name)
    preview.rebuild()
    server = make_preview_server(output, host, port, languages, default_language,
                                 preview.state)
    serving = threading.Thread(target=server.serve_forever, name="layar-preview-server",
                               daemon=True)
    serving.start()
    watcher = Watcher(paths if paths is not None else watch_paths(root), preview.rebuild)
    report(f"Previewing at http://{host}:{server.server_address[1]}/ : pages reload after "
           f"every rebuild (Ctrl-C to stop)")
    try:
        watcher.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
