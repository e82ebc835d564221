"""Small helpers shared by Layar's reader-facing plugins (SEO, search, timeline)."""
from __future__ import annotations

from typing import Any

#: Used for absolute URLs (canonical, Open Graph, feeds, sitemap) when SITEURL is empty,
#: i.e. in development: the address ``invoke serve`` serves the site at.
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


def plugin_enabled(site, name: str) -> bool:
    """True when plugin ``name`` is in this build's PLUGINS.

    Layar's signals are process-wide (blinker), so a receiver connected by one build would
    also fire in a later build of the same process that does not use the plugin.
    """
    for plugin in site.pelican_settings.get("PLUGINS") or ():
        plugin_name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")
        if plugin_name.rsplit(".", 1)[-1] == name:
            return True
    return False


def public_url(site) -> str:
    """The site's absolute base URL, without a trailing slash."""
    base = site.settings.siteurl or site.pelican_settings.get("LAYAR_PUBLIC_URL") \
        or DEFAULT_PUBLIC_URL
    return base.rstrip("/")


def absolute(site, url: str) -> str:
    """``url`` (root-relative or absolute) as an absolute URL."""
    if url.startswith(("http://", "https://")):
        return url
    return public_url(site) + "/" + url.lstrip("/")


def topics_index(site) -> Any:
    """The topics plugin's index (``site.extensions["topics"]``), or None without it."""
    return site.extensions.get("topics")
