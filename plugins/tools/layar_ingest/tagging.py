"""Tag an article with the registry topics its clean text mentions.

A topic is tagged when one of its aliases occurs in the article's title, summary or body
(after noise removal, so a topic named only in a menu or a "Baca Juga" link does not count),
as found by :meth:`layar.aliases.AliasIndex.find_all` for the article's language (plus English
aliases and names).  Nested mentions count: "Google’s VEO 3" tags both Veo 3 and Google.
The result is grouped by kind, kinds in registry order (``LAYAR_TOPICS_KINDS`` order, as the
index keeps it), ids sorted, empty kinds left out.
"""
from __future__ import annotations

from layar.aliases import AliasIndex


def tag(index: AliasIndex, lang: str, *texts: str) -> dict[str, list[str]]:
    """``{kind: [topic ids]}`` for the topics mentioned in ``texts``."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for mention in index.find_all(text, lang):
            found.setdefault(mention.kind, set()).add(mention.topic_id)
    ordered = [k for k in index.kinds if k in found]
    return {kind: sorted(found[kind]) for kind in ordered}
