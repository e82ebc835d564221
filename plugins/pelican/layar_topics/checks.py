"""Integrity between articles and the registry, reported as ``path:line``.

* An article naming a topic id the registry lacks (or under the wrong kind) is an error at
  the line of that id in the article's front-matter: the build stops before writing.
* A topic no article mentions is a warning: its page is still built.
* An article whose title, summary or body mentions a topic (one of its aliases, as the
  ingest tags articles: ``layar.aliases``) that its front-matter does not list is a warning
  at the line of the first mention: the article is missing from that topic's page.
"""
from __future__ import annotations

import hashlib
import logging
import sys

from layar import aliases

from .index import article_topic_ids

logger = logging.getLogger(__name__)

#: Fewer articles to scan than this are scanned in the build's own process (a warm build,
#: the preview): forking costs about as much as scanning this many.
FORK_AT = 100


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


def warn_unlisted_mentions(site, registry) -> None:
    """Warn at the first mention of each topic an article names but does not list.

    The warnings of an article depend only on its texts, its listed topics and the
    registry's aliases: they are kept in the site's ``mentions`` store under a digest of
    those, so an unchanged article is not scanned again (a preview rebuild scans one).
    The articles to scan are shared among ``LAYAR_WORKERS`` forked processes
    (``layar_site.parallel.map_forked``), the alias patterns compiled once before."""
    from layar_site.parallel import map_forked

    entries = [topic.alias_entry() for topic in registry]
    if not entries:
        return
    store = site.store("mentions", (sys.modules[__name__], aliases), ())
    registry_key = hashlib.sha256(repr(entries).encode()).hexdigest()
    keys, todo = [], []  # each article's key; (key, language, listed, texts) to scan
    for article in site.articles:
        listed = sorted({topic_id for _kind, _i, topic_id in article_topic_ids(article)})
        texts = list(_texts(article))
        key = hashlib.sha256(repr((registry_key, article.lang, listed, texts)).encode()
                             ).hexdigest()
        keys.append(key)
        if store.get(key) is None:
            todo.append((key, article.lang, listed, texts))
    if todo:
        index = aliases.AliasIndex(entries)
        index.compile(sorted({lang for _key, lang, _listed, _texts in todo}))
        workers = site.settings.workers if len(todo) >= FORK_AT else 1
        scanned = map_forked(lambda job: _unlisted(index, job[1], set(job[2]), job[3]), todo,
                             workers)
        for (key, *_rest), found in zip(todo, scanned):
            store.put(key, found)
    for article, key in zip(site.articles, keys):
        for line, shown, topic_id in store.get(key):
            topic = registry.get(topic_id)
            site.warning(article.path, line,
                         f"mentions '{shown}' (topic {topic.id}) but does not "
                         f"list it under topics.{topic.kind}; add '{topic.id}' to "
                         f"topics.{topic.kind} so the article is on the topic's page")


def _unlisted(index, lang: str, listed: set[str], texts) -> list[tuple[int, str, str]]:
    """(line, text as written, topic id) of the first mention of each unlisted topic."""
    found: list[tuple[int, str, str]] = []
    warned: set[str] = set()
    for line, text in texts:
        for mention in index.find_all(text, lang):
            if mention.topic_id in listed or mention.topic_id in warned:
                continue
            warned.add(mention.topic_id)
            found.append((line, mention.text, mention.topic_id))
    return found


def _texts(article):
    """``(file line, text)`` of the title, the summary and every unit of the body."""
    meta = article.meta
    yield article.line_of("title"), str(meta.get("title", ""))
    if meta.get("summary"):
        yield article.line_of("summary"), str(meta["summary"])
    for block in article.blocks:
        if block.kind == "code":
            continue
        for i, text in enumerate(block.texts):
            line = block.lines[i] if i < len(block.lines) else block.line
            yield article.body_line + line - 1, text
