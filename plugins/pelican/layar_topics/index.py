"""The per-build ``TopicIndex``: which articles mention which topics, and how topics relate.

Kept on ``site.extensions["topics"]``.  Built in one pass over the articles' ``topics``
front-matter; related topics are counted in time linear in the number of article-topic
pairs (per article, every ordered pair of its topics, which is bounded by the topics per
article), never by comparing articles with each other.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from .registry import Registry, Topic

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Related:
    """A topic related to another: by ``shared`` articles and/or an explicit ``related``."""

    topic: Topic
    shared: int
    explicit: bool


def article_topic_ids(article) -> Iterator[tuple[str, int, str]]:
    """``(kind, index, id)`` of every topic an article's front-matter names, in file order."""
    for kind, ids in (article.meta.get("topics") or {}).items():
        for i, topic_id in enumerate(ids):
            yield kind, i, topic_id


def timeline_key(article) -> tuple:
    """Oldest first; the slug breaks ties so that the order never depends on file order."""
    return article.meta["date"].sort_key, article.slug


class TopicIndex:
    """Topics <-> articles for one build, plus related-topic counts."""

    def __init__(self, registry: Registry, settings):
        self.registry = registry
        self.settings = settings
        self.kinds: Mapping[str, Mapping[str, Any]] = settings.kinds
        self._kind_order = {kind: i for i, kind in enumerate(self.kinds)}
        #: topic id -> its articles, oldest first
        self.articles_of: dict[str, list] = {t.id: [] for t in registry}
        #: article key -> its topics, in kind order then as listed
        self.topics_of: dict[str, list[Topic]] = {}
        #: topic id -> Counter(other topic id -> number of articles naming both)
        self.shared: dict[str, Counter] = {t.id: Counter() for t in registry}
        #: topic id -> ids of the topics whose ``related`` lists it (explicit links go both ways)
        self.listed_by: dict[str, set[str]] = {t.id: set() for t in registry}
        for t in registry:
            for other in t.related:
                if other in self.listed_by:
                    self.listed_by[other].add(t.id)
        #: Filled by the plugin: template views, and the body filter linking first mentions.
        self.views = None
        self.linker = None

    @classmethod
    def build(cls, registry: Registry, settings, articles: Iterable) -> "TopicIndex":
        index = cls(registry, settings)
        for article in articles:
            index._add(article)
        for items in index.articles_of.values():
            items.sort(key=timeline_key)
        return index

    def _add(self, article) -> None:
        topics = []
        for kind, _, topic_id in article_topic_ids(article):
            topic = self.registry.get(topic_id)
            if topic is None or topic.kind != kind or topic in topics:
                continue  # reported by checks.check_articles
            topics.append(topic)
        topics.sort(key=lambda t: self._kind_order[t.kind])  # stable: listed order per kind
        self.topics_of[article.key] = topics
        for topic in topics:
            self.articles_of[topic.id].append(article)
        # Each ordered pair of this article's topics: O(k^2) for k topics of one article.
        for a in topics:
            counter = self.shared[a.id]
            for b in topics:
                if a is not b:
                    counter[b.id] += 1

    # -- queries ------------------------------------------------------------------------
    def topics(self, kind: str | None = None) -> list[Topic]:
        return list(self.registry) if kind is None else self.registry.of_kind(kind)

    def get(self, topic_id: str) -> Topic | None:
        return self.registry.get(topic_id)

    def count(self, topic_id: str) -> int:
        """How many articles mention (are tagged with) the topic."""
        return len(self.articles_of.get(topic_id, ()))

    def explicitly_related(self, a: str, b: str) -> bool:
        """True when either topic lists the other in ``related`` (links go both ways)."""
        return b in self.listed_by.get(a, ()) or a in self.listed_by.get(b, ())

    def related(self, topic_id: str, limit: int | None = None) -> list[Related]:
        """Topics sharing articles with ``topic_id`` and those related explicitly.

        Ranked by the number of shared articles (most first), explicit links before
        implicit ones at the same count, then kind order and id (same in every language).
        With ``limit``, only the first ``limit`` are kept, plus every explicit one.
        """
        topic = self.registry.get(topic_id)
        if topic is None:
            return []
        shared = self.shared.get(topic_id, Counter())
        candidates = set(shared) | set(topic.related) | self.listed_by.get(topic_id, set())
        found = []
        for other_id in candidates:
            other = self.registry.get(other_id)
            if other is None or other_id == topic_id:
                continue
            found.append(Related(other, shared.get(other_id, 0),
                                 self.explicitly_related(topic_id, other_id)))
        found.sort(key=lambda r: (-r.shared, not r.explicit,
                                  self._kind_order[r.topic.kind], r.topic.id))
        if limit is not None:
            found = [r for i, r in enumerate(found) if i < limit or r.explicit]
        return found

    def pairs(self) -> list[tuple[str, str, int, bool]]:
        """Every related pair once, ``(a, b, shared, explicit)`` with a < b, sorted."""
        out = {}
        for topic in self.registry:
            for rel in self.related(topic.id):
                a, b = sorted((topic.id, rel.topic.id))
                out[(a, b)] = (a, b, rel.shared, rel.explicit)
        return [out[k] for k in sorted(out)]

    def unused(self) -> list[Topic]:
        return [t for t in self.registry if not self.articles_of[t.id]]

    def article_topics(self, article) -> list[Topic]:
        return self.topics_of.get(article.key, [])
