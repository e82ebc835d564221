"""Find mentions of registry topics in text: one compiled alias matcher per language.

The ingest tags articles with it and the topics plugin links the first mention of each topic,
so both agree on what counts as a mention:

* an alias of the text's language, or an English alias (callers put the topic's ``name`` in the
  ``'en'`` list, since names like "Sora 2" or "Netflix" do not change between languages);
* case-insensitive (Unicode case folding as done by :mod:`re`);
* on word boundaries, Unicode-aware: the character before and after a match must not be a
  letter, digit or underscore (so "AI" matches in "(AI)" but not in "AIDS", and "Sora" not in
  "Soraya");
* typographic apostrophes and hyphens count as their ASCII forms (’ ‘ ʼ = ', ‐ ‑ = -), and a
  space inside an alias matches any run of white space;
* matches never overlap and the longest alias wins: at every position the longest alias that
  starts there is a candidate; candidates are then taken longest first, and one that overlaps
  an already taken, longer match is dropped. Results come back in text order.

Each language gets ONE alternation regex (aliases sorted longest first, so the alternation
picks the longest alias at a position), compiled once in the constructor.  Matching is a single
scan of the text (a lookahead at each position) plus a sort of the candidates.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

log = logging.getLogger(__name__)

#: Characters treated as equivalent to an ASCII apostrophe or hyphen (same length: offsets hold).
_EQUIVALENTS = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
    "\u2010": "-", "\u2011": "-",
})

#: The language whose aliases are always searched besides the text's own.
SHARED_LANGUAGE = "en"


@dataclass(frozen=True)
class Mention:
    """One occurrence of a topic in a text: ``text[start:end] == mention.text``."""

    kind: str
    topic_id: str
    start: int
    end: int
    text: str


def _fold(text: str) -> str:
    """The form used for comparing: equivalents unified, lower-cased, white space collapsed."""
    return " ".join(text.translate(_EQUIVALENTS).casefold().split())


def _alias_pattern(alias: str) -> str:
    """Regex source for one alias: escaped, any white space run matches any white space run."""
    return r"\s+".join(re.escape(part) for part in alias.translate(_EQUIVALENTS).split())


class AliasIndex:
    """All aliases of all topics, compiled per language.

    ``entries`` are ``(kind, topic_id, {lang: [aliases]})``; the topic's name should be in the
    ``'en'`` list.  When two topics share an alias, the first entry keeps it (logged).
    """

    def __init__(self, entries: Iterable[tuple[str, str, Mapping[str, Sequence[str]]]]):
        # folded alias -> (kind, topic_id), per language
        owners: dict[str, dict[str, tuple[str, str]]] = {}
        for kind, topic_id, by_lang in entries:
            for lang, aliases in (by_lang or {}).items():
                table = owners.setdefault(str(lang), {})
                for alias in aliases or ():
                    if not isinstance(alias, str) or not alias.strip():
                        continue
                    key = _fold(alias)
                    owner = table.setdefault(key, (kind, topic_id))
                    if owner != (kind, topic_id):
                        log.warning("alias %r of %s/%s is already used by %s/%s; ignored",
                                    alias, kind, topic_id, *owner)
        shared = owners.get(SHARED_LANGUAGE, {})
        self._owners: dict[str, dict[str, tuple[str, str]]] = {}
        self._patterns: dict[str, re.Pattern[str] | None] = {}
        for lang in set(owners) | {SHARED_LANGUAGE}:
            table = dict(shared)
            for key, owner in owners.get(lang, {}).items():
                table.setdefault(key, owner)  # an English alias keeps its owner on conflict
            self._owners[lang] = table
            self._patterns[lang] = self._compile(table)

    @staticmethod
    def _compile(table: Mapping[str, tuple[str, str]]) -> re.Pattern[str] | None:
        if not table:
            return None
        # Longest first: at one position the alternation then takes the longest alias.
        keys = sorted(table, key=lambda k: (-len(k), k))
        alternation = "|".join(_alias_pattern(k) for k in keys)
        return re.compile(rf"(?<!\w)(?=({alternation})(?!\w))", re.IGNORECASE)

    def languages(self) -> tuple[str, ...]:
        """Languages that have aliases of their own (plus the shared one)."""
        return tuple(sorted(self._patterns))

    def find(self, text: str, lang: str) -> list[Mention]:
        """Mentions in ``text`` (of language ``lang``): non-overlapping, longest wins, in order."""
        if lang not in self._patterns:
            lang = SHARED_LANGUAGE
        pattern = self._patterns[lang]
        if pattern is None or not text:
            return []
        folded = text.translate(_EQUIVALENTS)  # same length as text: offsets stay valid
        candidates = []
        for match in pattern.finditer(folded):
            start, end = match.span(1)
            candidates.append((start, end))
        # Longest first, then leftmost; keep those that do not overlap a kept one.  Kept
        # intervals never overlap, so checking the neighbours in start order is enough.
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(candidates, key=lambda se: (se[0] - se[1], se[0])):
            i = bisect.bisect_right(starts, start)
            if (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
                continue
            starts.insert(i, start)
            ends.insert(i, end)
        taken = list(zip(starts, ends))
        table = self._owners[lang]
        mentions = []
        for start, end in taken:
            owner = table.get(_fold(text[start:end]))
            if owner is None:  # case folding of re and str differ (rare): find it the slow way
                owner = next((o for k, o in table.items()
                              if re.fullmatch(_alias_pattern(k), folded[start:end], re.I)), None)
                if owner is None:
                    continue
            mentions.append(Mention(owner[0], owner[1], start, end, text[start:end]))
        return mentions
