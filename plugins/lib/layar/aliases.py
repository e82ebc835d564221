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
  an already taken, longer match is dropped. Results come back in text order;
* an alias may belong to several topics on purpose (the registry gives the Indonesian "mogok"
  to both 2023 strikes): its match then yields one Mention per topic, same span, in the order
  the topics were given.  Spans of different matches never overlap.

Each language gets ONE alternation regex (aliases sorted longest first, so the alternation
picks the longest alias at a position), compiled once, when a text of that language is
first searched (a first-mention index over one article's topics is only ever asked about
one or two of the languages).  Matching is a single
scan of the text (a lookahead at each position) plus a sort of the candidates.

:meth:`AliasIndex.find` gives the non-overlapping mentions (for linking a first mention);
:meth:`AliasIndex.find_all` gives every occurrence, nested ones included (for tagging: the
text "Google’s VEO 3" mentions both Veo 3 and Google).
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

#: Any of the characters ``_EQUIVALENTS`` maps: most texts have none, and then need no
#: ``str.translate`` (which looks up every character of the text in the table).
_EQUIVALENT_RE = re.compile("[" + re.escape("".join(map(chr, _EQUIVALENTS))) + "]")

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
    ``'en'`` list.  An alias shared by several topics belongs to all of them.  ``kinds`` are
    the entries' kinds in the order they first appear (the registry's kind order).
    """

    def __init__(self, entries: Iterable[tuple[str, str, Mapping[str, Sequence[str]]]]):
        # folded alias -> topics [(kind, topic_id), ...], per language
        owners: dict[str, dict[str, list[tuple[str, str]]]] = {}
        kinds: dict[str, None] = {}
        for kind, topic_id, by_lang in entries:
            kinds.setdefault(kind)
            for lang, aliases in (by_lang or {}).items():
                table = owners.setdefault(str(lang), {})
                for alias in aliases or ():
                    if not isinstance(alias, str) or not alias.strip():
                        continue
                    topics = table.setdefault(_fold(alias), [])
                    if (kind, topic_id) not in topics:
                        topics.append((kind, topic_id))
        self.kinds: tuple[str, ...] = tuple(kinds)
        shared = owners.get(SHARED_LANGUAGE, {})
        self._owners: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {}
        self._patterns: dict[str, re.Pattern[str] | None] = {}
        for lang in set(owners) | {SHARED_LANGUAGE}:
            table = {key: list(topics) for key, topics in shared.items()}
            for key, topics in owners.get(lang, {}).items():
                merged = table.setdefault(key, [])
                merged.extend(t for t in topics if t not in merged)
            self._owners[lang] = {key: tuple(topics) for key, topics in table.items()}

    def compile(self, languages: Iterable[str]) -> None:
        """Compile now the patterns texts of ``languages`` are searched with (before forking
        workers that share this index: each would otherwise compile its own)."""
        for lang in languages:
            self._pattern(lang if lang in self._owners else SHARED_LANGUAGE)

    def _pattern(self, lang: str) -> re.Pattern[str] | None:
        try:
            return self._patterns[lang]
        except KeyError:
            pattern = self._patterns[lang] = self._compile(self._owners[lang])
            return pattern

    @staticmethod
    def _compile(table: Mapping[str, object]) -> re.Pattern[str] | None:
        if not table:
            return None
        # Longest first: at one position the alternation then takes the longest alias.
        keys = sorted(table, key=lambda k: (-len(k), k))
        alternation = "|".join(_alias_pattern(k) for k in keys)
        # The class of first characters lets the engine pass over most word starts at once.
        # (keys are folded already: equivalents unified, no leading white space)
        firsts = "".join(sorted({re.escape(k[0]) for k in keys}))
        return re.compile(rf"(?<!\w)(?=[{firsts}])(?=({alternation})(?!\w))", re.IGNORECASE)

    def __len__(self) -> int:
        """The number of distinct (language, alias) pairs; 0 for an empty registry."""
        return sum(len(table) for table in self._owners.values())

    def languages(self) -> tuple[str, ...]:
        """Languages that have aliases of their own (plus the shared one)."""
        return tuple(sorted(self._owners))

    def _candidates(self, text: str, lang: str) -> tuple[str, str, list[tuple[int, int]]]:
        """(language used, folded text, longest alias span at every position)."""
        if lang not in self._owners:
            lang = SHARED_LANGUAGE
        pattern = self._pattern(lang)
        if pattern is None or not text:
            return lang, text, []
        # Same length as text: offsets stay valid.
        folded = text.translate(_EQUIVALENTS) if _EQUIVALENT_RE.search(text) else text
        return lang, folded, [m.span(1) for m in pattern.finditer(folded)]

    def _mentions(self, text: str, folded: str, lang: str, spans) -> list[Mention]:
        table = self._owners[lang]
        mentions = []
        for start, end in spans:
            topics = table.get(_fold(text[start:end]))
            if topics is None:  # case folding of re and str differ (rare): find it the slow way
                topics = next((o for k, o in table.items()
                               if re.fullmatch(_alias_pattern(k), folded[start:end], re.I)), ())
            for kind, topic_id in topics:
                mentions.append(Mention(kind, topic_id, start, end, text[start:end]))
        return mentions

    def find_all(self, text: str, lang: str) -> list[Mention]:
        """Every occurrence of every alias, overlaps included, by start then longest first.

        For tagging: "Google’s VEO 3" mentions Veo 3 (the longest alias) and Google too.
        Shorter aliases starting where a longer one does are found by matching the same
        compiled pattern on the text cut just before the longer match ends; the cut must fall
        on a real word boundary of the full text.
        """
        lang, folded, candidates = self._candidates(text, lang)
        if not candidates:
            return []
        pattern = self._pattern(lang)
        spans: list[tuple[int, int]] = []
        for start, end in candidates:
            spans.append((start, end))
            limit = end - 1
            while limit > start:
                match = pattern.match(folded, start, limit)
                if match is None:
                    break
                inner_end = match.end(1)
                if inner_end < len(folded) and (folded[inner_end].isalnum() or folded[inner_end] == "_"):
                    limit = inner_end - 1  # boundary made by the cut, not by the text
                    continue
                spans.append((start, inner_end))
                limit = inner_end - 1
        return self._mentions(text, folded, lang, spans)

    def find(self, text: str, lang: str) -> list[Mention]:
        """Mentions in ``text`` (of language ``lang``): non-overlapping, longest wins, in order."""
        lang, folded, candidates = self._candidates(text, lang)
        if not candidates:
            return []
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
        return self._mentions(text, folded, lang, list(zip(starts, ends)))
