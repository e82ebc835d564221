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

from layar.catalogfiles import (DOMAINS, INTERFACE_LANGUAGE, extract, po_path, read_catalog,
                                source_languages, template_for)


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


# -- per source file (``invoke i18n.status --by-source``) --------------------------------
@dataclass(frozen=True)
class SourceStatus:
    """One source file's content units in one language: ``source`` when the file is written
    in that language (its units are the originals)."""

    path: str
    lang: str
    total: int
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    source: bool = False

    @property
    def complete(self) -> bool:
        return self.source or self.translated == self.total


def _source_paths(message) -> list[str]:
    """The files a unit comes from (a unit shared by two files counts for both)."""
    return sorted({path for path, _line in message.locations})


def status_by_source(root: Path, languages: Iterable[str] = LANGUAGES,
                     template: Catalog | None = None) -> list[SourceStatus]:
    """For each content source (article, topic, page, picture sidecar) and language: its
    units translated, fuzzy and untranslated, against freshly extracted sources."""
    template = template if template is not None else extract(root, "content")
    languages = tuple(languages)
    catalogs = {}
    for lang in languages:
        path = po_path(root, lang, "content")
        catalogs[lang] = read_catalog(path, lang, "content") if path.exists() else None
    counts: dict[tuple[str, str], list[int]] = {}
    own: dict[str, set[str]] = {}
    for message in template:
        if not message.id:
            continue
        written_in = source_languages(message)
        for path in _source_paths(message):
            own.setdefault(path, set()).update(written_in)
            for lang in languages:
                if not written_in - {lang}:
                    continue  # the unit is in this language already
                cell = counts.setdefault((path, lang), [0, 0, 0, 0])
                catalog = catalogs[lang]
                found = catalog.get(message.id, message.context) if catalog is not None else None
                cell[3] += 1
                if is_translated(found):
                    cell[0] += 1
                elif found is not None and found.fuzzy and found.string:
                    cell[1] += 1
                else:
                    cell[2] += 1
    rows = []
    for path in sorted(own):
        for lang in languages:
            cell = counts.get((path, lang))
            if cell is None:
                rows.append(SourceStatus(path, lang, 0, source=True))
            else:
                rows.append(SourceStatus(path, lang, cell[3], *cell[:3]))
    return rows


def format_by_source(rows: list[SourceStatus], todo: bool = False) -> str:
    """One line per source file: per language, translated/total, with what is left.

    ``todo``: only the files with something left to translate in some language."""
    by_path: dict[str, list[SourceStatus]] = {}
    for row in rows:
        by_path.setdefault(row.path, []).append(row)
    languages = list(dict.fromkeys(r.lang for r in rows))
    head = ["source", *languages]
    lines = [head]
    for path, cells in by_path.items():
        if todo and all(c.complete for c in cells):
            continue
        shown = []
        for cell in cells:
            if cell.source:
                shown.append("source")
                continue
            text = f"{cell.translated}/{cell.total}"
            left = [f"{n} {what}" for n, what in ((cell.fuzzy, "fuzzy"),
                                                   (cell.untranslated, "untranslated")) if n]
            shown.append(text + (f" ({', '.join(left)})" if left else ""))
        lines.append([path, *shown])
    if len(lines) == 1:
        return "every source is translated into every language"
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    out = ["  ".join([row[0].ljust(widths[0])] + [c.ljust(w) for c, w in
                                                   zip(row[1:], widths[1:])]).rstrip()
           for row in lines]
    done = sum(1 for cells in by_path.values() if all(c.complete for c in cells))
    out.append(f"{done} of {len(by_path)} sources complete in every language; "
               f"'source' is the file's own language")
    return "\n".join(out)
