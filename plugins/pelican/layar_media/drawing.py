"""Drawing the social cards of a build where the cores are: in background processes.

The build decides which cards to make (``plugin.write_cards``): a card whose recorded
inputs are unchanged is kept; for every other one, the build works out its texts (recording
what it reads, as ``Outputs.produce`` does) and records the card as made from them.  When
there are many (``BACKGROUND_AT``, a cold build), they are drawn by ``LAYAR_WORKERS``
processes of their own (``python -m layar_media.drawing``: Pillow and the card code, not
the site: a few tens of MiB each, nothing shared with the build to copy), which start
while the build writes its feeds and checks its links, and which the build waits for
before it swaps the output in (``Drawing``, one of ``site.pending``, as the search index).

Each process is given a file of jobs (output path, cache file, title, kind, site name);
it takes each card from the cache (``LAYAR_CACHE_DIR/media``, ``pictures.Encoded``) or
draws it and puts it there, and writes it into the staging folder (``OutputFolder``, which
never writes through a link into the previous output).  A card is the same bytes whichever
process draws it (``cards.draw_card`` is deterministic).  A failing process fails the build
with its traceback.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from layar.errors import BuildError

logger = logging.getLogger(__name__)

#: Fewer cards than this are drawn in the build's own process (a warm build, the preview):
#: starting a process costs about as much as drawing this many.
BACKGROUND_AT = 200


@dataclass(frozen=True)
class CardJob:
    """One card to make: where it goes, where it is cached (or None) and its texts."""

    path: str
    cached: str | None
    title: str
    kind: str
    site_name: str


@dataclass
class Stats:
    """What drawing the cards cost: how many were drawn and taken from the cache, the
    seconds from their start to the end of the last one, and the CPU seconds of all."""

    cards: int = 0
    drawn: int = 0
    processes: int = 0
    seconds: float = 0.0
    cpu_s: float = 0.0
    #: how long the build waited for them once everything else was done
    waited_s: float = 0.0


class Drawing:
    """Cards being drawn by background processes (see the module docstring)."""

    def __init__(self, output_root: Path, jobs: list[CardJob], processes: int):
        self.folder = Path(tempfile.mkdtemp(prefix="layar-cards-"))
        self.stats = Stats(cards=len(jobs))
        self.runs: list[tuple[subprocess.Popen, Path]] = []
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        try:
            for i in range(processes):
                share = jobs[i::processes]
                if not share:
                    continue
                todo = self.folder / f"jobs-{i}.json"
                todo.write_text(json.dumps({"output": str(output_root), "since": time.time(),
                                            "jobs": [list(vars(j).values()) for j in share]}),
                                "utf-8")
                log = self.folder / f"log-{i}.txt"
                with open(log, "wb") as fh:
                    process = subprocess.Popen(
                        [sys.executable, "-m", "layar_media.drawing", str(todo)],
                        stdin=subprocess.DEVNULL, stdout=fh, stderr=subprocess.STDOUT, env=env)
                self.runs.append((process, log))
        except BaseException:
            self.cancel()
            raise
        self.stats.processes = len(self.runs)

    def finish(self) -> Stats:
        """Wait for every process; raise BuildError unless each drew all its cards."""
        waiting = time.perf_counter()
        problems = []
        try:
            for process, log in self.runs:
                _pid, status, usage = os.wait4(process.pid, 0)
                process.returncode = os.waitstatus_to_exitcode(status)
                self.stats.cpu_s += usage.ru_utime + usage.ru_stime
                result = log.with_name(log.name.replace("log-", "done-").replace(".txt", ".json"))
                if process.returncode != 0 or not result.is_file():
                    text = log.read_text("utf-8", errors="replace")[-4000:]
                    problems.append(f"exit {process.returncode}:\n{text}")
                    continue
                done = json.loads(result.read_text("utf-8"))
                self.stats.drawn += done["drawn"]
                self.stats.seconds = max(self.stats.seconds, done["seconds"])
        finally:
            self.runs = []
            shutil.rmtree(self.folder, ignore_errors=True)
        self.stats.waited_s = time.perf_counter() - waiting
        if problems:
            raise BuildError("drawing the social cards failed (layar_media.drawing):\n"
                             + "\n".join(problems))
        report("cards", vars(self.stats))
        return self.stats

    def cancel(self) -> None:
        """Stop every process (the build failed and its staging folder is being removed)."""
        for process, _log in self.runs:
            if process.poll() is None:
                process.kill()
            process.wait()
        self.runs = []
        shutil.rmtree(self.folder, ignore_errors=True)


def report(what: str, figures: dict) -> None:
    """What the media cost in this build, as an INFO record that carries the figures
    (``media_figures``: ``invoke bench`` collects them)."""
    shown = ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                      for k, v in figures.items())
    logger.info("media: %s: %s", what, shown, extra={"media_figures": {what: dict(figures)}})


def draw_jobs(output_root: Path, jobs: list[CardJob]) -> int:
    """Make each card of ``jobs`` (from the cache, or drawn and cached) and write it into
    the output folder; return how many were drawn."""
    from layar_site.outputs import OutputFolder

    from .cards import draw_card

    folder = OutputFolder(output_root)
    drawn = 0
    for job in jobs:
        cached = Path(job.cached) if job.cached else None
        data = cached.read_bytes() if cached is not None and cached.is_file() else None
        if data is None:
            data = draw_card(job.title, job.kind, job.site_name)
            drawn += 1
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
                tmp.write_bytes(data)
                tmp.replace(cached)
        folder.write(job.path, data)
    return drawn


def main(argv=None) -> int:
    """``python -m layar_media.drawing JOBS.json``: draw one share of a build's cards."""
    (todo,) = argv if argv is not None else sys.argv[1:]
    spec = json.loads(Path(todo).read_text("utf-8"))
    drawn = draw_jobs(Path(spec["output"]), [CardJob(*job) for job in spec["jobs"]])
    done = Path(todo).with_name(Path(todo).name.replace("jobs-", "done-"))
    # Seconds since the build started this process (its start-up included).
    done.write_text(json.dumps({"drawn": drawn, "seconds": round(time.time() - spec["since"], 3)}),
                    "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
