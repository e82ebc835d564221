"""Sentence shape: where sentences end, and whether a line reads like running text.

Used to tell paragraphs from headings, captions and menus, and to take an article's first
sentences as a summary.  Abbreviations that do not end a sentence ("Dr.", "dll.", "bijv.")
come from ``data/phrases.yaml``.
"""
from __future__ import annotations

import re

from . import data

#: Closing quotes and brackets that may follow a sentence's final punctuation.
CLOSERS = "\"”’»)]'"
_END = re.compile(rf"[.!?…]+[{re.escape(CLOSERS)}]*$")
_BOUNDARY = re.compile(rf"[.!?…]+[{re.escape(CLOSERS)}]*\s+")
_LAST_WORD = re.compile(r"(\S+?)[.!?…]+$")


def words(text: str) -> list[str]:
    return text.split()


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence punctuation (closing quotes allowed)."""
    return bool(_END.search(text))


def split(text: str) -> list[str]:
    """Split a paragraph into sentences (conservative: only before a capital, digit or quote)."""
    abbreviations = data.phrases().abbreviations
    result, start = [], 0
    for match in _BOUNDARY.finditer(text):
        nxt = text[match.end():match.end() + 1]
        if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘«(["):
            continue
        before = text[start:match.start() + 1]
        last = _LAST_WORD.search(before.rstrip(CLOSERS))
        token = last.group(1).casefold() if last else ""
        if token in abbreviations or (len(token) == 1 and token.isalpha()):
            continue  # "Dr. Budi", "J. Smith"
        result.append(text[start:match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        result.append(tail)
    return result


def count(text: str) -> int:
    """Number of sentences that end with sentence punctuation."""
    return sum(1 for s in split(text) if ends_sentence(s))


def first(text: str, min_chars: int = 160, max_sentences: int = 3) -> str:
    """The first sentences of ``text``: at least ``min_chars`` long when it has them."""
    taken: list[str] = []
    for sentence in split(text):
        taken.append(sentence)
        if len(" ".join(taken)) >= min_chars or len(taken) >= max_sentences:
            break
    return " ".join(taken)
