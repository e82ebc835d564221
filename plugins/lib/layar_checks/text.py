"""Characters that must not be in a source file: control and bidirectional-override characters.

Control characters are invisible and break YAML, Markdown and HTML in surprising ways.  The
bidirectional controls U+202A–U+202E and U+2066–U+2069 make text *display* in another order
than it is stored ("Trojan Source"), so a reviewer would approve something other than what
is published.  Both are errors, reported with their line and column.  Zero-width characters
are only warned about: they are sometimes typed by accident and silently break a link, a
slug or an alias match.
"""
from __future__ import annotations

import bisect
import re
import unicodedata

from layar.errors import Problem

#: C0 controls except tab and newline, DEL, and the C1 controls.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
BIDI_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
#: Invisible characters worth a warning: zero-width space/joiners, word joiner, inner BOM.
INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")

#: Per file and kind, report this many occurrences, then how many more there are.
MAX_REPORTS = 5

_C0_NAMES = {0: "NUL", 7: "BEL", 8: "BACKSPACE", 0x0B: "VERTICAL TAB", 0x0C: "FORM FEED",
             0x1B: "ESCAPE", 0x7F: "DELETE"}


def char_name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``; control characters get their usual short name."""
    code = ord(char)
    name = _C0_NAMES.get(code) or unicodedata.name(char, "")
    return f"U+{code:04X} {name}".rstrip()


def check_text(path: str, text: str, first_line: int = 1) -> list[Problem]:
    """Every forbidden character in ``text`` (the whole file, or a part starting at ``first_line``)."""
    problems: list[Problem] = []
    kinds = (
        (CONTROL_RE, "error", "control character {name} is not allowed (it is invisible "
                              "and breaks the page); delete it"),
        (BIDI_RE, "error", "bidirectional control character {name} is not allowed (it makes "
                           "text display in another order than it is written); delete it"),
        (INVISIBLE_RE, "warning", "invisible character {name}; delete it unless it is "
                                  "really wanted"),
    )
    for pattern, severity, template in kinds:
        if not pattern.search(text):
            continue
        found = list(_positions(pattern, text))
        for line, column, char in found[:MAX_REPORTS]:
            problems.append(Problem(path, first_line + line - 1, severity,
                                    f"column {column}: " + template.format(name=char_name(char))))
        if len(found) > MAX_REPORTS:
            line, column, char = found[MAX_REPORTS]
            problems.append(Problem(path, first_line + line - 1, severity,
                                    f"… and {len(found) - MAX_REPORTS} more such characters"))
    return problems


def _positions(pattern: re.Pattern, text: str):
    """(1-based line, 1-based column, character) of every match."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for m in pattern.finditer(text):
        i = bisect.bisect_right(line_starts, m.start()) - 1
        yield i + 1, m.start() - line_starts[i] + 1, m.group()
