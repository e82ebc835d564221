"""Import translations from another PO file (a compendium) into a language's catalogs.

Translators working in parallel deliver separate PO files; ``invoke i18n.import FILE.po``
merges each one.  For every translated, non-fuzzy entry of the file whose msgid (and
msgctxt) exists in the language's ``content.po`` or ``messages.po``, the translation is
copied there and marked reviewed (not fuzzy).  Entries of the catalogs that the file does
not translate are left alone, and so are the file's entries that no catalog has (they are
counted as unknown: run ``invoke i18n.update`` first if the sources are newer).

The file is linted first: a syntax error or duplicated msgid stops the import; an entry
whose translation fails the placeholder check is skipped and reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from layar.errors import LayarError, Problem
from layar.languages import LANGUAGES

from .lint import check_message, parse
from .maintain import DOMAINS, po_path, read_catalog, write_catalog
from .status import is_translated


class ImportFailed(LayarError):
    """The PO file cannot be imported (unreadable, unknown language, syntax errors)."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class ImportResult:
    lang: str
    #: per catalog written (path relative to the root): entries newly translated
    filled: dict[str, int] = field(default_factory=dict)
    #: per catalog: entries whose translation (or fuzzy state) was replaced
    replaced: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    #: translated entries of the file that no catalog of the language has
    unknown: list[str] = field(default_factory=list)
    #: fuzzy or empty entries of the file (not imported)
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def written(self) -> list[str]:
        return sorted(set(self.filled) | set(self.replaced))


def import_po(root: Path | str, file: Path | str, lang: str | None = None,
              languages=LANGUAGES) -> ImportResult:
    """Fill the translations of ``file`` into ``lang``'s catalogs under ``root``.

    ``lang`` defaults to the file's ``Language`` header.  Returns what was done; raises
    ``ImportFailed`` when nothing can be imported safely.
    """
    root = Path(root)
    file = Path(file)
    if not file.is_file():
        raise ImportFailed(f"{file}: no such file")
    parsed = parse(file)
    fatal = [Problem(str(file), line, "error", f"syntax error: {msg}")
             for line, msg in parsed.syntax]
    fatal += [Problem(str(file), line, "error", f"duplicate msgid {msgid!r} (first at line {first})")
              for line, msgid, first in parsed.duplicates]
    if fatal:
        raise ImportFailed(f"{file}: not imported, the file has errors", fatal)
    compendium = parsed.catalog
    if lang is None:
        header_lang = compendium.locale.language if compendium.locale else None
        if header_lang is None:
            raise ImportFailed(f"{file}: the file has no Language header; pass --lang")
        lang = header_lang
    if lang not in languages:
        raise ImportFailed(f"{file}: language {lang!r} is not one of {', '.join(languages)}")

    result = ImportResult(lang)
    targets = {}
    for domain in DOMAINS:
        path = po_path(root, lang, domain)
        if path.exists():
            targets[domain] = (path, read_catalog(path, lang, domain))
    if not targets:
        raise ImportFailed(f"{lang} has no catalogs under {root / 'i18n' / lang}; "
                           f"run 'invoke i18n.update' first")

    for incoming in compendium:
        if not incoming.id:
            continue
        if incoming.fuzzy or not is_translated(incoming):
            result.skipped += 1
            continue
        matched = False
        for domain, (path, catalog) in targets.items():
            current = catalog.get(incoming.id, incoming.context)
            if current is None:
                continue
            matched = True
            shown = path.relative_to(root).as_posix()
            candidate = current.clone()
            candidate.string = incoming.string
            candidate.flags.discard("fuzzy")
            issues = [(sev, text) for sev, text in
                      check_message(catalog, candidate, current, domain)]
            for severity, text in issues:
                result.problems.append(Problem(str(file), incoming.lineno or 1, severity, text))
            if any(sev == "error" for sev, _ in issues):
                continue
            if current.string == incoming.string and not current.fuzzy:
                result.unchanged += 1
                continue
            bucket = result.replaced if is_translated(current) or current.fuzzy else result.filled
            bucket[shown] = bucket.get(shown, 0) + 1
            current.string = incoming.string
            current.flags.discard("fuzzy")
            current.previous_id = []
        if not matched:
            result.unknown.append(incoming.id if isinstance(incoming.id, str) else incoming.id[0])

    for domain, (path, catalog) in targets.items():
        if path.relative_to(root).as_posix() in result.written:
            write_catalog(path, catalog)
    return result
