"""What the templates see of topics in one language: names, facts, timelines, related topics.

Every content string goes through ``site.t`` (topic names, summaries and text facts are
English-source units of the content catalogs); labels stay msgids, translated by the
templates with ``_()``.  Views are computed once per (topic, language) and cached here, on
the per-build object.
"""
from __future__ import annotations

import logging
from typing import Any

from layar.atom import Category
from layar.schema import fact_fields
from layar_site.feeds import absolute

from .citing import cite_paragraphs
from .registry import SOURCE_LANG, Topic
from .routes import feed_path, hub_key

logger = logging.getLogger(__name__)


class TopicViews:
    def __init__(self, site, index):
        self.site = site
        self.index = index
        self.kinds = index.kinds
        self._topics: dict[tuple[str, str], dict[str, Any]] = {}

    # -- single items ---------------------------------------------------------------------
    def kind(self, kind: str, lang: str) -> dict[str, Any]:
        spec = self.kinds[kind]
        return {
            "key": kind,
            "label": spec["label"],  # msgid: the template shows _(label)
            "one": spec["one"],
            "segment": spec["segment"],
            "schema": spec["schema"],
            "url": self.site.url(hub_key(kind), lang),
        }

    def topic(self, topic: Topic, lang: str) -> dict[str, Any]:
        cache_key = (topic.id, lang)
        view = self._topics.get(cache_key)
        if view is None:
            spec = self.kinds[topic.kind]
            view = self._topics[cache_key] = {
                "id": topic.id,
                "key": topic.key,
                "kind": topic.kind,
                "kind_label": spec["label"],
                "kind_one": spec["one"],
                "schema": spec["schema"],
                "name": self.site.t(topic.name, SOURCE_LANG, lang),
                "summary": self.site.t(topic.summary, SOURCE_LANG, lang),
                "url": self.site.url(topic.key, lang),
                "feed_url": f"{self.site.settings.siteurl}/"
                            + feed_path(spec["segment"], topic.id, lang),
                "count": self.index.count(topic.id),
                "source": topic,
            }
        return view

    # -- page contexts --------------------------------------------------------------------
    def hub_context(self, kind: str, lang: str) -> dict[str, Any]:
        """The hub of a kind: its topics by article count (most first), then by name."""
        topics = [self.topic(t, lang) for t in self.index.topics(kind)]
        topics.sort(key=lambda v: (-v["count"], v["name"].casefold(), v["id"]))
        return {"kind": self.kind(kind, lang), "topics": topics}

    def topic_context(self, topic: Topic, lang: str) -> dict[str, Any]:
        body = self.site.body(topic, lang)
        citations = self.citations(topic, lang)
        return {
            "topic": self.topic(topic, lang),
            "kind": self.kind(topic.kind, lang),
            "body": body,
            "body_html": cite_paragraphs(body.html, topic, citations),
            "citations": citations,
            "facts": self.facts(topic, lang),
            "timeline": self.timeline(topic, lang),
            "related": self.related(topic, lang),
        }

    def facts(self, topic: Topic, lang: str) -> list[dict[str, Any]]:
        """The topic's facts in declaration order: label (msgid), type and value(s).

        ``value`` is a date (format it with ``|date(lang)``), a year, a localised text
        (LText), a choice label msgid (translate it with ``_()``), or for ``ids`` facts a
        list of topic views under ``topics``.
        """
        out = []
        citations = self.citations(topic, lang)
        for name, spec in fact_fields(self.kinds[topic.kind]).items():
            if name not in topic.facts:
                continue
            value = topic.facts[name]
            item: dict[str, Any] = {"name": name, "label": spec["label"], "type": spec["type"],
                                    "value": value, "topics": []}
            item["cites"] = [c["number"] for c in citations if name in c["facts"]]
            if spec["type"] == "text":
                item["value"] = self.site.t(value, SOURCE_LANG, lang)
            elif spec["type"] == "choice":
                item["value"] = spec.get("choice_labels", {}).get(value, value)
            elif spec["type"] == "ids":
                item["topics"] = [self.topic(self.index.get(i), lang) for i in value
                                  if self.index.get(i) is not None]
                if not item["topics"]:
                    continue
            out.append(item)
        return out

    def citations(self, topic: Topic, lang: str) -> list[dict[str, Any]]:
        """The topic's outside sources (front-matter ``sources``), numbered from 1 in the
        order written: title, publisher, date, url and the source's language as given,
        ``anchor`` (the id of its entry on the page), ``facts`` (the names of the facts it
        confirms) and ``words`` (the words of the body it confirms, as written in English).
        The same in every language: a source is cited as it was published."""
        del lang  # nothing of a citation is translated
        out = []
        for number, source in enumerate(topic.sources, start=1):
            targets = source.get("for", [])
            facts = [t for t in targets if t in topic.facts]
            out.append({**source, "number": number, "anchor": f"source-{number}",
                        "facts": facts, "words": [t for t in targets if t not in facts]})
        return out

    def fact_texts(self, topic: Topic, lang: str) -> list[Any]:
        """The ``text`` facts the topic page shows, as LTexts (for its translation coverage)."""
        return [fact["value"] for fact in self.facts(topic, lang) if fact["type"] == "text"]

    def timeline(self, topic: Topic, lang: str) -> list[dict[str, Any]]:
        """The topic's articles oldest first, as ``site.article`` views in ``lang``."""
        return [self.site.article(a, lang) for a in self.index.articles_of.get(topic.id, [])]

    def related(self, topic: Topic, lang: str) -> list[dict[str, Any]]:
        return [{"topic": self.topic(r.topic, lang), "shared": r.shared, "explicit": r.explicit}
                for r in self.index.related(topic.id, self.index.settings.related_limit)]

    def categories(self, article, lang: str) -> list[Category]:
        """An article's topics as Atom categories in ``lang`` (for every feed's entries):
        the topic id as term, its kind's hub page as scheme, its localised name as label."""
        site = self.site
        out = []
        for topic in self.index.article_topics(article):
            if topic.key not in site.routes:
                continue
            hub = hub_key(topic.kind)
            scheme = absolute(site, site.url(hub, lang)) if hub in site.routes else ""
            out.append(Category(topic.id, scheme, self.topic(topic, lang)["name"]))
        return out

    def article_groups(self, article, lang: str) -> list[dict[str, Any]]:
        """An article's topics grouped by kind (in kind order), for "In this article"."""
        groups: dict[str, list] = {}
        for topic in self.index.article_topics(article):
            groups.setdefault(topic.kind, []).append(self.topic(topic, lang))
        return [{"kind": self.kind(kind, lang), "topics": topics}
                for kind, topics in groups.items()]
