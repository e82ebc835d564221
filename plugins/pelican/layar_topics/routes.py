"""The topics' routes: a hub per kind, a page per topic, and each topic's Atom feed.

| key | URL |
| --- | --- |
| ``hub:<kind>`` | ``/{lang}/<segment>/`` |
| ``topic:<kind>:<id>`` | ``/{lang}/<segment>/<id>/`` |
| (feed, written by ``feeds.py``) | ``/{lang}/<segment>/<id>/feed.xml`` |

Feeds are files rather than routes: a route is an HTML page rendered from a template (and
is listed by the sitemap and search), a feed is not.
"""
from __future__ import annotations

import logging

from layar_site.pagetypes import PageType

logger = logging.getLogger(__name__)


def N_(message: str) -> str:
    """Mark an interface string for extraction (translated where it is shown)."""
    return message


# TRANSLATORS: a kind of page (on social cards): a list of the topics of one kind.
OVERVIEW = N_("Overview")

#: A kind's hub: every topic of the kind (its title is the kind's ``label``).
HUB = PageType("hub", "hub.html", "{lang}/{segment}/", label=OVERVIEW, schema="CollectionPage")
#: A topic's page (its label is its kind's ``one``: "Strike", "Tool"…).
TOPIC = PageType("topic", "topic.html", "{lang}/{segment}/{id}/", indexed=True, order=20)


def hub_key(kind: str) -> str:
    return f"hub:{kind}"


def topic_pattern(segment: str, topic_id: str) -> str:
    return TOPIC.pattern.replace("{segment}", segment).replace("{id}", topic_id)


def feed_path(segment: str, topic_id: str, lang: str) -> str:
    """Output path of a topic's Atom feed in ``lang`` (beside the topic's page)."""
    return topic_pattern(segment, topic_id).format(lang=lang) + "feed.xml"


def add_routes(site, index, views) -> None:
    """Add every hub and topic page to the site's routes (clashes are reported by the site)."""
    site.page_types.declare(HUB)
    site.page_types.declare(TOPIC)
    translate = site.gettext  # the kinds' labels are marked in the settings
    for kind, spec in index.kinds.items():
        site.add_route(HUB.route(
            hub_key(kind), segment=spec["segment"],
            context=lambda lang, k=kind: views.hub_context(k, lang),
            title=lambda lang, s=spec: translate(s["label"], lang)))
    for topic in index.registry:
        spec = index.kinds[topic.kind]
        site.add_route(TOPIC.route(
            topic.key, segment=spec["segment"], id=topic.id,
            context=lambda lang, t=topic: views.topic_context(t, lang),
            title=lambda lang, t=topic: str(site.t(t.name, t.lang, lang)),
            label=spec["one"], obj=topic), topic, topic.line_of("id"))
