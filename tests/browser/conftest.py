"""Browser fixtures: the real site built once, served over HTTP, one Chromium per session.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright for Python; no browser is
ever downloaded.  The server sends the strict Content-Security-Policy the pages also declare
(``script-src 'self'; style-src 'self'``), so a CSP violation shows up as a console error;
only the search pages and /pagefind/ (whose worker script gets its own policy) add
``'wasm-unsafe-eval'``, which Pagefind's WebAssembly needs.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("LAYAR_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SEARCH_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
#: The search pages and Pagefind's bundle (its worker compiles the WebAssembly too).
SEARCH_PATH = re.compile(r"^/(?:[a-z]{2}/search|pagefind)/")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site like a static host: CSP header, per-language 404 pages."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".xml": "application/xml",
                      ".pagefind": "application/octet-stream", ".pf_meta": "application/octet-stream"}

    def end_headers(self):
        path = self.path.split("?", 1)[0]
        self.send_header("Content-Security-Policy", SEARCH_CSP if SEARCH_PATH.match(path) else CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        lang = self.path.lstrip("/").split("/", 1)[0]
        page = Path(self.directory) / (lang if len(lang) == 2 else "en") / "404.html"
        if not page.exists():
            page = Path(self.directory) / "en" / "404.html"
        body = page.read_bytes() if page.exists() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # keep test output quiet
        pass


class SiteServer:
    def __init__(self, root: Path):
        handler = functools.partial(SiteHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.root = root
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def site_root(request) -> Path:
    """The built site: the real site, built once per session (``built_site``).

    ``LAYAR_BROWSER_SITE=/path/to/output`` tests an existing build instead (handy while
    working on the theme; never set in CI).
    """
    existing = os.environ.get("LAYAR_BROWSER_SITE")
    if existing:
        return Path(existing).resolve()
    return request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def site_server(site_root):
    with SiteServer(site_root) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (invoke test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Reader:
    """A page that remembers every console error, page error and failed request."""

    def __init__(self, page, server: SiteServer):
        self.page = page
        self.server = server
        self.problems: list[str] = []
        self.expected_404: set[str] = set()
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error on {page.url}: {exc}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message):
        if message.location.get("url") in self.expected_404 and \
                message.text.startswith("Failed to load resource"):
            return  # the 404 page we asked for
        if message.type in ("error", "warning") and "DevTools" not in message.text:
            self.problems.append(f"console {message.type} on {self.page.url}: {message.text}")

    def _failed(self, request):
        # ERR_ABORTED: the page navigated away while this (e.g. the icon) was loading;
        # HTTP errors are caught by _response.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400 and response.url not in self.expected_404:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def url(self, path: str) -> str:
        return self.server.url + path

    def goto(self, path: str, status: int = 200):
        if status == 404:
            self.expected_404.add(self.url(path))
        response = self.page.goto(self.url(path), wait_until="load")
        assert response is not None and response.status == status, f"{path}: {response and response.status}"
        return response

    def path(self) -> str:
        return self.page.url.removeprefix(self.server.url)

    def assert_clean(self):
        assert not self.problems, "\n".join(self.problems)


@pytest.fixture
def reader(browser, site_server):
    """A fresh page (phone-sized) whose console and network must stay clean."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US",
                                  service_workers="block")
    page = context.new_page()
    page.set_default_timeout(15000)
    r = Reader(page, site_server)
    yield r
    context.close()
    r.assert_clean()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (invoke test does)")
    return AXE.read_text(encoding="utf-8")
