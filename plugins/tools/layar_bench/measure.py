"""Run a command and measure its wall time and the peak memory of its whole process tree.

Linux only for the tree figures (``/proc``); elsewhere only ``wait4``'s ``ru_maxrss`` is
reported.  The tree is sampled every ``interval`` seconds:

* ``peak_rss_mib``: the largest sum of RSS over the process and all its descendants, or
  ``wait4``'s ``ru_maxrss`` (the largest single process) if that is larger.  Forked
  workers share the parent's pages copy-on-write, so a sum of RSS counts shared pages once
  per process: it is an upper bound.
* ``peak_pss_mib``: the largest sum of PSS (shared pages divided among the processes that
  share them): what the tree really occupies.  ``None`` where ``smaps_rollup`` is missing.
"""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MIB = 1024 * 1024


@dataclass
class Measured:
    returncode: int
    seconds: float
    #: CPU seconds (user + system) of the process and its waited-for descendants: less
    #: sensitive than wall time to other work on a shared machine.
    cpu_s: float
    peak_rss_mib: float
    peak_pss_mib: float | None
    max_processes: int
    stdout: str
    stderr: str
    #: Peak RSS per program name (``/proc/<pid>/comm``, summed over processes of that name):
    #: shows which program of the tree the memory belongs to.
    peak_by_name: dict[str, float] = field(default_factory=dict)


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += _children(p)
    return pids


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _comm(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as fh:
            return fh.read().strip()
    except OSError:
        return "?"


def _pss(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


class _Sampler(threading.Thread):
    def __init__(self, pid: int, interval: float):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_rss = 0
        self.peak_pss: int | None = None
        self.max_processes = 0
        self.by_name: dict[str, int] = {}
        self.stop = threading.Event()

    def run(self):
        tick = 0
        while not self.stop.is_set():
            pids = _tree(self.pid)
            self.max_processes = max(self.max_processes, len(pids))
            sizes = {p: _rss(p) for p in pids}
            self.peak_rss = max(self.peak_rss, sum(sizes.values()))
            names: dict[str, int] = {}
            for p, size in sizes.items():
                name = _comm(p)
                names[name] = names.get(name, 0) + size
            for name, size in names.items():
                self.by_name[name] = max(self.by_name.get(name, 0), size)
            if tick % 2 == 0:  # PSS walks page tables: sample it half as often
                values = [_pss(p) for p in pids]
                if all(v is not None for v in values):
                    self.peak_pss = max(self.peak_pss or 0, sum(values))
            tick += 1
            self.stop.wait(self.interval)


def run(argv: list[str], cwd: Path | None = None, env: dict | None = None,
        interval: float = 0.02) -> Measured:
    """Run ``argv`` to completion; its output is captured (files, so pipes never block)."""
    import tempfile

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err)
        sampler = None
        if Path(f"/proc/{proc.pid}").exists():
            sampler = _Sampler(proc.pid, interval)
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.stop.set()
            sampler.join()
        out.seek(0)
        err.seek(0)
        maxrss = usage.ru_maxrss * 1024  # kilobytes on Linux
        peak_rss = max(maxrss, sampler.peak_rss if sampler else 0)
        pss = sampler.peak_pss if sampler else None
        cpu = usage.ru_utime + usage.ru_stime
        return Measured(proc.returncode, seconds, cpu, peak_rss / MIB,
                        None if pss is None else pss / MIB,
                        sampler.max_processes if sampler else 1, out.read(), err.read(),
                        {k: round(v / MIB, 1) for k, v in (sampler.by_name if sampler else {}).items()})
