"""``invoke serve`` answers as a static host: pages by their folder URL, and a missing URL
with the 404 page of its language and status 404 (Pelican's handler sent an empty reply)."""
from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest

from layar_build.serve import make_server


@pytest.fixture
def served(tmp_path):
    for lang in ("id", "nl", "en"):
        (tmp_path / lang / "about").mkdir(parents=True)
        (tmp_path / lang / "404.html").write_text(f"<p>{lang}: not found</p>", "utf-8")
        (tmp_path / lang / "about" / "index.html").write_text(f"<p>{lang} about</p>", "utf-8")
    server = make_server(tmp_path, "127.0.0.1", 0, ("id", "nl", "en"), "en")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    server.shutdown()
    server.server_close()


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode()


def test_a_page_is_found_by_its_folder_url(served):
    base, _ = served
    assert _get(f"{base}/nl/about/") == (200, "text/html", "<p>nl about</p>")


@pytest.mark.parametrize("path, lang", [("/nl/nothing-here/", "nl"), ("/id/artikel/x", "id"),
                                        ("/no/such/page", "en"), ("/de/", "en")])
def test_a_missing_url_gets_its_languages_404_page_with_status_404(served, path, lang):
    base, _ = served
    status, kind, body = _get(base + path)
    assert (status, body) == (404, f"<p>{lang}: not found</p>")
    assert kind.startswith("text/html")


def test_without_a_404_page_the_answer_is_still_a_404(served):
    base, folder = served
    (folder / "en" / "404.html").unlink()
    status, _kind, _body = _get(f"{base}/gone/")
    assert status == 404


@pytest.mark.parametrize("path, lang", [("/nl/articles/", "nl"), ("/nl/articles", "nl"),
                                        ("/en/", "en"), ("/", "en")])
def test_a_folder_without_index_html_is_never_listed(served, path, lang):
    base, folder = served
    (folder / "nl" / "articles").mkdir()
    (folder / "nl" / "articles" / "x.css").write_text("p{}", "utf-8")
    status, _kind, body = _get(base + path)
    assert (status, body) == (404, f"<p>{lang}: not found</p>")
    assert "Directory listing" not in body and "x.css" not in body
