"""Recognise page furniture in a line: what it is, so the structure pass can drop it.

Two kinds of signal are used:

* phrase families from ``data/phrases.yaml`` (cross-promotions, captions, badges, cut
  markers), per language but applied together;
* general shape: a line that repeats the article's title (also truncated, as image captions
  do), a bullet that is a link rather than a sentence, a line with no letters.

Position-based signals (before the title, after a related-news list) live in
:mod:`.structure`, which knows where the article starts and ends.
"""
from __future__ import annotations

import re

from . import data, sentences

#: Bullet markers that start a list item in copied text.
BULLET = re.compile(r"^(?:[•·▪◦‣●○►▸■□]|[-–—*+](?=\s))\s*")

#: A title repeated as a caption must share at least this many leading characters with it.
TITLE_PREFIX_MIN = 30

#: Caption patterns are not applied to lines that are real sentences of this many words.
CAPTION_MAX_SENTENCE_WORDS = 12


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def is_cut(line: str) -> bool:
    """A line made only of related/latest/footer phrases ("Berita Terkait", "REKOMENDASI")."""
    return bool(data.phrases().cut.match(line))


def kind(line: str) -> str | None:
    """'promo', 'badge' or 'caption' when the line is furniture of that family, else None."""
    phrases = data.phrases()
    if phrases.promo.match(line):
        return "promo"
    if phrases.badge.search(line):
        return "badge"
    n = len(sentences.words(line))
    long_sentence = sentences.ends_sentence(line) and n >= CAPTION_MAX_SENTENCE_WORDS
    if n <= 40 and not long_sentence and phrases.caption.search(line):
        return "caption"
    return None


def strip_inline_promo(paragraph: str) -> str:
    """Remove a cross-promotion glued after a paragraph's last sentence."""
    return data.phrases().inline.sub("", paragraph).rstrip()


def repeats_title(line: str, title: str) -> bool:
    """True when ``line`` is the title again: equal, or starting with a long prefix of it.

    Captions often repeat the title cut short and followed by the caption proper
    ("Begini Cara Netflix … Tidak Ga Ilustrasi …").
    """
    if not title:
        return False
    a, b = _fold(line), _fold(title)
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= min(len(b), TITLE_PREFIX_MIN) and common >= 0.5 * min(len(a), len(b))


def bullet_item(line: str) -> str | None:
    """The text of a bullet line without its marker, or None when it is not a bullet."""
    match = BULLET.match(line)
    if not match or match.end() == len(line):
        return None
    return line[match.end():].strip()


def has_letters(line: str) -> bool:
    return any(ch.isalpha() for ch in line)
