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

from . import frontmatter, schema, yamlio
from .blocks import is_bare_image, parse_blocks
from .errors import ContentError
from .languages import DEFAULT_LANGUAGE

SOURCE_LANG_TAG = "source-lang:"

#: Where each kind of content lives: the folder holding the file (topics: its parent).
FOLDERS = {"articles": "article", "pages": "page"}
TOPICS_FOLDER = "topics"

#: How a body unit is described to translators (``#. article: list item``).
BLOCK_LABELS = {"list": "list item", "quote": "quote"}


def _kinds(settings_file: str) -> dict[str, Any]:
    if not settings_file or not Path(settings_file).is_file():
        return {}
    # Keyed by modification time: a long-lived process (livereload) sees edited settings.
    return _kinds_at(settings_file, Path(settings_file).stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _kinds_at(settings_file: str, mtime_ns: int) -> dict[str, Any]:
    return runpy.run_path(settings_file).get("LAYAR_TOPICS_KINDS", {})


def settings_for(path: str, name: str = "pelicanconf.py") -> str:
    """The settings file of the project ``path`` belongs to: the nearest ``name`` above it.

    Babel opens files by absolute path, so this works whatever the working directory is
    (``pybabel extract``, ``invoke i18n.extract``, or a test's temporary site).
    """
    if Path(name).is_absolute():
        return name
    for folder in Path(path).resolve().parents:
        candidate = folder / name
        if candidate.is_file():
            return str(candidate)
    return name if Path(name).is_file() else ""


def what_is(path: str) -> str | None:
    """article, topic or page from the folder the file is in; None for other files.

    ``content/articles/x.md`` is an article, ``content/pages/x.md`` a page and
    ``content/topics/<kind>/x.md`` a topic.  Only the folders right above the file count,
    so a project kept under, say, ``~/articles/`` is not mistaken for an article.
    """
    parts = Path(path).parts
    if len(parts) >= 2 and parts[-2] in FOLDERS:
        return FOLDERS[parts[-2]]
    if len(parts) >= 3 and parts[-3] == TOPICS_FOLDER:
        return "topic"
    return None


def units_of(doc: frontmatter.Document, what: str, kinds: dict[str, Any],
             blocks=None) -> Iterator[tuple[int, str, str]]:
    """(file line, msgid, label) for every unit of a parsed document: its translatable
    front-matter, then its body (``blocks``: the body already parsed, if at hand)."""
    yield from front_matter_units(doc, what, kinds)
    for block in parse_blocks(doc.body) if blocks is None else blocks:
        label = BLOCK_LABELS.get(block.kind, block.kind)
        for text, line in zip(block.texts, block.lines):
            if not is_bare_image(text):
                yield doc.body_line + line - 1, text, label


def front_matter_units(doc: frontmatter.Document, what: str,
                       kinds: dict[str, Any]) -> Iterator[tuple[int, str, str]]:
    """(file line, msgid, label) for every translatable front-matter field of ``doc``."""
    meta = doc.meta
    for f in schema.FIELDS[what]:
        value = meta.get(f.name)
        if f.translatable and isinstance(value, str) and value.strip():
            yield doc.line_of(f.name), value.strip(), f.name
        elif f.translatable and isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str) and item.strip():
                    yield doc.line_of(f.name, i), item.strip(), f.name
        elif f.translatable and isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str) and item.strip():
                    yield doc.line_of(f.name, key), item.strip(), f"{f.name}.{key}"
    if what == "topic" and isinstance(meta.get("facts"), dict):
        decl = schema.fact_fields(kinds.get(meta.get("kind"), {}))
        for name, value in meta["facts"].items():
            if decl.get(name, {}).get("type") == "text" and isinstance(value, str) and value.strip():
                yield doc.line_of("facts", name), value.strip(), f"facts.{name}"


def source_language(doc: frontmatter.Document, what: str) -> str:
    lang = doc.meta.get("lang")
    if isinstance(lang, str) and lang:
        return lang
    return DEFAULT_LANGUAGE  # topics and pages are written in English


def extract_layar_markdown(fileobj, keywords, comment_tags, options):
    """Babel extractor entry point: yields (lineno, funcname, message, comments).

    Options (from the mapping file): ``what`` (article, topic or page; guessed from the
    folder when absent) and ``settings`` (the Pelican settings holding the topic kinds,
    default ``pelicanconf.py`` in the project).
    """
    path = getattr(fileobj, "name", "") or ""
    what = options.get("what") or what_is(path)
    if what not in schema.FIELDS:
        return
    text = fileobj.read()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return  # `invoke check` reports it with its line
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:
        doc = frontmatter.parse(text, path)
    except ContentError:
        return  # `invoke check` reports it with its line
    kinds = _kinds(settings_for(path, options.get("settings", "pelicanconf.py")))
    yield from messages_of(doc, what, kinds)


def messages_of(doc: frontmatter.Document, what: str, kinds: dict[str, Any], blocks=None):
    """What the extractor yields for a parsed document: (line, None, msgid, comments)."""
    lang = source_language(doc, what)
    for line, msgid, label in units_of(doc, what, kinds, blocks):
        yield line, None, msgid, [f"{SOURCE_LANG_TAG} {lang}", f"{what}: {label}"]


def media_units(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, msgid, label) of a picture's sidecar (``content/media/<name>.yaml``): its
    translatable fields (alt, caption), in English like pages and topics."""
    try:
        data, lines = yamlio.load(text)
    except yamlio.YamlProblem:
        return  # `invoke check` reports it with its line
    if not isinstance(data, dict) or data.get("decorative") is True:
        return
    for f in schema.MEDIA_FIELDS:
        value = data.get(f.name)
        if f.translatable and isinstance(value, str) and value.strip():
            yield lines.get((f.name,), 1), value.strip(), f.name


def extract_layar_media(fileobj, keywords, comment_tags, options):
    """Babel extractor of sidecars (entry point ``layar_media``): yields (lineno, funcname,
    message, comments) for a picture's alt and caption, each at its line in the sidecar."""
    text = fileobj.read()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for line, msgid, label in media_units(text):
        yield line, None, msgid, [f"{SOURCE_LANG_TAG} {DEFAULT_LANGUAGE}", f"media: {label}"]
