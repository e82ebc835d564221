"""TopicIndex: counts, timelines and related topics ranked by shared articles."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from layar.schema import parse_when
from layar_topics.index import TopicIndex
from layar_topics.settings import configure

from .conftest import KINDS, TOPICS
from .test_registry import _registry


@dataclass
class FakeArticle:
    slug: str
    date: str
    topics: dict
    meta: dict = field(init=False)

    def __post_init__(self):
        self.meta = {"date": parse_when(self.date), "topics": self.topics}

    @property
    def key(self):
        return f"article:{self.slug}"


def _index(tmp_path, articles):
    registry, problems = _registry(tmp_path, TOPICS)
    assert problems == []
    return TopicIndex.build(registry, configure({"LAYAR_TOPICS_KINDS": KINDS}), articles)


ARTICLES = [
    FakeArticle("b", "2023-05-01", {"strikes": ["writers-strike"], "tools": ["robowriter"],
                                    "organizations": ["writers-union", "big-studio"]}),
    FakeArticle("c", "2023-06-01", {"strikes": ["writers-strike"], "tools": ["zeta-cam"],
                                    "organizations": ["writers-union"]}),
    FakeArticle("a", "2023-04-01", {"tools": ["robowriter", "able-edit"],
                                    "organizations": ["writers-union"]}),
]


def test_counts_timelines_and_article_topics(tmp_path):
    index = _index(tmp_path, ARTICLES)
    assert index.count("writers-union") == 3 and index.count("unused-tool") == 0
    assert [a.slug for a in index.articles_of["writers-union"]] == ["a", "b", "c"]
    assert [t.id for t in index.article_topics(ARTICLES[0])] == [
        "writers-strike", "robowriter", "writers-union", "big-studio"]
    assert [t.id for t in index.unused()] == ["unused-tool"]


def test_related_by_shared_articles_then_explicit(tmp_path):
    index = _index(tmp_path, ARTICLES)
    ranked = [(r.topic.id, r.shared, r.explicit) for r in index.related("writers-union")]
    assert ranked == [
        ("writers-strike", 2, True),   # 2 shared and listed in writers-strike's `related`
        ("robowriter", 2, False),
        ("able-edit", 1, False),       # ties: kind order (tools before organizations), then id
        ("zeta-cam", 1, False),
        ("big-studio", 1, False),
    ]
    assert [(r.topic.id, r.shared) for r in index.related("big-studio")] == [
        ("writers-strike", 1), ("robowriter", 1), ("writers-union", 1)]
    # explicit links go both ways
    assert index.explicitly_related("writers-strike", "writers-union")
    assert index.explicitly_related("writers-union", "writers-strike")


def test_pairs_are_listed_once_and_sorted(tmp_path):
    index = _index(tmp_path, ARTICLES)
    pairs = index.pairs()
    assert pairs == sorted(pairs)
    assert ("writers-strike", "writers-union", 2, True) in pairs
    assert all(a < b for a, b, _, _ in pairs)


def test_related_counting_is_linear_in_article_topic_pairs(tmp_path):
    """Many articles with few topics each: the counters grow with pairs, not articles^2."""
    registry, _ = _registry(tmp_path, TOPICS)
    articles = [FakeArticle(f"x{i:05d}", "2024-01-01",
                            {"tools": ["robowriter"], "organizations": ["big-studio"]})
                for i in range(20000)]
    index = TopicIndex.build(registry, configure({"LAYAR_TOPICS_KINDS": KINDS}), articles)
    assert index.shared["robowriter"] == Counter({"big-studio": 20000})
    assert index.related("robowriter")[0].shared == 20000


def test_a_limit_keeps_the_best_ranked_and_every_explicit_one(tmp_path):
    index = _index(tmp_path, ARTICLES)
    assert [r.topic.id for r in index.related("writers-union", limit=1)] == ["writers-strike"]
    # writers-strike is ranked 3rd for big-studio but kept beyond the limit only if explicit
    assert [r.topic.id for r in index.related("big-studio", limit=1)] == ["writers-strike"]
    assert [r.topic.id for r in index.related("writers-strike", limit=0)] == ["writers-union"]
