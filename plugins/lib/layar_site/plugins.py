"""Which of Layar's plugins this build uses: the one ``enabled(site, name)`` every plugin asks.

Why the question is needed at all: Layar's signals (``layar_site.signals``) are blinker
signals, i.e. module-level objects global to the Python process, and a plugin's
``register()`` connects its receivers to them for good.  Those receivers outlive the Pelican
run that registered them: a later build in the same process (the test suite,
``invoke livereload``, the benchmark) whose ``PLUGINS`` leaves the plugin out still sends
the signals, and the plugin's receivers would still run, adding routes, checks or files to a
site that did not ask for them.  So each receiver first checks that this build's settings
list its plugin.
"""
from __future__ import annotations


def enabled(site, name: str) -> bool:
    """True when plugin ``name`` (e.g. ``"layar_topics"``) is in this build's ``PLUGINS``.

    ``PLUGINS`` may hold names (``"layar_topics"``, ``"plugins.layar_topics"``) or modules.
    """
    for plugin in site.pelican_settings.get("PLUGINS") or ():
        plugin_name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")
        if plugin_name.rsplit(".", 1)[-1] == name:
            return True
    return False
