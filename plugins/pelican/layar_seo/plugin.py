"""Registers the SEO plugin on Layar's signals (state lives on ``site.extensions["seo"]``)."""
from __future__ import annotations

from layar_site import signals
from layar_site.plugins import enabled

from .atom import feed_path, language_feed
from .meta import Seo
from .sitemap import robots, sitemap

NAME = "layar_seo"


def N_(message: str) -> str:
    """Mark an interface string for extraction (translated when written)."""
    return message


#: TRANSLATORS: subtitle of the site's Atom feed in each language.
FEED_SUBTITLE = N_("News reports on generative AI in film and television")

#: The language chooser at / shows these in every language (``site.gettext``), which the
#: template extractor cannot see: they are marked here.
CHOOSER_STRINGS = (
    # TRANSLATORS: tagline of the language on the language chooser page at /.
    N_("Generative AI in film and television, explained"),
    # TRANSLATORS: invitation on the language chooser page at /, shown in every language.
    N_("Choose your language"),
)


def site_loaded(site) -> None:
    if enabled(site, NAME):
        site.extensions["seo"] = Seo(site)


def site_written(site, output) -> None:
    if not enabled(site, NAME):
        return
    for lang in site.languages:
        output.produce(feed_path(lang), lambda lang=lang: language_feed(
            site, lang, site.gettext(FEED_SUBTITLE, lang)))
    output.produce("sitemap.xml", lambda: sitemap(site))
    output.produce("robots.txt", lambda: robots(site))


def register():
    signals.site_loaded.connect(site_loaded)
    signals.site_written.connect(site_written)
