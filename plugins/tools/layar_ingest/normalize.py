"""Turn seed bytes into clean Unicode text, or refuse them with a clear reason.

``decode`` rejects what cannot be an article: an empty file, binary data (NUL bytes or many
control characters), bytes that are not UTF-8.  ``normalize`` then makes the text uniform
without changing its wording:

* CRLF and lone CR become LF; a BOM and zero-width characters are removed;
* non-breaking and other Unicode spaces become plain spaces, runs of spaces one space;
* leading and trailing spaces of every line are removed (indentation carries no meaning in
  copied page text);
* Unicode is composed (NFC), so "é" is one character whichever way it was typed;
* typographic quotes, apostrophes and dashes are kept exactly as they are.
"""
from __future__ import annotations

import re
import unicodedata

from layar.errors import IngestError

#: Seeds larger than this are refused (a copied article is a few kilobytes).
MAX_SEED_BYTES = 2 * 1024 * 1024

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[^\S\n]+")  # any white space except newline
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(raw: bytes, name: str) -> str:
    """Decode seed bytes as UTF-8 (BOM allowed); raise IngestError naming ``name`` otherwise."""
    if len(raw) > MAX_SEED_BYTES:
        raise IngestError(f"{name}: file is {len(raw)} bytes; the limit is {MAX_SEED_BYTES}")
    if not raw.strip():
        raise IngestError(f"{name}: empty file")
    if b"\x00" in raw:
        raise IngestError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise IngestError(
            f"{name}: not UTF-8 text (undecodable byte 0x{raw[exc.start]:02x} at line {line})"
        ) from None
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise IngestError(f"{name}: binary file ({controls} control characters), not text")
    return text


def normalize(text: str) -> str:
    """Uniform line endings and spaces, NFC, no trailing spaces; wording untouched."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = _CONTROL.sub(" ", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip("\n")


def one_line(text: str) -> str:
    """Collapse all white space (newlines included) to single spaces."""
    return " ".join(text.split())
