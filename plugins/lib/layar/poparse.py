"""The lenient reading of a .po file: every syntax error with its line, and duplicates.

Babel's own parser stops at the first error or truncates a malformed string; the lint and
``invoke i18n.update`` (which refuses to rewrite a broken catalog) need all of them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileParser


STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)(?:\s+(.*))?$")
@dataclass
class ParsedCatalog:
    """A catalog read for linting, with what Babel's lenient parser would hide."""

    catalog: Catalog
    syntax: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    duplicates: list[tuple[int, str, int]] = field(default_factory=list)  # (line, id, first)


class _LintParser(PoFileParser):
    """Babel's parser, remembering invalid lines and duplicated msgids instead of
    printing or merging them."""

    def __init__(self, catalog: Catalog, parsed: ParsedCatalog):
        super().__init__(catalog, ignore_obsolete=False, abort_invalid=False)
        self._parsed = parsed
        self._seen: dict[tuple, int] = {}

    def _invalid_pofile(self, line, lineno, msg) -> None:
        self._parsed.syntax.append((lineno + 1, msg))

    def _add_message(self) -> None:
        msgid = self.messages[0].denormalize() if self.messages else ""
        context = self.context.denormalize() if self.context else None
        line = self.offset + 1
        if not self.obsolete:
            key = (msgid, context)
            if key in self._seen:
                self._parsed.duplicates.append((line, msgid, self._seen[key]))
            else:
                self._seen[key] = line
        super()._add_message()


def parse(path: Path, lang: str | None = None, domain: str | None = None) -> ParsedCatalog:
    """Read a .po file leniently, collecting syntax errors (with lines) and duplicates."""
    return _parse(Path(path).read_bytes(), lang, domain)


def _parse(raw: bytes, lang: str | None, domain: str | None) -> ParsedCatalog:
    catalog = Catalog(locale=lang, domain=domain, charset="utf-8")
    parsed = ParsedCatalog(catalog)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        parsed.syntax.append((raw[: exc.start].count(b"\n") + 1, "file is not valid UTF-8"))
        return parsed
    lines = text.splitlines()
    parsed.syntax.extend(_string_syntax(lines))
    _LintParser(catalog, parsed).parse(lines)
    seen: set[int] = set()
    unique = []
    for line, msg in sorted(parsed.syntax):
        if line not in seen:  # one problem per line is enough
            seen.add(line)
            unique.append((line, msg))
    parsed.syntax = unique
    return parsed


def _string_syntax(lines: list[str]) -> Iterable[tuple[int, str]]:
    """Malformed string literals, which Babel's parser would silently truncate."""
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
            if line.startswith("|"):
                continue
        elif line.startswith("#"):
            continue
        if not line:
            continue
        match = KEYWORD.match(line)
        literal = (match.group(2) or "") if match else line
        if not match and not line.startswith('"'):
            continue  # Babel reports unknown keywords itself
        if not _well_formed(literal.strip()):
            yield number, f"malformed string {literal.strip()[:40]!r}: strings must be in " \
                          f"double quotes, with inner quotes written \\\""


def _well_formed(literal: str) -> bool:
    """``STRING.fullmatch(literal)``, without the regular expression for the usual string
    that has no backslash (then it is well formed when no quote is inside)."""
    if len(literal) < 2 or literal[0] != '"' or literal[-1] != '"':
        return False
    inner = literal[1:-1]
    if "\\" not in inner:
        return '"' not in inner
    return STRING.fullmatch(literal) is not None
