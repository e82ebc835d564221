"""Where Layar's gettext catalogs are and how they are read: shared by the build's checks
(``layar_checks``) and the catalog tools (``layar_i18n_tools``), which write them.

* ``messages``: the interface, from templates and Python (``i18n/babel.cfg``);
* ``content``: articles, topics and pages, through the ``layar_markdown`` extractor
  (``i18n/babel-content.cfg``).

``extract`` gives a domain's template from the current sources (nothing is written);
``read_catalog`` reads a catalog keeping each entry's flags exactly as its file writes
them; ``template_for`` is the template a language's catalog follows.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import (DEFAULT_KEYWORDS, check_and_call_extract_file,
                                    extract_from_dir)
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import PoFileParser, denormalize
from babel.util import pathmatch

from .extract import SOURCE_LANG_TAG
from .languages import DEFAULT_LANGUAGE


DOMAINS = {"messages": "babel.cfg", "content": "babel-content.cfg"}


HEADER = "Layar {domain} catalog."


#: The language the interface is written in: its ``messages`` catalog is the source.
INTERFACE_LANGUAGE = DEFAULT_LANGUAGE



def pot_path(root: Path, domain: str) -> Path:
    return Path(root) / "i18n" / f"{domain}.pot"



def po_path(root: Path, lang: str, domain: str) -> Path:
    return Path(root) / "i18n" / lang / "LC_MESSAGES" / f"{domain}.po"



def extract(root: Path, domain: str, methods: dict | None = None, memo=None) -> Catalog:
    """The template of ``domain`` from the current sources (nothing is written).

    ``methods`` may replace an extraction method of the mapping file by a function with
    the same signature (Babel calls it instead); ``memo`` keeps what each file gave
    (``extracted``).
    """
    catalog = new_template(domain)
    for filename, lineno, message, comments, context in extracted(root, domain, methods,
                                                                   memo):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    if domain == "content":
        not_formats(catalog)
    return catalog



def extracted(root: Path, domain: str, methods: dict | None = None, memo=None,
              salt: str = ""):
    """What ``extract`` puts in the template, as Babel finds it: ``(file, line, message,
    comments, context)`` for each occurrence, in the template's order.

    ``memo`` (a ``layar_site.cache.Store``) keeps what each file gave, keyed by its path,
    its bytes, the mapping file and ``salt`` (what else the methods read, e.g. the topic
    kinds): a file is extracted again only when one of them changed.  The files are walked
    and matched as Babel's ``extract_from_dir`` walks and matches them (a test compares)."""
    root = Path(root)
    mapping = (root / "i18n" / DOMAINS[domain]).read_bytes()
    method_map, options_map = parse_mapping_cfg(io.StringIO(mapping.decode("utf-8")))
    if methods:
        method_map = [(pattern, methods.get(method, method)) for pattern, method in method_map]
    accept = _only_mapped_folders(root, method_map)
    # Comment tags come from the mapping file (add_comments), as with `pybabel extract -F`.
    if memo is None:
        yield from extract_from_dir(str(root), method_map, options_map, comment_tags=(),
                                    strip_comment_tags=False, directory_filter=accept)
        return
    top = os.path.abspath(root)
    setup = hashlib.sha256(mapping + b"\0" + salt.encode()).digest()
    for folder, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if accept(os.path.join(folder, d)))
        for filename in sorted(filenames):
            filepath = os.path.join(folder, filename).replace(os.sep, "/")
            rel = os.path.relpath(filepath, top)
            method = next((m for pattern, m in method_map if pathmatch(pattern, rel)), None)
            if method is None or method == "ignore":
                continue
            with open(filepath, "rb") as fh:
                digest = hashlib.sha256(fh.read()).digest()
            yield from memo.memo(("extracted", domain, rel, digest, setup), lambda: list(
                check_and_call_extract_file(filepath, method_map, options_map, None,
                                            DEFAULT_KEYWORDS, (), False, dirpath=top)))



def not_formats(catalog: Catalog) -> None:
    """Content units are looked up, never %-formatted: Babel's guess that "naik 17% dibanding"
    holds a ``% d`` placeholder (or "{filename}" a brace placeholder) must not make
    translators keep it."""
    for message in catalog:
        message.flags = {flag for flag in message.flags if not is_format_flag(flag)}



def is_format_flag(flag: str) -> bool:
    """``python-format``, ``no-c-format``…: the flags that make ``msgfmt -c`` compare the
    placeholders of a msgid and its translation."""
    return flag.endswith("-format")



def _only_mapped_folders(root: Path, method_map):
    """Walk only the folders a mapping pattern can match (content/, theme/, plugins/…), never
    node_modules/, output/ or a virtual environment: extraction runs in every build."""
    prefixes = []
    for pattern, method in method_map:
        if method == "ignore":
            continue
        fixed = pattern.split("*", 1)[0]
        prefixes.append(fixed.rsplit("/", 1)[0] if "/" in fixed else "")
    # Relative to the folder as Babel walks it (``os.path.abspath``), never resolved: a
    # symbolic link to a folder elsewhere (node_modules/ in a work tree) is just skipped.
    root = os.path.abspath(root)

    def accept(dirpath) -> bool:
        rel = os.path.relpath(os.path.abspath(dirpath), root).replace(os.sep, "/")
        return any(rel == prefix or rel.startswith(prefix + "/") or prefix.startswith(rel + "/")
                   for prefix in prefixes if prefix)

    return accept



def new_template(domain: str) -> Catalog:
    """An empty template of ``domain`` with Layar's fixed header."""
    return Catalog(project="Layar", version="1", msgid_bugs_address="",
                   copyright_holder="Layar", charset="utf-8",
                   header_comment=f"# {HEADER.format(domain=domain)}", fuzzy=False,
                   creation_date=fixed_date())



def fixed_date() -> dt.datetime:
    """Templates carry no wall-clock time: same sources, same bytes (SOURCE_DATE_EPOCH)."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc)



def read_catalog(path: Path, lang: str | None = None, domain: str | None = None) -> Catalog:
    """The catalog at ``path``, each entry with its flags exactly as the file writes them."""
    catalog = Catalog(locale=lang, domain=domain)
    with Path(path).open("rb") as fh:
        _FaithfulParser(catalog).parse(fh)
    restore_previous(catalog)
    return catalog



class _FaithfulParser(PoFileParser):
    """Babel's parser, giving each entry the flags of its ``#,`` line and no other: Babel's
    ``Message`` adds ``python-format`` to any msgid that looks like a %-format (and drops
    it from one that does not), so reading and writing a catalog would change entries
    nobody touched."""

    def __init__(self, catalog: Catalog):
        super().__init__(catalog, ignore_obsolete=False)

    def _add_message(self) -> None:
        flags = {flag for flag in self.flags if flag}
        msgid = (tuple(m.denormalize() for m in self.messages) if len(self.messages) > 1
                 else self.messages[0].denormalize())
        context = self.context.denormalize() if self.context else None
        obsolete = self.obsolete
        super()._add_message()
        if obsolete:
            message = self.catalog.obsolete.get(self.catalog._key_for(msgid, context))
        else:
            message = self.catalog.get(msgid, context)
        if message is not None and msgid:  # the header's flags are the catalog's own
            message.flags = flags



def restore_previous(catalog: Catalog) -> None:
    """Babel reads ``#| msgid "…"`` lines as user comments: make them previous msgids
    again, so that they are written once and dropped when the entry is reviewed."""
    for message in list(catalog) + list(catalog.obsolete.values()):
        previous = [c for c in message.user_comments if c.startswith("|")]
        if not previous:
            continue
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        parts: list[str] = []
        in_msgid = False
        for comment in previous:
            body = comment[1:].strip()
            if body.startswith('"'):
                if in_msgid:
                    parts.append(body)
            else:
                in_msgid = body.startswith("msgid ")
                if in_msgid:
                    parts = [body[len("msgid "):].strip()]
        if parts:
            message.previous_id = [denormalize("\n".join(parts))]



def source_languages(message: Message) -> set[str]:
    return {c.split(":", 1)[1].strip() for c in message.auto_comments
            if c.startswith(SOURCE_LANG_TAG)}



def template_for(pot: Catalog, lang: str, domain: str) -> Catalog:
    """The template a language's catalog follows: units in other languages only."""
    if domain != "content":
        return pot
    filtered = Catalog(project=pot.project, version=pot.version, charset="utf-8",
                       header_comment=pot.header_comment, fuzzy=False,
                       creation_date=pot.creation_date)
    for message in pot:
        if not message.id:
            continue
        if source_languages(message) - {lang}:
            filtered[message.id] = message
    return filtered
