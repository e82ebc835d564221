"""The editor's preview (`invoke livereload`): drafts and scheduled articles only on request,
with a banner and noindex; a reload script and an event stream served only by the
preview; the last good pages served while a rebuild failed, its problems in the state the
pages follow; a watch set made of what the build read; static-host answers.  (The same,
in Chromium: tests/browser/test_preview.py.)"""
from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from watchfiles import Change

from layar_build.preview import (EVENTS_URL, RELOAD_URL, STATE_URL, STYLE_URL, Preview,
                                 PreviewState, Watcher, WatchSet, empty_page, inject_reload,
                                 make_preview_server)

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
EPOCH_2026 = str(int(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc).timestamp()))
NOINDEX = '<meta name="robots" content="noindex">'


def _page(site, lang, *parts) -> str:
    return site.output.joinpath(lang, *parts, "index.html").read_text(encoding="utf-8")


@pytest.fixture
def unpublished(tiny_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    return tiny_site({"content/articles/ok.md": ARTICLE, "content/articles/draft.md": DRAFT,
                      "content/articles/later.md": LATER,
                      "content/topics/tools/sora-2.md": TOPIC,
                      "content/pages/wip.md": "---\ntitle: Work in progress\nslug: wip\n"
                                              "status: draft\n---\nText.\n"})


def test_drafts_and_scheduled_articles_with_a_banner_and_noindex_and_a_build_leaves_them_out(
        unpublished):
    site = unpublished
    from layar_build import build

    result = build(site.settings, site.output,
                   overrides=TASKS.preview_settings(drafts=True, future=True))
    assert "content/articles/draft.md: draft (shown, with a banner)" in result.drafts
    for lang, words in (("en", "Draft"), ("nl", "Concept"), ("id", "Draf")):
        page = _page(site, lang, "articles", "masih-draf")
        assert 'class="notice notice-unpublished" role="status"' in page
        assert f"<strong>{words}</strong>" in page
        assert NOINDEX in page
    assert "Scheduled for 2030-01-01" in _page(site, "en", "articles", "nanti")
    assert NOINDEX in _page(site, "en", "articles", "nanti")
    assert "Gepland voor 2030-01-01" in _page(site, "nl", "articles", "nanti")
    assert "notice-unpublished" in _page(site, "en", "wip")
    assert "notice-unpublished" in _page(site, "en", "tools", "sora-2")
    # a published page has no banner and stays indexed; the home page lists the draft
    published = _page(site, "en", "articles", "sebuah-artikel")
    assert "notice-unpublished" not in published and NOINDEX not in published
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


@pytest.mark.parametrize("drafts, future", [(False, False), (True, False), (False, True)])
def test_drafts_and_scheduled_articles_only_on_request(unpublished, drafts, future):
    site = unpublished
    from layar_build import build

    build(site.settings, site.output, overrides=TASKS.preview_settings(drafts, future))
    en = site.output / "en"
    assert (en / "articles" / "masih-draf").exists() == drafts
    assert (en / "wip").exists() == drafts
    assert (en / "tools" / "sora-2").exists() == drafts
    assert (en / "articles" / "nanti").exists() == future
    assert (en / "articles" / "sebuah-artikel" / "index.html").exists()


def test_the_reload_script_goes_before_the_last_body_end():
    page = b"<html><body><p>x</p><script>'</body>'</script></body>\n</html>"
    out = inject_reload(page, "b1.7")
    assert out.endswith(b'<script src="/__layar__/reload.js?build=b1.7" defer></script>'
                        b"</body>\n</html>")
    assert out.count(b"reload.js") == 1
    assert inject_reload(b"<p>fragment</p>", "b1.1").endswith(b"defer></script>")


def test_the_page_before_any_build_is_under_a_strict_policy_with_nothing_inline():
    page = empty_page("b.0").decode()
    assert "script-src 'self'" in page and "unsafe-inline" not in page
    assert "reload.js?build=b.0" in page and "<style" not in page and "style=" not in page


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
    (tmp_path / "en" / "articles").mkdir(parents=True)
    (tmp_path / "en" / "about" / "index.html").write_text(
        "<!DOCTYPE html><html><body><p>About</p></body></html>")
    (tmp_path / "en" / "404.html").write_text("<!DOCTYPE html><html><body>Not here</body></html>")
    (tmp_path / "site.css").write_text("body{}")
    state = PreviewState()
    state.finished()
    one = _Served(tmp_path, state)
    yield one, state
    state.close()
    one.close()


def test_the_preview_server_adds_its_script_and_answers_its_own_urls(served):
    one, state = served
    build = state.build
    status, kind, body = one.get("/en/about/")
    assert status == 200 and kind.startswith("text/html")
    assert body.endswith(f'<script src="/__layar__/reload.js?build={build}" defer></script>'
                         f"</body></html>".encode())
    status, kind, body = one.get(RELOAD_URL + "?build=" + build)
    assert status == 200 and kind.startswith("text/javascript")
    assert b"EventSource" in body and b"location.reload()" in body
    assert b"innerHTML" not in body and b".style" not in body  # DOM API, classes only
    status, kind, body = one.get(STYLE_URL)
    assert status == 200 and kind.startswith("text/css") and b".layar-overlay" in body
    status, kind, body = one.get(STATE_URL)
    assert json.loads(body)["ok"] is True and json.loads(body)["build"] == build
    status, _kind, body = one.get("/en/nowhere/")  # the language's 404 page, with the script
    assert status == 404 and b"Not here" in body and b"reload.js" in body
    status, _kind, body = one.get("/en/articles/")  # a folder is never listed
    assert status == 404 and b"Not here" in body and b"Directory listing" not in body
    assert one.get("/site.css")[2] == b"body{}"  # assets as they are


def _events(url: str, count: int, timeout: float = 10) -> list[dict]:
    """The first ``count`` messages of the event stream at ``url``."""
    found: list[dict] = []
    with urllib.request.urlopen(url, timeout=timeout) as response:
        assert response.headers["Content-Type"].startswith("text/event-stream")
        for raw in response:
            line = raw.decode().rstrip("\n")
            if line.startswith("data: "):
                found.append(json.loads(line[6:]))
                if len(found) == count:
                    return found
    return found


def test_the_event_stream_sends_the_state_at_once_and_after_each_build(served):
    one, state = served
    first = state.build
    got: list[list[dict]] = []
    reader = threading.Thread(target=lambda: got.append(_events(one.url + EVENTS_URL, 3)))
    reader.start()
    time.sleep(0.5)
    state.started()
    state.finished([{"text": "content/articles/x.md:4: error: bad date", "path": None,
                     "line": None, "severity": "error"}])
    time.sleep(0.3)
    state.started()
    state.finished(navigate={"en": "/en/articles/x/"})
    reader.join(timeout=10)
    (now, failed, good), = got
    assert now == {"build": first, "ok": True, "problems": [], "navigate": {}}
    # a failed build keeps the page's build: the page stays and shows the problems
    assert failed["build"] == first and failed["ok"] is False
    assert failed["problems"][0]["text"] == "content/articles/x.md:4: error: bad date"
    assert good["build"] != first and good["ok"] is True
    assert good["navigate"] == {"en": "/en/articles/x/"}


def test_while_the_last_build_failed_the_last_good_pages_are_served(served):
    one, state = served
    build = state.build
    state.finished([{"text": "content/articles/x.md:4: error: date 'kemarin' is not a date",
                     "path": None, "line": None, "severity": "error"}])
    status, _kind, body = one.get("/en/about/")
    assert status == 200 and b"<p>About</p>" in body and f"build={build}".encode() in body
    snapshot = json.loads(one.get(STATE_URL)[2])
    assert snapshot["ok"] is False and "kemarin" in snapshot["problems"][0]["text"]


def test_before_any_good_build_a_page_to_show_problems_on(tmp_path):
    state = PreviewState()
    state.finished([{"text": "x", "path": None, "line": None, "severity": "error"}])
    one = _Served(tmp_path / "output", state)
    try:
        status, _kind, body = one.get("/en/articles/x/")
        assert status == 404 and b"No build yet" in body and b"reload.js?build=" in body
    finally:
        state.close()
        one.close()


def _preview(site, **kwargs) -> tuple[Preview, list[str]]:
    from layar_build import build

    lines: list[str] = []
    return Preview(lambda **kw: build(site.settings, site.output,
                                      overrides=TASKS.preview_settings(), **kw),
                   report=lines.append, settings_file=site.settings, **kwargs), lines


def test_a_rebuild_records_every_problem_and_the_next_good_one_clears_them(tiny_site):
    site = tiny_site({"content/articles/ok.md": ARTICLE})
    preview, lines = _preview(site)
    assert preview.rebuild() and preview.state.snapshot()["ok"]
    build = preview.state.build
    broken = (ARTICLE.replace("date: 2025-10-22", "date: kemarin\ntopics: {tools: [nope]}")
              .replace("Paragraf kedua.", "Paragraf kedua.\n\n<script>alert(1)</script>"))
    site.write({"content/articles/ok.md": broken})
    assert not preview.rebuild()
    state = preview.state.snapshot()
    assert state["generation"] == 2 and not state["ok"] and state["build"] == build
    problems = [p["text"] for p in state["problems"]
                if p["text"].startswith("content/articles/ok.md:")]
    # every problem of the file, the body's too although its front-matter is invalid
    assert any(p.startswith("content/articles/ok.md:5: error: 'date': 'kemarin'")
               for p in problems), problems
    assert any("raw HTML <script> is not allowed" in p for p in problems), problems
    assert any("nope" in p for p in problems), problems
    assert lines[-1].startswith("Build failed:")
    assert (site.output / "en" / "articles" / "sebuah-artikel" / "index.html").exists()
    site.write({"content/articles/ok.md": ARTICLE})
    assert preview.rebuild()
    state = preview.state.snapshot()
    assert state["ok"] and state["problems"] == [] and state["build"] != build


def test_the_watch_set_is_what_the_build_read(tiny_site):
    from PIL import Image

    site = tiny_site({"content/articles/ok.md": ARTICLE,
                      "content/media/pic.yaml": "alt: A picture\ncredit: Layar\nlicense: CC0 1.0\n"})
    Image.new("RGB", (64, 48), (200, 80, 40)).save(site.root / "content" / "media" / "pic.png")
    preview, _lines = _preview(site)
    assert preview.rebuild(), _lines
    real = lambda rel: os.path.realpath(site.root / rel)  # noqa: E731
    watching = preview.watching
    for rel in ("content/articles/ok.md", "content/pages/home.md", "pelicanconf.py",
                "content/media/pic.png", "content/media/pic.yaml",
                "i18n/nl/LC_MESSAGES/messages.po"):
        assert real(rel) in watching, rel
    theme = Path(__file__).resolve().parents[2] / "theme"
    assert os.path.realpath(theme / "templates" / "article.html") in watching
    assert os.path.realpath(theme / "static" / "css" / "site.css") in watching
    assert not any("/output/" in path for path in watching)
    assert any(path.endswith("/layar_site") for path in preview.code)

    sorter = WatchSet(preview, (real("content"), real("i18n")), real("pelicanconf.py"))
    unread = site.root / "content" / "notes.txt"
    unread.write_text("not a source")
    rebuild, code = sorter.sort({(Change.modified, str(unread)),
                                 (Change.modified, real("content/.ok.md.swp"))})
    assert (rebuild, code) == ([], [])  # nothing the build read
    rebuild, code = sorter.sort({(Change.modified, real("content/media/pic.yaml"))})
    assert rebuild == [real("content/media/pic.yaml")] and code == []
    new = site.root / "content" / "articles" / "new.md"
    new.write_text(ARTICLE)
    assert sorter.sort({(Change.added, str(new))})[0] == [real("content/articles/new.md")]
    assert real("content/articles/new.md") in preview.watching  # and its next edits
    module = next(iter(preview.code)) + "/__init__.py"
    assert sorter.sort({(Change.modified, module)}) == ([], [module])


def test_a_saved_source_names_its_pages_for_the_open_pages(tiny_site):
    site = tiny_site({"content/articles/ok.md": ARTICLE})
    preview, _lines = _preview(site)
    assert preview.rebuild([str(site.root / "content/articles/ok.md")])
    assert preview.state.snapshot()["navigate"] == {
        lang: f"/{lang}/articles/sebuah-artikel/" for lang in ("id", "nl", "en")}
    assert preview.rebuild([str(site.root / "pelicanconf.py")])
    assert preview.state.snapshot()["navigate"] == {}
    off, _lines = _preview(site, navigate=False)
    assert off.rebuild([str(site.root / "content/articles/ok.md")])
    assert off.state.snapshot()["navigate"] == {}


def test_the_watcher_reports_a_saved_file(tmp_path):
    (tmp_path / "content").mkdir()
    source = tmp_path / "content" / "a.md"
    source.write_text("one")
    watcher = Watcher([tmp_path / "content"], top=tmp_path).start()
    try:
        source.write_text("two, longer")
        (tmp_path / "pelicanconf.py").write_text("X = 1\n")
        found: set = set()
        deadline = time.monotonic() + 10
        wanted = {str(source.resolve()), str((tmp_path / "pelicanconf.py").resolve())}
        while not wanted <= {path for _change, path in found} and time.monotonic() < deadline:
            found |= watcher.next(timeout=0.5)
        assert wanted <= {path for _change, path in found}, found
    finally:
        watcher.stop()
