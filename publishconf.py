"""Settings for publishing: everything from pelicanconf.py, with the site's real address.

The address comes from the LAYAR_SITEURL environment variable of the deploy job (for example
``LAYAR_SITEURL=https://layar.example.org invoke publish``), so the same sources publish to
any host. Publishing without it is refused: canonical links, hreflang alternates, feeds and
the sitemap must name the public address, not the preview server.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("LAYAR_SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit("publishconf.py: set LAYAR_SITEURL to the site's public address, "
                     "e.g. LAYAR_SITEURL=https://layar.example.org invoke publish")
RELATIVE_URLS = False

# The web editor at /admin/ (its own policy; see docs/CONTENT_SECURITY_POLICY.md).
LAYAR_ADMIN = True
# Its repository: the one set in pelicanconf.py, else the deploy workflow's own.
LAYAR_ADMIN_REPO = LAYAR_ADMIN_REPO or os.environ.get("GITHUB_REPOSITORY", "")  # noqa: F405
