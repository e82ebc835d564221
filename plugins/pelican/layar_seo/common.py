"""Small helpers shared by Layar's reader-facing plugins (SEO, search, timeline)."""
from __future__ import annotations

# One definition of the public address, shared with the feeds of every plugin.
from layar_site.feeds import DEFAULT_PUBLIC_URL, absolute, public_url  # noqa: F401
