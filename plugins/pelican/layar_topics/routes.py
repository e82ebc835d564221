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

from layar_site.routes import Route

logger = logging.getLogger(__name__)


def hub_key(kind: str) -> str:
    return f"hub:{kind}"


def hub_pattern(segment: str) -> str:
    return f"{{lang}}/{segment}/"


def topic_pattern(segment: str, topic_id: str) -> str:
    return f"{{lang}}/{segment}/{topic_id}/"


def feed_path(segment: str, topic_id: str, lang: str) -> str:
    """Output path of a topic's Atom feed in ``lang`` (beside the topic's page)."""
    return topic_pattern(segment, topic_id).format(lang=lang) + "feed.xml"


def add_routes(site, index, views) -> None:
    """Add every hub and topic page to the site's routes (clashes are reported by the site)."""
    for kind, spec in index.kinds.items():
        site.add_route(Route(
            hub_key(kind), hub_pattern(spec["segment"]), "hub.html",
            context=lambda lang, k=kind: views.hub_context(k, lang), page_type="hub"))
    for topic in index.registry:
        segment = index.kinds[topic.kind]["segment"]
        site.add_route(Route(
            topic.key, topic_pattern(segment, topic.id), "topic.html",
            context=lambda lang, t=topic: views.topic_context(t, lang),
            page_type="topic", obj=topic), topic, topic.line_of("id"))
