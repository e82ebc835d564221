"""The media plugin's settings (prefix ``LAYAR_MEDIA_``), validated once per build."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from layar.errors import ConfigurationError
from layar_site.settings import unknown_settings

FORMATS = ("avif", "webp")

DEFAULTS: dict[str, Any] = {
    # Widths (pixels) made of every picture, each only when the picture is wider: nothing
    # is scaled up, and the picture's own width (up to the largest step) is always made.
    "LAYAR_MEDIA_WIDTHS": (480, 800, 1200, 1600),
    # Modern formats offered before the JPEG/PNG fallback, best first (avif, webp).
    "LAYAR_MEDIA_FORMATS": ("avif", "webp"),
    # The `sizes` of a picture in a page's text column (see theme/static/css/site.css).
    "LAYAR_MEDIA_SIZES": "(min-width: 46rem) 42rem, calc(100vw - 2rem)",
    # Folder of the output the pictures go to.
    "LAYAR_MEDIA_OUTPUT": "media",
    # A social card (1200×630 PNG) for every page in every language.
    "LAYAR_MEDIA_CARDS": True,
}


@dataclass(frozen=True)
class MediaSettings:
    widths: tuple[int, ...]
    formats: tuple[str, ...]
    sizes: str
    output: str
    cards: bool


def configure(settings: Mapping[str, Any]) -> MediaSettings:
    """Validate the ``LAYAR_MEDIA_*`` settings; raise ConfigurationError listing every
    problem."""
    s = {**DEFAULTS, **{k: v for k, v in settings.items() if k.startswith("LAYAR_MEDIA_")}}
    problems = unknown_settings(settings, "LAYAR_MEDIA_", DEFAULTS)
    widths = s["LAYAR_MEDIA_WIDTHS"]
    if (not isinstance(widths, (list, tuple)) or not widths
            or not all(isinstance(w, int) and not isinstance(w, bool) and 16 <= w <= 4000
                       for w in widths)):
        problems.append(f"LAYAR_MEDIA_WIDTHS must be a list of widths in pixels between 16 "
                        f"and 4000, got {widths!r}")
    formats = s["LAYAR_MEDIA_FORMATS"]
    if not isinstance(formats, (list, tuple)) or not all(f in FORMATS for f in formats):
        problems.append(f"LAYAR_MEDIA_FORMATS must list some of {', '.join(FORMATS)}, "
                        f"got {formats!r}")
    if not isinstance(s["LAYAR_MEDIA_SIZES"], str) or not s["LAYAR_MEDIA_SIZES"].strip():
        problems.append("LAYAR_MEDIA_SIZES must be a `sizes` attribute value, e.g. 100vw")
    out = s["LAYAR_MEDIA_OUTPUT"]
    if not isinstance(out, str) or not out.strip("/") or ".." in out or out.startswith("/"):
        problems.append(f"LAYAR_MEDIA_OUTPUT must be a folder name such as media, got {out!r}")
    if not isinstance(s["LAYAR_MEDIA_CARDS"], bool):
        problems.append("LAYAR_MEDIA_CARDS must be True or False")
    if problems:
        raise ConfigurationError("invalid media settings:\n  " + "\n  ".join(problems))
    return MediaSettings(widths=tuple(sorted(set(widths))), formats=tuple(formats),
                         sizes=s["LAYAR_MEDIA_SIZES"].strip(), output=out.strip("/"),
                         cards=s["LAYAR_MEDIA_CARDS"])
