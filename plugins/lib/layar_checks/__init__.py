"""Layar's checks: a stage of every build, run by the pipeline like load and render.

``invoke check`` is a full build into a folder that is thrown away, and ``invoke build`` is
the same build kept, so both run exactly these checks; no setting turns them off.

* ``configure(settings)``: the ``LAYAR_CHECK_*`` settings, validated once (step 1 of the
  build);
* ``run_checks(site)``: every content check on the loaded site (step 6), with the
  ``CheckState`` the pipeline put at ``site.checks``; their problems join ``site.problems``; the catalog lint (``catalog_lint``) is one of them;
* ``check_output(folder, …)``: every internal link and anchor of the written pages
  (step 11).

Why a package of the library (``plugins/lib/layar_checks``) rather than of ``layar/``: the
link, path and translation checks need the loaded site (every plugin's routes, the catalogs
the build uses, the bodies as parsed and cached by the build); ``layar/`` stays the plain
content model that the checks (like the ingest and the extractor) build on.  The pieces
that need no site (``text``, ``urls``, ``markup``, ``output``, ``catalog_lint``) can be
used on their own, as the catalog tools (``layar_i18n_tools``) do.
"""
from .output import check_output  # noqa: F401
from .runner import CheckState, run_checks  # noqa: F401
from .settings import CheckSettings, configure  # noqa: F401
