"""Pagefind alone on a built site, run as a build runs it, for the benchmark to time.

``python -m layar_bench.index_only OUTPUT --languages id,nl,en [--at-once N]`` indexes the
HTML pages of ``OUTPUT`` with ``layar_search.indexing.run_pagefind`` (one Pagefind run per
language, at most N at once: what a build does once its pages are written) into a scratch
bundle folder, prints one JSON line (the languages and the pages Pagefind found) and
removes the scratch bundle, so ``OUTPUT`` is left as it was.

The benchmark runs it on its cold output: the seconds, CPU seconds and memory of this part
no change to Layar's own code can reduce, since every build with a search index runs it,
and Pagefind cannot update an index, only make it again.
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

#: The scratch bundle, under the output folder (each language's run reads ``<lang>/``).
SCRATCH = ".bench-index"


def index_only(output: Path, languages: tuple[str, ...], at_once: int) -> dict:
    from layar_search.indexing import ENTRY, run_pagefind

    output = Path(output)
    shutil.rmtree(output / SCRATCH, ignore_errors=True)
    try:
        run_pagefind(output, SCRATCH, languages, at_once)
        entry = json.loads((output / SCRATCH / ENTRY).read_text("utf-8"))
    finally:
        shutil.rmtree(output / SCRATCH, ignore_errors=True)
    return {"languages": {lang: info.get("page_count")
                          for lang, info in entry.get("languages", {}).items()}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m layar_bench.index_only",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--languages", required=True, help="comma-separated, e.g. id,nl,en")
    parser.add_argument("--at-once", type=int, default=2)
    args = parser.parse_args(argv)
    languages = tuple(lang for lang in args.languages.split(",") if lang)
    print(json.dumps(index_only(args.output, languages, args.at_once), sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
