"""Strict builds: warnings Pelican logs while reading the settings, and warnings a previous
build in the same process already logged, still fail the build."""
from __future__ import annotations

import logging

import pytest

from layar.errors import BuildError


def test_a_settings_warning_fails_the_build(built_tiny_site):
    site, before = built_tiny_site()
    settings = site.settings.read_text(encoding="utf-8")
    site.settings.write_text(settings + '\nPLUGIN_PATHS = PLUGIN_PATHS[0]\n', encoding="utf-8")
    with pytest.raises(BuildError, match="PLUGIN_PATHS"):
        site.build()
    assert site.snapshot("output") == before


def test_a_warning_seen_in_an_earlier_build_is_not_forgotten(built_tiny_site, monkeypatch):
    from layar_site import signals

    def warn(site):
        logging.getLogger("pelican.generators").warning("the same warning, %s", "again")

    signals.site_loaded.connect(warn)
    try:
        for _ in range(2):  # Pelican's LimitFilter would drop the second one
            site, before = built_tiny_site()
            with pytest.raises(BuildError, match="the same warning, again"):
                site.build()
            assert site.snapshot("output") == before
    finally:
        signals.site_loaded.disconnect(warn)
