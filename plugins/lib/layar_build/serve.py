"""``invoke serve``: the built output over HTTP, answering as a static host does.

Pelican's ``ComplexHTTPRequestHandler`` finds ``/en/about/`` as ``en/about/index.html``, but
answers a URL it cannot find with no response at all (the browser shows "empty reply").  A
static host (GitHub Pages, Netlify, nginx with ``error_page``) serves the site's own
``404.html`` with status 404: here the one of the language the URL is in (``/nl/…`` gets
``nl/404.html``), else the default language's.  A folder without ``index.html`` is
answered the same way: no directory is ever listed (Python's handler would list it).
"""
from __future__ import annotations

import logging
import os

from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

logger = logging.getLogger(__name__)


class SiteHandler(ComplexHTTPRequestHandler):
    """Pelican's handler, with the language's ``404.html`` for a missing URL or a folder
    without ``index.html`` (never a listing)."""

    languages: tuple[str, ...] = ()
    default_language: str = ""

    def get_path_that_exists(self, original_path):
        found = super().get_path_that_exists(original_path)
        if found is None:
            self._not_found(original_path)
        return found

    def list_directory(self, path):
        """A static host lists no folder: the language's 404 page instead."""
        self._not_found(self.path.split("?", 1)[0].split("#", 1)[0])
        return None

    def no_page(self, status: int) -> None:
        """The answer when the output has no 404 page (nothing built yet)."""
        self.send_error(status, "Not Found")

    def page_body(self, body: bytes) -> bytes:
        """The bytes sent for an HTML page of the output (the preview adds to them)."""
        return body

    def _not_found(self, original_path: str) -> None:
        first = original_path.lstrip("/").split("/", 1)[0]
        lang = first if first in self.languages else self.default_language
        page = os.path.join(self.base_path, lang, "404.html")
        try:
            with open(page, "rb") as fh:
                body = fh.read()
        except OSError:
            self.no_page(404)
            return
        body = self.page_body(body)
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def make_server(folder, host: str, port: int, languages, default_language: str):
    """An HTTP server of ``folder`` at ``host:port`` (``serve_forever()`` runs it)."""
    handler = type("Handler", (SiteHandler,), {"languages": tuple(languages),
                                               "default_language": default_language})
    return RootedHTTPServer(str(folder), (host, port), handler)
