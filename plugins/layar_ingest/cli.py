"""Command line of the ingest: ``invoke ingest`` and ``python -m layar_ingest``.

    python -m layar_ingest [--src PATH ...] [--out DIR] [--topics DIR] [--force] [-v]

Prints one line per seed (``ingested|unchanged|kept (edited)|proposal written|failed
<seed> -> <output>[: reason]``) and a summary; exits 1 when a seed failed (the others are
still processed), 2 on a usage error, 0 otherwise.
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter

from . import pipeline

log = logging.getLogger(__name__)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m layar_ingest",
        description="Turn raw seed articles into content/articles/<slug>.md for review. "
                    "Files edited by hand are never overwritten (unless --force).",
    )
    p.add_argument("--src", action="append", metavar="PATH",
                   help="seed file or folder (repeatable; default: seeds/)")
    p.add_argument("--out", default="content/articles", metavar="DIR",
                   help="folder of the articles (default: content/articles)")
    p.add_argument("--topics", default="content/topics", metavar="DIR",
                   help="topic registry used for tagging (default: content/topics)")
    p.add_argument("--force", action="store_true",
                   help="overwrite articles even when an editor changed them")
    p.add_argument("-v", "--verbose", action="store_true", help="log diagnostics")
    return p


def summary(results: list[pipeline.Result]) -> str:
    counts = Counter(r.status for r in results)
    review = sum(1 for r in results if r.needs_review and r.status != pipeline.FAILED)
    kept = counts[pipeline.KEPT] + counts[pipeline.PROPOSED]
    return (
        f"{len(results)} seed(s): {counts[pipeline.INGESTED]} ingested, "
        f"{counts[pipeline.UNCHANGED]} unchanged, {kept} kept because edited "
        f"({counts[pipeline.PROPOSED]} with a new proposal), {review} needing review, "
        f"{counts[pipeline.FAILED]} failed"
    )


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    results, problems = pipeline.run(args.src or ["seeds"], args.out, args.topics, args.force)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    for result in results:
        print(result.line())
    print(summary(results))
    failed = any(r.status == pipeline.FAILED for r in results) or not results
    return 1 if failed else 0
