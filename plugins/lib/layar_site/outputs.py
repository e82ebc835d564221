"""The output of one build: the plan (what to make, what to keep) and the one writer.

``layar_build`` starts a build from the previous good output: the files that output still
holds unchanged since that build (same inode, size and modification time as recorded) are
hard-linked into the new staging folder and described by a ``PreviousBuild`` (output path
-> ``Made``: the file's fingerprint and the inputs it read, ``layar_site.inputs``).

``Outputs.produce(path, make)`` is how every file of a build is written: it keeps the
linked file when the inputs it recorded last time still have the same digests (the
fingerprint is unchanged), else it calls ``make()`` while recording what it reads, writes the
bytes, and records the new fingerprint.  ``Outputs.fresh(path)`` is the same question asked
in advance (the plan of which pages to render); ``Outputs.store(path, data, inputs)`` writes
what a render job made elsewhere (a forked worker).

Nothing here ever writes into a linked file: ``OutputFolder.write`` replaces files, so the
previous output stays exactly as it was until the new one is swapped in.
"""
from __future__ import annotations

import contextlib
import logging
import os
import posixpath
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from layar.errors import BuildError

from .inputs import Input, Inputs

logger = logging.getLogger(__name__)

#: What every page and feed reads: the site model.
SITE: Input = ("site", "")


@dataclass(frozen=True)
class Made:
    """How an output file was made: its fingerprint and the inputs it read."""

    fingerprint: bytes | None
    inputs: tuple[Input, ...] = ()


@dataclass
class PreviousBuild:
    """The files of the previous good output linked into this build's folder."""

    files: dict[str, Made] = field(default_factory=dict)


StatKey = tuple[int, int, int]  # (inode, size, modification time in ns)


def stat_key(st: os.stat_result) -> StatKey:
    """What tells a file apart from a replaced or edited one without reading it (a file
    replaced by ``OutputFolder.write`` gets a new inode; an edit changes the time)."""
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class Outputs:
    """This build's files against the previous build's, and the one way to write them."""

    def __init__(self, folder: "OutputFolder", inputs: Inputs, previous: PreviousBuild | None):
        self.folder = folder
        self.inputs = inputs
        self.previous = previous.files if previous is not None else {}
        #: output path -> how this build made (or kept) it
        self.made: dict[str, Made] = {}
        #: output paths kept from the previous build, and made by this one
        self.kept: list[str] = []
        self.rendered: list[str] = []

    # -- the plan ---------------------------------------------------------------------
    def fresh(self, relpath: str) -> bool:
        """Is the previous build's file at ``relpath`` (linked here) still what this build
        would make?  If so it is recorded as kept, with its old fingerprint."""
        if relpath in self.made:
            return relpath in self.kept
        before = self.previous.get(relpath)
        if before is None or before.fingerprint is None:
            return False
        if self.inputs.fingerprint(relpath, before.inputs) != before.fingerprint:
            return False
        self.made[relpath] = before
        self.kept.append(relpath)
        return True

    def fresh_all(self, relpaths: Iterable[str]) -> bool:
        """Keep every file of ``relpaths`` (linked from the previous build) if each is still
        what this build would make; otherwise keep none of them (a set of files made by one
        run of a tool, such as a language's search index, is kept whole or made again)."""
        relpaths = list(relpaths)
        if any(rel in self.made and rel not in self.kept for rel in relpaths):
            return False
        newly = [rel for rel in relpaths if rel not in self.made]
        if all(self.fresh(rel) for rel in relpaths):
            return True
        self.release(rel for rel in newly if rel in self.made)
        return False

    def release(self, relpaths: Iterable[str]) -> None:
        """Give up kept files: out of the record and out of the folder (they will be made
        again, or not at all)."""
        for rel in list(relpaths):
            if rel in self.made and rel in self.kept:
                del self.made[rel]
                self.kept.remove(rel)
                self.folder.remove(rel)

    def written(self, prefix: str = "", suffix: str = "") -> dict[str, Made]:
        """The files this build has made or kept so far under ``prefix`` ending in
        ``suffix``, and how (a language's pages, for its search index)."""
        return {rel: made for rel, made in self.made.items()
                if rel.startswith(prefix) and rel.endswith(suffix)}

    def previously(self, prefix: str = "") -> dict[str, Made]:
        """The previous build's files under ``prefix`` and how they were made."""
        return {rel: made for rel, made in self.previous.items() if rel.startswith(prefix)}

    # -- writing ----------------------------------------------------------------------
    def produce(self, relpath: str, make: Callable[[], bytes | str],
                reads: Iterable[Input] = (SITE,)) -> bool:
        """Write ``make()`` at ``relpath`` unless the previous build's file is still what it
        would return (see the module docstring).  ``reads`` are inputs read besides what
        ``make`` records (by default the site model).  Returns True when the file was made."""
        if self.fresh(relpath):
            return False
        with self.inputs.recording() as recorded:
            data = make()
        self.store(relpath, data, {*recorded, *reads})
        return True

    def store(self, relpath: str, data: bytes | str, inputs: Iterable[Input]) -> None:
        """Write ``data`` at ``relpath`` and record it as made from ``inputs``."""
        inputs = tuple(sorted(set(inputs)))
        self.folder.write(relpath, data)
        self.made[relpath] = Made(self.inputs.fingerprint(relpath, inputs), inputs)
        self.rendered.append(relpath)

    def record(self, relpath: str, inputs: Iterable[Input]) -> None:
        """Record a file something else wrote into the folder (the search bundle)."""
        inputs = tuple(sorted(set(inputs)))
        self.made[relpath] = Made(self.inputs.fingerprint(relpath, inputs), inputs)
        self.rendered.append(relpath)

    @property
    def files(self) -> list[str]:
        return sorted(self.made)


class OutputFolder:
    """Writes files under one folder, refusing any path that would leave it."""

    def __init__(self, root: Path):
        self.root = os.path.realpath(root)
        os.makedirs(self.root, exist_ok=True)
        self._dirs: set[str] = set()

    def write(self, relpath: str, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        root = self.root
        norm = posixpath.normpath(relpath)
        if ("\\" in relpath or "\x00" in relpath or norm.startswith(("/", "../"))
                or norm in (".", "..")):
            raise BuildError(f"refusing to write outside the output folder: {relpath!r}")
        folder = posixpath.dirname(norm)
        if folder:
            self._make_folder(folder, relpath)
        target = os.path.join(root, norm)
        try:
            st = os.lstat(target)
        except FileNotFoundError:
            st = None
        if st is not None:
            if stat.S_ISLNK(st.st_mode):
                self._inside(target, relpath)
            if st.st_size == len(data):
                with open(target, "rb") as fh:
                    if fh.read() == data:
                        return
        if st is None:  # nothing there to keep: write in place (O_EXCL: never through a link)
            try:
                fh = open(target, "xb")
            except FileExistsError:
                pass  # appeared meanwhile: replace it as below
            else:
                try:
                    with fh:
                        fh.write(data)
                except BaseException:
                    with contextlib.suppress(OSError):
                        os.unlink(target)
                    raise
                return
        # A new file replaces the old one: the old may be a link to the previous output,
        # which must stay as it was.
        tmp = f"{target}.{os.getpid()}.tmp"
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def remove(self, relpath: str) -> None:
        """Remove the file at ``relpath`` if it is there (a directory entry: a link to the
        previous output goes, the previous output stays)."""
        norm = posixpath.normpath(relpath)
        if norm.startswith(("/", "../")) or norm in (".", ".."):
            raise BuildError(f"refusing to remove outside the output folder: {relpath!r}")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(self.root, norm))

    def _make_folder(self, folder: str, relpath: str) -> None:
        """Make ``folder`` (relative to the root), refusing links that leave it."""
        if folder in self._dirs:
            return
        parent = posixpath.dirname(folder)
        if parent:
            self._make_folder(parent, relpath)
        path = os.path.join(self.root, folder)
        try:
            os.mkdir(path)  # made here: a real folder, inside its (checked) parent
        except FileExistsError:
            if os.path.islink(path):
                self._inside(path, relpath)
        self._dirs.add(folder)

    def _inside(self, path: str, relpath: str) -> None:
        real = os.path.realpath(path)
        if real != self.root and not real.startswith(self.root + os.sep):
            raise BuildError(f"refusing to write outside the output folder: {relpath!r}")
