"""The site's Atom feed in each language, ``/{lang}/feed.xml``: the newest articles first.

Only the adapter lives here (which articles, which title, which path); the entries are
``layar_site.feeds.article_feed`` and the document ``layar.atom``, shared with the topics
plugin's per-topic feeds.  With the topics plugin, entries carry their topics as categories.
"""
from __future__ import annotations

from layar_site.feeds import article_feed



def feed_path(lang: str) -> str:
    return f"{lang}/feed.xml"


def language_feed(site, lang: str, subtitle: str = "") -> bytes:
    """The feed of the newest articles in ``lang`` (``LAYAR_FEED_ITEMS``), belonging to the
    home page (full content)."""
    home = site.url("home", lang) if "home" in site.routes else "/"
    index = site.services.topics
    return article_feed(
        site, articles=site.articles, lang=lang, path=feed_path(lang), key="home",
        title=site.settings.site_name, alternate_url=home, subtitle=subtitle,
        categories=index.views.categories if index is not None else None)
