"""Load the ingest's data files (``data/*.yaml``) once, as immutable compiled structures.

The phrase families and outlet hints are data so that a new publisher needs a pattern, not a
code branch.  Loading validates the shape and compiles every regex; a broken data file is a
programming error and raises ``ValueError`` naming the file and entry.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from layar import yamlio

DATA_DIR = Path(__file__).with_name("data")

#: Language keys allowed in the phrase file besides the site languages.
ANY = "any"


@dataclass(frozen=True)
class Phrases:
    """Compiled phrase families (see ``data/phrases.yaml`` for what each one means)."""

    cut: re.Pattern[str]
    promo: re.Pattern[str]
    inline: re.Pattern[str]
    caption: re.Pattern[str]
    badge: re.Pattern[str]
    byline: re.Pattern[str]
    dateline_words: frozenset[str]
    relative_date: re.Pattern[str]
    publisher: tuple[re.Pattern[str], ...]
    lead: tuple[re.Pattern[str], ...]
    abbreviations: frozenset[str]
    particles: frozenset[str]


@dataclass(frozen=True)
class Outlets:
    """Outlet spellings by folded key, zone offsets, default zones per language."""

    names: Mapping[str, str]
    zones: Mapping[str, str]
    default_zones: Mapping[str, str]


def _load(name: str) -> dict:
    path = DATA_DIR / name
    data, _ = yamlio.load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top")
    return data


def _family(data: dict, key: str, file: str) -> list[str]:
    """All entries of a family, over every language, in file order."""
    by_lang = data.get(key)
    if not isinstance(by_lang, dict):
        raise ValueError(f"{file}: '{key}' must map languages to lists")
    entries: list[str] = []
    for lang, items in by_lang.items():
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError(f"{file}: '{key}.{lang}' must be a list of strings")
        entries.extend(items)
    return entries


def _compile(patterns: list[str], file: str, key: str, template: str = "(?:{})") -> re.Pattern[str]:
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"{file}: bad pattern in '{key}': {p!r}: {exc}") from None
    return re.compile(template.format("|".join(f"(?:{p})" for p in patterns)), re.IGNORECASE)


def fold_key(text: str) -> str:
    """Compare outlet spellings: lower case, letters and digits only ("Tek ID" = "tek.id")."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@functools.cache
def phrases() -> Phrases:
    """The compiled phrase families."""
    file = "phrases.yaml"
    data = _load(file)
    sep = r"[\s:|·•,\-–—]*"
    cut = _family(data, "cut", file)
    inline = _family(data, "inline", file)
    publisher = [re.compile(p, re.IGNORECASE) for p in _family(data, "publisher", file)]
    for p in publisher:
        if "publisher" not in p.groupindex:
            raise ValueError(f"{file}: publisher pattern without (?P<publisher>…): {p.pattern}")
    inline_src = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in inline)
    return Phrases(
        cut=_compile(cut, file, "cut", rf"^(?:{sep}(?:{{}}){sep})+$"),
        promo=_compile(_family(data, "promo", file), file, "promo", r"^(?:{})"),
        inline=re.compile(rf"(?<=[.!?…\"”’])\s+(?:{inline_src})\s*:\s.*$", re.IGNORECASE),
        caption=_compile(_family(data, "caption", file), file, "caption"),
        badge=_compile(_family(data, "badge", file), file, "badge"),
        byline=re.compile(
            r"^(?:{})\s*[:\-–]?\s+(?P<name>\S.*)$".format(
                "|".join(re.escape(p).replace(r"\ ", r"\s+")
                         for p in sorted(_family(data, "byline", file), key=len, reverse=True))),
            re.IGNORECASE),
        dateline_words=frozenset(w.casefold() for w in _family(data, "dateline", file)),
        relative_date=_compile(_family(data, "relative_date", file), file, "relative_date",
                               r"^\W*(?:{})\W*$"),
        publisher=tuple(publisher),
        lead=tuple(re.compile(p) for p in _family(data, "lead", file)),
        abbreviations=frozenset(w.casefold() for w in _family(data, "abbreviations", file)),
        particles=frozenset(w.casefold() for w in _family(data, "particles", file)),
    )


@functools.cache
def outlets() -> Outlets:
    """Outlet spellings, zone abbreviations and default zones."""
    file = "outlets.yaml"
    data = _load(file)
    names: dict[str, str] = {}
    for entry in data.get("outlets") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ValueError(f"{file}: every outlet needs a name: {entry!r}")
        for spelling in [entry["name"], *(entry.get("domains") or [])]:
            names.setdefault(fold_key(spelling), entry["name"])
    zones = {str(k).upper(): str(v) for k, v in (data.get("zones") or {}).items()}
    for abbr, offset in zones.items():
        if not re.fullmatch(r"[+-]\d{2}:\d{2}", offset):
            raise ValueError(f"{file}: zone {abbr} needs an offset like +07:00, not {offset!r}")
    defaults = {str(k): str(v) for k, v in (data.get("default_zones") or {}).items()}
    return Outlets(MappingProxyType(names), MappingProxyType(zones), MappingProxyType(defaults))
