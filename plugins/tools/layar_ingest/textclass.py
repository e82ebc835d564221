"""Paragraph classes from general text signals: jusText's stop-word density, per language.

jusText (Pomikálek) classifies paragraphs as boilerplate from their length, their density of
stop words (the language's most frequent function words) and their link density, then lets
short paragraphs take the class of good neighbours.  Copied page text has no links, so only
length and stop-word density apply; on text, jusText sees each line as a paragraph.

The ingest uses this as one signal among the structural ones of :mod:`.structure`: a line
that jusText calls "good" is running text even when it lacks the sentence shape the
structure pass looks for (a long line without a final full stop), and the block of good lines
shows where the article is when the header cannot be found.
"""
from __future__ import annotations

import functools
import html
import re

#: jusText's stop lists for the site's languages.
STOPLISTS = {"id": "Indonesian", "nl": "Dutch", "en": "English"}
_WORD = re.compile(r"\w+")


@functools.cache
def stoplist(lang: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(STOPLISTS.get(lang, "English")))


def stopword_density(text: str, lang: str) -> float:
    """Share of the words of ``text`` that are stop words of ``lang``."""
    words = _WORD.findall(text.casefold())
    if not words:
        return 0.0
    stops = stoplist(lang)
    return sum(1 for w in words if w in stops) / len(words)


def classify(lines: list[str], lang: str) -> list[str]:
    """jusText's final class of each line ("good", "neargood", "short", "bad")."""
    import justext

    if not lines:
        return []
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(page, stoplist(lang))
    classes = [p.class_type for p in paragraphs]
    if len(classes) != len(lines):  # jusText dropped or merged an empty paragraph
        texts = [p.text for p in paragraphs]
        by_text = dict(zip(texts, classes))
        return [by_text.get(" ".join(line.split()), "bad") for line in lines]
    return classes


def justext_good(lines: list[str], lang: str) -> list[str]:
    """The lines jusText keeps (class "good")."""
    lines = [line.strip() for line in lines if line.strip()]
    return [line for line, cls in zip(lines, classify(lines, lang)) if cls == "good"]


#: Stop-word density of running text: a strong line below it counts as furniture.
MIN_DENSITY = 0.2
#: A line jusText calls good counts as running text from this many words.
LONG_WORDS = 10
#: What a line outside the running text costs a region (see :func:`main_region`).
GAP_COST = 4.0


def main_region(lines: list[str], strong: list[bool], lang: str) -> tuple[int, int] | None:
    """The stretch of lines that holds the article: the run with the most running text.

    Each line scores its words when it is running text (jusText calls it "good", or it has
    the sentence shape of :mod:`.structure` and the stop-word density of the language), and
    costs ``GAP_COST`` plus half its words otherwise, so that menus, teaser lists and link
    runs between two blocks of text split them.  The best-scoring run wins (Kadane's
    maximum-sum run); None when no line is running text.
    """
    if not lines:
        return None
    classes = classify(lines, lang)
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, line in enumerate(lines):
        n = len(line.split())
        dense = stopword_density(line, lang) >= MIN_DENSITY
        good = (strong[i] and dense) or (classes[i] == "good" and n >= LONG_WORDS)
        if good:
            score = n
        elif classes[i] == "good":  # a short line jusText keeps for its neighbours
            score = -(1 + 0.5 * n)
        else:
            score = -(GAP_COST + 0.5 * n)
        if total <= 0:
            total, start = 0.0, i
        total += score
        if good and total > best:
            best, best_span = total, (start, i)
    if best_span is None:
        return None
    lo, hi = best_span
    while lo < hi and not (classes[lo] == "good" or strong[lo]):
        lo += 1
    return lo, hi
