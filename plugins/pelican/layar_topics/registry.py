"""The topic registry: ``content/topics/<kind>/<id>.md``, loaded and validated once per build.

Every problem is collected as ``path:line`` (nothing is raised for content); a topic file
with an error is left out of the registry, and references to it are not reported twice.
"""
from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from layar import frontmatter, schema
from layar.blocks import Block
from layar.errors import ContentError, Problem

logger = logging.getLogger(__name__)

#: Topics, like pages, are written in English: their units are English msgids.
SOURCE_LANG = "en"


@dataclass
class Topic:
    """One topic file.  ``path``, ``blocks`` and ``lang`` make it renderable by ``Site.body``."""

    path: str  # relative to the project root, e.g. content/topics/tools/sora-2.md
    meta: dict[str, Any]
    blocks: list[Block]
    doc: frontmatter.Document
    lang: str = SOURCE_LANG

    @property
    def id(self) -> str:
        return self.meta["id"]

    @property
    def kind(self) -> str:
        return self.meta["kind"]

    @property
    def key(self) -> str:
        """The route key of the topic's page."""
        return f"topic:{self.kind}:{self.id}"

    @property
    def name(self) -> str:
        return self.meta["name"]

    @property
    def summary(self) -> str:
        return self.meta["summary"]

    @property
    def aliases(self) -> dict[str, list[str]]:
        return self.meta.get("aliases", {})

    @property
    def facts(self) -> dict[str, Any]:
        return self.meta.get("facts", {})

    @property
    def sources(self) -> list[dict[str, Any]]:
        """The outside sources of its facts and statements (validated ``sources``)."""
        return self.meta.get("sources", [])

    @property
    def related(self) -> list[str]:
        return self.meta.get("related", [])

    @property
    def body_line(self) -> int:
        return self.doc.body_line

    def line_of(self, *key_path) -> int:
        return self.doc.line_of(*key_path)

    def alias_entry(self) -> tuple[str, str, dict[str, list[str]]]:
        """``(kind, id, {lang: aliases})`` for ``layar.aliases.AliasIndex``, name in 'en'."""
        by_lang = {lang: list(words) for lang, words in self.aliases.items()}
        by_lang[SOURCE_LANG] = [self.name] + by_lang.get(SOURCE_LANG, [])
        return self.kind, self.id, by_lang


@dataclass
class Registry:
    """The valid topics by id (ids are unique across kinds), in kind then id order."""

    kinds: Mapping[str, Mapping[str, Any]]
    topics: dict[str, Topic] = field(default_factory=dict)
    #: ids of topic files that exist but have errors (already reported).
    broken: set[str] = field(default_factory=set)
    #: the paths of draft topics (left out of the build, as the broken ones are)
    drafts: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Topic]:
        return iter(self.topics.values())

    def __len__(self) -> int:
        return len(self.topics)

    def __contains__(self, topic_id: str) -> bool:
        return topic_id in self.topics

    def get(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    def of_kind(self, kind: str) -> list[Topic]:
        return [t for t in self.topics.values() if t.kind == kind]

    def suggest(self, word: str) -> str:
        match = difflib.get_close_matches(word, list(self.topics), n=1, cutoff=0.6)
        return f" (did you mean '{match[0]}'?)" if match else ""


def load_registry(folder: Path, root: Path, kinds: Mapping[str, Mapping[str, Any]],
                  problems: list[Problem], store=None, show_drafts: bool = False) -> Registry:
    """Load and validate every ``<folder>/<kind-folder>/<id>.md``; collect problems.

    ``store`` (a ``layar_site.cache.Store``) reuses what an earlier build parsed.  Draft
    topics are listed in ``drafts`` and left out, unless ``show_drafts`` (the preview)."""
    registry = Registry(kinds)
    candidates: list[Topic] = []
    for path in sorted(folder.glob("*/*.md")):
        topic = _read(path, root, kinds, problems, registry, store, show_drafts)
        if topic is not None:
            candidates.append(topic)
    seen: dict[str, Topic] = {}
    for topic in candidates:
        other = seen.get(topic.id)
        if other is not None:
            problems.append(Problem(topic.path, topic.line_of("id"), "error",
                                    f"topic id '{topic.id}' is also used by {other.path}; "
                                    f"ids must be unique across kinds"))
            registry.broken.add(topic.id)
            continue
        seen[topic.id] = topic
    # References are checked against every file that exists, valid or not.
    known = set(seen) | registry.broken
    order = {kind: i for i, kind in enumerate(kinds)}
    for topic in sorted(seen.values(), key=lambda t: (order[t.kind], t.id)):
        before = len(problems)
        _check_references(topic, known, seen, kinds, problems)
        if any(p.is_error for p in problems[before:]):
            registry.broken.add(topic.id)
        else:
            registry.topics[topic.id] = topic
    return registry


def _read(path: Path, root: Path, kinds, problems, registry, store=None,
          show_drafts: bool = False) -> Topic | None:
    from layar_site.content import parse_body, parse_document

    shown = path.relative_to(root).as_posix()
    try:
        doc = parse_document(path, root, store)
    except ContentError as exc:
        problems.append(exc.problem)
        registry.broken.add(path.stem)
        return None
    doc.path = shown
    before = len(problems)
    meta = schema.validate(doc, "topic", problems, kinds)

    def error(message: str, *key_path) -> None:
        problems.append(Problem(shown, doc.line_of(*key_path), "error", message))

    stem, folder = path.stem, path.parent.name
    if "id" in meta and meta["id"] != stem:
        error(f"id '{meta['id']}' must equal the file name '{stem}' "
              f"(rename the file to {meta['id']}.md or change the id)", "id")
    if folder not in kinds:
        error(f"folder '{folder}' is not a topic kind; kinds are {', '.join(kinds)}", "kind")
    elif "kind" in meta and meta["kind"] != folder:
        error(f"kind '{meta['kind']}' must equal the folder name '{folder}' "
              f"(move the file to {meta['kind']}/ or change the kind)", "kind")
    if any(p.is_error for p in problems[before:]):
        registry.broken.add(meta.get("id") if isinstance(meta.get("id"), str) else stem)
        return None
    if schema.is_draft(meta):  # no page; articles naming it are not linked to it
        registry.drafts.append(shown)
        if not show_drafts:
            registry.broken.add(meta["id"])
            return None
    return Topic(shown, meta, parse_body(doc.body, store), doc)


def _check_references(topic: Topic, known: set[str], valid: Mapping[str, Topic], kinds,
                      problems: list[Problem]) -> None:
    def check(topic_id: str, what: str, *key_path) -> None:
        if topic_id == topic.id:
            problems.append(Problem(topic.path, topic.line_of(*key_path), "error",
                                    f"'{what}' lists the topic itself ('{topic_id}')"))
        elif topic_id not in known:
            hint = difflib.get_close_matches(topic_id, sorted(valid), n=1, cutoff=0.6)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(Problem(topic.path, topic.line_of(*key_path), "error",
                                    f"'{what}' names unknown topic '{topic_id}'{suggestion}; "
                                    f"topic ids are the file names under content/topics/"))

    for i, topic_id in enumerate(topic.related):
        check(topic_id, "related", "related", i)
    for name, spec in schema.fact_fields(kinds[topic.kind]).items():
        if spec.get("type") == "ids":
            for i, topic_id in enumerate(topic.facts.get(name, [])):
                check(topic_id, f"facts.{name}", "facts", name, i)
