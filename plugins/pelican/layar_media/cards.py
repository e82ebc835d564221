"""Social cards: a 1200×630 PNG for every page in every language (its ``og:image`` when the
page has no lead image), with the page's title in that language, what kind of page it is
and the site's name.

The text is set in Source Sans Pro (the ``font-source-sans-pro`` package the project
installs: Latin with the accents of Indonesian and Dutch, ë, é, ï…), shaped by Raqm (kerning).

A card is cheap to make (about 2 ms, against 16 ms for an RGB PNG drawn whole), because it
has four colours and most of it is the same on every card:

* it is a **palette PNG** (8 bits, 256 colours): the background, and for each of the three
  text colours its anti-aliasing ramp from the background (``PALETTE``).  Text is drawn as
  coverage (Pillow, mode ``L``) and a lookup table maps coverage to the colour's ramp: the
  pixels are those of the text drawn in colour, within 1/127 of the coverage (about 26 KB
  a card, against 40 KB for the same card in RGB);
* the **background** of a kind of page in a language (the accent stripe, the kind, the
  site's name) is drawn once per build process and kept in memory (``_background``), with
  its rows above and below the title already compressed (``_rows``);
* only the rows the title covers are drawn and compressed for each card: the PNG's zlib
  stream is the background's compressed rows, the title's and the background's again,
  each a deflate segment ending on a byte boundary, with the Adler-32 checksum combined
  from theirs (``_adler32_combine``, zlib's own formula).

A card's bytes depend only on its texts, the font and this code: no time or metadata is
written, and the encoded card is kept by those inputs in ``LAYAR_CACHE_DIR/media``
(``pictures.Encoded``), so a card whose texts did not change is never drawn again.
"""
from __future__ import annotations

import hashlib
import logging
import struct
import sys
import zlib
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

logger = logging.getLogger(__name__)


SIZE = (1200, 630)
MARGIN = 80
BACKGROUND = (20, 24, 33)
ACCENT = (255, 196, 61)
TEXT = (250, 250, 247)
MUTED = (190, 196, 206)

#: The title: the largest of these sizes at which it fits in four lines.
TITLE_SIZES = (72, 64, 56, 48, 42)
TITLE_LINES = 4
TITLE_TOP = MARGIN + 60
#: Rows above the first line (and below the last line's descent) drawn with the title,
#: for the rare glyph that reaches beyond the font's ascent or descent.
TITLE_PAD = 24

#: Palette index ranges ``(first, levels)``: index 0 is the background, and ``first + k``
#: (k = 0 … levels - 1) the colour at coverage (k + 1) / levels over the background.  The
#: title's range comes last: where it is drawn, its indices are above every background's.
RAMPS = {MUTED: (1, 63), ACCENT: (64, 64), TEXT: (128, 128)}
WIDTH, HEIGHT = SIZE
#: Each row of the image is its PNG filter byte (0: none) followed by its pixels: the
#: images drawn here are one pixel wider, with column 0 left at 0.
ROW = WIDTH + 1


def _palette() -> bytes:
    entries = [BACKGROUND]
    for colour, (first, levels) in sorted(RAMPS.items(), key=lambda kv: kv[1][0]):
        assert first == len(entries)
        entries += [tuple(round(b + (c - b) * k / levels) for b, c in zip(BACKGROUND, colour))
                    for k in range(1, levels + 1)]
    assert len(entries) == 256
    return b"".join(bytes(e) for e in entries)


PALETTE = _palette()


def _ramp(colour) -> list[int]:
    """The lookup table from coverage (0–255) to the palette index of ``colour``."""
    first, levels = RAMPS[colour]
    table = []
    for coverage in range(256):
        k = round(coverage * levels / 255)
        table.append(0 if k == 0 else first + k - 1)
    return table


RAMP = {colour: _ramp(colour) for colour in RAMPS}


def font_files() -> dict[str, Path]:
    import font_source_sans_pro as fonts

    folder = Path(fonts.font_directory)
    return {"bold": folder / "SourceSansPro-Bold.ttf",
            "regular": folder / "SourceSansPro-Regular.ttf"}


@lru_cache(maxsize=None)
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_files()[weight]), size)


@lru_cache(maxsize=None)
def version() -> str:
    """What a card's bytes depend on besides its texts and the font: this code, Pillow's."""
    from layar_site.cache import code_version

    return code_version((sys.modules[__name__],), ("pillow",))


def fonts_digest() -> str:
    h = hashlib.sha256()
    for _weight, path in sorted(font_files().items()):
        h.update(path.read_bytes())
    return h.hexdigest()


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


_MEASURE = ImageDraw.Draw(Image.new("L", (1, 1)))


def layout(title: str) -> tuple[list[str], int]:
    """The title's lines and font size: the largest size at which it fits in four lines,
    else the smallest, cut after a word of the fourth line with " …"."""
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        font = _font("bold", size)
        lines = _wrap(_MEASURE, title, font, width)
        if len(lines) <= TITLE_LINES:
            return lines, size
    lines = lines[:TITLE_LINES]
    while _MEASURE.textlength(lines[-1] + " …", font=font) > width and " " in lines[-1]:
        lines[-1] = lines[-1].rsplit(" ", 1)[0]
    lines[-1] += " …"
    return lines, size


def _coverage(layer: Image.Image, xy, text: str, font, colour) -> Image.Image:
    """``text`` drawn on a blank layer like ``layer`` as coverage, mapped to ``colour``."""
    blank = Image.new("L", layer.size, 0)
    ImageDraw.Draw(blank).text(xy, text, font=font, fill=255)
    return blank.point(RAMP[colour])


@lru_cache(maxsize=64)
def _background(kind: str, site_name: str) -> Image.Image:
    """Palette indices of everything but the title (mode ``L``, a filter column first)."""
    img = Image.new("L", (ROW, HEIGHT), 0)
    kind_layer = _coverage(img, (1 + MARGIN, MARGIN - 10), kind.upper(), _font("bold", 34),
                           ACCENT)
    site_layer = _coverage(img, (1 + MARGIN, HEIGHT - MARGIN - 40), site_name,
                           _font("bold", 40), MUTED)
    img = ImageChops.lighter(kind_layer, site_layer)
    ImageDraw.Draw(img).rectangle((1, 0, 1 + 16, HEIGHT), fill=RAMP[ACCENT][255])
    return img


def _deflate(data: bytes) -> bytes:
    """``data`` as raw deflate blocks ending on a byte boundary (not the last block): such
    segments, each compressed on its own, follow each other in one stream."""
    z = zlib.compressobj(1, zlib.DEFLATED, -15, 9)
    return z.compress(data) + z.flush(zlib.Z_SYNC_FLUSH)


def _adler32_combine(adler1: int, adler2: int, len2: int) -> int:
    """The Adler-32 of two byte strings one after the other, from theirs (zlib's
    ``adler32_combine``)."""
    base = 65521
    rem = len2 % base
    sum1 = adler1 & 0xFFFF
    sum2 = (rem * sum1) % base
    sum1 += (adler2 & 0xFFFF) + base - 1
    sum2 += ((adler1 >> 16) & 0xFFFF) + ((adler2 >> 16) & 0xFFFF) + base - rem
    if sum1 >= base:
        sum1 -= base
    if sum1 >= base:
        sum1 -= base
    if sum2 >= base << 1:
        sum2 -= base << 1
    if sum2 >= base:
        sum2 -= base
    return sum1 | (sum2 << 16)


@lru_cache(maxsize=256)
def _rows(kind: str, site_name: str, top: int, bottom: int) -> tuple[bytes, int, int]:
    """Rows ``top`` to ``bottom`` of a background: compressed, their Adler-32, their length."""
    raw = _background(kind, site_name).crop((0, top, ROW, bottom)).tobytes()
    return _deflate(raw), zlib.adler32(raw), len(raw)


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def draw_card(title: str, kind: str, site_name: str) -> bytes:
    """The PNG of one card (deterministic: same texts, same bytes)."""
    lines, size = layout(title)
    font = _font("bold", size)
    ascent, descent = font.getmetrics()
    step = round(size * 1.18)
    top = TITLE_TOP - TITLE_PAD
    bottom = min(HEIGHT, TITLE_TOP + (len(lines) - 1) * step + ascent + descent + TITLE_PAD)
    band = Image.new("L", (ROW, bottom - top), 0)
    draw = ImageDraw.Draw(band)
    y = TITLE_TOP - top
    for line in lines:
        draw.text((1 + MARGIN, y), line, font=font, fill=255)
        y += step
    background = _background(kind, site_name).crop((0, top, ROW, bottom))
    raw = ImageChops.lighter(background, band.point(RAMP[TEXT])).tobytes()
    above, adler, _ = _rows(kind, site_name, 0, top)
    below, below_adler, below_len = _rows(kind, site_name, bottom, HEIGHT)
    adler = _adler32_combine(adler, zlib.adler32(raw), len(raw))
    adler = _adler32_combine(adler, below_adler, below_len)
    stream = (b"\x78\x01" + above + _deflate(raw) + below + b"\x03\x00"
              + struct.pack(">I", adler))
    return (b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 3, 0, 0, 0))
            + _chunk(b"PLTE", PALETTE) + _chunk(b"IDAT", stream) + _chunk(b"IEND", b""))


def card_path(route, lang: str) -> str:
    name = route.key.replace(":", "-") or "page"
    return f"cards/{lang}/{name}.png"


def card_text(site, route, lang: str) -> tuple[str, str]:
    """The title and the kind of page a card shows, in ``lang`` (from its page type)."""
    return site.page_types.title(site, route, lang), site.page_types.label(site, route, lang)
