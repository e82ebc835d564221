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
sys.path.insert(0, str(ROOT / "plugins"))  # works before `pip install -e .` too

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


def _build(settings, output=None, keep=True):
    from layar.errors import BuildError, ChecksFailed
    from layar_build import build as run_build

    try:
        result = run_build(settings, output, keep=keep)
    except ChecksFailed as exc:
        _report(exc)
        errors = sum(p.is_error for p in exc.problems)
        raise Exit(f"Build failed: {errors} error(s). output/ was left as it was.", code=1)
    except BuildError as exc:
        raise Exit(f"Build failed: {exc}\noutput/ was left as it was.", code=1)
    _report(result)
    return result


@task
def clean(c):
    """Remove the generated site (output/)."""
    shutil.rmtree(CONFIG["deploy_path"], ignore_errors=True)


@task
def build(c):
    """Check everything, then build the site in id, nl and en into output/ (atomically)."""
    result = _build(CONFIG["settings_base"], CONFIG["deploy_path"])
    print(f"Built {result.pages} files into {result.output}")


@task
def rebuild(c):
    """Remove output/ and build from scratch."""
    clean(c)
    build(c)


@task
def check(c):
    """Validate content, topics, catalogs and links; report every problem as path:line."""
    result = _build(CONFIG["settings_base"], keep=False)
    print(f"Checked: {result.pages} pages would be built, "
          f"{len(result.warnings)} warning(s), no errors.")


@task
def serve(c, port=None):
    """Serve output/ on http://127.0.0.1:8000/ (search needs HTTP, not file://)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    port = int(port or CONFIG["port"])
    server = RootedHTTPServer(str(CONFIG["deploy_path"]), (CONFIG["host"], port),
                              ComplexHTTPRequestHandler)
    print(f"Serving output/ at http://{CONFIG['host']}:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task
def livereload(c, port=None):
    """Build, serve, and rebuild when content, theme, plugins or catalogs change."""
    from livereload import Server

    def rebuild_quietly():
        try:
            build(c)
        except Exit as exc:
            print(exc.message)

    rebuild_quietly()
    server = Server()
    for pattern in ("content/**/*.md", "theme/**/*", "plugins/**/*.py", "i18n/**/*.po",
                    "pelicanconf.py"):
        server.watch(str(ROOT / pattern), rebuild_quietly)
    server.serve(host=CONFIG["host"], port=int(port or CONFIG["port"]),
                 root=str(CONFIG["deploy_path"]))


@task
def publish(c):
    """Build with publishconf.py (absolute URLs from LAYAR_SITEURL)."""
    result = _build(CONFIG["settings_publish"], CONFIG["deploy_path"])
    print(f"Built {result.pages} files for publishing into {result.output}")


@task(iterable=["src"])
def ingest(c, src=None, out="content/articles", force=False):
    """Turn raw seed articles (seeds/ or --src PATH …) into content Markdown in --out."""
    from layar_ingest.cli import main

    argv = []
    for path in src or ["seeds"]:
        argv += ["--src", path]
    argv += ["--out", out, "--topics", "content/topics"]
    if force:
        argv.append("--force")
    code = main(argv)
    if code:
        raise Exit(code=code)


@task
def test(c, k=None, browser=True):
    """Install what the tests need (Debian chromium, npm tools) and run the whole suite."""
    if browser:
        _ensure_browser_tools(c)
    args = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
    if not browser:
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
    print(f"Golden output regenerated in {GOLDEN}; review the diff before committing.")


def _ensure_browser_tools(c):
    if not Path("/usr/bin/chromium").exists():
        sudo = "" if os.geteuid() == 0 else "sudo "
        c.run(f"{sudo}apt-get update -qq && {sudo}apt-get install -y -qq chromium", pty=False)
    if (ROOT / "package.json").exists() and not (ROOT / "node_modules").exists():
        c.run("npm ci --no-audit --no-fund", pty=False)


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
    from layar_i18n_tools import update_all

    for path in update_all(ROOT, CONFIG["languages"]):
        print(f"updated {path.relative_to(ROOT)}")


@task(name="compile")
def i18n_compile(c):
    """Compile every .po to .mo (the build does this too; .mo files are never committed)."""
    from layar_site.catalogs import compile_catalogs

    for path in compile_catalogs(CONFIG["i18n"], CONFIG["languages"]):
        print(f"compiled {path.relative_to(ROOT)}")


i18n = Collection("i18n")
i18n.add_task(i18n_extract)
i18n.add_task(i18n_update)
i18n.add_task(i18n_compile)

ns = Collection(clean, build, rebuild, check, serve, livereload, publish, ingest, test, golden)
ns.add_collection(i18n)
