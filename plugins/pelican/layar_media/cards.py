"""Social cards: a 1200×630 PNG for every page in every language (its ``og:image`` when the
page has no lead image), with the page's title in that language, what kind of page it is
and the site's name.

The text is set in Source Sans Pro (the ``font-source-sans-pro`` package the project
installs: Latin with the accents of Indonesian and Dutch, ë, é, ï…).  A card's bytes depend
only on its texts, the font and this code: Pillow writes no time or metadata into a PNG
(no ``pnginfo`` is given), and the encoded card is kept by those inputs in
``LAYAR_CACHE_DIR/media`` (``pictures.Encoded``), so a page whose title did not change
never has its card drawn again.
"""
from __future__ import annotations

import hashlib
import io
import logging
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

logger = logging.getLogger(__name__)


def N_(message: str) -> str:
    """Mark an interface string for extraction (translated when the card is drawn)."""
    return message


#: TRANSLATORS: the kind of page on a social card (the picture shown when a link to a
#: page is shared): a list of topics of one kind (strikes, tools…).
OVERVIEW = N_("Overview")
#: TRANSLATORS: the kind of page on a social card: the home page, the about page…
PAGE = N_("Page")
ARTICLE = N_("Article")

SIZE = (1200, 630)
MARGIN = 80
BACKGROUND = (20, 24, 33)
ACCENT = (255, 196, 61)
TEXT = (250, 250, 247)
MUTED = (190, 196, 206)


def font_files() -> dict[str, Path]:
    import font_source_sans_pro as fonts

    folder = Path(fonts.font_directory)
    return {"bold": folder / "SourceSansPro-Bold.ttf",
            "regular": folder / "SourceSansPro-Regular.ttf"}


@lru_cache(maxsize=None)
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_files()[weight]), size)


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


def draw_card(title: str, kind: str, site_name: str) -> bytes:
    """The PNG of one card (deterministic: same texts, same bytes)."""
    img = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(img)
    width = SIZE[0] - 2 * MARGIN
    draw.rectangle((0, 0, 16, SIZE[1]), fill=ACCENT)
    draw.text((MARGIN, MARGIN - 10), kind.upper(), font=_font("bold", 34), fill=ACCENT)
    # The largest size at which the title fits in four lines.
    for size in (72, 64, 56, 48, 42):
        font = _font("bold", size)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= 4:
            break
    else:
        lines = lines[:4]
        while draw.textlength(lines[-1] + " …", font=font) > width and " " in lines[-1]:
            lines[-1] = lines[-1].rsplit(" ", 1)[0]
        lines[-1] += " …"
    y = MARGIN + 60
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=TEXT)
        y += round(size * 1.18)
    draw.text((MARGIN, SIZE[1] - MARGIN - 40), site_name, font=_font("bold", 40), fill=MUTED)
    out = io.BytesIO()
    img.save(out, "PNG")  # zlib level 6: twice as fast as optimize=True, 5% larger
    return out.getvalue()


def card_path(route, lang: str) -> str:
    name = route.key.replace(":", "-") or "page"
    return f"cards/{lang}/{name}.png"


def card_text(site, route, lang: str) -> tuple[str, str]:
    """The title and the kind of page a card shows, in ``lang``."""
    t = lambda message: site.gettext(message, lang)  # noqa: E731
    obj = route.obj
    kinds = site.settings.kinds
    if route.page_type == "article" and obj is not None:
        return str(site.article(obj, lang)["title"]), t(ARTICLE)
    if route.page_type == "topic" and obj is not None:
        spec = kinds.get(obj.kind, {})
        return str(site.t(obj.name, obj.lang, lang)), t(spec.get("one", PAGE))
    if route.page_type == "hub":
        spec = kinds.get(route.key.split(":", 1)[1], {})
        return t(spec.get("label", OVERVIEW)), t(OVERVIEW)
    if route.page_type in ("page", "home") and obj is not None:
        return str(site.t(obj.meta["title"], obj.lang, lang)), t(PAGE)
    titles = {"404": "Page not found", "search": "Search", "timeline": "Timeline",
              "chooser": "Generative AI in film and television, explained"}
    return t(titles.get(route.page_type, site.settings.site_name)), t(PAGE)
