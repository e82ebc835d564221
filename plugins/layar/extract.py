"""Babel extractor for Layar's Markdown (``layar_markdown``).

Yields each translatable unit of a content file: the front-matter fields the schema marks
translatable (and a topic's text facts), then every heading, paragraph, list item and quoted
paragraph of the body, with its line.  Code blocks and raw HTML are never extracted; links
stay inside the unit as Markdown, so translators keep them.

Each message carries translator comments with the source language (``source-lang: id``)
and the field or block kind; ``pybabel extract`` adds the file and line.  The update step
uses ``source-lang`` so that no catalog asks for a unit in its own language.

Registered as a ``babel.extractors`` entry point, so ``pybabel extract`` with the mapping
``[layar_markdown: content/**.md]`` and ``invoke i18n.extract`` use the same code.
"""
from __future__ import annotations

import runpy
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from . import frontmatter, schema
from .blocks import parse_blocks
from .errors import ContentError
from .languages import DEFAULT_LANGUAGE

SOURCE_LANG_TAG = "source-lang:"


@lru_cache(maxsize=4)
def _kinds(settings_file: str) -> dict[str, Any]:
    if not Path(settings_file).exists():
        return {}
    return runpy.run_path(settings_file).get("LAYAR_TOPICS_KINDS", {})


def what_is(path: str) -> str | None:
    """article, topic or page from the file's place under content/; None for other files."""
    parts = Path(path).parts
    if "articles" in parts:
        return "article"
    if "topics" in parts and len(parts) >= 2 and parts[-2] != "topics":
        return "topic"
    if "pages" in parts:
        return "page"
    return None


def units_of(doc: frontmatter.Document, what: str, kinds: dict[str, Any]
             ) -> Iterator[tuple[int, str, str]]:
    """(file line, msgid, label) for every unit of a parsed document, in file order."""
    meta = doc.meta
    for f in schema.FIELDS[what]:
        value = meta.get(f.name)
        if f.translatable and isinstance(value, str) and value.strip():
            yield doc.line_of(f.name), value.strip(), f.name
    if what == "topic" and isinstance(meta.get("facts"), dict):
        decl = schema.fact_fields(kinds.get(meta.get("kind"), {}))
        for name, value in meta["facts"].items():
            if decl.get(name, {}).get("type") == "text" and isinstance(value, str) and value.strip():
                yield doc.line_of("facts", name), value.strip(), f"facts.{name}"
    for block in parse_blocks(doc.body):
        for text, line in zip(block.texts, block.lines):
            yield doc.body_line + line - 1, text, block.kind


def source_language(doc: frontmatter.Document, what: str) -> str:
    lang = doc.meta.get("lang")
    if isinstance(lang, str) and lang:
        return lang
    return DEFAULT_LANGUAGE  # topics and pages are written in English


def extract_layar_markdown(fileobj, keywords, comment_tags, options):
    """Babel extractor entry point: yields (lineno, funcname, message, comments)."""
    path = getattr(fileobj, "name", "") or ""
    what = options.get("what") or what_is(path)
    if what is None:
        return
    text = fileobj.read()
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    try:
        doc = frontmatter.parse(text, path)
    except ContentError:
        return  # `invoke check` reports it with its line
    kinds = _kinds(options.get("settings", "pelicanconf.py"))
    lang = source_language(doc, what)
    for line, msgid, label in units_of(doc, what, kinds):
        yield line, None, msgid, [f"{SOURCE_LANG_TAG} {lang}", f"{what}: {label}"]
