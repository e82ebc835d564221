"""Translations are content too: the same safety rules, reported at the ``.po`` line.

Every site language has ``i18n/<lang>/LC_MESSAGES/{messages,content}.po``.

* Every ``.po`` file is checked for control and bidi characters like a content file.
* ``content``: a translation is Markdown rendered into the page exactly like its source unit,
  so it gets the same raw-HTML and URL-scheme check (its links are resolved with the source
  file's links, see ``links.check_source``).
* ``messages``: Jinja's gettext marks interface translations safe, so the site escapes
  them and takes markup only from the templates (``layar.sanitize.interface_text``): a
  translation with ``<``, ``>`` or ``"`` where its msgid has no tags, or with other tags or
  attributes than its msgid, is an error, since the page would not show it as written.

Other catalog checks (syntax, placeholders, out-of-date catalogs) belong to the catalog lint
of ``layar_i18n_tools``; they join ``invoke check`` through the ``check_catalogs`` signal
(``layar_site.signals``), which ``runner.check_site`` sends once per build.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from layar.errors import Problem
from layar.sanitize import markup_of

from .markup import check_markdown
from .text import check_text


@dataclass
class PoFile:
    path: Path
    shown: str  # relative to the project root, e.g. i18n/id/LC_MESSAGES/content.po
    lang: str
    domain: str
    #: msgid -> line of the entry (content domain), for reporting translations' links.
    lines: dict[str, int] = field(default_factory=dict)


def po_files(i18n_dir: Path, root: Path, languages) -> list[PoFile]:
    files = []
    for lang in languages:
        for domain in ("messages", "content"):
            path = i18n_dir / lang / "LC_MESSAGES" / f"{domain}.po"
            if path.is_file():
                files.append(PoFile(path, _shown(path, root), lang, domain))
    return files


def check_po(po: PoFile) -> list[Problem]:
    """Characters, and raw HTML / URL schemes in translations, of one ``.po`` file."""
    raw = po.path.read_bytes()
    text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n")
    problems = check_text(po.shown, text)
    try:
        with po.path.open("rb") as fh:
            catalog = read_po(fh, locale=po.lang, domain=po.domain)
    except Exception:  # unreadable: the build's catalog compiler and the lint report it
        return problems
    for message in list(catalog)[1:]:
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        line = message.lineno or 1
        if po.domain == "content":
            po.lines.setdefault(ids[0], line)
        for i, string in enumerate(strings):
            if not string:
                continue
            if po.domain == "content":
                where = message.locations[0] if message.locations else None
                label = f"translation of {where[0]}:{where[1]}" if where else "translation"
                problems += check_markdown(po.shown, string, line, label)
            else:
                source = ids[min(i, len(ids) - 1)]
                problems += _check_interface(po.shown, line, source, string)
    return problems


def _check_interface(path: str, line: int, msgid: str, msgstr: str) -> list[Problem]:
    """What ``layar.sanitize.interface_text`` would not show as the translator wrote it."""
    if "<" not in msgid:
        found = sorted({ch for ch in msgstr if ch in '<>"'})
        if not found:
            return []
        return [Problem(path, line, "error",
                        f"translation contains {' '.join(found)}, which its msgid does not: "
                        f"interface translations cannot add markup and are shown as typed; "
                        f"write quotation marks as “ ” instead of \"")]
    if markup_of(msgstr) != markup_of(msgid):
        return [Problem(path, line, "error",
                        "translation changes the HTML tags or attributes of its msgid; keep "
                        "them exactly as in the msgid (until then the English text is shown)")]
    return []


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
