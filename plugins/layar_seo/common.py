"""Small helpers shared by Layar's reader-facing plugins (SEO, search, timeline)."""
from __future__ import annotations

from typing import Any

# One definition of the public address, shared with the feeds of every plugin.
from layar_site.feeds import DEFAULT_PUBLIC_URL, absolute, public_url  # noqa: F401


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


def topics_index(site) -> Any:
    """The topics plugin's index (``site.extensions["topics"]``), or None without it."""
    return site.extensions.get("topics")
