"""Layar's topics plugin (``plugin.py``).

``register`` imports the plugin only when Pelican calls it: the registry loader and the
settings (``layar_topics.registry``, ``layar_topics.settings``) need no site, so the ingest
uses them without loading the site generator and its signals.
"""


def register():
    """Register the plugin callbacks (see ``layar_topics.plugin.register``)."""
    from .plugin import register as register_plugin

    register_plugin()
