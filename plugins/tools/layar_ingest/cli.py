"""Command line of the ingest: ``invoke ingest`` and ``python -m layar_ingest``.

    python -m layar_ingest [--src PATH ...] [--out DIR] [--settings FILE] [--topics DIR]
                           [--force] [-v]

Prints one line per seed (``ingested|unchanged|kept (edited)|proposal written|failed
<seed> -> <output>[: reason]``) and a summary, and each general problem once on stderr
(``warning: …``); exits 1 when a seed failed (the others are still processed), 2 on a usage
error or invalid settings, 0 otherwise.
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter

from layar.errors import ConfigurationError

from . import pipeline, registry

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
    p.add_argument("--settings", default=registry.SETTINGS_FILE, metavar="FILE",
                   help="Pelican settings declaring the topic kinds, LAYAR_TOPICS_KINDS "
                        f"(default: {registry.SETTINGS_FILE})")
    p.add_argument("--topics", metavar="DIR",
                   help="topic registry used for tagging (default: the settings' PATH and "
                        "LAYAR_TOPICS_DIR, i.e. content/topics)")
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
    try:
        settings = registry.read_settings(args.settings)
    except ConfigurationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    results, problems = pipeline.run(args.src or ["seeds"], args.out,
                                     args.topics or settings.folder, args.force,
                                     kinds=settings.kinds)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    for result in results:
        print(result.line())
    print(summary(results))
    failed = any(r.status == pipeline.FAILED for r in results) or not results
    return 1 if failed else 0
