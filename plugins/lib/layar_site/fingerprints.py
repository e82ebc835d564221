"""The site model's own kinds of input (``layar_site.inputs``), one class each:
``code``, ``held``, ``site``, ``body`` and ``file`` (``site_inputs`` lists them; the
pipeline registers them in its freeze step).

* ``code`` (read by every page): the source of every package of the project's
  ``plugins/lib`` and ``plugins/pelican`` trees that this process has imported
  (``code_folders``: found in ``sys.modules``, never from a list of names, so the command-line
  tools of ``plugins/tools``, the tests and the documentation stay outside), the versions of
  the packages that render, and Python's.
* ``held`` (read by every page): the drafts and scheduled articles this build leaves out;
  when the build's time passes a scheduled date, every page naming the article is made again.
* ``site`` (read by every page): ``SOURCE_DATE_EPOCH``, the interface catalogs,
  the routes, the metadata of every article (its front-matter, the translations of its
  translatable fields, whether its summary opens its body), the whole of every other source
  (pages and topics: few, and shown on many pages), and the digest of every input read while
  the site model was built (``Inputs.model_reads``: the settings that shaped the routes, for
  instance).
* ``body`` (key ``"<path>\\0<lang>"``): a source's Markdown body and the translations of its
  units into ``lang``.  Bodies are read through ``Site.body``, which records the read.
* ``file`` (key: a path): the bytes of a file (a theme asset).

So editing an article's body re-renders only the files that show that body (its page in
each language, the feeds that carry it); editing a template re-renders the pages made from
it; editing a setting re-renders the files that read it; editing its title or topics, or a
topic, changes the site model, and every page is rendered again.
"""
from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

import layar.blocks
from layar.extract import front_matter_units

from .content import Article, summary_opens_body
from .inputs import Inputs, stable

#: Packages whose version can change the bytes of a page.
PACKAGES = ("pelican", "jinja2", "markupsafe", "markdown-it-py", "mdurl", "nh3", "babel",
            "pyyaml", "lxml")


def _entry(value: Any) -> bytes:
    """A catalog entry (a translation, or None) as bytes, distinct for distinct values."""
    if value is None:
        return b"\0"
    data = value if isinstance(value, str) else stable(value)
    raw = data.encode("utf-8", "surrogatepass")
    return (b"\1" if data is value else b"\2") + len(raw).to_bytes(8, "little") + raw


def _strings(value: Any) -> Iterable[str]:
    """Every string in a front-matter value (a topic's name, description and text facts are
    translated through the catalogs: each may be a msgid)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key in sorted(value, key=str):
            yield from _strings(value[key])
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


#: The project's ``plugins/`` folder, and the trees of it whose code a build runs.
PLUGINS = Path(__file__).resolve().parents[2]
BUILD_TREES = ("lib", "pelican")


def code_folders(modules: dict | None = None) -> list[Path]:
    """The packages (or single modules) of ``plugins/lib`` and ``plugins/pelican`` that have
    been imported (``sys.modules``): the code a build runs, whatever names the settings or
    the layout give it."""
    roots = [(PLUGINS / tree).resolve() for tree in BUILD_TREES]
    found: set[Path] = set()
    for module in list((modules if modules is not None else sys.modules).values()):
        file = getattr(module, "__file__", None)
        if not file:
            continue
        path = Path(file).resolve()
        for root in roots:
            if path.is_relative_to(root):
                found.add(root / path.relative_to(root).parts[0])
    return sorted(found)


def code_digest(folders: Iterable[Path]) -> bytes:
    """The source of every file under ``folders`` (the packages a build runs; a module that
    is a single file counts as itself), the versions of the packages that render, and
    Python's."""
    h = hashlib.sha256(repr(sys.version_info[:3]).encode())
    for package in PACKAGES:
        try:
            h.update(f"{package}=={metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package}==?\n".encode())
    for folder in folders:
        folder = Path(folder)
        if folder.is_file():
            h.update(b"\0module\0" + folder.name.encode() + b"\0")
            h.update(hashlib.sha256(folder.read_bytes()).digest())
            continue
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


def file_digest(path: str) -> bytes | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).digest()
    except OSError:
        return None


class CodeInput:
    """Input kind ``code`` (read by every page): see the module docstring."""

    name = "code"

    def __init__(self, folders: Iterable[Path]):
        self._digest = code_digest(folders)

    def every_page(self) -> Iterable[str]:
        return ("",)

    def digest(self, _key: str) -> bytes:
        return self._digest


class HeldInput:
    """Input kind ``held`` (read by every page): what the build's time and the drafts left
    out of this build."""

    name = "held"

    def __init__(self, site):
        self.site = site

    def every_page(self) -> Iterable[str]:
        return ("",)

    def digest(self, _key: str) -> bytes:
        return stable([str(h) for h in self.site.held]).encode()


class FileInput:
    """Input kind ``file``: the bytes of one file of the project (key: its path)."""

    name = "file"

    @staticmethod
    def digest(path: str) -> bytes | None:
        return file_digest(path)


def site_inputs(site, settings: dict[str, Any], where: Iterable[str]) -> list:
    """The kinds of input the site model owns, for the pipeline to register once the model
    is complete: code, held, unwatched settings, site, body, file."""
    from .inputs import UnwatchedInput

    digests = SiteDigests(site)
    return [CodeInput(code_folders()), HeldInput(site),
            UnwatchedInput(site.inputs, settings, where),
            digests.site_kind, digests.body_kind, FileInput()]


class SiteDigests:
    """The digesters of ``site`` and ``body`` for one build's site (two kinds sharing the
    sources they read)."""

    def __init__(self, site):
        self.site = site
        self._sources: dict[str, Any] | None = None
        self._memory = site.memory("digests", (sys.modules[__name__], layar.blocks))
        self.site_kind = _Kind("site", lambda _key: self._site_digest(site.inputs))
        self.body_kind = _Kind("body", self._body_digest)

    def _all_sources(self) -> dict[str, Any]:
        if self._sources is None:
            found: dict[str, Any] = {}
            for obj in [*self.site.articles, *self.site.pages,
                        *(route.obj for route in self.site.routes)]:
                if hasattr(obj, "blocks") and hasattr(obj, "doc") and hasattr(obj, "path"):
                    found.setdefault(obj.path, obj)
            self._sources = found
        return self._sources

    def _site_digest(self, inputs: Inputs) -> bytes:
        site = self.site
        h = hashlib.sha256()
        h.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
        for kind, key in sorted(inputs.model_reads):
            if kind != "site":
                h.update(f"{kind}\0{key}\0".encode() + (inputs.digest(kind, key) or b"-"))
        i18n = site.settings.i18n_dir
        for lang in site.languages:  # the interface catalogs, as the build compiled them
            mo = Path(i18n, lang, "LC_MESSAGES", "messages.mo")
            h.update(mo.read_bytes() if mo.exists() else b"-")
        for route in site.routes:
            h.update(stable([route.key, route.pattern, route.template,
                             list(site.routes.langs_of(route)), route.page_type]).encode())
        for path, source in sorted(self._all_sources().items()):
            h.update(path.encode() + b"\0" + source.lang.encode())
            h.update(stable(source.doc.meta).encode())
            if isinstance(source, Article):
                h.update(b"opens" if summary_opens_body(source) else b"-")
                for _line, msgid, _label in front_matter_units(source.doc, "article", {}):
                    for lang in site.languages:
                        h.update(_entry(site.catalogs[lang].entries.get(msgid)))
            else:  # pages and topics: all of it, in every language
                h.update(source.doc.body.encode())
                for text in _strings(source.doc.meta):  # its translated front-matter
                    for lang in site.languages:
                        h.update(_entry(site.catalogs[lang].entries.get(text.strip())))
                for lang in site.languages:
                    h.update(inputs.digest("body", f"{path}\0{lang}") or b"-")
        return h.digest()

    def _body_digest(self, key: str) -> bytes | None:
        path, _, lang = key.partition("\0")
        source = self._all_sources().get(path)
        if source is None:
            return None
        catalog = self.site.catalogs.get(lang) if lang != source.lang else None
        if catalog is None or not catalog.digest:
            return self._compute_body_digest(source, lang)
        # Kept by what it is computed from: a preview's rebuild computes the edited
        # article's alone (Site.memory).
        return self._memory.memo(("body", path, lang, source.lang, source.doc.body,
                                  catalog.digest),
                                 lambda: self._compute_body_digest(source, lang))

    def _compute_body_digest(self, source, lang: str) -> bytes:
        h = hashlib.sha256(f"{source.lang}\0{lang}\0".encode())
        h.update(source.doc.body.encode())
        if lang != source.lang and lang in self.site.catalogs:
            entries = self.site.catalogs[lang].entries
            for block in source.blocks:
                for text in block.texts:
                    h.update(_entry(entries.get(text)))
        return h.digest()


class _Kind:
    """A kind of input made of a name and a digest function (the two kinds of
    ``SiteDigests``, which share what they read)."""

    def __init__(self, name: str, digest):
        self.name = name
        self.digest = digest
