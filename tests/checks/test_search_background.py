"""The search index is built in the background while the output is checked: the build waits
for it before the swap, fails when it fails, and stops it when the build fails."""
from __future__ import annotations

import subprocess
import sys

import pytest

import importlib

import layar_search.plugin as search_plugin
from layar.errors import BuildError, ChecksFailed, Problem

WITH_INDEX = {"LAYAR_SEARCH_INDEX": True}
build_module = importlib.import_module("layar_build.build")  # the package exports build()


def test_the_index_is_complete_when_the_output_is_swapped_in(built_tiny_site):
    site, _ = built_tiny_site(settings=WITH_INDEX)
    site.build()
    bundle = site.output / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert not (bundle / "pagefind-ui.js").exists()  # removed after Pagefind finished
    assert not list(site.root.glob(".output-building-*"))


def test_a_failing_indexer_fails_the_build_and_keeps_the_old_output(built_tiny_site,
                                                                   monkeypatch):
    site, _ = built_tiny_site(settings=WITH_INDEX)
    before = site.snapshot("output")
    real_popen = subprocess.Popen

    def failing(cmd, **kwargs):
        return real_popen([sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"],
                          **kwargs)

    monkeypatch.setattr(search_plugin.subprocess, "Popen", failing)
    with pytest.raises(BuildError, match="Pagefind failed \\(exit 3\\)"):
        site.build()
    assert site.snapshot("output") == before
    assert not list(site.root.glob(".output-building-*"))


def test_a_failed_build_stops_the_indexer(built_tiny_site, monkeypatch):
    site, _ = built_tiny_site(settings=WITH_INDEX)
    before = site.snapshot("output")
    started = []
    real_popen = subprocess.Popen

    def slow(cmd, **kwargs):
        process = real_popen([sys.executable, "-c", "import time; time.sleep(60)"], **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(search_plugin.subprocess, "Popen", slow)
    # the output link check (which runs while the indexer works) finds a broken link
    broken = Problem("output/en/index.html", 1, "error", 'a href="/nowhere/": no such page')
    monkeypatch.setattr(build_module, "_check_output", lambda *args: [broken])
    with pytest.raises(ChecksFailed, match="no such page"):
        site.build()
    assert site.snapshot("output") == before
    assert len(started) == 1 and started[0].poll() is not None  # the indexer was stopped
    assert not list(site.root.glob(".output-building-*"))
