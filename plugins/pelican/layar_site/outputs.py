"""Which output files a build must make, and which it can keep from the previous build.

``layar_build`` starts a build from the previous good output: the files that output still
holds unchanged since that build (same inode, size and modification time as recorded) are
hard-linked into the new staging folder, and given to the site as ``LAYAR_PREVIOUS_BUILD``
(a ``PreviousBuild``: output path -> ``Made``).  ``Outputs.fresh`` then tells, for each
file, whether its fingerprint (``fingerprints``) is the one it was made with; if so the
build keeps the linked file, else it makes the file again (``Site.produce``).

Nothing here ever writes into a linked file: ``Site.write`` replaces files, so the previous
output stays exactly as it was until the new one is swapped in.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from .fingerprints import BodyKey, Fingerprints

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Made:
    """How an output file was made: its fingerprint and the bodies it showed."""

    fingerprint: bytes
    bodies: tuple[BodyKey, ...] = ()


@dataclass
class PreviousBuild:
    """The files of the previous good output linked into this build's folder."""

    files: dict[str, Made] = field(default_factory=dict)


StatKey = tuple[int, int, int]  # (inode, size, modification time in ns)


def stat_key(st: os.stat_result) -> StatKey:
    """What tells a file apart from a replaced or edited one without reading it (a file
    replaced by ``Site.write`` gets a new inode; an edit changes the time)."""
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class Outputs:
    """This build's record of its files (``made``) against the previous build's."""

    def __init__(self, previous: PreviousBuild | None, fingerprints: Fingerprints):
        self.previous = previous.files if previous is not None else {}
        self.fingerprints = fingerprints
        #: output path -> how this build made (or kept) it
        self.made: dict[str, Made] = {}
        self.kept = 0

    def fresh(self, relpath: str) -> bool:
        """Is the previous build's file at ``relpath`` (linked here) still what this build
        would make?  If so it is recorded as made, with its old fingerprint."""
        before = self.previous.get(relpath)
        if before is None:
            return False
        if self.fingerprints.of(relpath, before.bodies) != before.fingerprint:
            return False
        self.made[relpath] = before
        self.kept += 1
        return True

    def record(self, relpath: str, bodies: set[BodyKey]) -> None:
        fingerprint = self.fingerprints.of(relpath, bodies)
        if fingerprint is not None:
            self.made[relpath] = Made(fingerprint, tuple(sorted(bodies)))
