"""Import translations from another PO file (a compendium) into a language's catalogs.

Translators working in parallel deliver separate PO files; ``invoke i18n.import FILE.po``
merges each one.  For every translated, non-fuzzy entry of the file whose msgid (and
msgctxt) exists in the language's ``content.po`` or ``messages.po``, the translation is
copied there and marked reviewed (not fuzzy).  Entries of the catalogs that the file does
not translate are left alone, and so are the file's entries that no catalog has (they are
counted as unknown: run ``invoke i18n.update`` first if the sources are newer).

The file is linted first: a syntax error or duplicated msgid stops the import.  Each entry
that would fail the build is refused (not imported) and reported at its line with the
reason: the checks are the ones ``invoke check`` applies to translations (``check_message``
of the lint: placeholders and link targets; ``layar_checks``' raw HTML and URL checks for
content and ``interface_check`` for the interface), plus the block structure of a content
unit (a translation must stay one heading, paragraph or list item).  The rest is imported.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from layar.errors import LayarError, Problem
from layar.languages import LANGUAGES

from layar.catalogfiles import DOMAINS, po_path, read_catalog
from layar.poparse import parse
from layar_checks.catalog_lint import check_message

from .maintain import write_catalog
from .status import is_translated

log = logging.getLogger(__name__)

#: Severities of the lint that make an import refuse an entry: the lint's warnings on a
#: translation (a dropped placeholder, different link targets) break the built page too.
IMPORT_REFUSE_SEVERITIES = ("error", "warning")


def _block_shape(text: str) -> list[tuple[str, int]]:
    from layar.blocks import parse_blocks

    return [(b.kind, len(b.texts)) for b in parse_blocks(text)]


def refusal_reasons(catalog: Catalog, candidate: Message, template: Message | None,
                    domain: str) -> list[str]:
    """Why the build would fail on ``candidate`` (a translated, non-fuzzy message)."""
    reasons = [text for severity, text in check_message(catalog, candidate, template, domain)
               if severity in IMPORT_REFUSE_SEVERITIES]
    ids = candidate.id if isinstance(candidate.id, (list, tuple)) else (candidate.id,)
    strings = (candidate.string if isinstance(candidate.string, (list, tuple))
               else (candidate.string,))
    if domain == "messages":
        from layar_checks.catalogs import interface_check

        for i, string in enumerate(strings):
            reason = string and interface_check(ids[min(i, len(ids) - 1)], string)
            if reason:
                reasons.append(reason)
        return reasons
    from layar_checks.markup import check_scan
    from layar_checks.tokens import scan_unit_at

    for string in strings:
        if not string:
            continue
        reasons += [p.message for p in check_scan("", scan_unit_at(string, 1))]
        if isinstance(candidate.id, str):
            source, target = _block_shape(candidate.id), _block_shape(string)
            if source != target:
                reasons.append(
                    f"the translation is {_describe(target)} where the source is "
                    f"{_describe(source)}: keep one unit as one block (the same number of "
                    f"list items, no added headings or paragraphs)")
    return reasons


def _describe(shape: list[tuple[str, int]]) -> str:
    if not shape:
        return "empty"
    return " + ".join(f"{kind} of {n} item(s)" if kind == "list" else kind
                      for kind, n in shape)


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
    #: entries refused because they would fail the build: (line, msgid, reasons)
    refused: list[tuple[int, str, list[str]]] = field(default_factory=list)
    #: the file imported (as given)
    file: str = ""
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

    result = ImportResult(lang, file=str(file))
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
            reasons = refusal_reasons(catalog, candidate, current, domain)
            if reasons:
                line = incoming.lineno or 1
                for reason in reasons:
                    result.problems.append(Problem(str(file), line, "error",
                                                   f"refused: {reason}"))
                result.refused.append((line, _first(incoming.id), reasons))
                log.info("refused %s:%s: %s", file, line, "; ".join(reasons))
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
            result.unknown.append(_first(incoming.id))

    for domain, (path, catalog) in targets.items():
        if path.relative_to(root).as_posix() in result.written:
            write_catalog(path, catalog)
    return result


def _first(msgid) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]
