"""Work in forked processes (``LAYAR_WORKERS``), with the same result as serial work.

``render_pages`` renders pages: once the site is loaded and checked it forks
``workers - 1`` children; the parent and each child render every ``workers``-th job of the
list of (route, language) jobs.  Forking shares the loaded site copy-on-write, so nothing is
loaded twice and no content is pickled on the way in.  A job is pure (``render_page``): it
returns a ``PageJob`` (the page's bytes, the inputs it read, its problems) and writes
nothing; the pipeline writes, records and reports.  Each child sends back, through a pipe:

* its ``PageJob`` results, which the parent puts back in the serial order;
* its by-products, the bodies it rendered and new entries of the persistent unit cache, so
  files made after the pages (feeds) reuse them (``Site.adopt``, ``Store.apply``);
* log records of level WARNING and above, re-emitted in the parent (strict builds fail on
  them), and any exception, re-raised in the parent.

Every page is rendered from the same state as in a serial build, so the files are the same
bytes whatever the number of workers (``tests/bench`` compares the trees).  Template code
must therefore not rely on state changed while *other* pages render; plugins keep such
work in ``site_loaded``, ``site_finalized`` or ``site_written``.

``map_forked(fn, items, workers)`` is the same machinery for other plugins' per-item work
(checks of many files or pages): ``[fn(x) for x in items]``, computed in ``workers``
processes; ``fn`` must not change shared state, and its results must pickle.
"""
from __future__ import annotations

import gc
import logging
import os
import pickle
import sys
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from layar.errors import BuildError

logger = logging.getLogger(__name__)

#: Fewer pages than this are rendered in the build's own process: forking a process that
#: holds a loaded site costs about 0.1 s a round at N = 1,000 (copying its page tables,
#: freezing the collector, sending results back), while a page renders in about 10 ms; a
#: preview rebuild after a one-article edit renders 1-6 pages per language (0.42 s forked,
#: 0.06 s in process).
FORK_AT = 32


def available() -> bool:
    return hasattr(os, "fork")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


def _child(fd: int, work: Callable[[Sequence[int]], Any], share: Sequence[int]) -> None:
    """Run ``work(share)`` in a forked child, send its result on ``fd`` and exit."""
    code = 0
    try:
        collect = _Collect()
        logging.getLogger().handlers = [collect]  # the parent re-emits what matters
        try:
            payload = {"result": work(share), "records": collect.records}
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            code = 1
            try:
                error = pickle.loads(pickle.dumps(exc))
            except Exception:
                error = None
            payload = {"error": error, "traceback": traceback.format_exc(),
                       "records": collect.records}
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:  # noqa: BLE001
        code = 2
        traceback.print_exc()
    finally:
        os._exit(code)


def _receive(pid: int, fd: int) -> dict:
    with os.fdopen(fd, "rb") as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return {"error": None, "traceback": f"worker {pid} died (status {status}) "
                                            f"without a result", "records": []}
    return pickle.loads(data)


def _fork_map(work: Callable[[Sequence[int]], Any], n: int, workers: int) -> list[Any]:
    """``[work(share) for share in shares]``: shares of ``range(n)``, the first in this
    process, the others in forked children."""
    shares = [range(w, n, workers) for w in range(workers)]
    sys.stdout.flush()
    sys.stderr.flush()
    # The collector then leaves the shared objects' pages alone in the children.  No
    # collection first: it would free objects all over the heap (holes the children's
    # allocations then fill, copying those pages) and walk the whole site each time.
    gc.freeze()
    children = []
    try:
        for share in shares[1:]:
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                _child(write_fd, work, share)
            os.close(write_fd)
            children.append((pid, read_fd))
        error = mine = None
        try:
            mine = work(shares[0])
        except BaseException as exc:  # noqa: BLE001 - children are reaped first
            error = exc
        received = [_receive(pid, fd) for pid, fd in children]
        children = []
    finally:
        for pid, fd in children:  # only if forking failed half-way
            os.close(fd)
            os.waitpid(pid, 0)
        gc.unfreeze()
    for result in received:
        for record in result.get("records", ()):
            logging.getLogger(record.name).handle(record)
    if error is not None:
        raise error
    for result in received:
        if "error" in result:
            if result["error"] is not None:
                result["error"].add_note("in a worker process:\n" + result["traceback"])
                raise result["error"]
            raise BuildError("a worker process failed:\n" + result["traceback"])
    return [mine] + [result["result"] for result in received]


def forks(jobs: int, workers: int) -> bool:
    """Whether ``jobs`` pages are rendered in forked workers (see ``FORK_AT``)."""
    return workers > 1 and jobs >= FORK_AT and available()


def map_forked(fn: Callable[[Any], Any], items: Sequence[Any], workers: int) -> list[Any]:
    """``[fn(x) for x in items]`` in ``workers`` processes (serially if 1 or no fork)."""
    if workers <= 1 or len(items) < 2 or not available():
        return [fn(x) for x in items]
    workers = min(workers, len(items))
    parts = _fork_map(lambda share: [fn(items[i]) for i in share], len(items), workers)
    out: list[Any] = [None] * len(items)
    for w, part in enumerate(parts):
        out[w::workers] = part
    return out


@dataclass
class PageJob:
    """What rendering one page made: the file's path and bytes, the inputs it read and the
    problems it found.  A job writes nothing: the pipeline writes, records and reports."""

    path: str
    data: bytes
    inputs: frozenset
    problems: list


def render_page(site, templates, route, lang: str) -> PageJob:
    """Render ``route`` in ``lang``: a pure job (see ``PageJob``)."""
    before = len(site.problems)
    with site.inputs.recording() as reads:
        html = templates.render(route, lang)
    problems = site.problems[before:]
    del site.problems[before:]
    return PageJob(route.save_as(lang), html.encode("utf-8"), frozenset(reads), problems)


def render_pages(site, templates, jobs: Sequence[tuple], workers: int) -> list[PageJob]:
    """``[render_page(site, templates, route, lang) for route, lang in jobs]``, in ``workers``
    processes (see the module docstring), in the order of ``jobs``.

    What a forked worker made besides its pages (the bodies it rendered, new entries of the
    unit cache) comes back with its results and is handed to ``site.adopt`` and the cache's
    ``apply``, the two documented ways in; nothing else of a worker's state is copied."""
    if not forks(len(jobs), workers):
        return [render_page(site, templates, route, lang) for route, lang in jobs]
    workers = min(workers, len(jobs))
    store = site.renderer.store
    bodies_before = set(site._bodies)
    mark = store.mark() if store is not None else frozenset()
    parent = os.getpid()

    def work(share):
        done = [render_page(site, templates, *jobs[i]) for i in share]
        if os.getpid() == parent:
            return {"done": done}
        return {"done": done,
                "bodies": {k: v for k, v in site._bodies.items() if k not in bodies_before},
                "cache": store.delta(mark) if store is not None else ([], {})}

    results = _fork_map(work, len(jobs), workers)
    out: list[PageJob] = [None] * len(jobs)  # type: ignore[list-item]
    for w, result in enumerate(results):
        out[w::workers] = result["done"]
        site.adopt(result.get("bodies", {}))
        if store is not None and "cache" in result:
            store.apply(result["cache"])
    return out
