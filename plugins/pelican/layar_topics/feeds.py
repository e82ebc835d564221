"""Each topic's Atom 1.0 feed, per language: ``/{lang}/<segment>/<id>/feed.xml``.

Only the adapter lives here: the topic's articles, titled "<topic name> · <site name>"
with the topic's summary as subtitle, belonging to the topic's page.  Entries carry a
summary (no body: an article appears in the feed of each of its topics) and their topics
as categories; ids, dates, authors and the document are shared with the SEO plugin's
per-language feeds (``layar_site.feeds``, ``layar.atom``).
"""
from __future__ import annotations

import logging

from layar_site.catalogs import LText
from layar_site.feeds import article_feed

from .registry import Topic
from .routes import feed_path

logger = logging.getLogger(__name__)


def topic_feed(site, index, views, topic: Topic, lang: str) -> bytes:
    """The Atom document of ``topic`` in ``lang``."""
    view = views.topic(topic, lang)
    name = view["name"]
    title = LText(f"{name} · {site.settings.site_name}", getattr(name, "lang", lang))
    return article_feed(
        site, articles=index.articles_of.get(topic.id, []), lang=lang,
        path=feed_path(index.kinds[topic.kind]["segment"], topic.id, lang), key=topic.key,
        title=title, subtitle=view["summary"], alternate_url=view["url"], content=False,
        categories=views.categories)


def write_feeds(site, index, views, output) -> None:
    for topic in index.registry:
        segment = index.kinds[topic.kind]["segment"]
        for lang in site.routes.langs_of(site.routes.get(topic.key)):
            output.produce(feed_path(segment, topic.id, lang),
                         lambda topic=topic, lang=lang: topic_feed(site, index, views, topic, lang))
