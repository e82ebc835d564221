"""The ledger of the last good output: how each of its files was made, for the next build.

Saved in the cache folder (``LAYAR_CACHE_DIR``, one file per output folder) right after a
build's output is swapped in, and only then, so it always describes the ``output/`` that
is in place.  For every file it holds how it was made (``layar_site.outputs.Made``) and the
file's inode, size and modification time; for every page, what the output link check
found in it.

The next build links every file of ``output/`` that is still as recorded into its staging
folder (``seed``) and tells the site which, as ``LAYAR_PREVIOUS_BUILD``; the site keeps
those whose fingerprint is unchanged.  A file edited or removed by hand, an unreadable or
foreign ledger, or a different code version simply means more files are made again.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path
from typing import Any

from layar_site.outputs import Made, PreviousBuild, StatKey, stat_key

logger = logging.getLogger(__name__)

#: Bump when the ledger's layout changes.
VERSION = 1

class Ledger:
    def __init__(self, path: Path | None):
        self.path = path
        self.files: dict[str, tuple[Made, StatKey]] = {}
        #: output path -> (stat key, what the output link check found in the page)
        self.pages: dict[str, tuple[StatKey, Any]] = {}

    @classmethod
    def for_output(cls, cache_dir: Path | None, output: Path) -> "Ledger":
        if cache_dir is None:
            return cls(None)
        name = hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:16]
        ledger = cls(Path(cache_dir) / f"output-{name}.pickle")
        try:
            with ledger.path.open("rb") as fh:
                data = pickle.load(fh)
            if data.get("version") == VERSION:
                ledger.files, ledger.pages = data["files"], data["pages"]
        except FileNotFoundError:
            pass
        except Exception as exc:  # a truncated or foreign file: every file is made again
            logger.debug("ledger %s unreadable (%s); ignoring it", ledger.path, exc)
        return ledger

    def seed(self, output: Path, staging: Path) -> PreviousBuild:
        """Link into ``staging`` every file of ``output`` that is still as recorded."""
        previous = PreviousBuild()
        if not self.files or not output.is_dir():
            return previous
        made_dirs: set[str] = set()
        for rel, (made, key) in self.files.items():
            source = os.path.join(output, rel)
            try:
                st = os.lstat(source)
            except OSError:
                continue
            if stat_key(st) != key:
                continue  # changed since (by hand?): it will be made again
            folder = os.path.dirname(rel)
            if folder and folder not in made_dirs:
                os.makedirs(os.path.join(staging, folder), exist_ok=True)
                made_dirs.add(folder)
            try:
                os.link(source, os.path.join(staging, rel))
            except OSError as exc:  # e.g. a file system without hard links
                logger.debug("cannot link %s (%s): making files again", source, exc)
                return PreviousBuild()
            previous.files[rel] = made
        return previous

    def save(self, output: Path, made: dict[str, Made],
             pages: dict[str, tuple[StatKey, Any]]) -> None:
        """Record the output just swapped in (atomically; never fails the build)."""
        if self.path is None:
            return
        files: dict[str, tuple[Made, StatKey]] = {}
        for rel, how in made.items():
            try:
                files[rel] = (how, stat_key(os.lstat(os.path.join(output, rel))))
            except OSError:
                continue
        data = {"version": VERSION, "files": files, "pages": pages}
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(self.path)
        except OSError as exc:
            logger.debug("could not save the ledger %s: %s", self.path, exc)
        finally:
            tmp.unlink(missing_ok=True)

    def forget(self) -> None:
        """Remove the saved ledger (the output it described is gone or replaced)."""
        if self.path is not None:
            self.path.unlink(missing_ok=True)
