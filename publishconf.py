"""Settings for publishing: everything from pelicanconf.py, with absolute URLs.

The address comes from the LAYAR_SITEURL environment variable of the deploy job, so the
same sources publish to any host; without it the site keeps root-relative links.
"""
import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("LAYAR_SITEURL", "").rstrip("/")
RELATIVE_URLS = False
