"""Pictures with Pillow: what a file in ``content/media/`` holds, and the files made from it.

``probe`` says what an image is (format, size) or why it cannot be published, checking the
limits that protect a build from decompression bombs *before* anything is decoded: the
file's size on disk, then the pixel count in its header (``Image.open`` reads only the
header), and only then the whole picture (a truncated file fails there).  Only JPEG, PNG
and WebP are opened (``formats=``), so no other decoder of Pillow ever sees an editor's
file; SVG is refused outright, since it can carry scripts.

``derive`` makes one published version of a picture: orientation applied
(``ImageOps.exif_transpose``), converted to sRGB (through its ICC profile with ImageCms when
it has one), scaled down to a width (never up), and encoded with no metadata at all (no
EXIF, XMP, GPS, ICC or text chunks), so the same source gives the same bytes.
"""
from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from .schema import IMAGE_FORMATS, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS

logger = logging.getLogger(__name__)

#: What the published files are encoded as, and with which options (fixed: deterministic).
ENCODERS = {
    "avif": ("AVIF", {"quality": 60, "speed": 6}),
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
    "png": ("PNG", {"optimize": True}),
}


@dataclass(frozen=True)
class ImageInfo:
    format: str  # JPEG, PNG or WEBP
    width: int  # as shown, after the EXIF orientation
    height: int
    alpha: bool


class ImageProblem(Exception):
    """Why a file cannot be published as a picture (the message is for the editor)."""


def probe(path: Path) -> ImageInfo:
    """What the picture at ``path`` is; raises ImageProblem saying why it cannot be used."""
    ext = path.suffix.lower()
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ImageProblem(f"the file is {size / 1048576:.1f} MB; the limit is "
                           f"{MAX_IMAGE_BYTES // 1048576} MB: export it smaller (2400 pixels "
                           f"wide is plenty for the site)")
    with path.open("rb") as fh:
        head = fh.read(512)
    if b"<svg" in head.lower() or ext == ".svg":
        raise ImageProblem("SVG is not accepted (an SVG file can carry scripts): export the "
                           "picture as PNG or JPEG")
    expected = IMAGE_FORMATS.get(ext)
    if expected is None:
        raise ImageProblem(f"'{ext or path.name}' files are not supported: use "
                           + ", ".join(sorted(IMAGE_FORMATS)))
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path, formats=sorted(set(IMAGE_FORMATS.values()))) as img:
                width, height = img.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ImageProblem(f"the picture is {width}×{height} pixels "
                                       f"({width * height / 1e6:.0f} megapixels); the limit "
                                       f"is {MAX_IMAGE_PIXELS // 1_000_000}: export it smaller")
                if img.format != expected:
                    raise ImageProblem(f"the file holds a {img.format} picture but is named "
                                       f"{ext}: rename it to .{_ext_of(img.format)} or "
                                       f"export it as {expected}")
                img.load()  # the whole picture: a truncated file fails here
                oriented = ImageOps.exif_transpose(img)
                alpha = "A" in img.getbands() or "transparency" in img.info
                return ImageInfo(img.format, oriented.width, oriented.height, alpha)
        except ImageProblem:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageProblem(f"the picture has more than {MAX_IMAGE_PIXELS // 1_000_000} "
                               f"megapixels: export it smaller") from None
        except Image.UnidentifiedImageError:
            raise ImageProblem(f"the file is not a {expected} picture (or is damaged): "
                               f"export it again as {expected}") from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageProblem(f"the picture cannot be read ({exc}); the file is probably "
                               f"truncated: copy or export it again") from None


def _ext_of(fmt: str) -> str:
    return {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}.get(fmt, fmt.lower())


def fallback_format(info: ImageInfo) -> str:
    """The format every browser shows: PNG for a picture with transparency, else JPEG."""
    return "png" if info.alpha or info.format == "PNG" else "jpg"


def widths(width: int, steps: tuple[int, ...]) -> list[int]:
    """The widths made of a picture ``width`` wide: each step below it, and the picture's
    own width (never larger: nothing is scaled up)."""
    return sorted({w for w in steps if w < width} | {min(width, max(steps))})


def derive(data: bytes, width: int, fmt: str) -> bytes:
    """The picture ``data`` at ``width`` pixels wide, in ``fmt`` (a key of ``ENCODERS``):
    oriented, in sRGB, without metadata; deterministic."""
    pil_format, options = ENCODERS[fmt]
    with Image.open(io.BytesIO(data), formats=sorted(set(IMAGE_FORMATS.values()))) as img:
        img.load()
        icc = img.info.get("icc_profile")
        picture = ImageOps.exif_transpose(img)
        picture = _to_srgb(picture, icc)
    if width < picture.width:
        height = max(1, round(picture.height * width / picture.width))
        picture = picture.resize((width, height), Image.Resampling.LANCZOS)
    if fmt == "jpg" and picture.mode != "RGB":
        picture = picture.convert("RGB")
    clean = Image.new(picture.mode, picture.size)  # a fresh image: no info, no EXIF
    clean.paste(picture)
    out = io.BytesIO()
    clean.save(out, pil_format, **options)
    return out.getvalue()


def _to_srgb(img: Image.Image, icc: bytes | None) -> Image.Image:
    alpha = "A" in img.getbands() or "transparency" in img.info
    mode = "RGBA" if alpha else "RGB"
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if img.mode not in ("RGB", "RGBA", "CMYK", "L"):
                img = img.convert(mode)
            out_mode = "RGBA" if img.mode == "RGBA" else "RGB"
            return ImageCms.profileToProfile(img, source, ImageCms.createProfile("sRGB"),
                                             outputMode=out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError) as exc:
            logger.debug("ICC profile ignored (%s)", exc)
    return img if img.mode == mode else img.convert(mode)
