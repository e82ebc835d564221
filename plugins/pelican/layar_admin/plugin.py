"""Writes the web editor (``/admin/``) into the output when ``LAYAR_ADMIN`` is on: its page
with its own Content-Security-Policy, its configuration generated from ``layar.schema``
(``layar_build.cms``), Layar's widgets and Decap's bundle from ``node_modules``.  Nothing
else of the site changes: no page links to it, and it is in no sitemap or feed."""
from __future__ import annotations

from pathlib import Path

from layar.errors import ConfigurationError
from layar_build import cms
from layar_site import signals
from layar_site.outputs import SITE
from layar_site.plugins import enabled

from .settings import DEFAULTS, AdminSettings, configure

NAME = "layar_admin"
EXTENSION = "admin"
#: The project: where node_modules/ and admin/ are.
ROOT = Path(__file__).resolve().parents[3]


def register():
    """Register the plugin callbacks."""
    # Settings validated once; a missing bundle stops the build before anything is made.
    signals.site_loaded.connect(site_loaded)
    # After the pages: the editor's files, each made from its own inputs.
    signals.site_written.connect(site_written)


def site_loaded(site) -> None:
    if not enabled(site, NAME):
        return
    settings = site.extensions[EXTENSION] = site.configure(NAME, configure, DEFAULTS)
    if settings.enabled:
        missing = cms.missing_bundle(ROOT)
        if missing:
            raise ConfigurationError(f"LAYAR_ADMIN is on, but {missing}")


def backend(settings: AdminSettings) -> cms.Backend:
    return cms.Backend(repo=settings.repo, branch=settings.branch, auth_url=settings.auth_url,
                       auth_endpoint=settings.auth_endpoint,
                       open_authoring=settings.open_authoring)


def site_written(site, output) -> None:
    if not enabled(site, NAME):
        return
    settings: AdminSettings = site.extensions[EXTENSION]
    if not settings.enabled:
        return
    def make(name: str) -> bytes:
        # Made inside the recording: the settings read here are this file's inputs.
        data = cms.site_files(ROOT, site.settings.kinds, backend(settings))[name]
        return data.read_bytes() if isinstance(data, Path) else data

    for name, data in cms.site_files(ROOT, site.settings.kinds, backend(settings)).items():
        relpath = settings.url + name
        if isinstance(data, Path):  # a file of the bundle, as it is
            output.produce(relpath, data.read_bytes, reads=[("file", str(data))])
        else:
            output.produce(relpath, lambda name=name: make(name), reads=[SITE])
