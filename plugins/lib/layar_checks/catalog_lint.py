"""Lint Layar's gettext catalogs; every finding is a ``Problem`` (``path:line: severity: …``).

Errors (the catalog is broken or would break a page):

* a syntax error (unknown keyword, malformed or unterminated string, msgid without msgstr);
* the same msgid twice in one file (gettext refuses it; Babel silently keeps the last);
* a translation that fails Babel's checkers: a ``python-format`` placeholder such as
  ``%(publisher)s`` unknown to the msgid, incompatible placeholders, wrong plural count.

Warnings (the catalog works but needs attention):

* a translation that drops a placeholder of its msgid, or a content unit whose Markdown
  link targets differ from its source;
* obsolete ``#~`` entries left in a committed catalog;
* a catalog out of date with the sources: units present in the sources but missing from a
  language's catalog, or entries no longer in the sources (``invoke i18n.update`` fixes it);
* a ``.pot`` template out of date with the sources (``invoke i18n.extract``).
"""
from __future__ import annotations

import copy
import hashlib
import importlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from babel.messages.catalog import Catalog, Message, TranslationError
from babel.messages.checkers import checkers as babel_checkers
from babel.messages.pofile import PoFileParser

from layar.errors import Problem
from layar.languages import LANGUAGES

from layar.catalogfiles import (DOMAINS, extract, extracted, po_path, pot_path, read_catalog,
                                source_languages, template_for)
from layar.poparse import STRING, ParsedCatalog, _parse, parse  # noqa: F401  (parse: public)

#: A complete C string literal as gettext writes it: "…" with backslash escapes.
PLACEHOLDER = re.compile(
    r"%(?:\((\w*)\))?[-#0 +]?(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrs%]")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|<((?:https?|mailto):[^>\s]+)>")


def placeholders(text: str) -> set[str]:
    return {m.group(0) for m in PLACEHOLDER.finditer(text or "") if m.group(0) != "%%"}


def link_targets(text: str) -> list[str]:
    return sorted(a or b for a, b in LINK_TARGET.findall(text or ""))


def check_message(catalog: Catalog, message: Message, template: Message | None,
                  domain: str) -> list[tuple[str, str]]:
    """(severity, text) for each problem of one translated, non-fuzzy message."""
    found = []
    checked = copy.copy(message)
    checked.flags = set(message.flags) | (set(template.flags) if template else set())
    if domain == "content":
        # Babel flags any text with "17% d…" as python-format when it reads a catalog;
        # content units are never %-formatted, so that guess is discarded.
        checked.flags.discard("python-format")
    for checker in babel_checkers:
        try:
            checker(catalog, checked)
        except TranslationError as exc:
            found.append(("error", f"{_short(message.id)}: {exc}"))
    if "python-format" in checked.flags and not found and isinstance(message.id, str):
        missing = placeholders(message.id) - placeholders(message.string)
        if missing:
            found.append(("warning", f"{_short(message.id)}: the translation drops "
                                     f"{', '.join(sorted(missing))}"))
    if domain == "content" and isinstance(message.id, str):
        source, target = link_targets(message.id), link_targets(message.string)
        if source != target:
            found.append(("warning", f"{_short(message.id)}: link targets differ from the "
                                     f"source ({', '.join(source) or 'none'} in the source, "
                                     f"{', '.join(target) or 'none'} in the translation)"))
    return found


def _short(msgid) -> str:
    text = msgid[0] if isinstance(msgid, (list, tuple)) else msgid
    text = " ".join(text.split())
    return repr(text if len(text) <= 50 else text[:47] + "...")


def lint_file(path: Path, shown: str, lang: str | None, domain: str,
              template: Catalog | None = None, store=None,
              digests: dict | None = None) -> list[Problem]:
    """Every problem of one .po file; ``template`` (its language's) enables the
    out-of-date check and supplies flags such as ``python-format``.

    ``store`` (a ``layar_site.cache.Store``) keeps what is found in the file itself for the
    next build, keyed by its bytes and the template's flags (all a message check reads of
    the template); only the comparison with the template's units is made again."""
    raw = Path(path).read_bytes()

    def compute() -> tuple[list[Problem], list[tuple]]:
        return _lint_catalog(_parse(raw, lang, domain), shown, domain, template)

    if store is None:
        own, units = compute()
    else:
        key = ("lint", shown, lang, domain, hashlib.sha256(raw).digest(),
               _flags_digest(template))
        own, units = store.memo(key, compute)
    problems = list(own)
    if template is not None:
        problems.extend(_out_of_date(units, template, shown, lambda line: _msgid_at(raw, line),
                                     digests))
    return problems


def _lint_catalog(parsed: ParsedCatalog, shown: str, domain: str,
                  template: Catalog | None) -> tuple[list[Problem], list[tuple]]:
    """The problems of one parsed catalog, and its units ``(digest of the key, line)`` in
    order (digests: a store keeps these for thousands of long units)."""
    problems: list[Problem] = []
    catalog = parsed.catalog
    for line, msg in parsed.syntax:
        problems.append(Problem(shown, line, "error", f"syntax error: {msg}"))
    for line, msgid, first in parsed.duplicates:
        problems.append(Problem(shown, line, "error",
                                f"duplicate msgid {_short(msgid)} (first at line {first})"))
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        tmpl = template.get(message.id, message.context) if template is not None else None
        for severity, text in check_message(catalog, message, tmpl, domain):
            problems.append(Problem(shown, message.lineno or 1, severity, text))
    for message in catalog.obsolete.values():
        problems.append(Problem(shown, message.lineno or 1, "warning",
                                f"obsolete entry (#~) {_short(message.id)} left in the "
                                f"catalog; run 'invoke i18n.update' to drop it"))
    units = [(_key_digest(m), m.lineno) for m in catalog if m.id]
    return problems, units


def _key(message: Message) -> tuple:
    """How a catalog looks a message up: its (first) msgid and its context."""
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return msgid, message.context


def _msgid_at(raw: bytes, line: int | None) -> str:
    """The msgid of the entry at ``line`` of a .po file (``Message.lineno``), read from its
    lines alone: ``msgid "…"`` and the string lines that follow it."""
    from babel.messages.pofile import unescape

    lines = raw.split(b"\n")  # decoded line by line: only the entry's lines are read
    i = max((line or 1) - 1, 0)
    while i < len(lines) and not lines[i].startswith(b"msgid "):
        i += 1
    if i == len(lines):
        return "?"
    parts = [lines[i][len(b"msgid "):].decode("utf-8", "replace").strip()]
    i += 1
    while i < len(lines) and lines[i].startswith(b'"'):
        parts.append(lines[i].decode("utf-8", "replace").strip())
        i += 1
    return "".join(unescape(part) for part in parts if STRING.fullmatch(part))


def _key_digest(message: Message, known=None) -> bytes:
    """A digest of ``_key(message)``; ``known`` (a dict, or a ``Store``: a preview keeps
    them from one rebuild to the next) keeps those computed (the templates of the
    languages share their messages)."""
    key = _key(message)
    found = known.get(key) if known is not None else None
    if found is None:
        found = hashlib.blake2b(repr(key).encode("utf-8", "surrogatepass"),
                                digest_size=12).digest()
        if known is not None:
            put = getattr(known, "put", None)
            (put or known.__setitem__)(key, found)
    return found


def _flags_digest(template: Catalog | None) -> bytes:
    """A digest of the flags of ``template``'s messages (what ``check_message`` reads)."""
    h = hashlib.sha256()
    if template is not None:
        for message in template:
            if message.flags:
                h.update(repr((_key(message), sorted(message.flags))).encode("utf-8",
                                                                            "surrogatepass"))
    return h.digest()


def _out_of_date(units: list[tuple], template: Catalog, shown: str, msgid_at,
                 digests: dict | None = None) -> list[Problem]:
    """Units of the template missing from the catalog, and catalog units (``_lint_catalog``)
    no longer in the template; ``msgid_at(line)`` reads the msgid of the first of those."""
    problems = []
    have = {key for key, _line in units}
    pairs = [(m, _key_digest(m, digests)) for m in template if m.id]
    wanted = {digest for _m, digest in pairs}
    missing = [m for m, digest in pairs if digest not in have]
    extra = [line for key, line in units if key not in wanted]
    fix = "run 'invoke i18n.update'"
    if missing:
        first = missing[0]
        where = ":".join(map(str, first.locations[0])) if first.locations else _short(first.id)
        problems.append(Problem(shown, 1, "warning",
                                f"out of date: {len(missing)} unit(s) in the sources are "
                                f"missing from this catalog (first: {where}); {fix}"))
    if extra:
        line = extra[0]
        msgid = msgid_at(line)
        problems.append(Problem(shown, line or 1, "warning",
                                f"out of date: {len(extra)} entr{'y is' if len(extra) == 1 else 'ies are'} "
                                f"no longer in the sources (first: {_short(msgid)}); {fix}"))
    return problems


def lint(root: Path | str, languages: Iterable[str] = LANGUAGES,
         templates: dict[str, Catalog] | None = None, store=None,
         digests=None, extracted=None) -> list[Problem]:
    """Lint every catalog of the project at ``root``: the .pot templates and each
    language's messages.po and content.po.  Paths in problems are relative to ``root``.
    ``store`` keeps what is found in each file between builds (``lint_file``);
    ``digests`` the digests of units' keys (``_key_digest``); ``extracted`` what each
    source file gave its template (``catalogfiles.extracted``)."""
    root = Path(root)
    templates = dict(templates or {})
    problems: list[Problem] = []
    digests = {} if digests is None else digests
    for domain in DOMAINS:
        if domain not in templates:
            try:
                templates[domain] = extract(root, domain, memo=extracted)
            except FileNotFoundError:
                continue  # no mapping file: nothing to extract, nothing to compare
        pot = pot_path(root, domain)
        shown = pot.relative_to(root).as_posix()
        if not pot.exists():
            problems.append(Problem(shown, 1, "warning",
                                    "template missing; run 'invoke i18n.extract'"))
        else:
            problems.extend(_stale_template(pot, shown, templates[domain], store))
        for lang in languages:
            path = po_path(root, lang, domain)
            shown = path.relative_to(root).as_posix()
            if not path.exists():
                problems.append(Problem(shown, 1, "warning",
                                        "catalog missing; run 'invoke i18n.update'"))
                continue
            template = templates[domain]
            template = (template.for_language(lang) if isinstance(template, Units)
                        else template_for(template, lang, domain))
            problems.extend(lint_file(path, shown, lang, domain, template, store, digests))
    return sorted(problems)


def _stale_template(pot: Path, shown: str, fresh: Catalog, store=None) -> list[Problem]:
    raw = pot.read_bytes()

    def read() -> tuple[list[Problem], frozenset]:
        parsed = _parse(raw, None, None)
        return ([Problem(shown, line, "error", f"syntax error: {msg}")
                 for line, msg in parsed.syntax],
                frozenset((m.id, m.context) for m in parsed.catalog if m.id))

    if store is None:
        problems, old = read()
    else:
        problems, old = store.memo(("pot", shown, hashlib.sha256(raw).digest()), read)
    problems = list(problems)
    new = {(m.id, m.context) for m in fresh if m.id}
    if old != new:
        problems.append(Problem(shown, 1, "warning",
                                f"out of date with the sources ({len(new - old)} new, "
                                f"{len(old - new)} removed); run 'invoke i18n.extract'"))
    return problems


__all__ = ["lint", "lint_file", "parse", "check_message", "read_catalog"]


@dataclass(slots=True)
class Unit:
    """One unit of a template as the lint reads it (the parts of Babel's ``Message`` it
    uses): its msgid, context, locations, flags and extracted comments."""

    id: str
    context: str | None
    locations: list = field(default_factory=list)
    flags: set = field(default_factory=set)
    auto_comments: list = field(default_factory=list)


class Units:
    """A template for the lint: its units in order, looked up as ``Catalog.get`` does.

    The content template of a site has a unit per paragraph, thousands of them; the lint
    only compares their keys with each catalog's, so it is made of these instead of Babel's
    ``Message`` objects (the same units, in the same order, at a fraction of the cost)."""

    def __init__(self, units: Iterable[Unit]):
        self._units = list(units)
        self._by_key = {(u.id, u.context): u for u in self._units}
        self._languages: list[set[str]] | None = None

    @classmethod
    def extracted(cls, found: Iterable[tuple]) -> "Units":
        """From ``maintain.extracted``: occurrences of one key are merged in the first,
        as ``Catalog.add`` merges them."""
        units: dict[tuple, Unit] = {}
        for filename, lineno, message, comments, context in found:
            unit = units.get((message, context))
            if unit is None:
                unit = units[message, context] = Unit(message, context)
            unit.locations.append((filename, lineno))
            unit.auto_comments.extend(c for c in comments if c not in unit.auto_comments)
        return cls(units.values())

    def __iter__(self):
        return iter(self._units)

    def __len__(self) -> int:
        return len(self._units)

    def get(self, id, context=None) -> Unit | None:
        return self._by_key.get((id, context))

    def for_language(self, lang: str) -> "Units":
        """The units a language's catalog translates: those of sources in other languages
        (``maintain.template_for`` for a content template)."""
        if self._languages is None:  # each unit's source languages, read once
            self._languages = [source_languages(u) if u.id else set() for u in self._units]
        return Units(u for u, langs in zip(self._units, self._languages) if langs - {lang})


#: The code that decides what a content file gives the template (the ``extracted`` store's
#: version).
EXTRACTION_MODULES = ("layar.extract", "layar.frontmatter", "layar.blocks", "layar.catalogfiles",
                      "layar.yamlio", __name__)


def extraction_store(site):
    """The ``extracted`` store of this build: what each source file gave its template, by
    its bytes (a preview's rebuild extracts the edited file alone)."""
    return site.store("extracted", tuple(importlib.import_module(m) for m in EXTRACTION_MODULES),
                      ("babel", "Jinja2", "markdown-it-py", "PyYAML"))


def content_template_of(site, root: Path) -> Units:
    """The ``content`` template's units, using the documents a build has already parsed.

    Raises ``FileNotFoundError`` without ``i18n/babel-content.cfg`` (``lint_site`` reports
    it as a problem instead).

    Inside ``invoke check`` / ``invoke build`` every routed article, page and topic comes
    with its parsed ``doc``; extracting through Babel would parse each front-matter again
    (seconds for a thousand articles).  Files the build did not route are read as usual,
    so the units are those of ``extract(root, "content")``, in its order.
    """
    from layar.extract import extract_layar_markdown, messages_of, what_is

    root = Path(root).resolve()
    # Keyed by normalised absolute path: Babel names each file as the resolved root joined
    # with its relative path, so no file needs resolving (a few system calls each).
    docs = {}
    for route in site.routes:
        obj = getattr(route, "obj", None)
        path, doc = getattr(obj, "path", None), getattr(obj, "doc", None)
        if path and doc is not None:
            docs[os.path.normpath(root / path)] = (doc, getattr(obj, "blocks", None))
    kinds = site.settings.kinds

    def found(name: str):
        return docs.get(os.path.normpath(name)) or docs.get(str(Path(name).resolve()))

    def from_site(fileobj, keywords, comment_tags, options):
        name = getattr(fileobj, "name", "")
        doc, blocks = (found(name) if name else None) or (None, None)
        what = options.get("what") or what_is(name)
        if doc is None or what is None:
            return extract_layar_markdown(fileobj, keywords, comment_tags, options)
        return messages_of(doc, what, kinds, blocks)

    # What each file gives is kept by its bytes; the topic kinds are the other thing the
    # extractor reads.
    return Units.extracted(extracted(root, "content", methods={"layar_markdown": from_site},
                                     memo=extraction_store(site), salt=json.dumps(kinds, sort_keys=True,
                                                                default=repr)))


def missing_mapping(root: Path, domain: str) -> Problem | None:
    """An error when the mapping file of ``domain`` (``i18n/babel-content.cfg``) is missing:
    without it the catalogs cannot be compared with the sources."""
    mapping = Path(root) / "i18n" / DOMAINS[domain]
    if mapping.is_file():
        return None
    return Problem(mapping.relative_to(root).as_posix(), 1, "error",
                   f"missing mapping file: the {domain} catalogs cannot be checked against "
                   f"the sources; restore i18n/{DOMAINS[domain]} from the repository")


def lint_site(site, root: Path | str, languages: Iterable[str]) -> list[Problem]:
    """``lint`` for a build in progress: the content template reuses the site's documents.

    A missing ``i18n/babel-content.cfg`` is an error of the build (``lint`` alone skips the
    domain), reported with the other problems of the catalogs.
    """
    root = Path(root)
    store = site.store("catalogs", (sys.modules[__name__],), ("babel",))
    missing = missing_mapping(root, "content")
    if missing is not None:
        return sorted([missing, *lint(root, languages, store=store)])
    return lint(root, languages, templates={"content": content_template_of(site, root)},
                store=store, digests=site.memory("unit-keys", (sys.modules[__name__],)),
                extracted=extraction_store(site))
