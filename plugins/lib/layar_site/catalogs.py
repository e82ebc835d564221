"""Gettext catalogs: the interface (``messages``) and the content (``content``) domains.

``.po`` files are the source of truth and are committed; ``.mo`` files are compiled from
them during the build (only when a ``.po`` is newer) and never committed.  Fuzzy entries are
left out of the ``.mo``, so a fuzzy translation counts as missing until someone reviews it.
"""
from __future__ import annotations

import array
import gettext
import hashlib
import io
import logging
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import LE_MAGIC
from babel.messages.pofile import read_po

from layar.errors import BuildError

logger = logging.getLogger(__name__)

DOMAINS = ("messages", "content")


def compile_catalogs(i18n_dir: Path, languages, domains=DOMAINS, workers: int = 1) -> list[Path]:
    """Compile every stale ``.po`` to ``.mo`` beside it (on ``workers`` cores); return the
    files compiled."""
    from .parallel import map_forked

    stale = []
    for lang in languages:
        for domain in domains:
            po = i18n_dir / lang / "LC_MESSAGES" / f"{domain}.po"
            mo = po.with_suffix(".mo")
            if not po.exists():
                mo.unlink(missing_ok=True)  # a .mo left from a removed .po must not be used
                continue
            # Strictly newer: a .po rewritten within the same clock tick is recompiled.
            if mo.exists() and mo.stat().st_mtime_ns > po.stat().st_mtime_ns:
                continue
            stale.append((po, lang, domain))
    # The largest first: the content catalogs of a big site take most of the time.
    stale.sort(key=lambda job: -job[0].stat().st_size)
    return map_forked(lambda job: _compile(*job), stale, workers)


def _compile(po: Path, lang: str, domain: str) -> Path:
    mo = po.with_suffix(".mo")
    try:
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=domain, abort_invalid=True)
    except Exception as exc:  # babel raises PoFileError and others
        raise BuildError(f"{po}: cannot read catalog: {exc}") from exc
    tmp = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")  # parallel builds
    with tmp.open("wb") as fh:
        write_mo(fh, catalog, use_fuzzy=False)
    tmp.replace(mo)
    logger.debug("compiled %s", mo)
    return mo


def write_mo(fileobj, catalog, use_fuzzy: bool = False) -> None:
    """Babel's ``write_mo``, byte for byte, in linear time.

    Babel's version grows two ``bytes`` objects with ``+=`` (quadratic: 13 s for the
    three content catalogs of a 1,000-article site) and sorts with ``Message.__lt__``;
    this one joins once and sorts with the same key.
    """
    messages = list(catalog)
    messages[1:] = [m for m in messages[1:] if m.string and (use_fuzzy or not m.fuzzy)]
    messages.sort(key=lambda m: (m.id[0] if m.pluralizable else m.id, m.context or ""))
    charset = catalog.charset
    ids: list[bytes] = []
    strs: list[bytes] = []
    offsets = []
    ids_len = strs_len = 0
    for message in messages:
        if message.pluralizable:
            msgid = b"\x00".join(i.encode(charset) for i in message.id)
            msgstrs = [string or message.id[min(int(idx), 1)]
                       for idx, string in enumerate(message.string)]
            msgstr = b"\x00".join(s.encode(charset) for s in msgstrs)
        else:
            msgid = message.id.encode(charset)
            msgstr = message.string.encode(charset)
        if message.context:
            msgid = b"\x04".join([message.context.encode(charset), msgid])
        offsets.append((ids_len, len(msgid), strs_len, len(msgstr)))
        ids.append(msgid)
        strs.append(msgstr)
        ids_len += len(msgid) + 1
        strs_len += len(msgstr) + 1
    keystart = 7 * 4 + 16 * len(messages)
    valuestart = keystart + ids_len
    koffsets: list[int] = []
    voffsets: list[int] = []
    for o1, l1, o2, l2 in offsets:
        koffsets += [l1, o1 + keystart]
        voffsets += [l2, o2 + valuestart]
    header = struct.pack("Iiiiiii", LE_MAGIC, 0, len(messages), 7 * 4,
                         7 * 4 + len(messages) * 8, 0, 0)
    fileobj.write(header + array.array("i", koffsets + voffsets).tobytes()
                  + b"".join(i + b"\x00" for i in ids) + b"".join(s + b"\x00" for s in strs))


def load_translations(i18n_dir: Path, lang: str, domain: str,
                      memory=None) -> gettext.NullTranslations:
    """The compiled catalog of one language and domain (an empty one if there is none).
    ``memory`` (a ``Store``: ``Site.memory``) keeps catalogs parsed from the same bytes
    earlier in this process (a preview's rebuilds parse only the catalogs that changed)."""
    return _load(i18n_dir, lang, domain, memory)[0]


def _load(i18n_dir: Path, lang: str, domain: str, memory=None
          ) -> tuple[gettext.NullTranslations, bytes]:
    """``load_translations``, and the digest of the compiled file's bytes."""
    mo = i18n_dir / lang / "LC_MESSAGES" / f"{domain}.mo"
    try:
        data = mo.read_bytes()
    except FileNotFoundError:
        return gettext.NullTranslations(), b""
    digest = hashlib.sha256(data).digest()
    if memory is None:
        return gettext.GNUTranslations(io.BytesIO(data)), digest
    return memory.memo(("mo", digest), lambda: gettext.GNUTranslations(io.BytesIO(data))), digest


class LText(str):
    """Text in a known language; ``fallback`` is true when it stands in for a translation,
    ``same`` when its translation is its source text itself (a name such as "Netflix"), which
    says nothing of whether the page is translated."""

    lang: str
    fallback: bool
    same: bool

    def __new__(cls, value: str, lang: str, fallback: bool = False, same: bool = False):
        obj = super().__new__(cls, value)
        obj.lang = lang
        obj.fallback = fallback
        obj.same = same
        return obj

    def __getnewargs__(self):  # pickled as itself (results of forked workers carry LTexts)
        return str(self), self.lang, self.fallback, self.same


@dataclass
class ContentCatalog:
    """Translations of content units into one language (msgids in their source language)."""

    lang: str
    entries: dict
    #: The digest of the compiled catalog it was read from: two catalogs with the same
    #: digest have the same entries (what is computed from them may be kept by it).
    digest: bytes = b""

    @classmethod
    def load(cls, i18n_dir: Path, lang: str, memory=None) -> "ContentCatalog":
        """The content catalog of ``lang`` (``memory``: see ``load_translations``)."""
        translations, digest = _load(i18n_dir, lang, "content", memory)
        entries = dict(getattr(translations, "_catalog", {}))
        entries.pop("", None)  # the header
        return cls(lang, entries, digest)

    def text(self, msgid: str, source_lang: str) -> LText:
        """The unit in this language, or its source text marked as a fallback."""
        if source_lang == self.lang or not msgid:
            return LText(msgid, source_lang)
        found = self.entries.get(msgid)
        if found:
            return LText(found, self.lang, same=found == msgid)
        return LText(msgid, source_lang, fallback=True)

