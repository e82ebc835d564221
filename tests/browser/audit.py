"""``invoke audit``: page weight per page type, measured in Chromium, and Lighthouse scores.

A report, not a test: it prints two tables and exits 0 unless a tool fails to run.

* Budgets: for one page of every page type in every language, what the browser fetched:
  HTML, CSS and JS bytes (as transferred, uncompressed here: the test server does not
  compress) and the number of requests.  The search page is measured with a query, so the
  Pagefind script, WebAssembly and index chunks are counted.
* Lighthouse (npm ``lighthouse``, mobile settings, Debian chromium): performance,
  accessibility, best practices and SEO of the home, article, topic and hub pages.

Run ``python -m tests.browser.audit --help`` for the options.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for _part in ("lib", "pelican", "tools"):  # plugins/: library, Pelican plugins, tools
    sys.path.insert(0, str(ROOT / "plugins" / _part))
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SiteServer  # noqa: E402
from tests.browser.site_facts import sample_pages  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_TYPES = ("home", "article", "topic", "hub")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGET = {"css": 15 * 1024}


def _kind(resource_type: str, url: str) -> str:
    if resource_type == "document":
        return "html"
    if resource_type == "stylesheet":
        return "css"
    if resource_type == "script" or url.split("?")[0].endswith((".js", ".pagefind", ".pf_meta")) \
            or "/pagefind/" in url:
        return "js"
    return "other"


def measure(server: SiteServer, pages: dict[str, list[str]]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for kind, paths in pages.items():
            for path in paths:
                context = browser.new_context(viewport={"width": 390, "height": 844})
                page = context.new_page()
                fetched: list[tuple[str, int]] = []

                def done(request, fetched=fetched):
                    response = request.response()
                    ok = response and (response.status < 300 or request.resource_type == "document")
                    size = len(response.body()) if ok else 0
                    fetched.append((_kind(request.resource_type, request.url), size))

                page.on("requestfinished", done)
                url = server.url + path + ("?q=Eternaut" if kind == "search" else "")
                page.goto(url, wait_until="networkidle")
                if kind == "search":
                    page.locator("#search-results h2 a").first.wait_for()
                    page.wait_for_load_state("networkidle")
                context.close()
                row = {"type": kind, "path": path, "requests": len(fetched)}
                for k in ("html", "css", "js", "other"):
                    row[k] = sum(size for kind_, size in fetched if kind_ == k)
                rows.append(row)
        browser.close()
    return rows


def lighthouse(server: SiteServer, pages: dict[str, list[str]], out: Path) -> list[dict]:
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    flags = "--headless --no-sandbox --disable-gpu --disable-background-networking " \
            "--disable-component-update --disable-sync"
    rows = []
    for kind in LIGHTHOUSE_TYPES:
        for path in pages.get(kind, []):
            report = out / (path.strip("/").replace("/", "_") + ".json")
            cmd = [str(LIGHTHOUSE), server.url + path, "--output=json", f"--output-path={report}",
                   f"--chrome-flags={flags}", "--quiet",
                   "--only-categories=" + ",".join(CATEGORIES)]
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
            if done.returncode != 0 or not report.exists():
                rows.append({"type": kind, "path": path, "error": done.stderr.strip()[-300:]})
                continue
            data = json.loads(report.read_text())
            row = {"type": kind, "path": path}
            for cat in CATEGORIES:
                score = data["categories"][cat]["score"]
                row[cat] = None if score is None else round(score * 100)
            row["failed"] = sorted(
                a for cat in CATEGORIES for ref in data["categories"][cat]["auditRefs"]
                if ref["weight"] > 0 for a in [ref["id"]]
                if (data["audits"][a]["score"] is not None and data["audits"][a]["score"] < 1
                    and cat != "performance"))
            metrics = data["audits"]
            row["lcp"] = metrics["largest-contentful-paint"]["numericValue"] / 1000
            row["cls"] = metrics["cumulative-layout-shift"]["numericValue"]
            rows.append(row)
    return rows


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) if i == 0 or i == 1 else c.rjust(w)
                       for i, (c, w) in enumerate(zip(r, widths))) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default=str(ROOT / "output"), help="built site (default output/)")
    parser.add_argument("--no-lighthouse", action="store_true", help="page weight only")
    args = parser.parse_args(argv)
    site = Path(args.site).resolve()
    if not (site / "index.html").exists():
        print(f"{site} holds no built site: run `invoke build` first", file=sys.stderr)
        return 2
    pages = sample_pages(site)
    # Lighthouse's image audits need a picture: audit an article with one where there is.
    pictured = [p for p in (f"/{path.relative_to(site).parent.as_posix()}/"
                            for path in sorted(site.glob("*/articles/*/index.html")))
                if "<picture" in (site / p.strip("/") / "index.html").read_text("utf-8")]
    by_lang = {p.split("/")[1]: p for p in reversed(pictured)}
    if by_lang:
        pages["article"] = [by_lang.get(p.split("/")[1], p) for p in pages.get("article", [])]
    with SiteServer(site) as server:
        weights = measure(server, pages)
        print("Page weight per page type (one page per language; bytes as fetched, uncompressed)")
        print(table(["type", "page", "HTML", "CSS", "JS", "other", "requests"],
                    [[r["type"], r["path"][:48], r["html"], r["css"], r["js"], r["other"],
                      r["requests"]] for r in weights]))
        over = [r for r in weights if r["css"] > BUDGET["css"]]
        print(f"\nCSS budget {BUDGET['css']} bytes: " + ("exceeded on " + ", ".join(
            r["path"] for r in over) if over else "met on every page"))
        no_js = [r["path"] for r in weights if r["type"] != "search" and r["js"]]
        print("JavaScript outside the search page: " + (", ".join(no_js) if no_js else "none"))
        if args.no_lighthouse:
            return 0
        if not LIGHTHOUSE.exists():
            print(f"\n{LIGHTHOUSE} is missing: run `npm ci`", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory(prefix="layar-lighthouse-") as tmp:
            scores = lighthouse(server, pages, Path(tmp))
    print("\nLighthouse (mobile, simulated throttling)")
    print(table(["type", "page", "perf", "a11y", "best-pr", "seo", "LCP s", "CLS", "not 100 because"],
                [[r["type"], r["path"][:48], *(r.get(c, "-") for c in CATEGORIES),
                  f"{r['lcp']:.2f}" if "lcp" in r else "-",
                  f"{r['cls']:.3f}" if "cls" in r else "-",
                  r.get("error") or ", ".join(r.get("failed", [])) or ""] for r in scores]))
    return 1 if any("error" in r for r in scores) else 0


if __name__ == "__main__":
    sys.exit(main())
