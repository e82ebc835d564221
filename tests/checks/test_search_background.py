"""The search index is built in the background while the output is checked: the build waits
for it before the swap, fails when it fails, and stops it when the build fails."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import importlib

import layar_search.indexing as search_index
import layar_search.plugin as search_plugin
from layar.errors import BuildError, ChecksFailed, Problem

WITH_INDEX = {"LAYAR_SEARCH_INDEX": True}
import layar_build.pipeline as pipeline


def test_the_index_is_complete_when_the_output_is_swapped_in(built_tiny_site):
    site, _ = built_tiny_site(settings=WITH_INDEX)
    site.build()
    bundle = site.output / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert not (bundle / "pagefind-ui.js").exists()  # removed after Pagefind finished
    assert not list(site.root.glob(".output-building-*"))


def _edit(site) -> None:
    """Change the pages (an unchanged site keeps its index: nothing would be indexed)."""
    article = site.root / "content" / "articles" / "ok.md"
    article.write_text(article.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")


def test_a_failing_indexer_fails_the_build_and_keeps_the_old_output(built_tiny_site,
                                                                   monkeypatch):
    site, _ = built_tiny_site(settings=WITH_INDEX)
    _edit(site)
    before = site.snapshot("output")
    real_popen = subprocess.Popen

    def failing(cmd, **kwargs):
        return real_popen([sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"],
                          **kwargs)

    monkeypatch.setattr(search_index.subprocess, "Popen", failing)
    with pytest.raises(BuildError, match="Pagefind failed \\(exit 3\\)"):
        site.build()
    assert site.snapshot("output") == before
    assert not list(site.root.glob(".output-building-*"))


def test_a_failed_build_stops_the_indexer(built_tiny_site, monkeypatch):
    site, _ = built_tiny_site(settings=WITH_INDEX)
    _edit(site)
    before = site.snapshot("output")
    started = []
    real_popen = subprocess.Popen

    def slow(cmd, **kwargs):
        process = real_popen([sys.executable, "-c", "import time; time.sleep(60)"], **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(search_index.subprocess, "Popen", slow)
    # the output link check (which runs while the indexer works) finds a broken link
    broken = Problem("output/en/index.html", 1, "error", 'a href="/nowhere/": no such page')
    monkeypatch.setattr(pipeline, "check_output", lambda *args, **kwargs: [broken])
    with pytest.raises(ChecksFailed, match="no such page"):
        site.build()
    assert site.snapshot("output") == before
    # the indexer (a run per language) was stopped
    assert started and all(process.poll() is not None for process in started)
    assert not list(site.root.glob(".output-building-*"))


def _entry(bundle):
    import json

    return json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))


def test_one_run_per_language_makes_one_bundle_with_every_language(built_tiny_site):
    site, _ = built_tiny_site(settings=WITH_INDEX)
    bundle = site.output / "pagefind"
    entry = _entry(bundle)
    langs = list(entry["languages"])
    assert langs == ["id", "nl", "en"]  # every language, in the site's order
    for lang, facts in entry["languages"].items():
        assert facts["page_count"] > 0
        assert (bundle / f"pagefind.{facts['hash']}.pf_meta").is_file()
        assert (bundle / f"wasm.{lang}.pagefind").is_file()
        assert any((bundle / "fragment").glob(f"{lang}_*.pf_fragment"))
    # the runs' views and parts (beside the output, never in it) were merged away
    assert not list(site.output.parent.glob(f".{site.output.name}-search-*"))
    # The same pages as a single run over the whole output would index, language by language.
    single = site.root / "single"
    shutil.copytree(site.output, single, ignore=shutil.ignore_patterns("pagefind"))
    search_index.run_pagefind(single, "pagefind", languages=None)
    alone = _entry(single / "pagefind")
    assert {lang: facts["page_count"] for lang, facts in alone["languages"].items()} == \
           {lang: facts["page_count"] for lang, facts in entry["languages"].items()}


def test_runs_wait_their_turn_and_a_failing_one_fails_the_whole_index(tmp_path, monkeypatch):
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def fake(cmd, **kwargs):
        started.append(cmd)
        code = 3 if "nl/**/*.html" in cmd else 0
        return real_popen([sys.executable, "-c", f"import sys, time; time.sleep(0.2); "
                                                 f"sys.exit({code})"], **kwargs)

    monkeypatch.setattr(search_index.subprocess, "Popen", fake)
    indexing = search_index.Indexing(tmp_path, "pagefind", ("id", "nl", "en"), at_once=1)
    indexing.language_ready("id")
    indexing.language_ready("nl")
    assert len(started) == 1 and indexing.waiting == ["nl"]  # one at a time
    with pytest.raises(BuildError, match="Pagefind"):
        indexing.finish()
    assert indexing.waiting == []
    assert all(run.process.poll() is not None for run in indexing.runs.values())


def test_pages_outside_their_language_folder_are_indexed_in_one_run():
    """Layar's URL settings put every page under ``<lang>/``; a plugin's route that does not
    makes the index one run over the whole output (a glob per language would miss it)."""
    from types import SimpleNamespace as NS

    def site_with(paths):
        routes = [NS(save_as=lambda lang, p=p: p.format(lang=lang), page_type="article")
                  for p in paths]
        return NS(languages=("id", "en"), routes=_Routes(routes))

    search = NS(indexed=lambda route: route.page_type == "article")
    assert search_plugin._by_language(site_with(["{lang}/a/index.html"]), search) == ("id", "en")
    assert search_plugin._by_language(
        site_with(["{lang}/a/index.html", "extra/{lang}.html"]), search) is None


class _Routes(list):
    """Routes as ``site.routes`` gives them: iterable, each in both languages."""

    def langs_of(self, route):
        return ("id", "en")
