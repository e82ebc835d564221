"""Extract and update Layar's two gettext domains with Babel.

* ``messages``: the interface, from templates and Python (``i18n/babel.cfg``); English
  msgids; every language has a catalog.
* ``content``: articles, topics and pages, through the ``layar_markdown`` extractor
  (``i18n/babel-content.cfg``); msgids in each unit's source language.  A language's catalog
  holds only the units whose source language differs from it.

Updating uses Babel's ``Catalog.update``: a unit whose source text changed keeps its old
translation marked fuzzy, which the build treats as missing until someone reviews it.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from layar.extract import SOURCE_LANG_TAG

logger = logging.getLogger(__name__)

DOMAINS = {"messages": "babel.cfg", "content": "babel-content.cfg"}
HEADER = "Layar {domain} catalog."


def _extract(root: Path, domain: str) -> Catalog:
    with open(root / "i18n" / DOMAINS[domain], encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    catalog = Catalog(project="Layar", version="1", msgid_bugs_address="",
                      copyright_holder="Layar", charset="utf-8",
                      header_comment=f"# {HEADER.format(domain=domain)}", fuzzy=False,
                      creation_date=_fixed_date())
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _fixed_date() -> dt.datetime:
    """Templates carry no wall-clock time: same sources, same bytes (SOURCE_DATE_EPOCH)."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc)


def _write(path: Path, catalog: Catalog, **kwargs) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=0, omit_header=False, sort_output=False,
                 include_previous=True, **kwargs)


def extract_all(root: Path) -> list[Path]:
    """Write i18n/messages.pot and i18n/content.pot; return their paths."""
    written = []
    for domain in DOMAINS:
        pot = root / "i18n" / f"{domain}.pot"
        _write(pot, _extract(root, domain))
        written.append(pot)
    return written


def source_languages(message) -> set[str]:
    return {c.split(":", 1)[1].strip() for c in message.auto_comments
            if c.startswith(SOURCE_LANG_TAG)}


def template_for(pot: Catalog, lang: str, domain: str) -> Catalog:
    """The template a language's catalog follows: units in other languages only."""
    if domain != "content":
        return pot
    filtered = Catalog(project=pot.project, version=pot.version, charset="utf-8",
                       header_comment=pot.header_comment, fuzzy=False)
    for message in pot:
        if not message.id:
            continue
        if source_languages(message) - {lang}:
            filtered[message.id] = message
    return filtered


def update_all(root: Path, languages) -> list[Path]:
    """Merge each .pot into i18n/<lang>/LC_MESSAGES/<domain>.po; return the files written."""
    written = []
    for domain in DOMAINS:
        with open(root / "i18n" / f"{domain}.pot", "rb") as fh:
            pot = read_po(fh)
        for lang in languages:
            po_path = root / "i18n" / lang / "LC_MESSAGES" / f"{domain}.po"
            template = template_for(pot, lang, domain)
            if po_path.exists():
                with po_path.open("rb") as fh:
                    catalog = read_po(fh, locale=lang, domain=domain)
            else:
                catalog = Catalog(locale=lang, domain=domain, project="Layar", version="1",
                                  charset="utf-8", fuzzy=False, creation_date=_fixed_date(),
                                  revision_date=_fixed_date())
            catalog.update(template, no_fuzzy_matching=False, update_header_comment=True)
            catalog.obsolete.clear()  # removed units are gone from the sources: drop them
            _write(po_path, catalog, ignore_obsolete=True)
            written.append(po_path)
    return written
