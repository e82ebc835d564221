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
    """The real site, built once per test session into a temporary output folder."""
    from tests.helpers import build_real_site

    output = tmp_path_factory.mktemp("site") / "output"
    build_real_site(output)
    return output


def pytest_collection_modifyitems(config, items):
    """Mark every benchmark test ``bench``: the fast lane (``invoke test --fast``) leaves them
    out with the browser tests and the whole-site builds (``slow``)."""
    bench = Path(__file__).parent / "bench"
    for item in items:
        if bench in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.bench)
