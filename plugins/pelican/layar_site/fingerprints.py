"""Fingerprints: what each output file is made from, as one digest.

A file's fingerprint is the digest of

* the **site digest**: everything any page may read: the code (every plugin module, the
  theme, the versions of the packages that render), the settings, ``SOURCE_DATE_EPOCH``,
  the interface catalogs, the routes, the metadata of every article (its front-matter, the
  translations of its translatable fields, whether its summary opens its body), and the
  whole of every other source (pages and topics: few, and shown on many pages);
* the **bodies** the file showed when it was last made, each as the digest of the article's
  Markdown body and of the translations of its units into the body's language; and the
  few settings only some files show (``Site.tracked_settings``, such as whether the search
  index is built, which only the search page says), each as the digest of its value.

Bodies are the only content a page reads outside the site digest, and every body is read
through ``Site.body``, which records the read (``Site.tracking``).  So when the site digest
and the digests of the bodies a file read last time are unchanged, rendering it again would
read the same inputs and write the same bytes: a warm build keeps the file instead.  Editing
an article's body re-renders only the files that show that body (its page in each language,
the feeds that carry it); editing its title or topics, a topic, a template or a setting
changes the site digest, and everything is rendered again.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

from layar.extract import front_matter_units

#: Packages whose version can change the bytes of a page.
PACKAGES = ("pelican", "jinja2", "markupsafe", "markdown-it-py", "mdurl", "nh3", "babel",
            "pyyaml", "lxml")
#: Settings that name where this build writes, not what it writes.
_NOT_INPUTS = {"OUTPUT_PATH", "LAYAR_PREVIOUS_BUILD"}
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")

BodyKey = tuple[str, str]  # (source path, language), or (SETTING + name, "")
#: The prefix of the body keys that stand for a setting read through ``Site.uses_setting``.
SETTING = "setting:"


def _stable(value: Any) -> str:
    """A deterministic text for settings and metadata values (no memory addresses)."""
    try:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)
    except (TypeError, ValueError):
        text = repr(value)
    return _ADDRESS.sub("", text)


def _entry(value: Any) -> bytes:
    """A catalog entry (a translation, or None) as bytes, distinct for distinct values."""
    if value is None:
        return b"\0"
    data = value if isinstance(value, str) else _stable(value)
    raw = data.encode("utf-8", "surrogatepass")
    return (b"\1" if data is value else b"\2") + len(raw).to_bytes(8, "little") + raw


def code_digest(folders: Iterable[Path]) -> bytes:
    """The source of every file under ``folders`` (plugins, theme), the versions of the
    packages that render, and Python's."""
    h = hashlib.sha256(repr(sys.version_info[:3]).encode())
    for package in PACKAGES:
        try:
            h.update(f"{package}=={metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package}==?\n".encode())
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        h.update(b"\0folder\0" + folder.name.encode() + b"\0")
        for top, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(names):
                if name.endswith((".pyc", ".pyo")) or name.startswith("."):
                    continue
                path = Path(top, name)
                h.update(path.relative_to(folder).as_posix().encode() + b"\0")
                h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.digest()


class Fingerprints:
    """The fingerprints of one build (see the module docstring)."""

    def __init__(self, site, code: bytes):
        self.site = site
        self._code = code
        self._site_digest: bytes | None = None
        self._bodies: dict[BodyKey, bytes | None] = {}
        self._sources: dict[str, Any] | None = None

    # -- inputs -----------------------------------------------------------------------
    def _all_sources(self) -> dict[str, Any]:
        if self._sources is None:
            found: dict[str, Any] = {}
            for obj in [*self.site.articles, *self.site.pages,
                        *(route.obj for route in self.site.routes)]:
                if hasattr(obj, "blocks") and hasattr(obj, "doc") and hasattr(obj, "path"):
                    found.setdefault(obj.path, obj)
            self._sources = found
        return self._sources

    @property
    def site_digest(self) -> bytes:
        if self._site_digest is None:
            self._site_digest = self._compute_site_digest()
        return self._site_digest

    def _compute_site_digest(self) -> bytes:
        from .content import Article
        from .site import summary_opens_body

        site = self.site
        h = hashlib.sha256(self._code)
        settings = {k: v for k, v in site.pelican_settings.items()
                    if k.isupper() and k not in _NOT_INPUTS and k not in site.tracked_settings}
        h.update(_stable(settings).encode())
        h.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
        i18n = site.settings.i18n_dir
        for lang in site.languages:  # the interface catalogs, as the build compiled them
            mo = Path(i18n, lang, "LC_MESSAGES", "messages.mo")
            h.update(mo.read_bytes() if mo.exists() else b"-")
        for route in site.routes:
            h.update(_stable([route.key, route.pattern, route.template,
                              list(site.routes.langs_of(route)), route.page_type]).encode())
        for path, source in sorted(self._all_sources().items()):
            h.update(path.encode() + b"\0" + source.lang.encode())
            h.update(_stable(source.doc.meta).encode())
            if isinstance(source, Article):
                h.update(b"opens" if summary_opens_body(source) else b"-")
                for _line, msgid, _label in front_matter_units(source.doc, "article", {}):
                    for lang in site.languages:
                        h.update(_entry(site.catalogs[lang].entries.get(msgid)))
            else:  # pages and topics: all of it, in every language
                h.update(source.doc.body.encode())
                for lang in site.languages:
                    h.update(self.body(path, lang) or b"-")
        return h.digest()

    def body(self, path: str, lang: str) -> bytes | None:
        """The digest of a source's body as shown in ``lang``; None if there is no source."""
        key = (path, lang)
        if key not in self._bodies and path.startswith(SETTING):
            name = path[len(SETTING):]
            value = self.site.pelican_settings.get(name)
            self._bodies[key] = hashlib.sha256(f"{name}={_stable(value)}".encode()).digest()
        if key not in self._bodies:
            source = self._all_sources().get(path)
            if source is None:
                self._bodies[key] = None
            else:
                h = hashlib.sha256(f"{source.lang}\0{lang}\0".encode())
                h.update(source.doc.body.encode())
                if lang != source.lang and lang in self.site.catalogs:
                    entries = self.site.catalogs[lang].entries
                    for block in source.blocks:
                        for text in block.texts:
                            h.update(_entry(entries.get(text)))
                self._bodies[key] = h.digest()
        return self._bodies[key]

    # -- fingerprints -----------------------------------------------------------------
    def of(self, relpath: str, bodies: Iterable[BodyKey]) -> bytes | None:
        """The fingerprint of the file at ``relpath`` that showed ``bodies``; None when one
        of those bodies no longer exists (the file must be made again)."""
        h = hashlib.sha256(self.site_digest)
        h.update(relpath.encode() + b"\0")
        for path, lang in sorted(bodies):
            digest = self.body(path, lang)
            if digest is None:
                return None
            h.update(f"{path}\0{lang}\0".encode() + digest)
        return h.digest()

