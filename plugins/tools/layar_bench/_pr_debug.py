"""``preview_reload_s``: from saving a file to the open page's ``load`` event, in Chromium.

The preview runs as ``invoke livereload`` runs it (``layar_build.preview.run_preview``, in
a process of its own, no search index) on the benchmark project, with a copy of the
repository's theme inside the project (so a template can be edited without touching the
repository).  Debian's Chromium (Playwright, ``/usr/bin/chromium``) opens an article's page,
then, for each edit, the file is written and the time is taken from just before the write
to the page's ``load`` event (``performance.timeOrigin + loadEventEnd``: the same clock):

* **body**: the open article's first paragraph grows (``corpus.edit_file``), ``edits``
  times; ``preview_reload_s`` is the median;
* **template**: a comment is added to ``article.html`` (every article page is made again);
* **catalog**: the translation of one unit of the open article changes in the catalog of
  the language the page shows.

Figures are printed, never asserted.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .build_once import ROOT

CHROMIUM = Path(os.environ.get("LAYAR_CHROMIUM", "/usr/bin/chromium"))

SCRIPT = """\
import json, sys
from pathlib import Path
from layar.languages import DEFAULT_LANGUAGE, LANGUAGES
from layar_bench.build_once import ROOT, overrides
from layar_build import build
from layar_build.preview import run_preview

project, output, port = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
workers = json.loads(sys.argv[4])
settings = overrides(project, workers=workers, preview=True)
settings["THEME"] = str(project / "theme")
run_preview(lambda **kw: build(ROOT / "pelicanconf.py", output, overrides=settings, **kw),
            output, project, "127.0.0.1", port, LANGUAGES, DEFAULT_LANGUAGE,
            paths=[project / "content", project / "i18n", project / "theme"])
"""

_LOADED = ("() => { const n = performance.getEntriesByType('navigation')[0];"
           " return (performance.timeOrigin + Math.max(n.loadEventEnd, n.loadEventStart))"
           " / 1000; }")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _edit_template(theme: Path, n: int) -> Path:
    path = theme / "templates" / "article.html"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"{{# preview reload benchmark: edit {n} #}}\n")
    return path


def _po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _edit_catalog(catalog: Path, msgid: str, n: int) -> Path:
    text = catalog.read_text(encoding="utf-8")
    pattern = re.compile(r'(msgid "' + re.escape(_po_escape(msgid)) + r'"\nmsgstr ")(.*)(")')
    text, count = pattern.subn(lambda m: m.group(1) + m.group(2) + f" Edit {n}." + m.group(3),
                               text, count=1)
    if count != 1:
        raise RuntimeError(f"no entry for the unit in {catalog}")
    with open(catalog, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return catalog


def measure_preview_reload(corpus, env: dict, workers: int | None = None, edits: int = 6,
                           others: int = 1, out=print) -> dict:
    """Start the preview on ``corpus``, open one article's page in Chromium and time each
    save until the page has loaded again (see the module docstring)."""
    project = Path(corpus.folder)
    theme = project / "theme"
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(ROOT / "theme", theme)
    output = project / "output"  # the benchmark's last preview build: a warm start
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-u", "-c", SCRIPT, str(project), str(output), str(port),
         json.dumps(workers)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=env)
    lines: list[str] = []
    try:
        started = time.perf_counter()
        for line in process.stdout:
            lines.append(line)
            if line.startswith("Previewing at"):
                break
        else:
            raise RuntimeError("the preview did not start:\n" + "".join(lines[-30:]))
        first_s = time.perf_counter() - started
        # what the preview prints from now on is kept (a full pipe would stop it)
        import threading

        threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
        article = corpus.articles[len(corpus.articles) // 4]
        lang = next(l for l in ("en", "nl", "id") if l != article.lang)
        url = f"http://127.0.0.1:{port}/{lang}/articles/{article.slug}/"
        body_path = corpus.article_path(article)
        catalog = project / "i18n" / lang / "LC_MESSAGES" / "content.po"
        unit = article.units[-1]
        from playwright.sync_api import sync_playwright

        from .corpus import edit_file

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM),
                                         args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page()
                page.set_default_timeout(300_000)
                page.goto(url, wait_until="load")
                mark = "Edited for the warm rebuild benchmark"
                before = page.inner_text("main").count(mark)

                def timed(edit) -> float:
                    try:
                        with page.expect_event("load", timeout=300_000):
                            saved = time.time()
                            edit()
                    except Exception as exc:
                        raise RuntimeError(f"no reload after an edit ({exc}); the preview "
                                           f"said:\n" + "".join(lines[-30:])) from None
                    nav = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0]; return [performance.timeOrigin/1000, n.responseStart/1000, n.domContentLoadedEventEnd/1000, n.loadEventEnd/1000]; }")
                    print("origin-saved %.3f resp %.3f dcl %.3f load %.3f" % (nav[0]-saved, nav[1], nav[2], nav[3]), flush=True)
                    return page.evaluate(_LOADED) - saved

                body = [timed(lambda: edit_file(body_path)) for _ in range(edits)]
                shown = page.inner_text("main").count(mark) - before
                if shown != edits:  # the page must show what was saved
                    raise RuntimeError(f"the page shows {shown} of {edits} edits")
                template = [timed(lambda i=i: _edit_template(theme, i)) for i in range(others)]
                catalog_s = [timed(lambda i=i: _edit_catalog(catalog, unit, i))
                             for i in range(others)]
                if f"Edit {others - 1}." not in page.inner_text("main"):
                    raise RuntimeError("the page does not show the catalog's edit")
            finally:
                browser.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    print("".join(l for l in lines if "Built" in l or "rendered" in l)[-3000:])
    result = {
        "preview_reload_s": round(statistics.median(body), 3),
        "preview_reload_runs_s": [round(s, 3) for s in body],
        "preview_reload_template_s": round(statistics.median(template), 3),
        "preview_reload_catalog_s": round(statistics.median(catalog_s), 3),
        "preview_first_build_s": round(first_s, 2),
    }
    out(f"preview reload (save -> open page loaded, Chromium, {edits} one-article body "
        f"edits): median {result['preview_reload_s']:.3f} s "
        f"(min {min(body):.3f}, max {max(body):.3f}); template edit "
        f"{result['preview_reload_template_s']:.3f} s, catalog-entry edit "
        f"{result['preview_reload_catalog_s']:.3f} s (medians of {others})")
    return result
