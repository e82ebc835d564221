"""The topics plugin's settings, validated once per build.

``LAYAR_TOPICS_KINDS`` declares the kinds of topics as data: for each kind its URL
``segment`` (also the folder under ``content/topics/``), the msgids of its plural ``label``
and singular ``one``, the schema.org ``schema`` type of its pages, and its ``facts``, each
with a ``type`` from ``layar.schema.FACT_TYPES`` and a ``label`` msgid (``choice`` facts also
list their ``choices`` and may give ``choice_labels``: choice -> msgid).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Mapping

from layar.errors import ConfigurationError
from layar.schema import FACT_TYPES, SLUG_RE

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    # Kinds of topics (see the module docstring); pelicanconf.py declares the site's kinds.
    "LAYAR_TOPICS_KINDS": {},
    # Folder of the registry under Pelican's PATH: <dir>/<kind>/<id>.md.
    "LAYAR_TOPICS_DIR": "topics",
    # Where the topic graph is written, relative to the output folder.
    "LAYAR_TOPICS_GRAPH_PATH": "api/graph.json",
    # At most this many related topics on a topic page (explicit ones are always shown);
    # None shows all.  graph.json always lists every related pair.
    "LAYAR_TOPICS_RELATED_LIMIT": 10,
}

KIND_KEYS = ("segment", "label", "one", "schema", "facts")


@dataclass(frozen=True)
class TopicsSettings:
    kinds: Mapping[str, Mapping[str, Any]]
    topics_dir: str
    graph_path: str
    related_limit: int | None = None

    def segment(self, kind: str) -> str:
        return self.kinds[kind]["segment"]


def configure(settings: Mapping[str, Any]) -> TopicsSettings:
    """Validate the ``LAYAR_TOPICS_*`` settings; raise ConfigurationError listing every problem."""
    s = {**DEFAULTS, **{k: v for k, v in settings.items() if k.startswith("LAYAR_TOPICS_")}}
    problems = validate_kinds(s["LAYAR_TOPICS_KINDS"])
    for key in ("LAYAR_TOPICS_DIR", "LAYAR_TOPICS_GRAPH_PATH"):
        value = s[key]
        if not isinstance(value, str) or not value or value.startswith("/") or ".." in value:
            problems.append(f"{key} must be a relative path without '..', got {value!r}")
    limit = s["LAYAR_TOPICS_RELATED_LIMIT"]
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        problems.append(f"LAYAR_TOPICS_RELATED_LIMIT must be a whole number or None, got {limit!r}")
    if problems:
        raise ConfigurationError("invalid topics settings:\n  " + "\n  ".join(problems))
    return TopicsSettings(kinds=s["LAYAR_TOPICS_KINDS"], topics_dir=s["LAYAR_TOPICS_DIR"],
                          graph_path=s["LAYAR_TOPICS_GRAPH_PATH"], related_limit=limit)


def validate_kinds(kinds: Any) -> list[str]:
    """Every problem of a ``LAYAR_TOPICS_KINDS`` value, as readable lines (empty: valid)."""
    if not isinstance(kinds, Mapping):
        return [f"LAYAR_TOPICS_KINDS must be a mapping of kind -> spec, got {type(kinds).__name__}"]
    problems: list[str] = []
    segments: dict[str, str] = {}
    for kind, spec in kinds.items():
        where = f"LAYAR_TOPICS_KINDS[{kind!r}]"
        if not isinstance(kind, str) or not SLUG_RE.match(kind):
            problems.append(f"{where}: a kind must be a lowercase slug")
        if not isinstance(spec, Mapping):
            problems.append(f"{where} must be a mapping with {', '.join(KIND_KEYS)}")
            continue
        for key in KIND_KEYS:
            if key not in spec:
                problems.append(f"{where} is missing '{key}'")
        for key in ("label", "one", "schema"):
            if key in spec and not (isinstance(spec[key], str) and spec[key].strip()):
                problems.append(f"{where}['{key}'] must be non-empty text")
        segment = spec.get("segment")
        if "segment" in spec:
            if not isinstance(segment, str) or not SLUG_RE.match(segment):
                problems.append(f"{where}['segment'] must be a lowercase URL slug, got {segment!r}")
            elif segment in segments:
                problems.append(f"{where}['segment'] '{segment}' is also used by "
                                f"kind '{segments[segment]}'")
            else:
                segments[segment] = kind
        if "facts" in spec:
            problems += _fact_problems(where, spec["facts"])
    return problems


def _fact_problems(where: str, facts: Any) -> list[str]:
    if not isinstance(facts, Mapping):
        return [f"{where}['facts'] must be a mapping of fact name -> {{type, label}}"]
    problems = []
    for name, fact in facts.items():
        at = f"{where}['facts'][{name!r}]"
        if not isinstance(fact, Mapping):
            problems.append(f"{at} must be a mapping with 'type' and 'label'")
            continue
        ftype = fact.get("type")
        if ftype not in FACT_TYPES:
            problems.append(f"{at}['type'] must be one of {', '.join(FACT_TYPES)}, got {ftype!r}")
        if not (isinstance(fact.get("label"), str) and fact["label"].strip()):
            problems.append(f"{at}['label'] must be non-empty text (a msgid)")
        choices = fact.get("choices")
        if ftype == "choice":
            if not (isinstance(choices, (list, tuple)) and choices
                    and all(isinstance(c, str) for c in choices)):
                problems.append(f"{at}['choices'] must be a non-empty list of texts")
            labels = fact.get("choice_labels", {})
            if not isinstance(labels, Mapping) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in labels.items()):
                problems.append(f"{at}['choice_labels'] must map choices to msgids")
            elif isinstance(choices, (list, tuple)):
                for extra in sorted(set(labels) - set(choices)):
                    problems.append(f"{at}['choice_labels'] labels '{extra}', which is not a choice")
        elif choices is not None or "choice_labels" in fact:
            problems.append(f"{at}: only 'choice' facts take 'choices'")
        for key in fact:
            if key not in ("type", "label", "choices", "choice_labels"):
                problems.append(f"{at} has an unknown key '{key}'")
    return problems
