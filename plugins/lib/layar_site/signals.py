"""The named points of the pipeline (``layar_build.pipeline``) that plugins hook, all here.

Receivers run in the order of their module and name.  They get the per-build ``Site`` object
as sender; they keep their state on it (``site.extensions[name]``), never in module globals.  The points after the plan also get
the build's ``Outputs`` as ``output``: the one way to write a file (``output.produce(path,
make)``), which keeps it from the last good build when what it read is unchanged.
"""
from blinker import NamedSignal


class Point(NamedSignal):
    """A named point of the pipeline: its receivers run in a fixed order (by module and
    name).  Blinker calls them in the order of a set of their ids, which follows memory
    addresses: the routes plugins add would come in another order in each process, and
    so would everything made from them."""

    def receivers_for(self, sender):
        return iter(sorted(super().receivers_for(sender), key=_order))


def _order(receiver) -> tuple[str, str]:
    return (getattr(receiver, "__module__", "") or "",
            getattr(receiver, "__qualname__", "") or repr(receiver))


def signal(name: str) -> Point:
    return Point(name)

#: Articles and pages are loaded; plugins add their content, routes and checks.
#: ``site.problems`` collects what they find.
site_loaded = signal("layar-site-loaded")

#: Every route is known and every check has run (``layar_checks``): plugins compute
#: cross-references.
site_finalized = signal("layar-site-finalized")

#: Every HTML page of one language is written (keyword arguments ``lang``, ``output``); languages are
#: written one after the other, in the site's order.  Work that reads one language's pages
#: (the search index of that language) can start at once.
language_written = signal("layar-language-written")

#: Every HTML page is written (nothing else yet): work that reads the pages alone, such as
#: the search index, can start now, while the ``site_written`` receivers write the rest.
pages_written = signal("layar-pages-written")

#: HTML pages have been written for every language: plugins write other outputs
#: (feeds, JSON) through ``output.produce(path, make)`` (keyword argument ``output``).
site_written = signal("layar-site-written")
