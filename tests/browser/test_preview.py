"""The editor's preview in Chromium: the open page reloads by itself after an edit, under
the site's strict Content-Security-Policy (no console error, no CSP violation); a broken
file shows its problems in place of the page, and fixing it brings the page back.

The preview runs as `invoke livereload` runs it (``layar_build.preview.run_preview``), in a
process of its own, on a tiny site."""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import textwrap
import time

import pytest

from tests.checks.conftest import ARTICLE, TinySite

pytestmark = pytest.mark.browser

PREVIEW = textwrap.dedent("""\
    import sys
    from pathlib import Path
    from layar.languages import DEFAULT_LANGUAGE, LANGUAGES
    from layar_build import build
    from layar_build.preview import run_preview

    root, port = Path(sys.argv[1]), int(sys.argv[2])
    overrides = {"LAYAR_SEARCH_INDEX": False, "LAYAR_SHOW_DRAFTS": True}
    run_preview(lambda: build(root / "pelicanconf.py", root / "output", overrides=overrides),
                root / "output", root, "127.0.0.1", port, LANGUAGES, DEFAULT_LANGUAGE,
                paths=[root / "content"])
""")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def preview(tmp_path):
    site = TinySite(tmp_path / "site", {"content/articles/ok.md": ARTICLE})
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-u", "-c", PREVIEW, str(site.root), str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    deadline = time.monotonic() + 120
    for line in process.stdout:
        lines.append(line)
        if line.startswith("Previewing at") or time.monotonic() > deadline:
            break
    assert any(l.startswith("Previewing at") for l in lines), "".join(lines)
    yield site, f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


def test_the_open_page_reloads_after_an_edit_and_shows_a_failed_build(browser, preview):
    site, url = preview
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60000)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 else None)
    try:
        page.goto(url + "/en/articles/sebuah-artikel/", wait_until="load")
        assert "Paragraf pertama." in page.inner_text("main")
        # the reload script is external and same-origin: the page's own policy allows it
        assert page.locator('script[src^="/__layar__/reload.js"]').count() == 1

        site.write({"content/articles/ok.md": ARTICLE.replace("Paragraf pertama.",
                                                              "Paragraf yang baru diubah.")})
        page.wait_for_function(
            "() => document.body.innerText.includes('Paragraf yang baru diubah.')")

        site.write({"content/articles/ok.md": ARTICLE.replace("date: 2025-10-22",
                                                              "date: kemarin")})
        page.wait_for_function("() => document.title.startsWith('Build failed')")
        listed = page.locator("ol.layar-problems li").all_inner_texts()
        assert any(re.match(r"content/articles/ok\.md:5: error: 'date': 'kemarin'", item)
                   for item in listed), listed

        site.write({"content/articles/ok.md": ARTICLE})
        page.wait_for_function(
            "() => document.body.innerText.includes('Paragraf pertama.')")
        assert page.locator("h1").inner_text() == "Sebuah artikel"
        # a status of 500 for the failed build's page is the only message expected
        unexpected = [p for p in problems if "status of 500" not in p
                      and not p.startswith("HTTP 500: " + url + "/en/articles/sebuah-artikel/")]
        assert not unexpected, unexpected
        assert not [p for p in problems if "Content Security Policy" in p]
    finally:
        context.close()
