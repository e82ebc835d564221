"""One build of a benchmark project, run in its own process by the benchmark.

``python -m layar_bench.build_once PROJECT OUTPUT [--cache DIR] [--workers N]`` builds the
project (``content/`` and ``i18n/`` under PROJECT) with the repository's ``pelicanconf.py``,
theme and plugins, as ``tests/helpers.py`` builds the fixture site, and prints one JSON
line: files written, problems, the seconds spent inside ``layar_build.build``, the
seconds of each of its steps and what the social cards and pictures cost (``media``).
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def overrides(project: Path, cache: Path | None = None, workers: int | None = None,
              without: tuple[str, ...] = (), preview: bool = False) -> dict:
    """Settings that point the repository's ``pelicanconf.py`` at a benchmark project."""
    project = Path(project).resolve()
    out = {
        "PATH": str(project / "content"),
        "LAYAR_I18N_DIR": str(project / "i18n"),
        "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins" / "pelican")],
    }
    if cache is not None:
        out["LAYAR_CACHE_DIR"] = str(Path(cache).resolve())
    if workers is not None:
        out["LAYAR_WORKERS"] = workers
    if preview:  # as `invoke livereload` builds (tasks.PREVIEW)
        out["LAYAR_SEARCH_INDEX"] = False
    if without:
        from pelican.settings import read_settings

        plugins = read_settings(str(ROOT / "pelicanconf.py"), override=dict(out))["PLUGINS"]
        out["PLUGINS"] = [p for p in plugins if p not in without]
    return out


def build(project: Path, output: Path, cache: Path | None = None, workers: int | None = None,
          without: tuple[str, ...] = (), preview: bool = False, session=None):
    from layar_build import build as run_build

    return run_build(ROOT / "pelicanconf.py", Path(output).resolve(),
                     overrides=overrides(project, cache, workers, without, preview),
                     session=session)


class MediaFigures(logging.Handler):
    """What the cards and pictures cost (``media`` in the JSON line): the figures the media
    plugin attaches to its INFO records (``layar_media.drawing.report``)."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.figures: dict[str, dict] = {}

    def emit(self, record):
        for what, figures in getattr(record, "media_figures", {}).items():
            self.figures[what] = {k: round(v, 3) if isinstance(v, float) else v
                                  for k, v in figures.items()}

    def install(self) -> None:
        media = logging.getLogger("layar_media")
        media.setLevel(logging.INFO)
        media.addHandler(self)


class Hooks:
    """The seconds each plugin's receiver of Layar's signals takes (``hooks`` in the JSON
    line), timed in this (benchmark) process only. The pipeline's own steps are timed by
    the build itself (``BuildResult.timings``)."""

    SIGNALS = ("site_loaded", "site_finalized", "language_written", "pages_written",
               "site_written")

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def install(self) -> None:
        from blinker import Signal

        from layar_site import signals

        send = Signal.send
        timed = {id(getattr(signals, name)) for name in self.SIGNALS}
        seconds = self.seconds

        def timed_send(signal, *args, **kwargs):
            if id(signal) not in timed or not args:
                return send(signal, *args, **kwargs)
            out = []
            for receiver in signal.receivers_for(args[0]):
                t = time.perf_counter()
                out.append((receiver, receiver(args[0], **kwargs)))
                name = f"{signal.name}: {receiver.__module__}.{receiver.__qualname__}"
                seconds[name] = round(seconds.get(name, 0) + time.perf_counter() - t, 3)
            return out

        Signal.send = timed_send


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m layar_bench.build_once")
    parser.add_argument("project", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--without", action="append", default=[],
                        help="leave this plugin out of PLUGINS (diagnostics)")
    parser.add_argument("--preview", action="store_true",
                        help="build as `invoke livereload` does (no search index)")
    parser.add_argument("--then-edit", type=Path, metavar="ARTICLE",
                        help="then edit this article and build again in this process, as "
                             "`invoke livereload` does (its seconds are `again_s`)")
    args = parser.parse_args(argv)
    from layar.errors import BuildError, ChecksFailed

    hooks = Hooks()
    hooks.install()
    media = MediaFigures()
    media.install()
    # A build followed by another in this process keeps its caches in memory between them,
    # as the preview does (``layar_build.session``).
    from layar_build.session import Session

    session = Session() if args.then_edit is not None else None
    start = time.perf_counter()
    try:
        result = build(args.project, args.output, args.cache, args.workers, tuple(args.without),
                       args.preview, session)
    except ChecksFailed as exc:
        for problem in exc.problems[:50]:
            print(problem, file=sys.stderr)
        print(json.dumps({"ok": False, "error": f"{len(exc.problems)} problem(s)"}))
        return 1
    except BuildError as exc:
        print(json.dumps({"ok": False, "error": str(exc)[:2000]}))
        return 1
    end = time.perf_counter()
    phases_s, seconds = dict(result.timings), dict(hooks.seconds)  # of this build only
    media_figures = dict(media.figures)
    again = None
    if args.then_edit is not None:
        from .corpus import edit_file

        edit_file(args.then_edit)
        t = time.perf_counter()
        try:
            build(args.project, args.output, args.cache, args.workers, tuple(args.without),
                  args.preview, session)
        except (ChecksFailed, BuildError) as exc:
            print(json.dumps({"ok": False, "error": f"the rebuild failed: {exc}"[:2000]}))
            return 1
        again = round(time.perf_counter() - t, 3)
        session.save()  # as the preview does once idle
    html = sum(1 for f in result.files if f.endswith(".html"))
    print(json.dumps({"ok": True, "files": result.pages, "html": html,
                      "rendered": result.rendered, "kept": result.kept,
                      "problems": len(result.problems), "inner_s": round(end - start, 3),
                      "again_s": again,
                      "phases": phases_s, "media": media_figures,
                      "hooks": {k: v for k, v in sorted(seconds.items(), key=lambda kv: -kv[1])
                                if v >= 0.01}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
