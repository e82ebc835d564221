"""Extract and update Layar's two gettext domains with Babel.

* ``messages``: the interface, from templates and Python (``i18n/babel.cfg``); English
  msgids; every language has a catalog.  English is the interface's source language: its
  catalog may stay empty (a missing msgstr shows the msgid).
* ``content``: articles, topics and pages, through the ``layar_markdown`` extractor
  (``i18n/babel-content.cfg``); msgids in each unit's source language.  A language's catalog
  holds only the units whose source language differs from it.

Updating uses Babel's ``Catalog.update``: a unit whose source text changed keeps its old
translation marked fuzzy (with the old msgid as ``#| msgid``), which the build treats as
missing until someone reviews it.  Babel matches a changed text to the most similar old one;
when the text changed too much for that, the old translation of the unit at the same file
and line is kept as fuzzy instead.  Units removed from the sources are dropped: committed
catalogs carry no obsolete ``#~`` entries.

Output is deterministic: no wall-clock dates, messages in source order, in the form GNU
``msgcat`` writes.

No tool changes an entry it was not asked to change, flags included.  Babel guesses a
``python-format`` (or ``python-brace-format``) flag from every msgid it reads or copies
("naik 17% dibanding" holds ``% d``), which ``msgfmt -c`` then holds the translation to:
``read_catalog`` keeps each entry's flags exactly as its file writes them, an update takes
the format flags from the template (as ``msgmerge`` does), and content units carry none
(they are looked up, never %-formatted).
"""
from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterable

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import normalize, write_po

# Where the catalogs are and how they are read is the library's, shared with the checks.
from layar.catalogfiles import (DOMAINS, extract, fixed_date, is_format_flag, not_formats,
                                po_path, pot_path, read_catalog, template_for)
from layar.errors import LayarError, Problem
from layar.languages import LANGUAGES
from layar.poparse import parse

logger = logging.getLogger(__name__)


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write a .po/.pot deterministically: no wrapping, source order, no obsolete entries.

    A fuzzy entry keeps its previous msgid (``#| msgid "…"``) for the reviewer; a reviewed
    one loses it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(render_catalog(catalog))
    tmp.replace(path)


#: GNU msgcat, which gives the catalogs their final form (79-column wrapping, escaping and
#: header layout exactly as Poedit, Weblate and Lokalize write them, so that a catalog
#: saved by those tools, or ``msgcat FILE``, changes nothing).  None: Babel's layout.
I18N_MSGCAT = os.environ.get("LAYAR_I18N_MSGCAT") or shutil.which("msgcat")
#: The wrapping column of the catalogs (gettext's default).
I18N_PO_WIDTH = 79


def render_catalog(catalog: Catalog) -> bytes:
    """The bytes of a .po file for ``catalog``, in the form GNU ``msgcat`` writes."""
    raw = _render_babel(catalog)
    if not I18N_MSGCAT:
        logger.warning("msgcat not found: catalogs are written unwrapped (install GNU gettext)")
        return raw
    try:
        # --force-po: a catalog with no entry yet keeps its header (msgcat would write an
        # empty file, which msgfmt rejects).
        done = subprocess.run([I18N_MSGCAT, "--force-po", f"--width={I18N_PO_WIDTH}", "-",
                               "-o", "-"],
                              input=raw, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        stderr = getattr(exc, "stderr", b"") or b""
        logger.warning("msgcat failed (%s): catalog written unwrapped",
                    stderr.decode("utf-8", "replace").strip() or exc)
        return raw
    return done.stdout


def _render_babel(catalog: Catalog) -> bytes:
    """The bytes of a .po file for ``catalog``.

    Babel writes previous msgids as word-wrapped comments, which gettext's own tools
    cannot read back; they are written here as gettext does, one quoted string per line.
    """
    previous = {}
    for message in catalog:
        if message.id and message.fuzzy and message.previous_id:
            previous[id(message)] = message.previous_id
        message.previous_id = []
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=False,
             include_previous=False, ignore_obsolete=True)
    for message in catalog:
        message.previous_id = previous.get(id(message), [])
    text = buffer.getvalue().decode(catalog.charset or "utf-8")
    if not previous:
        return text.encode(catalog.charset or "utf-8")
    chunks = text.split("\n\n")
    messages = list(catalog)
    if len(chunks) != len(messages) + 1:  # header + one chunk per message + the end
        buffer = io.BytesIO()  # an unusual header comment: keep Babel's own layout
        write_po(buffer, catalog, width=0, omit_header=False, sort_output=False,
                 include_previous=True, ignore_obsolete=True)
        return buffer.getvalue()
    for index, message in enumerate(messages):
        if id(message) not in previous:
            continue
        lines = chunks[index].split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith(("msgctxt ", "msgid ")))
        quoted = normalize(message.previous_id[0], width=0).split("\n")
        lines[at:at] = [f"#| msgid {quoted[0]}"] + [f"#| {line}" for line in quoted[1:]]
        chunks[index] = "\n".join(lines)
    return "\n\n".join(chunks).encode(catalog.charset or "utf-8")


def extract_all(root: Path, domains: Iterable[str] = tuple(DOMAINS)) -> list[Path]:
    """Write i18n/messages.pot and i18n/content.pot; return their paths."""
    written = []
    for domain in domains:
        pot = pot_path(root, domain)
        write_catalog(pot, extract(root, domain))
        written.append(pot)
    return written


def new_catalog(lang: str, domain: str) -> Catalog:
    return Catalog(locale=lang, domain=domain, project="Layar", version="1",
                   charset="utf-8", fuzzy=False, creation_date=fixed_date(),
                   revision_date=fixed_date())


def update_catalog(catalog: Catalog, template: Catalog) -> Catalog:
    """Merge ``template`` into ``catalog`` (in place): changed units keep their old
    translation as fuzzy; removed units are dropped.

    A fuzzy entry keeps its previous msgid (``#|``) until a translator resolves it, through
    any number of updates, as ``msgmerge --previous`` does: Babel gives an entry whose key
    is unchanged the template's (empty) previous msgid, and one that changes again the
    intermediate source, which no translation was ever made from."""
    before = {message.id: list(message.previous_id) for message in catalog
              if message.id and message.fuzzy and message.previous_id}
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=True)
    _keep_by_location(catalog)
    _formats_from(template, catalog)
    for message in catalog:
        if not message.id or not message.fuzzy:
            continue
        if not message.previous_id and message.id in before:  # unchanged, not yet reviewed
            message.previous_id = before[message.id]
        elif message.previous_id and message.previous_id[0] in before:  # changed again
            message.previous_id = before[message.previous_id[0]]
    catalog.obsolete.clear()  # removed units are gone from the sources: drop them
    return catalog


def _formats_from(template: Catalog, catalog: Catalog) -> None:
    """Each entry's format flags are the template's, as ``msgmerge`` gives them (Babel
    guesses them again for every entry it copies, and keeps the old entry's); the other
    flags (``fuzzy``, ``no-wrap``) are the merge's."""
    for message in catalog:
        if not message.id:
            continue
        source = template.get(message.id, message.context)
        formats = {f for f in source.flags if is_format_flag(f)} if source is not None else set()
        message.flags = {f for f in message.flags if not is_format_flag(f)} | formats


def _keep_by_location(catalog: Catalog) -> None:
    """Keep, as fuzzy, the old translation of a unit rewritten beyond Babel's similarity
    cutoff: the obsolete message translated at the same file and line."""
    by_location: dict[tuple, Message] = {}
    for old in catalog.obsolete.values():
        if old.id and isinstance(old.id, str) and old.string:
            for location in old.locations:
                by_location.setdefault(tuple(location), old)
    if not by_location:
        return
    for message in catalog:
        if not message.id or message.string or not isinstance(message.id, str):
            continue
        for location in message.locations:
            old = by_location.get(tuple(location))
            if old is not None:
                message.string = old.string
                message.flags.add("fuzzy")
                message.previous_id = [old.id]
                break


class CatalogBroken(LayarError):
    """A .po file has syntax errors or duplicates: rewriting it could lose translations."""

    def __init__(self, path: Path, problems: list):
        super().__init__(f"{path}: not updated, fix these first")
        self.problems = problems


def _refuse_broken(root: Path, path: Path, lang: str, domain: str) -> None:
    parsed = parse(path, lang, domain)
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    problems = [Problem(shown, line, "error", f"syntax error: {msg}")
                for line, msg in parsed.syntax]
    problems += [Problem(shown, line, "error", f"duplicate msgid {msgid!r} (first at line {first})")
                 for line, msgid, first in parsed.duplicates]
    if problems:
        raise CatalogBroken(path, problems)


def update_all(root: Path, languages: Iterable[str] = LANGUAGES,
               domains: Iterable[str] = tuple(DOMAINS)) -> list[Path]:
    """Merge each .pot into i18n/<lang>/LC_MESSAGES/<domain>.po; return the files written."""
    written = []
    for domain in domains:
        pot = read_catalog(pot_path(root, domain))
        for lang in languages:
            path = po_path(root, lang, domain)
            if path.exists():
                _refuse_broken(root, path, lang, domain)
                catalog = read_catalog(path, lang, domain)
            else:
                catalog = new_catalog(lang, domain)
            update_catalog(catalog, template_for(pot, lang, domain))
            if domain == "content":
                not_formats(catalog)
            write_catalog(path, catalog)
            written.append(path)
    return written
