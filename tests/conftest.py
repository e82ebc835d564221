"""Session fixtures shared by all test folders."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for _part in ("lib", "pelican", "tools"):  # plugins/: library, Pelican plugins, tools
    sys.path.insert(0, str(ROOT / "plugins" / _part))
os.environ.setdefault("TZ", "UTC")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run (by one xdist worker for all of them) into a
    temporary output folder, from a cold cache of its own (never the project's .cache/)."""
    from tests.helpers import build_real_site, made_once

    folder = made_once(tmp_path_factory, "real-site",
                       lambda f: build_real_site(f / "output", f / "cache"))
    return folder / "output"


@pytest.fixture(scope="session")
def fixture_site_output(tmp_path_factory) -> Path:
    """The fixture site (tests/fixtures/site), built once per test run, shared by the
    workers; read only (the golden test compares it, the browser tests serve it)."""
    from tests.helpers import build_fixture_site, made_once

    folder = made_once(tmp_path_factory, "fixture-site",
                       lambda f: build_fixture_site(f / "output", f / "work"))
    return folder / "output"


def pytest_collection_modifyitems(config, items):
    """Mark every benchmark test ``bench``: the fast lane (``invoke test --fast``) leaves them
    out with the browser tests and the whole-site builds (``slow``).

    ``invoke test`` runs the suite on every core (pytest-xdist, ``--dist loadgroup``); tests
    that share something costly are put in one group, which one worker runs in file order:
    the browser tests share one Chromium and the site's server; the tests of a module that
    use a module-scoped fixture (a built corpus, a git history the tests go on editing)
    share it. Nothing else needs a group: every test writes below its own tmp_path, servers
    listen on a port the system gives, and the real and the fixture site are built once
    per run for every worker (``tests.helpers.made_once``) and only read."""
    bench = Path(__file__).parent / "bench"
    groups = config.pluginmanager.hasplugin("xdist")
    for item in items:
        if bench in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.bench)
        group = _xdist_group(item) if groups else None
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


def _xdist_group(item) -> str | None:
    if item.get_closest_marker("browser"):
        return "browser"
    info = getattr(item, "_fixtureinfo", None)
    if info is not None and any(d.scope == "module" for defs in info.name2fixturedefs.values()
                                for d in defs):
        return item.module.__name__
    return None
