"""Load the topic registry (``content/topics/<kind>/<id>.md``) into an alias index.

Kept small and isolated on purpose: the topics plugin will provide ``layar.registry``, and
this loader can then be swapped for it.  Each topic file's front-matter has ``id``, ``kind``
(= its folder), ``name`` and ``aliases: {en: [...], id: [...], nl: [...]}``.  The topic's
``name`` joins its English aliases, because names ("Sora 2", "Netflix") are the same in every
language.  A file that cannot be read is skipped with a warning (the registry is edited while
the ingest runs; the check task reports such files with their line).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from layar import frontmatter
from layar.aliases import AliasIndex
from layar.errors import LayarError
from layar.languages import LANGUAGES

log = logging.getLogger(__name__)

#: The kinds of topics, in the order the front-matter lists them.
KINDS = ("strikes", "tools", "productions", "organizations", "people")


@dataclass(frozen=True)
class Topic:
    kind: str
    id: str
    name: str
    aliases: tuple[tuple[str, tuple[str, ...]], ...]  # ((lang, (alias, ...)), ...)


def load_topics(topics_dir: str | Path) -> tuple[list[Topic], list[str]]:
    """All readable topics under ``topics_dir``, and a message for each file skipped."""
    topics: list[Topic] = []
    problems: list[str] = []
    root = Path(topics_dir)
    for path in sorted(root.glob("*/*.md")):
        kind = path.parent.name
        if kind not in KINDS:
            continue
        try:
            meta = frontmatter.load(path).meta
        except (LayarError, OSError) as exc:
            problems.append(f"{path}: skipped: {exc}")
            continue
        topic_id = meta.get("id") or path.stem
        if meta.get("kind", kind) != kind or not isinstance(topic_id, str):
            problems.append(f"{path}: skipped: kind/id do not match the file's place")
            continue
        raw = meta.get("aliases") or {}
        if not isinstance(raw, dict):
            problems.append(f"{path}: skipped: 'aliases' must map languages to lists")
            continue
        aliases = tuple(
            (lang, tuple(a for a in (raw.get(lang) or []) if isinstance(a, str) and a.strip()))
            for lang in LANGUAGES
        )
        name = meta.get("name") if isinstance(meta.get("name"), str) else ""
        topics.append(Topic(kind, topic_id, name, aliases))
    for message in problems:
        log.warning("%s", message)
    return topics, problems


def build_index(topics: list[Topic]) -> AliasIndex:
    """The alias index of ``topics``; each name is added to the English aliases."""
    entries = []
    for topic in topics:
        by_lang = {lang: list(words) for lang, words in topic.aliases}
        if topic.name:
            by_lang.setdefault("en", []).append(topic.name)
        entries.append((topic.kind, topic.id, by_lang))
    return AliasIndex(entries)


def load_index(topics_dir: str | Path) -> tuple[AliasIndex, list[str]]:
    """Load the registry and build its index in one call."""
    topics, problems = load_topics(topics_dir)
    return build_index(topics), problems
