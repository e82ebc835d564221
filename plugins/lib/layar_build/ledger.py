"""The ledger of the last good output: how each of its files was made, for the next build.

Saved in the cache folder (``LAYAR_CACHE_DIR``, one file per output folder) right after a
build's output is swapped in, and only then, so it always describes the ``output/`` that
is in place.  For every file it holds how it was made (``layar_site.outputs.Made``: its
fingerprint and the inputs it read) and the file's inode, size and modification time; for
every page, what the output link check found in it.

The next build links every file of ``output/`` that is still as recorded into its staging
folder (``seed``) and gives the pipeline the record of them (a ``PreviousBuild``); the plan
keeps those whose recorded inputs are unchanged.  A file edited or removed by hand, an unreadable or
foreign ledger, or a different code version simply means more files are made again.

The output a build replaces is kept beside the ledger as the **spare**
(``output-<hash>.spare``) and becomes the next build's staging folder: most of its files
are links to the same files as ``output/``, so ``seed`` only removes what is no longer the
same file and links what is missing, instead of making thousands of folders again.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

from layar_site.outputs import Made, PreviousBuild, StatKey, stat_key

logger = logging.getLogger(__name__)

#: Bump when the ledger's layout changes.
VERSION = 2

class Ledger:
    def __init__(self, path: Path | None):
        self.path = path
        self.files: dict[str, tuple[Made, StatKey]] = {}
        #: output path -> (stat key, what the output link check found in the page)
        self.pages: dict[str, tuple[StatKey, Any]] = {}
        #: Recorded and not written yet (``record``, ``write``).
        self.unsaved = False

    @staticmethod
    def path_of(cache_dir: Path | None, output: Path) -> Path | None:
        """Where the ledger of ``output`` is saved (None: no cache folder, no ledger)."""
        if cache_dir is None:
            return None
        name = hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:16]
        return Path(cache_dir) / f"output-{name}.pickle"

    @classmethod
    def for_output(cls, cache_dir: Path | None, output: Path) -> "Ledger":
        ledger = cls(cls.path_of(cache_dir, output))
        if ledger.path is None:
            return ledger
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
        """Link into ``staging`` every file of ``output`` that is still as recorded.

        ``staging`` may be a spare (``take_spare``): an earlier output, mostly links to the
        same files.  What in it is still the same file as in ``output`` (same inode) stays;
        everything else in it goes, so the folders need not be made again."""
        previous = PreviousBuild()
        valid: dict[str, tuple[Made, int]] = {}
        for rel, (made, key) in (self.files.items() if output.is_dir() else ()):
            try:
                st = os.lstat(os.path.join(output, rel))
            except OSError:
                continue
            if stat_key(st) == key:  # else changed since (by hand?): it will be made again
                valid[rel] = (made, st.st_ino)
        made_dirs: set[str] = {""}
        # Without a valid file (no ledger, no output/), a spare is emptied all the same.
        present = _prune(staging, "", valid, made_dirs)
        if not valid:
            return previous

        def folder_for(folder: str) -> None:  # os.makedirs, without its per-call checks
            if folder not in made_dirs:
                folder_for(os.path.dirname(folder))
                try:
                    os.mkdir(os.path.join(staging, folder))
                except FileExistsError:
                    pass
                made_dirs.add(folder)

        for rel, (made, _ino) in valid.items():
            if rel not in present:
                folder_for(os.path.dirname(rel))
                try:
                    os.link(os.path.join(output, rel), os.path.join(staging, rel))
                except OSError as exc:  # e.g. a file system without hard links
                    logger.debug("cannot link %s (%s): making files again", rel, exc)
                    return PreviousBuild()
            previous.files[rel] = made
        return previous

    # -- the spare: the output replaced by the last build, kept to be the next staging --
    @property
    def spare(self) -> Path | None:
        return None if self.path is None else self.path.with_suffix(".spare")

    def take_spare(self, staging: Path) -> bool:
        """Move the spare to ``staging`` (which must not exist); False if there is none."""
        spare = self.spare
        if spare is None or not spare.is_dir():
            return False
        try:
            spare.rename(staging)
        except OSError as exc:  # e.g. the cache is on another file system
            logger.debug("cannot use the spare %s (%s)", spare, exc)
            shutil.rmtree(spare, ignore_errors=True)
            return False
        return True

    def keep_spare(self, folder: Path) -> None:
        """Keep ``folder`` (the output just replaced) as the next build's staging, or remove
        it when there is no cache folder or it cannot be moved there."""
        spare = self.spare
        if spare is not None:
            try:
                shutil.rmtree(spare, ignore_errors=True)
                spare.parent.mkdir(parents=True, exist_ok=True)
                folder.rename(spare)
                return
            except OSError as exc:
                logger.debug("cannot keep %s as the spare (%s)", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)

    def record(self, output: Path, made: dict[str, Made],
               pages: dict[str, tuple[StatKey, Any]]) -> None:
        """Record the output just swapped in, in memory (``write`` saves it: a preview
        keeps its ledger in memory between rebuilds and writes it when idle)."""
        files: dict[str, tuple[Made, StatKey]] = {}
        for rel, how in made.items():
            try:
                files[rel] = (how, stat_key(os.lstat(os.path.join(output, rel))))
            except OSError:
                continue
        self.files, self.pages = files, pages
        self.unsaved = True

    def write(self) -> None:
        """Save the record of the output in place (see ``record``; atomically, never
        failing the build)."""
        if self.path is None or not self.unsaved:
            return
        self.unsaved = False
        data = {"version": VERSION, "files": self.files, "pages": self.pages}
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
        self.unsaved = False
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def _prune(root: Path, rel: str, valid: dict[str, tuple[Any, int]], dirs: set[str]) -> set[str]:
    """Files under ``root/rel`` that are ``valid`` (same path, same inode), recording the
    folders that stay in ``dirs``; remove every other file, link and emptied folder."""
    present: set[str] = set()
    kept = False  # does anything stay in this folder?
    with os.scandir(os.path.join(root, rel)) as entries:
        for entry in entries:
            path = f"{rel}/{entry.name}" if rel else entry.name
            if entry.is_dir(follow_symlinks=False):
                below = _prune(root, path, valid, dirs)
                present |= below
                kept = kept or path in dirs
                continue
            found = valid.get(path)
            if found is not None and entry.inode() == found[1]:
                present.add(path)
                kept = True
            else:
                os.unlink(entry.path)
    if rel:
        if kept:
            dirs.add(rel)
        else:
            try:
                os.rmdir(os.path.join(root, rel))
            except OSError:  # something appeared meanwhile: it stays
                dirs.add(rel)
    return present
