"""Persistent build caches: what a build can reuse from the previous one, keyed by content.

Each ``Store`` is one pickle file under ``LAYAR_CACHE_DIR`` (default ``.cache/layar``
beside ``content/``, git-ignored) whose name carries a *code version*: a hash of the source
of the modules that compute its values and of the versions of the packages they use.  A
change to that code or an upgrade starts a new, empty store, so a cache can never serve a
value the current code would not compute.  Keys are the inputs themselves (a unit's text, a
file's text), so an edited file simply misses.

A store keeps only what the build used: entries of deleted or edited content are dropped
when it is saved.  It is saved after the pages are written (never by a failed build), by
an atomic rename, so concurrent builds of one project can only lose entries, not corrupt
them.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

logger = logging.getLogger(__name__)


def code_version(modules: tuple[ModuleType, ...], packages: tuple[str, ...] = ()) -> str:
    """A short hash of the source of ``modules``, ``packages``' versions and Python's."""
    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for module in modules:
        h.update(Path(module.__file__).read_bytes())
    for package in packages:
        try:
            h.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package}==?".encode())
    return h.hexdigest()[:16]


class Store:
    """A persistent mapping for one kind of value (see the module docstring).

    ``folder`` None makes a store that remembers nothing between builds.
    """

    def __init__(self, folder: Path | None, name: str, version: str):
        self.path = self.path_of(folder, name, version)
        self.name, self.version = name, version
        self._old: dict[Any, Any] = {}
        self.used: dict[Any, Any] = {}
        self._put: set = set()
        self._added = False
        if self.path is not None and self.path.exists():
            try:
                with self.path.open("rb") as fh:
                    self._old = pickle.load(fh)
            except Exception as exc:  # a truncated or foreign file: start again
                logger.debug("cache %s unreadable (%s); starting empty", self.path, exc)
                self._old = {}

    def get(self, key, default=None):
        found = self.used.get(key)
        if found is None:
            # Moved, not copied: the loaded key object goes, so each key is held once.
            found = self._old.pop(key, None)
            if found is None:
                return default
            self.used[key] = found
        return found

    def put(self, key, value) -> None:
        old = self._old.pop(key, None)
        if (old is None and key not in self.used) or (old is not None and old != value):
            self._added = True
        self.used[key] = value
        self._put.add(key)

    def memo(self, key, compute):
        """The stored value of ``key``, or ``compute()`` stored under it."""
        found = self.get(key)
        if found is None:
            found = compute()
            self.put(key, found)
        return found

    def mark(self) -> frozenset:
        """The keys in use so far; ``delta(mark)`` later says what a forked process added."""
        return frozenset(self.used)

    def delta(self, mark: frozenset) -> tuple[list, dict]:
        """What this (forked) process did to the store since ``mark``: the loaded keys it
        used, and the entries it computed.  ``apply`` it in the parent, which saves."""
        reused = [k for k in self.used if k not in mark and k not in self._put]
        return reused, {k: self.used[k] for k in self._put if k not in mark}

    def apply(self, delta: tuple[list, dict]) -> None:
        reused, added = delta
        for key in reused:
            self.get(key)
        self.update(added)

    def update(self, entries: dict) -> None:
        for key, value in entries.items():
            self.put(key, value)

    @staticmethod
    def path_of(folder: Path | None, name: str, version: str) -> Path | None:
        """The file of store ``name`` at code version ``version`` in ``folder``."""
        return None if folder is None else Path(folder) / f"{name}-{version}.pickle"

    def carried(self) -> "Store":
        """This store for the next build of the same process (``layar_build.Session``):
        what this build used, as ``save`` would write it and the next build load it, held
        in memory instead of read from the file.  What is not saved yet stays to be saved
        by the next one's ``save``."""
        new = Store(None, self.name, self.version)
        new.path = self.path
        new._old = dict(self.used)
        new._added = self.unsaved
        return new

    @property
    def unsaved(self) -> bool:
        """Whether the file would change if this store were saved now."""
        return self.path is not None and (self._added or bool(self._old))

    def release(self) -> None:
        """Forget every entry (once saved: the build reads no more of this store), so that
        their memory can go back to the system while the build waits for its background
        work (the search index)."""
        self._old, self.used, self._put = {}, {}, set()

    def save(self) -> None:
        """Write what this build used, if it differs from what was loaded."""
        if not self.unsaved:
            return  # every loaded entry was used, none was added: the file is up to date
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            with tmp.open("wb") as fh:
                pickle.dump(self.used, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(self.path)
        finally:
            tmp.unlink(missing_ok=True)
        for stale in self.path.parent.glob(f"{self.name}-*.pickle"):
            if stale != self.path:  # stores of older code versions
                stale.unlink(missing_ok=True)
        self._added, self._old = False, {}  # the file now holds what was used
