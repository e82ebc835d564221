"""URL schemes, seen the way a browser sees them.

Only ``http``, ``https``, ``mailto`` and relative URLs may appear in content (the same list
as the sanitiser's, ``layar.sanitize.URL_SCHEMES``).  A scheme can be disguised: mixed case
(``JaVaScRiPt:``), character references (``&#106;avascript:``, ``javascript&colon;``),
percent-encoding, or tabs, newlines, control and zero-width characters inside the word, all
of which browsers ignore.  ``scheme_of`` undoes every disguise before looking; it errs on
the side of seeing a scheme where a browser might not.
"""
from __future__ import annotations

import html
import re
from urllib.parse import unquote

from layar.sanitize import URL_SCHEMES

#: Characters browsers drop from a URL, or that hide in one: C0/C1 controls, spaces,
#: soft hyphen, zero-width and bidi characters, word joiner, BOM.
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u00ad\u180e\u2000-\u200f\u2028-\u202f"
                      r"\u205f-\u206f\u3000\ufeff]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
#: Schemes that run code or embed content; named in messages because they are attacks.
DANGEROUS = frozenset({"javascript", "vbscript", "data", "livescript", "mocha", "file"})


def reveal(url: str) -> str:
    """``url`` with character references and percent-encoding undone (repeatedly), the
    characters browsers ignore removed, and lower-cased."""
    s = url
    for _ in range(4):
        t = unquote(html.unescape(s))
        if t == s:
            break
        s = t
    return _IGNORED.sub("", s).lower()


def scheme_of(url: str) -> str | None:
    """The scheme of ``url`` after undoing disguises; None for a relative URL."""
    m = _SCHEME.match(reveal(url))
    return m.group(1) if m else None


def scheme_problem(url: str) -> str | None:
    """Why ``url`` is not allowed in content, or None when it is."""
    scheme = scheme_of(url)
    if scheme is None or scheme in URL_SCHEMES:
        return None
    allowed = ", ".join(sorted(URL_SCHEMES))
    if scheme in DANGEROUS:
        return (f"'{scheme}:' URLs are not allowed ({shorten(url)}); links may only be "
                f"{allowed} or relative")
    return f"URL scheme '{scheme}:' is not allowed ({shorten(url)}); use {allowed} or a relative link"


def shorten(url: str, limit: int = 60) -> str:
    text = repr(url)
    return text if len(text) <= limit else text[: limit - 2] + "…" + text[-1]
