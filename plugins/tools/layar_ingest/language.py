"""Detect the article's language among the site's languages (id, nl, en) with lingua.

The detector is restricted to the three site languages and built once (cached), since
building it is the expensive part.  Detection runs on the CLEAN title and body, so that
furniture in another language ("Read more", "Find Us On Social Media") does not sway it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from layar.errors import IngestError

#: lingua's languages for the site's language codes.
LINGUA = {"id": Language.INDONESIAN, "nl": Language.DUTCH, "en": Language.ENGLISH}
_CODES = {language: code for code, language in LINGUA.items()}

#: Below this confidence the review list asks an editor to confirm the language.
CONFIDENT = 0.6


@dataclass(frozen=True)
class Detected:
    lang: str
    confidence: float


@functools.cache
def detector() -> LanguageDetector:
    """The lingua detector for id, nl and en (built on first use, then reused)."""
    return LanguageDetectorBuilder.from_languages(*LINGUA.values()).build()


def detect(text: str) -> Detected:
    """The language of ``text``; IngestError when it has no recognisable language at all."""
    values = detector().compute_language_confidence_values(text)
    if not values or values[0].value <= 0:
        raise IngestError("cannot tell the language of the text (id, nl or en)")
    best = values[0]
    return Detected(_CODES[best.language], round(best.value, 3))
