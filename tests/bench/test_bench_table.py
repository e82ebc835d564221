"""``invoke bench --articles 300,1000,3000``: several sizes in one run, and the Markdown
table (a row per size) that README's Performance section takes as it is printed."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from layar_bench.runner import COLUMNS, main, markdown_table, parse_sizes, table_header, table_row

ROOT = Path(__file__).resolve().parents[2]


def result(articles: int, pages: int, cold: float, hugo: bool = True) -> dict:
    """One size's result, with the keys ``runner.bench`` returns (figures made up)."""
    r = {"articles": articles, "pages": pages, "cold_s": cold, "cold_cpu_s": 1.5 * cold,
         "cold_no_search_s": cold / 2, "cold_no_search_cpu_s": 0.8 * cold,
         "warm_s": cold / 3, "cold_ci_cache_s": 0.45 * cold, "peak_pss_mib": 250.4 + articles / 2,
         "preview_reload_s": 1.234, "load_avg": 1.5,
         "cold_media": {"cards": {"cards": pages, "drawn": pages, "processes": 2,
                                  "seconds": 3.0, "cpu_s": pages / 1000, "waited_s": 0.2}},
         "machine": {"nproc": 2, "cpu": "Some CPU", "ram_gib": 23.5, "python": "3.11.7"}}
    if hugo:
        r.update({"hugo": {"pages": pages, "cold_s": 1.5, "pagefind_s": 2.75},
                  "ratio_to_hugo_and_pagefind": round(cold / 4.25, 2),
                  "ratio_no_search_to_hugo": round(cold / 2 / 1.5, 2)})
    return r


def test_a_row_per_size_smallest_first_with_every_column():
    table = markdown_table([result(1000, 3913, 30.0), result(300, 1813, 9.5)])
    lines = table.splitlines()
    assert lines[:2] == table_header().splitlines()
    assert lines[2] == ("| 300 | 1,813 | 9.5 (14.2) | 4.8 (7.6) | 1.50 | 4.25 | 2.24x | 3.17x | "
                        "3.2 | 4.3 | 1,813 (1.8) | 1.23 | 400 |")
    assert lines[3] == ("| 1,000 | 3,913 | 30.0 (45.0) | 15.0 (24.0) | 1.50 | 4.25 | 7.06x | "
                        "10.00x | 10.0 | 13.5 | 3,913 (3.9) | 1.23 | 750 |")
    assert lines[4] == ""
    assert lines[5].startswith("One run of `invoke bench --articles 300,1000 --hugo` on ")
    assert "2 CPUs (Some CPU), 23.5 GiB, Python 3.11.7" in lines[5]
    # every row has as many cells as the header
    assert {line.count("|") for line in lines[:4]} == {len(COLUMNS) + 1}


def test_a_size_without_hugo_or_a_figure_shows_a_dash():
    bare = result(3, 31, 2.0, hugo=False)
    del bare["preview_reload_s"], bare["cold_media"]
    cells = table_row(bare).strip("| ").split(" | ")
    names = [name for name, _ in COLUMNS]
    for name in ("Hugo s", "Hugo + Pagefind s", "cold / (Hugo + Pagefind)",
                 "cold, no index / Hugo", "cards (CPU s)", "preview reload s"):
        assert cells[names.index(name)] == "–", name
    assert cells[names.index("cold s (CPU s)")] == "2.0 (3.0)"


def test_the_readme_has_the_tables_header_as_the_benchmark_prints_it():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert table_header() in readme


def test_articles_takes_sizes_separated_by_commas(capsys):
    assert parse_sizes("300,1000,3000") == [300, 1000, 3000]
    assert parse_sizes("5") == [5]
    for bad in ("300,,1000", "3,x", "0", "-5"):
        with pytest.raises(argparse.ArgumentTypeError):
            parse_sizes(bad)
    with pytest.raises(SystemExit) as stopped:
        main(["--articles", "300;1000"])
    assert stopped.value.code == 2
    assert "sizes separated by commas, such as 300,1000,3000" in capsys.readouterr().err
