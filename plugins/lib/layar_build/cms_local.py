"""``invoke cms``: the web editor on this machine, writing into the working tree.

Two processes on the loopback interface, no GitHub account: ``decap-server`` (the npm
package's local backend, in its ``fs`` mode: what is saved is written into the working
tree's ``content/`` at once, to be checked with ``invoke check`` and committed as usual),
and an HTTP server for ``/admin/``: the same page, bundle and configuration as the built
site's (``layar_build.cms.site_files``), with ``local_backend`` pointing at the
``decap-server`` and the policy allowing it.  The editor's login page then shows *Login*,
which needs no account.

``local_editor`` is the same as a context manager (the browser tests drive it).
"""
from __future__ import annotations

import contextlib
import http.server
import mimetypes
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator, Mapping

from layar.errors import LayarError

from . import cms

SERVER = "node_modules/decap-server/dist/index.js"
TYPES = {".js": "text/javascript; charset=utf-8", ".yml": "text/yaml; charset=utf-8",
         ".html": "text/html; charset=utf-8", ".wasm": "application/wasm",
         ".txt": "text/plain; charset=utf-8"}


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _handler(files: Mapping[str, Any], policy: str):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            if path in ("/", "/admin"):
                self.send_response(302)
                self.send_header("Location", "/admin/")
                self.end_headers()
                return
            name = path.removeprefix("/admin/") or "index.html"
            if not path.startswith("/admin/") or name not in files:
                self.send_error(404)
                return
            data = files[name]
            body = data.read_bytes() if isinstance(data, Path) else data
            self.send_response(200)
            ext = os.path.splitext(name)[1]
            self.send_header("Content-Type", TYPES.get(ext) or mimetypes.guess_type(name)[0]
                             or "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", policy)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        do_HEAD = do_GET

        def log_message(self, format, *args):  # quiet: the editor polls
            pass

    return Handler


@contextlib.contextmanager
def local_editor(root: Path, kinds: Mapping[str, Any], host: str = "127.0.0.1",
                 port: int = 0, proxy_port: int = 0, bundle_root: Path | None = None,
                 log=None) -> Iterator[str]:
    """Run ``decap-server`` on ``root`` and serve the editor; yields its address
    (``http://host:port/admin/``).  ``bundle_root``: where ``node_modules`` is (by default
    ``root``)."""
    bundle_root = bundle_root or root
    problem = cms.missing_bundle(bundle_root)
    node = shutil.which("node")
    if problem or not (bundle_root / SERVER).is_file() or node is None:
        raise LayarError(problem or "node and node_modules/decap-server are needed: run "
                         "`npm ci` (Node.js 20)")
    proxy_port = proxy_port or free_port(host)
    proxy = f"http://{host}:{proxy_port}/api/v1"
    env = {**os.environ, "GIT_REPO_DIRECTORY": str(root), "PORT": str(proxy_port),
           "BIND_HOST": host, "MODE": "fs", "LOG_LEVEL": "warn"}
    server = subprocess.Popen([node, str(bundle_root / SERVER)], cwd=str(root), env=env,
                              stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL)
    httpd = None
    try:
        _wait(proxy, server)
        backend = cms.Backend()
        files = cms.site_files(bundle_root, kinds, backend, local=proxy)
        policy = cms.policy_for(backend, local=proxy).header()
        httpd = http.server.ThreadingHTTPServer((host, port), _handler(files, policy))
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        yield f"http://{host}:{httpd.server_address[1]}/admin/"
    finally:
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait(proxy: str, server: subprocess.Popen, timeout: float = 30.0) -> None:
    """Until ``decap-server`` answers its ``info`` action."""
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(proxy, data=b'{"action":"info"}', method="POST",
                                     headers={"Content-Type": "application/json"})
    while True:
        if server.poll() is not None:
            raise LayarError(f"decap-server stopped at once (exit {server.returncode})")
        try:
            with urllib.request.urlopen(request, timeout=2) as answer:
                answer.read()
                return
        except OSError:
            if time.monotonic() > deadline:
                raise LayarError(f"decap-server did not answer at {proxy}") from None
            time.sleep(0.1)
