"""How complete each language's catalogs are, measured against the current sources.

A unit counts as translated only when its catalog has a msgstr that is not fuzzy (the build
leaves fuzzy entries out, so they show the source text).  A unit present in the sources but
missing from the catalog (``invoke i18n.update`` not run yet) counts as untranslated.

The interface is written in English: ``en``'s ``messages`` catalog is the source (its
msgids are the English text), so it is reported as ``source`` and counts as complete.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from babel.messages.catalog import Catalog

from layar.languages import LANGUAGES

from .maintain import DOMAINS, INTERFACE_LANGUAGE, extract, po_path, read_catalog, template_for


@dataclass(frozen=True)
class CatalogStatus:
    lang: str
    domain: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    #: True for the interface's source catalog (English messages): complete by definition.
    source: bool = False

    def percent(self, count: int) -> float:
        return 100.0 * count / self.total if self.total else 100.0

    @property
    def done(self) -> float:
        """Percentage of units the build shows in this language."""
        return 100.0 if self.source else self.percent(self.translated)


def is_translated(message) -> bool:
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(strings)


def count(template: Catalog, catalog: Catalog | None, lang: str, domain: str,
          source: bool = False) -> CatalogStatus:
    translated = fuzzy = untranslated = total = 0
    for message in template:
        if not message.id:
            continue
        total += 1
        found = catalog.get(message.id, message.context) if catalog is not None else None
        if is_translated(found):
            translated += 1
        elif found is not None and found.fuzzy and found.string:
            fuzzy += 1
        else:
            untranslated += 1
    if source:
        translated, fuzzy, untranslated = total, 0, 0
    return CatalogStatus(lang, domain, total, translated, fuzzy, untranslated, source)


def status(root: Path, languages: Iterable[str] = LANGUAGES,
           domains: Iterable[str] = tuple(DOMAINS),
           templates: dict[str, Catalog] | None = None) -> list[CatalogStatus]:
    """One ``CatalogStatus`` per language and domain, against freshly extracted sources."""
    templates = dict(templates or {})
    rows = []
    for domain in domains:
        if domain not in templates:
            templates[domain] = extract(root, domain)
        for lang in languages:
            path = po_path(root, lang, domain)
            catalog = read_catalog(path, lang, domain) if path.exists() else None
            rows.append(count(template_for(templates[domain], lang, domain), catalog, lang,
                              domain, source=(domain == "messages"
                                              and lang == INTERFACE_LANGUAGE)))
    return rows


def format_table(rows: list[CatalogStatus]) -> str:
    """The status as an aligned text table."""
    head = ("language", "domain", "translated", "fuzzy", "untranslated", "total")
    lines = [head]
    for r in rows:
        if r.source:
            lines.append((r.lang, r.domain, "source", "-", "-", str(r.total)))
            continue
        cell = (lambda n: f"{n} ({r.percent(n):.1f}%)") if r.total else str
        lines.append((r.lang, r.domain, cell(r.translated), cell(r.fuzzy),
                      cell(r.untranslated), str(r.total)))
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    out = []
    for row in lines:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(w) for cell, w in zip(row[2:], widths[2:])]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def below(rows: list[CatalogStatus], minimum: float) -> list[CatalogStatus]:
    """The catalogs whose translated share is below ``minimum`` percent."""
    return [r for r in rows if r.done + 1e-9 < minimum]
