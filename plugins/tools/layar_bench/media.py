"""What AVIF costs: each picture of a small synthetic set encoded the way a build encodes it
(every width of ``LAYAR_MEDIA_WIDTHS``, ``layar.images.derive``), in AVIF and in WebP; the
milliseconds per picture and the bytes AVIF saves over WebP.

The pictures are made with Pillow (no photographs are shipped): gradients, shapes and
Gaussian noise, which compress like a photograph's grain and edges more than a flat drawing
would.  Encoded cold (no cache), one process, one after the other.
"""
from __future__ import annotations

import io
import random
import time

from PIL import Image, ImageDraw, ImageFilter

from layar import images

WIDTHS = (480, 800, 1200, 1600)


def photo_like(seed: int, size=(2400, 1600)) -> bytes:
    rng = random.Random(seed)
    img = Image.linear_gradient("L").resize(size).convert("RGB")
    tint = Image.new("RGB", size, tuple(rng.randrange(40, 220) for _ in range(3)))
    img = Image.blend(img, tint, 0.55)
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randrange(30, 300)
        draw.ellipse((x - r, y - r, x + r, y + r),
                     fill=tuple(rng.randrange(256) for _ in range(3)))
    img = img.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise(size, 28).convert("RGB")
    img = Image.blend(img, noise, 0.04)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=92)
    return out.getvalue()


def avif_cost(pictures: int = 4, out=print) -> dict:
    sources = [photo_like(seed) for seed in range(pictures)]
    result: dict[str, float] = {}
    sizes: dict[str, int] = {}
    for fmt in ("webp", "avif", "jpg"):
        t0 = time.perf_counter()
        total = 0
        for data in sources:
            for width in WIDTHS:
                total += len(images.derive(data, width, fmt))
        result[f"{fmt}_ms_per_picture"] = round(1000 * (time.perf_counter() - t0) / pictures, 1)
        sizes[fmt] = total
        result[f"{fmt}_bytes"] = total
    saved = 1 - sizes["avif"] / sizes["webp"]
    result["avif_saves_vs_webp"] = round(saved, 3)
    out(f"pictures ({pictures} of 2400×1600, each in {len(WIDTHS)} widths): AVIF "
        f"{result['avif_ms_per_picture']:.0f} ms per picture, WebP "
        f"{result['webp_ms_per_picture']:.0f} ms, JPEG {result['jpg_ms_per_picture']:.0f} ms; "
        f"AVIF {sizes['avif'] // 1024} KiB, WebP {sizes['webp'] // 1024} KiB, JPEG "
        f"{sizes['jpg'] // 1024} KiB (AVIF saves {100 * saved:.0f}% over WebP)")
    return result
