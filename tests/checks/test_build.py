"""The build itself: strict, checked, atomic under failure, reproducible, and `invoke check`
reports every problem of a run, sorted by path and line."""
from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from layar.errors import BuildError
from layar_build import build as layar_build
from layar_build.pipeline import _swap
from layar_site import signals
from layar_site.outputs import OutputFolder

from .conftest import ARTICLE, ROOT, TinySite
from .test_frontmatter import article
from .test_markup import with_body


# -- every problem, sorted --------------------------------------------------------------
def test_check_reports_every_problem_of_every_file_sorted(built_tiny_site):
    site, before = built_tiny_site({
        "content/articles/z-last.md": article(lang="xx", date="2024", titel="x"),
        "content/articles/a-first.md": with_body("Teks <script>x</script> [a](/id/nope/)\x07\n"),
        "content/articles/m-never-closed.md": "---\ntitle: x\n",
        "content/pages/about.md": "---\ntitle: About\nslug: about\n---\n[x](javascript:alert(1))\n",
    })
    outcome = site.run("check")
    assert outcome.code == 1
    assert outcome.errors == [
        "content/articles/a-first.md:8: error: broken link: '/id/nope/' leads to /id/nope/, "
        "where there is no page or file",
        "content/articles/a-first.md:8: error: column 39: control character U+0007 BEL is not "
        "allowed (it is invisible and breaks the page); delete it",
        "content/articles/a-first.md:8: error: raw HTML <script> is not allowed; use Markdown, "
        "or one of the tags listed under 'Raw HTML' in CONTRIBUTING.md",
        "content/articles/m-never-closed.md:1: error: front-matter opened with '---' is never closed",
        "content/articles/z-last.md:4: error: 'lang' must be one of id, nl, en, got 'xx'",
        "content/articles/z-last.md:5: error: 'date': '2024' is only a year; write a full date "
        "like 2024-10-22",
        "content/articles/z-last.md:7: error: unknown key 'titel' (did you mean 'title'?)",
        "content/pages/about.md:5: error: link: 'javascript:' URLs are not allowed "
        "('javascript:alert(1)'); links may only be http, https, mailto or relative",
    ]
    assert outcome.message == "Check failed: 8 error(s), 4 warning(s). output/ was not touched."
    assert site.snapshot("output") == before


def _outside_cache(snapshot: dict[str, bytes]) -> dict[str, bytes]:
    """Everything but the persistent build cache (``LAYAR_CACHE_DIR``, .cache/layar)."""
    return {k: v for k, v in snapshot.items() if not k.startswith(".cache")}


def test_check_never_touches_output(built_tiny_site):
    site, before = built_tiny_site({"content/articles/new.md": with_body("Baru.\n")})
    whole = site.snapshot()
    outcome = site.run("check")
    assert outcome.code == 0, outcome.lines
    assert _outside_cache(site.snapshot()) == _outside_cache(whole)  # output/ included
    assert site.snapshot("output") == before


# -- strict -----------------------------------------------------------------------------
@pytest.fixture
def logs_a_warning():
    def receiver(site):
        logging.getLogger("pelican.generators").warning("Skipping %s: broken", "x.md")
    signals.site_loaded.connect(receiver)
    yield
    signals.site_loaded.disconnect(receiver)


def test_any_pelican_warning_fails_the_build(built_tiny_site, logs_a_warning):
    site, before = built_tiny_site()
    outcome = site.run("build")
    assert outcome.code == 1
    assert "Pelican reported problems (Layar builds are strict)" in outcome.message
    assert "warning: pelican.generators: Skipping x.md: broken" in outcome.message
    assert site.snapshot("output") == before


def test_the_checks_run_in_a_build_without_any_plugin(built_tiny_site):
    """The checks are a stage of the build, not a plugin: no setting leaves them out."""
    linked = ARTICLE.replace("Paragraf pertama.", "Paragraf pertama, [x](/id/nope/).")
    site, before = built_tiny_site({"content/articles/ok.md": linked})
    conf = (site.root / "pelicanconf.py").read_text()
    site.write({"pelicanconf.py": conf + "PLUGINS = []\n"})
    outcome = site.run("build")
    assert outcome.code == 1
    assert any(line.startswith("content/articles/ok.md:8: error: broken link: '/id/nope/'")
               for line in outcome.lines)
    assert site.snapshot("output") == before


# -- atomic -----------------------------------------------------------------------------
def _no_leftovers(site: TinySite):
    leftovers = [p.name for p in site.root.iterdir() if p.name.startswith(".output-")]
    assert leftovers == [], leftovers


@pytest.mark.parametrize("workers", [1, 2])
def test_failure_after_some_files_were_written_leaves_output_untouched(built_tiny_site,
                                                                       monkeypatch, workers):
    site, before = built_tiny_site({"content/articles/new.md": with_body("Baru.\n")},
                                   settings={"LAYAR_WORKERS": workers})
    whole = _outside_cache(site.snapshot())
    counter = site.root.parent / f"writes-{workers}.log"  # shared by forked workers
    real_write = OutputFolder.write

    def failing_write(self, relpath, data):
        with counter.open("a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)  # forked workers count in turn, not at once
            fh.seek(0)
            if len(fh.read().splitlines()) >= 3:
                raise OSError("disk full (injected)")
            fh.write(relpath + "\n")
        real_write(self, relpath, data)

    monkeypatch.setattr(OutputFolder, "write", failing_write)
    with pytest.raises((OSError, BuildError), match="injected"):
        site.build()
    assert len(counter.read_text().splitlines()) == 3  # files were written, in staging
    assert _outside_cache(site.snapshot()) == whole  # output/ byte for byte; nothing else
    _no_leftovers(site)


@contextlib.contextmanager
def _receiving(receiver):
    """``receiver`` connected to ``site_written`` for the duration."""
    signals.site_written.connect(receiver)
    try:
        yield
    finally:
        signals.site_written.disconnect(receiver)


def test_failure_in_a_plugin_after_every_page_leaves_output_untouched(built_tiny_site):
    site, before = built_tiny_site({"content/articles/new.md": with_body("Baru.\n")})
    whole = site.snapshot()

    def receiver(s, output):
        assert output.rendered, "pages were written before the failure"
        raise RuntimeError("plugin failed (injected)")

    with _receiving(receiver), pytest.raises(RuntimeError, match="injected"):
        site.build()
    assert _outside_cache(site.snapshot()) == _outside_cache(whole)
    _no_leftovers(site)


def test_no_automatic_garbage_collection_during_a_build_and_back_after(built_tiny_site):
    import gc

    site, before = built_tiny_site({"content/articles/new.md": with_body("Baru.\n")})
    seen = []
    with _receiving(lambda s, output: seen.append(gc.isenabled())):
        assert gc.isenabled()
        site.build()
        assert seen == [False] and gc.isenabled()  # off while building, on again after

        def failing(s, output):
            raise RuntimeError("plugin failed (injected)")

        with _receiving(failing), pytest.raises(RuntimeError, match="injected"):
            site.build()
        assert gc.isenabled()  # also after a failed build (livereload builds again)
        gc.disable()
        try:
            site.build()
            assert not gc.isenabled()  # a caller that switched it off keeps it off
        finally:
            gc.enable()


def test_successful_build_replaces_output_and_leaves_nothing_behind(built_tiny_site):
    site, before = built_tiny_site({"content/articles/new.md": with_body("Baru.\n")})
    (site.output / "stale.html").write_text("from an old build")
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines
    assert not (site.output / "stale.html").exists()
    assert (site.output / "id" / "articles" / "sebuah-artikel-2" / "index.html").is_file()
    _no_leftovers(site)


def test_swap_restores_the_old_output_when_the_rename_fails(tmp_path, monkeypatch):
    output, staging = tmp_path / "output", tmp_path / ".output-building-x"
    output.mkdir()
    (output / "index.html").write_text("old")
    staging.mkdir()
    (staging / "index.html").write_text("new")
    real_rename = Path.rename

    def rename(self, target):
        if self == staging:
            raise OSError("rename failed (injected)")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="injected"):
        _swap(staging, output)
    assert (output / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output-building-x", "output"]


def test_writes_outside_the_output_folder_are_refused(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    folder = OutputFolder(out)
    for bad in ("../x.html", "/etc/x", "a\\..\\..\\x", "a/\x00b", "id/../../x"):
        with pytest.raises(BuildError, match="outside the output folder"):
            folder.write(bad, "x")
    assert list(tmp_path.iterdir()) == [out] and list(out.iterdir()) == []


# -- reproducible -----------------------------------------------------------------------
def _copy_project(target: Path) -> Path:
    for name in ("content", "theme", "i18n"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("*.mo"))
    conf = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    (target / "pelicanconf.py").write_text(
        conf + f"\nPLUGIN_PATHS = [{str(ROOT / 'plugins' / 'pelican')!r}]\n", encoding="utf-8")
    return target / "pelicanconf.py"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_builds_in_different_places_and_times_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = _copy_project(tmp_path / "a" / "project")
    layar_build(first, tmp_path / "a" / "output")
    time.sleep(1.1)
    second = _copy_project(tmp_path / "elsewhere" / "b")
    later = time.time() + 86400 * 400
    for path in (second.parent / "content").rglob("*"):
        os.utime(path, (later, later))
    layar_build(second, tmp_path / "elsewhere" / "out")
    a, b = _tree(tmp_path / "a" / "output"), _tree(tmp_path / "elsewhere" / "out")
    # Pagefind writes its filter and metadata indexes in an unstable order (upstream:
    # Pagefind/pagefind#638; pages, fragments and word indexes are stable since 1.3).
    unstable = [n for n in sorted(set(a) ^ set(b)) + [n for n in a if n in b and a[n] != b[n]]
                if not _pagefind_unstable(n)]
    assert unstable == []
    assert sum(not _pagefind_unstable(n) for n in a) > 100
    assert not any(str(tmp_path).encode() in data for data in a.values())


def _pagefind_unstable(name: str) -> bool:
    return (name.startswith("pagefind/filter/") or name == "pagefind/pagefind-entry.json"
            or (name.startswith("pagefind/pagefind.") and name.endswith(".pf_meta")))


# -- the real repository ----------------------------------------------------------------
@pytest.mark.slow
def test_invoke_check_passes_on_the_repository():
    result = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "no errors" in result.stdout


def test_invoke_check_exit_code_on_a_broken_site(tmp_path):
    site = TinySite(tmp_path / "site", {"content/articles/bad.md": article(lang="xx")})
    code = ("import sys, importlib.util as u; s = u.spec_from_file_location('t', sys.argv[1]); "
            "t = u.module_from_spec(s); s.loader.exec_module(t); t._build(sys.argv[2], keep=False)")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT / "tasks.py"),
                             str(site.settings)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/articles/bad.md:4: error: 'lang' must be one of id, nl, en, got 'xx'" in \
        result.stdout
    assert "Check failed: 1 error(s)" in result.stderr
    assert "Build failed" not in result.stderr
    assert not (site.root / "output").exists()


def test_a_build_says_where_the_pages_it_rendered_are_when_they_are_few(tmp_path):
    """An editor's one-file change: the build names the pages it made again, by URL."""
    site = TinySite(tmp_path / "site", {"content/articles/sebuah-artikel.md": ARTICLE})
    first = site.build()
    assert first.rendered > 5 and first.urls_rendered() == []  # a cold build: too many
    path = site.root / "content" / "articles" / "sebuah-artikel.md"
    path.write_text(path.read_text("utf-8").replace("Paragraf kedua.", "Paragraf kedua, diubah."),
                    "utf-8")
    again = site.build()
    urls = again.urls_rendered()
    assert {f"/{lang}/articles/sebuah-artikel/" for lang in ("id", "nl", "en")} <= set(urls)
    assert 3 <= len(urls) <= 5 and all(u.startswith("/") and u.endswith("/") for u in urls)
