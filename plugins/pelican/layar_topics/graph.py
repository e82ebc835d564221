"""``/api/graph.json``: topics, articles and how they connect, in every language.

Deterministic: keys sorted, topics in kind then id order, articles by slug, edges sorted,
no timestamps.  The format is documented in README.md ("Data: /api/graph.json").
"""
from __future__ import annotations

import json
import logging
from typing import Any

from .registry import SOURCE_LANG
from .routes import hub_key

logger = logging.getLogger(__name__)

#: Bumped when a field changes meaning or disappears (adding fields does not bump it).
VERSION = 1


def graph(site, index) -> dict[str, Any]:
    langs = list(site.languages)

    def per_lang(fn) -> dict[str, str]:
        return {lang: str(fn(lang)) for lang in langs}

    kinds = [{
        "id": kind,
        "segment": spec["segment"],
        "schema": spec["schema"],
        "label": per_lang(lambda lang, label=spec["label"]: site.gettext(label, lang)),
        "url": per_lang(lambda lang, k=kind: site.url(hub_key(k), lang)),
    } for kind, spec in index.kinds.items()]
    topics = [{
        "id": t.id,
        "kind": t.kind,
        "name": per_lang(lambda lang, t=t: site.t(t.name, SOURCE_LANG, lang)),
        "summary": per_lang(lambda lang, t=t: site.t(t.summary, SOURCE_LANG, lang)),
        "url": per_lang(lambda lang, t=t: site.url(t.key, lang)),
        "articles": index.count(t.id),
    } for t in index.registry]
    articles = []
    mentions = []
    for a in sorted(site.articles, key=lambda a: a.slug):
        if a.key not in site.routes:
            continue
        articles.append({
            "slug": a.slug,
            "lang": a.lang,
            "date": a.meta["date"].isoformat(),
            "publisher": a.meta.get("publisher", ""),
            "title": per_lang(lambda lang, a=a: site.t(a.meta["title"], a.lang, lang)),
            "url": per_lang(lambda lang, a=a: site.url(a.key, lang)),
        })
        mentions += [{"article": a.slug, "topic": t.id} for t in index.article_topics(a)]
    related = [{"source": a, "target": b, "shared": shared, "explicit": explicit}
               for a, b, shared, explicit in index.pairs()]
    return {
        "version": VERSION,
        "languages": langs,
        "kinds": kinds,
        "topics": topics,
        "articles": articles,
        "edges": {
            "mentions": sorted(mentions, key=lambda e: (e["article"], e["topic"])),
            "related": related,
        },
    }


def write_graph(site, index, path: str, output) -> None:
    output.produce(path, lambda: json.dumps(graph(site, index), ensure_ascii=False,
                                          sort_keys=True, indent=1) + "\n")
