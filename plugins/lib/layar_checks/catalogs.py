"""Translations are content too: the same safety rules, reported at the ``.po`` line.

Every site language has ``i18n/<lang>/LC_MESSAGES/{messages,content}.po``.

* Every ``.po`` file is checked for control and bidi characters like a content file.
* ``content``: a translation is Markdown rendered into the page exactly like its source unit,
  so it gets the same raw-HTML and URL-scheme check (its links are resolved with the source
  file's links, see ``links.check_source``).  The translations checked are those the build
  uses (the compiled catalogs the site loaded: fuzzy entries are not shown, so not checked).
* ``messages``: Jinja's gettext marks interface translations safe, so the site escapes
  them and takes markup only from the templates (``layar.sanitize.interface_text``): a
  translation with ``<``, ``>`` or ``"`` where its msgid has no tags, or with other tags or
  attributes than its msgid, is an error, since the page would not show it as written.

* Every ``.po`` file is read by GNU ``msgfmt -c`` when it is installed (``check_msgfmt``):
  what it rejects, Poedit, Weblate and the other gettext tools reject too, so each of its
  errors is an error at its line, with a hint (its warnings, about header fields such as
  ``Last-Translator``, are not).

A ``.po`` file is parsed (for line numbers) only when one of its entries has a problem.
With a store (``PoFile.store``, a ``layar_site.cache.Store``) what is found in a ``.po`` file
is kept for the next build, keyed by the file's bytes.

Other catalog checks (syntax, placeholders, out-of-date catalogs) belong to the catalog lint
(``catalog_lint``, also ``invoke i18n.lint``), which ``runner.run_checks`` runs once per
build.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from babel.messages.pofile import read_po, unescape

from layar.errors import Problem
from layar.sanitize import markup_of

from .markup import check_scan
from .text import check_text
from .tokens import may_have_markup, scan_unit_at


@dataclass
class PoFile:
    path: Path
    shown: str  # relative to the project root, e.g. i18n/id/LC_MESSAGES/content.po
    lang: str
    domain: str
    _lines: dict | None = None
    _messages: list | None = None
    store: object = None  # keeps results for the same bytes (see the module docstring)
    _digest: bytes | None = None

    @property
    def digest(self) -> bytes:
        if self._digest is None:
            self._digest = hashlib.sha256(self.path.read_bytes()).digest()
        return self._digest

    def memo(self, what: str, compute, *extra):
        """``compute()``, kept in the store for these bytes of this file (and ``extra``)."""
        if self.store is None:
            return compute()
        key = (what, self.shown, self.lang, self.domain, self.digest, *extra)
        return self.store.memo(key, compute)

    def _read(self) -> None:
        self._lines, self._messages = {}, []
        try:
            with self.path.open("rb") as fh:
                catalog = read_po(fh, locale=self.lang, domain=self.domain)
        except Exception:  # unreadable: the build's catalog compiler and the lint report it
            return
        for message in list(catalog)[1:]:
            ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
            self._lines.setdefault(_line_key(ids[0]), message.lineno or 1)
            self._messages.append(message)

    def line_of(self, msgid: str) -> int | None:
        """The line of the entry of ``msgid`` (the file is scanned on first use)."""
        if self._lines is None:
            self._lines = self.memo("lines", self._scan_lines)
        return self._lines.get(_line_key(msgid))

    def _scan_lines(self) -> dict:
        """The line of every msgid, as Babel numbers them (the ``msgid`` keyword's line), by
        a scan of the lines: Babel's parser builds every message, which takes ten times as
        long.  A file that is not UTF-8 is left to Babel."""
        try:
            text = self.path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            self._read()
            return self._lines
        lines: dict = {}
        parts: list[str] | None = None
        start = 0

        def finish():
            if parts:
                msgid = "".join(parts)
                if msgid:  # the header (msgid "") is not an entry
                    lines.setdefault(_line_key(msgid), start)

        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if line.startswith('msgid "'):
                finish()
                parts, start = [_unquote(line[6:])], number
            elif parts is not None and line.startswith('"') and line.endswith('"') and len(line) > 1:
                parts.append(_unquote(line))
            elif parts is not None:
                finish()
                parts = None
        finish()
        return lines

    def messages(self) -> list:
        if self._messages is None:
            self._read()
        return self._messages

    def where(self, msgid: str) -> str:
        """``content/articles/x.md:12``: the first source of a unit, for messages."""
        for message in self.messages():
            ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
            if ids[0] == msgid and message.locations:
                return "{}:{}".format(*message.locations[0])
        return ""


def _unquote(quoted: str) -> str:
    """A PO string's text (``"a \\"b\\""`` -> ``a "b"``), as Babel reads it."""
    return quoted[1:-1] if "\\" not in quoted else unescape(quoted)


def _line_key(msgid: str) -> bytes:
    """How ``PoFile`` finds a msgid's line: a digest (a store keeps thousands of them)."""
    return hashlib.blake2b(str(msgid).encode("utf-8", "surrogatepass"), digest_size=12).digest()


def po_files(i18n_dir: Path, root: Path, languages, store=None) -> list[PoFile]:
    files = []
    for lang in languages:
        for domain in ("messages", "content"):
            path = i18n_dir / lang / "LC_MESSAGES" / f"{domain}.po"
            if path.is_file():
                files.append(PoFile(path, _shown(path, root), lang, domain, store=store))
    return files


def check_characters(po: PoFile) -> list[Problem]:
    def compute():
        text = po.path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
        return check_text(po.shown, text)

    return po.memo("characters", compute)


def check_content_translations(po: PoFile, entries: dict[str, str],
                               digest: bytes = b"") -> list[Problem]:
    """Raw HTML and URL schemes in the translations ``entries`` (msgid -> msgstr) of ``po``;
    ``digest`` says what the entries are (``ContentCatalog.digest``, the compiled file's),
    else they are digested here."""
    if po.store is None:
        return _content_translations(po, entries)
    # The entries are the compiled catalog the site loaded: their digest joins the key.
    if not digest:
        h = hashlib.sha256()
        for msgid, msgstr in entries.items():
            h.update(repr((msgid, msgstr)).encode("utf-8", "surrogatepass"))
        digest = h.digest()
    return po.memo("content", lambda: _content_translations(po, entries), digest)


def _content_translations(po: PoFile, entries: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    for msgid, msgstr in entries.items():
        if not isinstance(msgid, str) or not isinstance(msgstr, str) or not msgid:
            continue
        if not may_have_markup(msgstr):
            continue
        if not check_scan(po.shown, scan_unit_at(msgstr, 1, po.store)):
            continue
        line = po.line_of(msgid) or 1
        where = po.where(msgid)
        label = f"translation of {where}" if where else "translation"
        problems += check_scan(po.shown, scan_unit_at(msgstr, line, po.store), label)
    return problems


def check_interface_translations(po: PoFile) -> list[Problem]:
    """``interface_check`` for every translation of a ``messages.po``."""
    return po.memo("interface", lambda: _interface_translations(po))


def _interface_translations(po: PoFile) -> list[Problem]:
    problems: list[Problem] = []
    for message in po.messages():
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        for i, string in enumerate(strings):
            if string and not message.fuzzy:
                reason = interface_check(ids[min(i, len(ids) - 1)], string)
                if reason:
                    problems.append(Problem(po.shown, message.lineno or 1, "error", reason))
    return problems


def interface_check(msgid: str, msgstr: str) -> str | None:
    """Why ``layar.sanitize.interface_text`` would not show ``msgstr`` as written."""
    if "<" not in msgid:
        found = sorted({ch for ch in msgstr if ch in '<>"'})
        if found:
            return (f"translation contains {' '.join(found)}, which its msgid does not: "
                    f"interface translations cannot add markup and are shown as typed; "
                    f"write quotation marks as “ ” instead of \"")
        return None
    if markup_of(msgstr) != markup_of(msgid):
        return ("translation changes the HTML tags or attributes of its msgid; keep them "
                "exactly as in the msgid (until then the English text is shown)")
    return None


#: GNU msgfmt (gettext), or None: the check is left out where gettext is not installed.
MSGFMT = os.environ.get("LAYAR_MSGFMT") or shutil.which("msgfmt")
#: ``file:line: message`` or ``file:line:column: message``, as msgfmt prints a finding.
MSGFMT_LINE = re.compile(r"^(?P<line>\d+):(?:\d+:)? (?P<message>.*)$")
#: What to do about what msgfmt says, by the words of its message.
MSGFMT_HINTS = (
    (("format specification", "format string", "directive"),
     "the entry is marked as a format string (`#, python-format`), so its translation must "
     "keep exactly the placeholders of its msgid (%s, %d, %(name)s; a literal % is %%); a "
     "content unit is never a format string: `invoke i18n.update` removes the flag"),
    (("both begin with", "both end with"),
     "begin and end the translation with a line break (\\n) exactly where its msgid does"),
    (("plural",),
     "give every plural form of the language a translation (msgstr[0], msgstr[1], …), and "
     "keep the header's Plural-Forms line as `invoke i18n.update` writes it"),
    (("duplicate message definition",),
     "the msgid appears twice: keep one entry (`invoke i18n.lint` lists both)"),
    (("end-of-line within string", "syntax error", "missing", "invalid", "keyword"),
     "write the entry as gettext does: msgid \"…\" then msgstr \"…\", each string in double "
     "quotes with inner quotes as \\\" (`invoke i18n.lint` says more)"),
)
MSGFMT_DEFAULT_HINT = ("Poedit, Weblate and the other gettext tools reject the catalog as it "
                       "is: correct the entry at this line")


def check_msgfmt(po: PoFile, msgfmt: str | None = None) -> list[Problem]:
    """The errors GNU ``msgfmt -c`` finds in ``po``, each at its line with a hint; none
    when msgfmt is not installed.  Kept in the store for the file's bytes and the program."""
    return start_msgfmt(po, msgfmt)()


def start_msgfmt(po: PoFile, msgfmt: str | None = None) -> Callable[[], list[Problem]]:
    """``check_msgfmt`` in two halves: msgfmt starts now (unless the store has its
    findings), and calling the returned function waits for it and gives them.  The runner
    starts every catalog's msgfmt at once, then does its own checks while they run."""
    msgfmt = msgfmt or MSGFMT
    if not msgfmt:
        return list
    try:
        stat = os.stat(msgfmt)
    except OSError:
        return list
    if po.store is None:
        return _msgfmt_run(po.path, po.shown, msgfmt)
    key = ("msgfmt", po.shown, po.lang, po.domain, po.digest, msgfmt, stat.st_size,
           stat.st_mtime_ns)  # as ``po.memo("msgfmt", …)`` keys it
    found = po.store.get(key)
    if found is not None:
        return lambda: found
    finish = _msgfmt_run(po.path, po.shown, msgfmt)

    def stored() -> list[Problem]:
        problems = finish()
        po.store.put(key, problems)
        return problems

    return stored


def msgfmt_problems(path: Path, shown: str, msgfmt: str) -> list[Problem]:
    """Run ``msgfmt -c -o /dev/null path`` and read its messages into Problems at ``shown``."""
    return _msgfmt_run(path, shown, msgfmt)()


def _msgfmt_run(path: Path, shown: str, msgfmt: str) -> Callable[[], list[Problem]]:
    """Start ``msgfmt -c -o /dev/null path``; the returned function waits for it and reads
    its messages into Problems at ``shown``."""
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": ""}  # its messages in English
    try:
        process = subprocess.Popen([msgfmt, "-c", "-o", os.devnull, str(path)],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=env)
    except (OSError, subprocess.SubprocessError) as exc:
        return lambda: [_msgfmt_failed(shown, exc)]

    def finish() -> list[Problem]:
        try:
            _out, err = process.communicate(timeout=120)
        except subprocess.SubprocessError as exc:
            process.kill()
            process.wait()
            return [_msgfmt_failed(shown, exc)]
        return _msgfmt_findings(err.decode("utf-8", "replace"), process.returncode, path,
                                shown)

    return finish


def _msgfmt_failed(shown: str, exc: Exception) -> Problem:
    return Problem(shown, 1, "error", f"msgfmt -c could not run ({exc}); check that "
                                      f"GNU gettext is installed")


def _msgfmt_findings(output: str, returncode: int, path: Path, shown: str) -> list[Problem]:
    found = parse_msgfmt(output, str(path), shown)
    if returncode and not any(p.is_error for p in found):  # a fault of the whole file
        said = [re.sub(r"^\S*msgfmt: ", "", line.strip()).removeprefix(f"{path}: ")
                .removeprefix("warning: ") for line in output.splitlines()
                if line.strip() and "fatal error" not in line]
        found.append(Problem(shown, 1, "error", f"msgfmt -c: {'; '.join(said) or 'failed'}; "
                                                f"{MSGFMT_DEFAULT_HINT}"))
    return found


def parse_msgfmt(output: str, path: str, shown: str) -> list[Problem]:
    """msgfmt's ``path:line: message`` lines as errors at ``shown``; its warnings are left
    out, and a message continued on the next line (``…`` / ``...but …``) is joined."""
    findings: list[tuple[int, str]] = []
    for raw in output.splitlines():
        if not raw.startswith(path + ":"):
            continue  # "msgfmt: found 2 fatal errors", or another file's
        match = MSGFMT_LINE.match(raw[len(path) + 1:])
        if not match:
            continue
        line, message = int(match["line"]), match["message"].strip()
        if message.startswith("...") and findings and findings[-1][1].endswith("..."):
            first_line, first = findings[-1]
            findings[-1] = (first_line, f"{first[:-3]}; line {line}: {message[3:]}")
            continue
        findings.append((line, message))
    problems = []
    for line, message in findings:
        if message.startswith("warning:"):
            continue
        problems.append(Problem(shown, line, "error", f"msgfmt -c: {message}; "
                                                      f"{_msgfmt_hint(message)}"))
    return problems


def _msgfmt_hint(message: str) -> str:
    for words, hint in MSGFMT_HINTS:
        if any(word in message for word in words):
            return hint
    return MSGFMT_DEFAULT_HINT


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
