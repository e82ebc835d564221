"""One build of a benchmark project, run in its own process by the benchmark.

``python -m layar_bench.build_once PROJECT OUTPUT [--cache DIR] [--workers N]`` builds the
project (``content/`` and ``i18n/`` under PROJECT) with the repository's ``pelicanconf.py``,
theme and plugins, as ``tests/helpers.py`` builds the fixture site, and prints one JSON
line: files written, problems, and the seconds spent inside ``layar_build.build``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def overrides(project: Path, cache: Path | None = None, workers: int | None = None) -> dict:
    """Settings that point the repository's ``pelicanconf.py`` at a benchmark project."""
    project = Path(project).resolve()
    out = {
        "PATH": str(project / "content"),
        "LAYAR_I18N_DIR": str(project / "i18n"),
        "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")],
    }
    if cache is not None:
        out["LAYAR_CACHE_DIR"] = str(Path(cache).resolve())
    if workers is not None:
        out["LAYAR_WORKERS"] = workers
    return out


def build(project: Path, output: Path, cache: Path | None = None, workers: int | None = None):
    from layar_build import build as run_build

    return run_build(ROOT / "pelicanconf.py", Path(output).resolve(),
                     overrides=overrides(project, cache, workers))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m layar_bench.build_once")
    parser.add_argument("project", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--workers", type=int)
    args = parser.parse_args(argv)
    from layar.errors import BuildError, ChecksFailed

    start = time.perf_counter()
    try:
        result = build(args.project, args.output, args.cache, args.workers)
    except ChecksFailed as exc:
        for problem in exc.problems[:50]:
            print(problem, file=sys.stderr)
        print(json.dumps({"ok": False, "error": f"{len(exc.problems)} problem(s)"}))
        return 1
    except BuildError as exc:
        print(json.dumps({"ok": False, "error": str(exc)[:2000]}))
        return 1
    seconds = time.perf_counter() - start
    html = sum(1 for f in result.files if f.endswith(".html"))
    print(json.dumps({"ok": True, "files": result.pages, "html": html,
                      "problems": len(result.problems), "inner_s": round(seconds, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
