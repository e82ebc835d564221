"""The editor's preview (`invoke livereload`): drafts shown with a banner, a reload script
served only by the preview, and every problem of a failed rebuild shown in place of the
page.  (The same, in Chromium: tests/browser/test_preview.py.)"""
from __future__ import annotations

import datetime as dt
import json
import threading
import time
import urllib.error
import urllib.request

import pytest

from layar_build.preview import (RELOAD_URL, STATE_URL, Preview, PreviewState, Watcher,
                                 error_page, inject_reload, make_preview_server)

from .conftest import ARTICLE, TASKS

DRAFT = (ARTICLE.replace("slug: sebuah-artikel", "slug: masih-draf")
         .replace("title: Sebuah artikel", "title: Artikel yang masih draf")
         .replace("date: 2025-10-22", "date: 2025-10-22\nstatus: draft"))
LATER = (ARTICLE.replace("slug: sebuah-artikel", "slug: nanti")
         .replace("title: Sebuah artikel", "title: Artikel terjadwal")
         .replace("date: 2025-10-22", "date: 2030-01-01"))
TOPIC = """\
---
id: sora-2
kind: tools
name: Sora 2
summary: A video model.
status: draft
---
Sora 2 is a video model.
"""


def _page(site, lang, *parts) -> str:
    return site.output.joinpath(lang, *parts, "index.html").read_text(encoding="utf-8")


def test_the_preview_builds_drafts_with_a_banner_and_a_build_leaves_them_out(
        tiny_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH",
                       str(int(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc).timestamp())))
    site = tiny_site({"content/articles/ok.md": ARTICLE, "content/articles/draft.md": DRAFT,
                      "content/articles/later.md": LATER,
                      "content/topics/tools/sora-2.md": TOPIC,
                      "content/pages/wip.md": "---\ntitle: Work in progress\nslug: wip\n"
                                              "status: draft\n---\nText.\n"})
    from layar_build import build

    result = build(site.settings, site.output, overrides=TASKS.PREVIEW)
    assert "content/articles/draft.md: draft (shown, with a banner)" in result.drafts
    for lang, words in (("en", "Draft"), ("nl", "Concept"), ("id", "Draf")):
        page = _page(site, lang, "articles", "masih-draf")
        assert 'class="notice notice-unpublished" role="status"' in page
        assert f"<strong>{words}</strong>" in page
    assert "Scheduled for 2030-01-01" in _page(site, "en", "articles", "nanti")
    assert "Gepland voor 2030-01-01" in _page(site, "nl", "articles", "nanti")
    assert "notice-unpublished" in _page(site, "en", "wip")
    assert "notice-unpublished" in _page(site, "en", "tools", "sora-2")
    # a published page has no banner, and the home page lists the draft like any article
    assert "notice-unpublished" not in _page(site, "en", "articles", "sebuah-artikel")
    assert "Artikel yang masih draf" in (site.output / "en" / "index.html").read_text()

    # `invoke build` into the same output/: every draft page is gone again
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]
    for parts in (("articles", "masih-draf"), ("articles", "nanti"), ("wip",),
                  ("tools", "sora-2")):
        assert not site.output.joinpath("en", *parts).exists(), parts
    assert "Artikel yang masih draf" not in (site.output / "en" / "index.html").read_text()
    everything = "".join(p.read_text(errors="replace") for p in site.output.rglob("*.html"))
    assert "notice-unpublished" not in everything and RELOAD_URL not in everything


def test_the_reload_script_goes_before_the_last_body_end():
    page = b"<html><body><p>x</p><script>'</body>'</script></body>\n</html>"
    out = inject_reload(page, 7)
    assert out.endswith(b'<script src="/__layar__/reload.js?generation=7" defer></script>'
                        b"</body>\n</html>")
    assert out.count(b"reload.js") == 1
    assert inject_reload(b"<p>fragment</p>", 1).endswith(b"defer></script>")


def test_the_error_page_lists_every_problem_escaped_under_a_strict_policy():
    page = error_page(["content/articles/x.md:3: error: bad <date>",
                       "content/articles/y.md:9: error: unknown topic 'z'"], 4).decode()
    assert "script-src 'self'" in page and "unsafe-inline" not in page
    assert page.count("<li><code>") == 2
    assert "content/articles/x.md:3: error: bad &lt;date&gt;" in page
    assert "reload.js?generation=4" in page and "<style" not in page


class _Served:
    def __init__(self, folder, state):
        self.server = make_preview_server(folder, "127.0.0.1", 0, ("id", "nl", "en"), "id",
                                          state)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def get(self, path):
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers["Content-Type"], exc.read()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def served(tmp_path):
    (tmp_path / "en" / "about").mkdir(parents=True)
    (tmp_path / "en" / "about" / "index.html").write_text(
        "<!DOCTYPE html><html><body><p>About</p></body></html>")
    (tmp_path / "en" / "404.html").write_text("<!DOCTYPE html><html><body>Not here</body></html>")
    (tmp_path / "site.css").write_text("body{}")
    state = PreviewState()
    state.finished()
    one = _Served(tmp_path, state)
    yield one, state
    one.close()


def test_the_preview_server_adds_its_script_and_answers_its_own_urls(served):
    one, state = served
    status, kind, body = one.get("/en/about/")
    assert status == 200 and kind.startswith("text/html")
    assert body.endswith(b'<script src="/__layar__/reload.js?generation=1" defer></script>'
                         b"</body></html>")
    status, kind, body = one.get(RELOAD_URL + "?generation=1")
    assert status == 200 and kind.startswith("text/javascript") and b"location.reload()" in body
    status, kind, body = one.get(STATE_URL)
    assert json.loads(body) == {"generation": 1, "ok": True, "building": False, "problems": []}
    status, _kind, body = one.get("/en/nowhere/")  # the language's 404 page, with the script
    assert status == 404 and b"Not here" in body and b"reload.js" in body
    assert one.get("/site.css")[2] == b"body{}"  # assets as they are


def test_while_the_last_build_failed_every_page_shows_its_problems(served):
    one, state = served
    state.finished(["content/articles/x.md:4: error: date 'kemarin' is not a date"])
    status, _kind, body = one.get("/en/about/")
    assert status == 500 and b"Build failed" in body
    assert b"content/articles/x.md:4: error: date &#x27;kemarin&#x27; is not a date" in body
    assert b"generation=2" in body
    assert one.get("/site.css")[0] == 200  # assets are still served
    assert json.loads(one.get(STATE_URL)[2])["ok"] is False
    state.finished()
    status, _kind, body = one.get("/en/about/")
    assert status == 200 and b"<p>About</p>" in body and b"generation=3" in body


def test_a_rebuild_records_every_problem_and_the_next_good_one_clears_them(tiny_site):
    site = tiny_site({"content/articles/ok.md": ARTICLE})
    from layar_build import build

    lines: list[str] = []
    preview = Preview(lambda: build(site.settings, site.output, overrides=TASKS.PREVIEW),
                      report=lines.append)
    assert preview.rebuild() and preview.state.snapshot()["ok"]
    broken = (ARTICLE.replace("date: 2025-10-22", "date: kemarin\ntopics: {tools: [nope]}")
              .replace("Paragraf kedua.", "Paragraf kedua.\n\n<script>alert(1)</script>"))
    site.write({"content/articles/ok.md": broken})
    assert not preview.rebuild()
    state = preview.state.snapshot()
    assert state["generation"] == 2 and not state["ok"]
    problems = [p for p in state["problems"] if p.startswith("content/articles/ok.md:")]
    # every problem of the file, the body's too although its front-matter is invalid
    assert any(p.startswith("content/articles/ok.md:5: error: 'date': 'kemarin'")
               for p in problems), problems
    assert any("raw HTML <script> is not allowed" in p for p in problems), problems
    assert any("nope" in p for p in problems), problems
    assert lines[-1].startswith("Build failed:")
    assert (site.output / "en" / "articles" / "sebuah-artikel" / "index.html").exists()
    site.write({"content/articles/ok.md": ARTICLE})
    assert preview.rebuild()
    assert preview.state.snapshot() == {"generation": 3, "ok": True, "building": False,
                                        "problems": []}


def test_the_watcher_rebuilds_once_a_change_has_settled(tmp_path):
    (tmp_path / "content").mkdir()
    source = tmp_path / "content" / "a.md"
    source.write_text("one")
    calls = []
    watcher = Watcher([tmp_path / "content"], lambda: calls.append(time.monotonic()),
                      interval=0.05, settle=0.05).start()
    try:
        (tmp_path / "content" / ".a.md.swp").write_text("editor's backup")  # ignored
        time.sleep(0.4)
        assert calls == []
        source.write_text("two, longer")
        deadline = time.monotonic() + 5
        while not calls and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(calls) == 1
    finally:
        watcher.stop()
