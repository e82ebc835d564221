"""What a long-running process keeps between the builds it runs (``invoke livereload``).

Every build reads its persistent caches (``layar_site.cache.Store``: parsed sources,
rendered units, checks, catalogs) and the ledger of the last good output
(``layar_build.ledger``) from ``LAYAR_CACHE_DIR``, and writes them back when it is done:
tens of megabytes of pickles at N = 1,000, about 0.35 s of a 2 s preview rebuild.  A
process that builds again and again (the preview) passes one ``Session`` to every build
(``build(session=…)``) and keeps them in memory instead:

* a store opened by a build is the last good build's store of the same name and code
  version, **carried** (``Store.carried``): exactly what the file would hold had it been
  saved and read again, so a build sees the same entries either way;
* the ledger of an output is the object the last build recorded (``Ledger.record``);
* the output link check checks again only the pages that changed and those whose links
  lead to what changed (``layar_checks.output.OutputMemory``);
* nothing is written while the editor works: ``save()`` writes what is unsaved, and the
  preview calls it when no change has come for a second, before it restarts and when it
  stops.  A preview killed before that loses cache entries, never correctness: a missing
  or old ledger only means more files are made again.

The session holds only content-keyed caches and the record of ``output/``; the site model
is made anew by every build, so a build with a session writes the bytes a build without
one writes (``tests/bench/test_preview_incremental.py`` compares them after random edits).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from layar_checks.output import OutputMemory
from layar_site.cache import Store

from .ledger import Ledger


@dataclass
class Session:
    #: The last good build's stores, by name.
    stores: dict[str, Store] = field(default_factory=dict)
    #: The ledger of each output folder this session built.
    ledgers: dict[Path, Ledger] = field(default_factory=dict)
    #: What the last output check of each output folder found (``OutputMemory``).
    checked: dict[Path, OutputMemory] = field(default_factory=dict)

    def store(self, folder: Path | None, name: str, version: str) -> Store:
        """The store a build opens (``Site(stores=…)``): carried from the last good build
        when it has the same name, folder and code version, else read from ``folder``."""
        kept = self.stores.get(name)
        if kept is not None and kept.version == version \
                and kept.path == Store.path_of(folder, name, version):
            return kept.carried()
        return Store(folder, name, version)

    def ledger(self, cache_dir: Path | None, output: Path) -> Ledger:
        """The ledger of ``output``: the one this session recorded, else read."""
        output = Path(output).resolve()
        found = self.ledgers.get(output)
        if found is None or found.path != Ledger.path_of(cache_dir, output):
            found = self.ledgers[output] = Ledger.for_output(cache_dir, output)
        return found

    def output_check(self, output: Path) -> OutputMemory:
        """What the last output check of ``output`` found: its pages' problems are not
        looked for again where nothing they depend on changed (``check_output``)."""
        return self.checked.setdefault(Path(output).resolve(), OutputMemory())

    def keep(self, stores) -> None:
        """A build succeeded: its stores are what the next build starts from."""
        self.stores = {store.name: store for store in stores}

    def save(self) -> None:
        """Write what is not saved yet: stores, then ledgers (each atomically)."""
        for store in self.stores.values():
            store.save()
        for ledger in self.ledgers.values():
            ledger.write()
