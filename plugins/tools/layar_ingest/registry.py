"""The topic registry for tagging: the build's own loader, on the kinds of the settings.

Kinds are data (``LAYAR_TOPICS_KINDS`` in ``pelicanconf.py``): the ingest reads them from the
settings file, as the catalog extractor does, and validates them with the topics plugin's
rules (``layar_topics.settings``).  The registry (``<registry>/<kind>/<id>.md``) is loaded
and validated by the topics plugin's loader (``layar_topics.registry``), the code the build
uses; neither needs Pelican or a site.  A topic file with an error is left out of the
tagging.  Problems are returned, never logged: the command line reports each one once.
"""
from __future__ import annotations

import runpy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from layar.aliases import AliasIndex
from layar.errors import ConfigurationError, Problem
from layar_topics.registry import Topic, load_registry
from layar_topics.settings import configure

#: The settings file the ingest reads by default (Pelican's, in the working directory).
SETTINGS_FILE = "pelicanconf.py"


@dataclass(frozen=True)
class RegistrySettings:
    """What the ingest needs from the settings: the kinds, in order, and the registry folder."""

    kinds: Mapping[str, Mapping[str, Any]]
    folder: Path  # content/topics as the build finds it (PATH / LAYAR_TOPICS_DIR)


def read_settings(settings_file: str | Path = SETTINGS_FILE) -> RegistrySettings:
    """The topic kinds and registry folder of ``settings_file``, validated once.

    Raises ConfigurationError when the file cannot be read or the kinds are invalid.
    """
    path = Path(settings_file)
    if not path.is_file():
        raise ConfigurationError(f"{path}: no such settings file (the topic kinds are "
                                 f"declared there, in LAYAR_TOPICS_KINDS)")
    try:
        values = runpy.run_path(str(path))
    except Exception as exc:  # noqa: BLE001 - any error in the file is the file's problem
        raise ConfigurationError(f"{path}: cannot be read: {exc}") from exc
    topics = configure(values)
    content = path.parent / str(values.get("PATH", "content"))
    return RegistrySettings(kinds=topics.kinds, folder=content / topics.topics_dir)


def load_topics(topics_dir: str | Path,
                kinds: Mapping[str, Mapping[str, Any]]) -> tuple[list[Topic], list[Problem]]:
    """The valid topics under ``topics_dir`` (in kind, then id order) and every problem found.

    Paths in problems are relative to the working directory when the registry is under it.
    """
    folder = Path(topics_dir).resolve()
    cwd = Path.cwd().resolve()
    root = cwd if folder.is_relative_to(cwd) else folder.parent
    problems: list[Problem] = []
    registry = load_registry(folder, root, kinds, problems)
    return list(registry), problems


def build_index(topics: list[Topic]) -> AliasIndex:
    """The alias index of ``topics``; each name joins the English aliases (names such as
    "Sora 2" or "Netflix" are the same in every language)."""
    return AliasIndex(topic.alias_entry() for topic in topics)


def load_index(topics_dir: str | Path,
               kinds: Mapping[str, Mapping[str, Any]]) -> tuple[AliasIndex, list[Problem]]:
    """Load the registry and build its index in one call."""
    topics, problems = load_topics(topics_dir, kinds)
    return build_index(topics), problems
