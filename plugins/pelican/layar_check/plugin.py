"""Layar's checks as a Pelican plugin: every content check runs inside every build.

``invoke check`` is a full build into a folder that is thrown away, and ``invoke build`` is
the same build kept, so both run exactly these checks; ``layar_build`` refuses to use a
build in which they did not run.

Why a plugin package of its own (``plugins/layar_check``) rather than ``layar/checks``: the
link, path and translation checks need the loaded site (every plugin's routes, the catalogs
the build uses, the bodies as parsed and cached by the build), which only exists inside a
Pelican run; ``layar/`` stays the plain, Pelican-free content model that the checks (like
the ingest and the extractor) build on.  The pieces that need no site (``text``, ``urls``,
``markup``, ``output``) import nothing from Pelican and can be used on their own.
"""
from __future__ import annotations

from layar_site import signals
from layar_site.plugins import enabled

from .runner import check_site, state_of
from .settings import configure

NAME = "layar_check"


def register():
    """Register the plugin callbacks."""
    # The LAYAR_CHECK_* settings are validated once, when the build's site is loaded.
    signals.site_loaded.connect(on_site_loaded)
    # Every route, including those other plugins add in site_loaded, is known here, and the
    # generator stops the build right after it when any problem is an error.
    signals.site_finalized.connect(on_site_finalized)
    # The catalog lint (syntax, placeholders, out-of-date catalogs) joins the checks.
    signals.check_catalogs.connect(lint_catalogs)


def on_site_loaded(site) -> None:
    if enabled(site, NAME):
        state_of(site).settings = configure(site.pelican_settings)


def on_site_finalized(site) -> None:
    if enabled(site, NAME):
        check_site(site)


def lint_catalogs(site, root, languages, **_):
    """The problems ``invoke i18n.lint`` reports, for ``invoke check`` and ``invoke build``."""
    from layar_i18n_tools import lint_site

    return lint_site(site, root, languages)  # lint() reusing the documents this build parsed
