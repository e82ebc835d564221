"""Guarantees by construction: a page that leaves the site leaves every file of the output,
the search index included; two cold builds give the same bytes, the index included; the
code digest covers every package a build runs, found from what was imported."""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from layar_bench import corpus as corpus_mod
from layar_bench import search_index
from layar_bench.build_once import ROOT, build
from layar_bench.runner import tree_differences

#: A registry a tenth of the benchmark's: each cold build makes ~115 pages, not ~930.
SMALL = corpus_mod.SMALL_POOLS



def _strip_links_to(folder: Path, filename: str) -> None:
    """Unlink every article from ``filename`` (so it may leave the site without breaking a
    link of another article: that is an error of its own)."""
    pattern = re.compile(r"\[([^\]]*)\]\(\{filename\}" + re.escape(filename) + r"\)")
    for path in (folder / "content" / "articles").glob("*.md"):
        text = path.read_text("utf-8")
        new = pattern.sub(r"\1", text)
        if new != text:
            path.write_text(new, "utf-8")


def _everything(output: Path) -> dict[str, bytes]:
    """Every file of the output, gzip streams (Pagefind's) decompressed."""
    found = {}
    for path in output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            found[path.relative_to(output).as_posix()] = data
    return found


@pytest.fixture
def site(tmp_path):
    corpus = corpus_mod.generate(tmp_path / "project", 5, seed=11, pools=SMALL)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(corpus.folder, output, cache)
    return corpus, output, cache


@pytest.mark.parametrize("how", ["draft", "scheduled", "deleted", "renamed"])
def test_a_page_that_leaves_the_site_is_in_no_file_of_the_output(site, tmp_path, how):
    corpus, output, cache = site
    article = corpus.articles[2]
    path = corpus.article_path(article)
    indexed = search_index.read(output / "pagefind")
    assert any(f"/articles/{article.slug}/" in url for pages in indexed.values()
               for url in pages), "the article is indexed before it leaves"
    _strip_links_to(corpus.folder, path.name)
    text = path.read_text("utf-8")
    if how == "draft":
        path.write_text(text.replace("---\n", "---\nstatus: draft\n", 1), "utf-8")
    elif how == "scheduled":
        path.write_text(re.sub(r'^date: ".*"$', 'date: "2099-01-01T09:00:00+07:00"', text,
                               count=1, flags=re.M), "utf-8")
    elif how == "deleted":
        path.unlink()
    else:
        path.write_text(re.sub(r'^slug: ".*"$', f'slug: "{article.slug}-renamed"', text,
                               count=1, flags=re.M), "utf-8")
    build(corpus.folder, output, cache)
    gone = f"/articles/{article.slug}/".encode()
    leaks = sorted(rel for rel, data in _everything(output).items() if gone in data)
    assert leaks == [], leaks
    after = search_index.read(output / "pagefind")
    for lang, pages in after.items():
        assert len(pages) == len(indexed[lang]) - (how != "renamed")
    cold = tmp_path / "cold"
    build(corpus.folder, cold / "output", cold / "cache")
    assert search_index.differences(output / "pagefind", cold / "output" / "pagefind") == []
    assert tree_differences(output, cold / "output", ignore=()) == []


def test_two_cold_builds_are_byte_identical_search_index_included(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765000000")
    corpus = corpus_mod.generate(tmp_path / "project", 4, seed=12, pools=SMALL)
    for name in ("a", "b"):
        build(corpus.folder, tmp_path / name / "output", tmp_path / name / "cache")
    a, b = tmp_path / "a" / "output", tmp_path / "b" / "output"
    assert list((a / "pagefind" / "filter").iterdir()), "the index has filters"
    assert tree_differences(a, b, ignore=()) == []


def test_the_search_index_reader_reads_what_pagefind_wrote(site):
    _corpus, output, _cache = site
    index = search_index.read(output / "pagefind")
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert sorted(index) == sorted(entry["languages"]) == ["en", "id", "nl"]
    for lang, pages in index.items():
        assert all(url.startswith(f"/{lang}/") for url in pages)
        article = next(p for url, p in pages.items() if "/articles/" in url)
        assert article["content"] and article["filters"]


# -- the code a build runs ----------------------------------------------------------------
def _build_trees() -> list[Path]:
    return sorted(p for tree in ("lib", "pelican") for p in (ROOT / "plugins" / tree).iterdir()
                  if p.is_dir() and (p / "__init__.py").exists())


def test_the_code_digest_covers_every_package_a_build_imported_and_no_tool(site):
    from layar_site.fingerprints import code_folders

    folders = {p.name for p in code_folders()}
    assert {p.name for p in _build_trees()} <= folders  # all of them: the site built
    assert not folders & {"layar_ingest", "layar_bench", "layar_i18n_tools"}


def test_an_edit_in_any_package_a_build_runs_changes_the_code_digest(tmp_path):
    from layar_site.fingerprints import code_digest

    trees = []
    for package in _build_trees():
        copy = tmp_path / package.parent.name / package.name
        shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
        trees.append(copy)
    seen = {code_digest(trees)}
    for copy in trees:
        module = sorted(copy.rglob("*.py"))[-1]
        module.write_text(module.read_text("utf-8") + "\n# edited\n", "utf-8")
        seen.add(code_digest(trees))
    assert len(seen) == len(trees) + 1


def test_a_code_edit_in_the_site_library_renders_the_pages_again(tmp_path):
    """The maintainer's case: in a copy of the code, ``layar_site/render.py`` writes every
    paragraph differently; the next build (in a new process, as `invoke build` runs) renders
    the pages again and equals a cold build of the edited code."""
    code = tmp_path / "code"
    for tree in ("lib", "pelican", "tools"):
        shutil.copytree(ROOT / "plugins" / tree, code / "plugins" / tree,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for shared in ("pelicanconf.py", "theme", "node_modules"):  # what the code reads
        (code / shared).symlink_to(ROOT / shared)
    corpus = corpus_mod.generate(tmp_path / "project", 3, seed=13, pools=SMALL)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        str(code / "plugins" / tree) for tree in ("lib", "pelican", "tools"))}

    def run(output: Path, cache: Path) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "layar_bench.build_once", str(corpus.folder), str(output),
             "--cache", str(cache)], capture_output=True, text=True, cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    output, cache = tmp_path / "output", tmp_path / "cache"
    first = run(output, cache)
    render = code / "plugins" / "lib" / "layar_site" / "render.py"
    source = render.read_text("utf-8")
    assert 'out.append(f"<p{attr}>{body}</p>")' in source
    render.write_text(source.replace('out.append(f"<p{attr}>{body}</p>")',
                                     'out.append(f"<p{attr}>{body} </p>")'), "utf-8")
    again = run(output, cache)
    assert again["rendered"] == first["html"], again
    page = output / "en" / "articles" / corpus.articles[0].slug / "index.html"
    assert " </p>" in page.read_text("utf-8")
    cold = tmp_path / "cold"
    run(cold / "output", cold / "cache")
    assert tree_differences(output, cold / "output", ignore=()) == []
