"""Rendering pages in forked processes (``LAYAR_WORKERS``), with the serial build's output.

Once the site is loaded and checked, ``render_jobs`` forks ``workers - 1`` children; the
parent and each child render every ``workers``-th job of the list of (language, route)
jobs and write their files.  Forking shares the loaded site copy-on-write, so nothing is
loaded twice and no content is pickled.  Each child sends back, through a pipe, what the
parent must know afterwards, and the parent merges it in the serial order:

* the files written by each job (``site.written``) and the problems each job reported;
* bodies rendered (``site._bodies``) and new entries of the persistent unit cache, so
  plugins writing feeds after the pages (``site_written``) reuse them;
* log records of level WARNING and above, re-emitted in the parent (strict builds fail on
  them), and any exception, re-raised in the parent.

Every page is rendered from the same state as in a serial build, so the files are the same
bytes whatever the number of workers (``tests/bench`` compares the trees).  Template code
must therefore not rely on state changed while *other* pages render; plugins keep such
work in ``site_loaded``, ``site_finalized`` or ``site_written``.
"""
from __future__ import annotations

import gc
import logging
import os
import pickle
import sys
import traceback
from typing import Callable

from layar.errors import BuildError

logger = logging.getLogger(__name__)


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


def _run_share(site, jobs, share, render_one) -> dict[int, tuple[list, list]]:
    done = {}
    for i in share:
        n_written, n_problems = len(site.written), len(site.problems)
        render_one(*jobs[i])
        done[i] = (site.written[n_written:], site.problems[n_problems:])
    return done


def _child(fd: int, site, jobs, share, render_one) -> None:
    """Render ``share`` in a forked child, send the results on ``fd`` and exit."""
    code = 0
    try:
        root = logging.getLogger()
        collect = _Collect()
        root.handlers = [collect]
        bodies_before = set(site._bodies)
        store = site.renderer.store
        cached_before = set(store.used) if store is not None else set()
        try:
            done = _run_share(site, jobs, share, render_one)
            payload = {"done": done,
                       "bodies": {k: v for k, v in site._bodies.items() if k not in bodies_before},
                       "cache": ({k: v for k, v in store.used.items() if k not in cached_before}
                                 if store is not None else {}),
                       "records": collect.records}
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


def render_jobs(site, jobs: list[tuple], workers: int, render_one: Callable) -> None:
    """Run ``render_one(*job)`` for every job, in ``workers`` processes (see the module)."""
    written_before, problems_before = list(site.written), list(site.problems)
    shares = [range(w, len(jobs), workers) for w in range(workers)]
    sys.stdout.flush()
    sys.stderr.flush()
    gc.collect()
    gc.freeze()  # the collector then leaves the shared objects' pages alone in the children
    children = []
    try:
        for share in shares[1:]:
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                _child(write_fd, site, jobs, share, render_one)
            os.close(write_fd)
            children.append((pid, read_fd))
        error = None
        try:
            done = _run_share(site, jobs, shares[0], render_one)
        except BaseException as exc:  # noqa: BLE001 - children are reaped first
            error, done = exc, {}
        results = [_receive(pid, fd) for pid, fd in children]
        children = []
    finally:
        for pid, fd in children:  # only if forking failed half-way
            os.close(fd)
            os.waitpid(pid, 0)
        gc.unfreeze()
    for result in results:
        for record in result.get("records", ()):
            logging.getLogger(record.name).handle(record)
    if error is not None:
        raise error
    for result in results:
        if "error" in result:
            if result["error"] is not None:
                raise result["error"]
            raise BuildError("a rendering worker failed:\n" + result["traceback"])
    store = site.renderer.store
    for result in results:
        done.update(result["done"])
        for key, body in result["bodies"].items():
            site._bodies.setdefault(key, body)
        if store is not None:
            store.update(result["cache"])
    site.written[:] = written_before + [p for i in range(len(jobs)) for p in done[i][0]]
    site.problems[:] = problems_before + [p for i in range(len(jobs)) for p in done[i][1]]
