"""Gettext catalogs: the interface (``messages``) and the content (``content``) domains.

``.po`` files are the source of truth and are committed; ``.mo`` files are compiled from
them during the build (only when a ``.po`` is newer) and never committed.  Fuzzy entries are
left out of the ``.mo``, so a fuzzy translation counts as missing until someone reviews it.
"""
from __future__ import annotations

import gettext
import logging
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from layar.errors import BuildError

logger = logging.getLogger(__name__)

DOMAINS = ("messages", "content")


def compile_catalogs(i18n_dir: Path, languages, domains=DOMAINS) -> list[Path]:
    """Compile every stale ``.po`` to ``.mo`` beside it; return the files compiled."""
    compiled = []
    for lang in languages:
        for domain in domains:
            po = i18n_dir / lang / "LC_MESSAGES" / f"{domain}.po"
            mo = po.with_suffix(".mo")
            if not po.exists():
                continue
            if mo.exists() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
                continue
            try:
                with po.open("rb") as fh:
                    catalog = read_po(fh, locale=lang, domain=domain, abort_invalid=True)
            except Exception as exc:  # babel raises PoFileError and others
                raise BuildError(f"{po}: cannot read catalog: {exc}") from exc
            tmp = mo.with_suffix(".mo.tmp")
            with tmp.open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
            tmp.replace(mo)
            compiled.append(mo)
            logger.debug("compiled %s", mo)
    return compiled


def load_translations(i18n_dir: Path, lang: str, domain: str) -> gettext.NullTranslations:
    """The compiled catalog of one language and domain (an empty one if there is none)."""
    mo = i18n_dir / lang / "LC_MESSAGES" / f"{domain}.mo"
    if not mo.exists():
        return gettext.NullTranslations()
    with mo.open("rb") as fh:
        return gettext.GNUTranslations(fh)


class LText(str):
    """Text in a known language; ``fallback`` is true when it stands in for a translation."""

    lang: str
    fallback: bool

    def __new__(cls, value: str, lang: str, fallback: bool = False):
        obj = super().__new__(cls, value)
        obj.lang = lang
        obj.fallback = fallback
        return obj


@dataclass
class ContentCatalog:
    """Translations of content units into one language (msgids in their source language)."""

    lang: str
    entries: dict

    @classmethod
    def load(cls, i18n_dir: Path, lang: str) -> "ContentCatalog":
        translations = load_translations(i18n_dir, lang, "content")
        entries = dict(getattr(translations, "_catalog", {}))
        entries.pop("", None)  # the header
        return cls(lang, entries)

    def text(self, msgid: str, source_lang: str) -> LText:
        """The unit in this language, or its source text marked as a fallback."""
        if source_lang == self.lang or not msgid:
            return LText(msgid, source_lang)
        found = self.entries.get(msgid)
        if found:
            return LText(found, self.lang)
        return LText(msgid, source_lang, fallback=True)
