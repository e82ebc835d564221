"""The editor's preview in Chromium, run as `invoke livereload` runs it
(``layar_build.preview.run_preview``), in a process of its own, on a tiny site:

* an edit reloads the open page with the new text, with no console error, no failed
  request and no CSP violation (the pages keep their strict policy);
* a broken file shows its problem in an overlay over the last good page (a dialog that
  takes the focus, hides with Escape, fits a phone's width), and fixing it brings the page
  back without it;
* an edit of a picture's sidecar rebuilds the page that shows it;
* a draft is shown only with ``--drafts``;
* saving an article moves an open page to that article, in the page's language."""
from __future__ import annotations

import json
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
    import json, sys
    from pathlib import Path
    from layar.languages import DEFAULT_LANGUAGE, LANGUAGES
    from layar_build import build
    from layar_build.preview import run_preview

    root, port = Path(sys.argv[1]), int(sys.argv[2])
    overrides = json.loads(sys.argv[3])
    run_preview(lambda **kw: build(root / "pelicanconf.py", root / "output",
                                   overrides=overrides, **kw),
                root / "output", root, "127.0.0.1", port, LANGUAGES, DEFAULT_LANGUAGE)
""")

DRAFT = (ARTICLE.replace("slug: sebuah-artikel", "slug: masih-draf")
         .replace("title: Sebuah artikel", "title: Artikel yang masih draf")
         .replace("date: 2025-10-22", "date: 2025-10-22\nstatus: draft"))
PICTURED = ARTICLE.replace("Paragraf kedua.", "Paragraf kedua.\n\n![](../media/pic.png)")
SIDECAR = "alt: A red square\ncredit: Layar\nlicense: CC0 1.0\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def start_preview(tmp_path):
    processes = []

    def start(files: dict, drafts: bool = False) -> tuple[TinySite, str]:
        site = TinySite(tmp_path / f"site{len(processes)}", files)
        port = _free_port()
        overrides = {"LAYAR_SEARCH_INDEX": False, "LAYAR_SHOW_DRAFTS": drafts,
                     "LAYAR_MEDIA_FORMATS": [], "LAYAR_MEDIA_CARDS": False}
        process = subprocess.Popen(
            [sys.executable, "-u", "-c", PREVIEW, str(site.root), str(port),
             json.dumps(overrides)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        processes.append(process)
        lines = []
        deadline = time.monotonic() + 120
        for line in process.stdout:
            lines.append(line)
            if line.startswith("Previewing at") or time.monotonic() > deadline:
                break
        assert any(l.startswith("Previewing at") for l in lines), "".join(lines)
        return site, f"http://127.0.0.1:{port}"

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


class Watched:
    """A page in a phone-sized context that notes every console message, page error,
    failed request and CSP violation."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 390, "height": 844})
        self.page = self.context.new_page()
        self.page.set_default_timeout(60000)
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"{m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        self.page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}")
                     if r.status >= 400 else None)

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser):
    one = Watched(browser)
    yield one
    one.close()


def test_an_edit_reloads_the_page_and_a_broken_file_shows_its_problem_over_it(
        start_preview, watched):
    site, url = start_preview({"content/articles/ok.md": ARTICLE})
    page = watched.page
    page.goto(url + "/en/articles/sebuah-artikel/", wait_until="load")
    assert "Paragraf pertama." in page.inner_text("main")
    # the reload script is external and same-origin: the page's own policy allows it
    assert page.locator('script[src^="/__layar__/reload.js"]').count() == 1
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'unsafe-inline'" not in policy and "script-src 'self'" in policy

    site.write({"content/articles/ok.md": ARTICLE.replace("Paragraf pertama.",
                                                          "Paragraf yang baru diubah.")})
    page.wait_for_function(
        "() => document.body.innerText.includes('Paragraf yang baru diubah.')")

    site.write({"content/articles/ok.md": ARTICLE.replace("date: 2025-10-22",
                                                          "date: kemarin")})
    overlay = page.locator("#layar-overlay")
    overlay.wait_for(state="visible")
    listed = overlay.locator("li").all_inner_texts()
    assert any(re.match(r"content/articles/ok\.md:5: error: 'date': 'kemarin'", item)
               for item in listed), listed
    assert "Build failed" in overlay.locator("h2").inner_text()
    # the last good page stays underneath
    assert page.locator("h1").first.inner_text() == "Sebuah artikel"
    assert "Paragraf yang baru diubah." in page.inner_text("main")
    # a dialog in the site's style that takes the focus, fits the phone, hides with Escape
    assert overlay.get_attribute("role") == "alertdialog"
    assert page.evaluate("() => document.getElementById('layar-overlay')"
                         ".contains(document.activeElement)")
    box = overlay.locator(".layar-overlay-box").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert page.evaluate("() => getComputedStyle(document.querySelector("
                         "'.layar-overlay-box')).position") != "" and page.evaluate(
        "() => getComputedStyle(document.querySelector('.layar-overlay')).position") == "fixed"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('layar-overlay')"
                         ".contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert overlay.count() == 0

    site.write({"content/articles/ok.md": ARTICLE})
    page.wait_for_function("() => document.body.innerText.includes('Paragraf pertama.')")
    assert page.locator("h1").inner_text() == "Sebuah artikel"
    assert page.locator("#layar-overlay").count() == 0
    assert not watched.problems, watched.problems


def test_an_open_page_shows_the_problems_of_a_build_that_failed_before_it_opened(
        start_preview, watched):
    site, url = start_preview({"content/articles/ok.md": ARTICLE})
    site.write({"content/articles/ok.md": ARTICLE.replace("date: 2025-10-22",
                                                          "date: kemarin")})
    page = watched.page
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait for the failed rebuild
        page.goto(url + "/nl/articles/sebuah-artikel/", wait_until="load")
        if page.locator("#layar-overlay").count():
            break
        time.sleep(0.3)
    assert "content/articles/ok.md:5: error:" in page.locator("#layar-overlay").inner_text()
    site.write({"content/articles/ok.md": ARTICLE})
    page.locator("#layar-overlay").wait_for(state="detached")
    assert not watched.problems, watched.problems


def test_a_sidecar_edit_rebuilds_the_page_that_shows_the_picture(start_preview, watched):
    site, url = start_preview({"content/articles/ok.md": PICTURED,
                               "content/media/pic.png": _png(),
                               "content/media/pic.yaml": SIDECAR})
    page = watched.page
    page.goto(url + "/en/articles/sebuah-artikel/", wait_until="load")
    assert page.locator("main img").first.get_attribute("alt") == "A red square"
    site.write({"content/media/pic.yaml": SIDECAR.replace("A red square", "A square, red")})
    page.wait_for_function("() => document.querySelector('main img') && "
                           "document.querySelector('main img').alt === 'A square, red'")
    assert not watched.problems, watched.problems


@pytest.mark.parametrize("drafts", [False, True], ids=["default", "drafts"])
def test_a_draft_is_shown_only_with_drafts(start_preview, watched, drafts):
    _site, url = start_preview({"content/articles/ok.md": ARTICLE,
                                "content/articles/draft.md": DRAFT}, drafts=drafts)
    page = watched.page
    response = page.goto(url + "/en/articles/masih-draf/", wait_until="load")
    if drafts:
        assert response.status == 200
        assert page.locator(".notice-unpublished").inner_text().startswith("Draft")
        assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
        assert not watched.problems, watched.problems
    else:
        assert response.status == 404
        assert page.locator(".notice-unpublished").count() == 0


def test_saving_an_article_opens_its_page_in_the_language_shown(start_preview, watched,
                                                                browser):
    site, url = start_preview({"content/articles/ok.md": ARTICLE})
    page = watched.page
    page.goto(url + "/nl/", wait_until="load")
    other = Watched(browser)
    try:
        other.page.goto(url + "/en/", wait_until="load")
        site.write({"content/articles/ok.md": ARTICLE.replace("Paragraf pertama.",
                                                              "Paragraf yang disimpan.")})
        page.wait_for_url(url + "/nl/articles/sebuah-artikel/")
        other.page.wait_for_url(url + "/en/articles/sebuah-artikel/")
        assert "Paragraf yang disimpan." in page.inner_text("main")
        # a save of something else (the settings) only reloads the open page
        page.goto(url + "/nl/", wait_until="load")
        with page.expect_event("load"):
            site.settings.write_text(site.settings.read_text() + "\n# saved\n")
        assert page.url == url + "/nl/"
        assert not watched.problems and not other.problems, watched.problems + other.problems
    finally:
        other.close()
