"""Integrity between articles and the registry, reported as ``path:line``.

* An article naming a topic id the registry lacks (or under the wrong kind) is an error at
  the line of that id in the article's front-matter: the build stops before writing.
* A topic no article mentions is a warning: its page is still built.
"""
from __future__ import annotations

import logging

from .index import article_topic_ids

logger = logging.getLogger(__name__)


def check_articles(site, registry, folder: str) -> None:
    """``folder`` is the registry's folder as shown to editors, e.g. content/topics."""
    # Articles whose front-matter is invalid still have their topics checked, when the
    # topics field itself can be read: one run reports every problem of a file.
    readable = [r for r in site.rejected if r.what == "article" and _readable_topics(r.meta)]
    for article in [*site.articles, *readable]:
        for kind, i, topic_id in article_topic_ids(article):
            line = article.line_of("topics", kind, i)
            topic = registry.get(topic_id)
            if topic_id in registry.broken:
                continue  # the topic file's own error is reported already
            if topic is None:
                site.error(article.path, line,
                           f"unknown topic '{topic_id}' in topics.{kind}"
                           f"{registry.suggest(topic_id)}; add "
                           f"{folder}/{kind}/{topic_id}.md or fix the id")
            elif topic.kind != kind:
                site.error(article.path, line,
                           f"topic '{topic_id}' is listed under topics.{kind} but its kind is "
                           f"'{topic.kind}' ({topic.path}); move it to topics.{topic.kind}")


def _readable_topics(meta) -> bool:
    topics = meta.get("topics")
    return isinstance(topics, dict) and all(
        isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in topics.values())


def warn_unused(site, index) -> None:
    for topic in index.unused():
        site.warning(topic.path, topic.line_of("id"),
                     f"no article mentions topic '{topic.id}'; its page is built without articles")
