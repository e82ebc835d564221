"""Responsive pictures: the files made of each picture, and the ``<picture>`` that shows them.

Each picture of ``content/media/`` (``layar_site.media``) is published in several widths
(``LAYAR_MEDIA_WIDTHS``, never wider than the original) in AVIF and WebP and in a JPEG (or,
for a picture with transparency, PNG) fallback, at
``media/<name>-<hash>-<width>.<ext>``: the hash is the source's, so a URL never changes
meaning and can be cached forever.  Each file is written through ``output.produce`` with
the picture as its one recorded input (``("media", key)``), so an unchanged picture keeps
its files; the encoded bytes are also kept by content hash in ``LAYAR_CACHE_DIR/media``
(``Encoded``), so a build into an empty output (or ``invoke check``) encodes nothing
it encoded before.
"""
from __future__ import annotations

import hashlib
import html as htmllib
import logging
import os
import re
from pathlib import Path

from markupsafe import Markup, escape

from layar import images
from layar_site.cache import code_version

logger = logging.getLogger(__name__)

MIME = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}

#: An image the body renderer made from Markdown, alone in its paragraph or inline.
_FIGURE = re.compile(r'<p(?: lang="[^"]*")?>\s*(<img [^>]*>)\s*</p>')
_IMG = re.compile(r"<img [^>]*>")
_ATTR = re.compile(r'([a-z]+)="([^"]*)"')


class Encoded:
    """Encoded bytes kept by what they were made from, in a folder (None: nowhere)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.version = code_version((images,), ("pillow",))
        #: how many files this build encoded (the rest came from the folder)
        self.count = 0

    def where(self, key: str) -> Path | None:
        """The file that keeps what ``key`` was made into (None: no folder)."""
        name = hashlib.sha256(f"{self.version}\0{key}".encode()).hexdigest()
        return None if self.folder is None else self.folder / name[:2] / name

    def get(self, key: str, make) -> bytes:
        path = self.where(key)
        if path is not None and path.is_file():
            return path.read_bytes()
        data = make()
        self.count += 1
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        return data


class Pictures:
    """The pictures of one build as the theme and the bodies show them."""

    def __init__(self, site, settings):
        self.site = site
        self.settings = settings
        cache = site.settings.cache_dir
        self.encoded = Encoded(None if cache is None else Path(cache) / "media")

    # -- files ------------------------------------------------------------------------
    def variants(self, media) -> list[tuple[str, int, str]]:
        """``(output path, width, format)`` of every file made of ``media``."""
        s = self.settings
        fallback = images.fallback_format(media.info)
        out = []
        for width in images.widths(media.width, s.widths):
            for fmt in (*s.formats, fallback):
                out.append((self.path(media, width, fmt), width, fmt))
        return out

    def path(self, media, width: int, fmt: str) -> str:
        return f"{self.settings.output}/{media.stem}-{media.sha256[:10]}-{width}.{fmt}"

    def url(self, relpath: str) -> str:
        return f"{self.site.settings.siteurl}/{relpath}"

    def height_at(self, media, width: int) -> int:
        return media.height if width >= media.width else max(1, round(media.height * width / media.width))

    def write(self, output) -> int:
        """Every file of every picture, each made from the picture alone; returns how many
        files the pictures have."""
        folder = self.site.settings.content_path.parent
        files = 0
        for key, media in sorted(self.site.media.items.items()):
            source = folder / media.path
            for relpath, width, fmt in self.variants(media):
                output.produce(relpath, lambda m=media, w=width, f=fmt, p=source: self.encode(
                    m, p, w, f), reads=[("media", key)])
                files += 1
        return files

    def encode(self, media, source: Path, width: int, fmt: str) -> bytes:
        return self.encoded.get(f"{media.sha256}\0{width}\0{fmt}",
                                lambda: images.derive(source.read_bytes(), width, fmt))

    # -- markup -----------------------------------------------------------------------
    def picture(self, media, lang: str, alt: str | None = None, lead: bool = False,
                lazy: bool = True, sizes: str | None = None, css: str = "") -> Markup:
        """The ``<picture>`` of ``media``: every format's ``srcset``, ``width`` and
        ``height`` (nothing shifts as it loads), lazy unless it is the page's first."""
        self.site.media.use(media)
        variants = self.variants(media)
        sizes = sizes or self.settings.sizes
        by_format: dict[str, list[str]] = {}
        for relpath, width, fmt in variants:
            by_format.setdefault(fmt, []).append(f"{self.url(relpath)} {width}w")
        fallback = images.fallback_format(media.info)
        largest = max(w for _p, w, _f in variants)
        text = self.site.media.alt(media, lang) if alt is None else alt
        parts = [f'<picture{f" class={chr(34)}{css}{chr(34)}" if css else ""}>']
        for fmt in self.settings.formats:
            parts.append(f'<source type="{MIME[fmt]}" srcset="{", ".join(by_format[fmt])}" '
                         f'sizes="{escape(sizes)}">')
        attrs = [f'src="{self.url(self.path(media, largest, fallback))}"',
                 f'srcset="{", ".join(by_format[fallback])}"', f'sizes="{escape(sizes)}"',
                 f'width="{largest}"', f'height="{self.height_at(media, largest)}"',
                 f'alt="{escape(text)}"']
        if lead:
            attrs.append('fetchpriority="high"')
        attrs.append('loading="lazy"' if lazy and not lead else 'loading="eager"')
        attrs.append('decoding="async"')
        parts.append(f'<img {" ".join(attrs)}></picture>')
        return Markup("".join(parts))

    def credit(self, media) -> Markup:
        credit = escape(media.meta.get("credit", ""))
        license_ = escape(media.meta.get("license", ""))
        source = media.meta.get("source")
        if source:
            license_ = Markup(f'<a href="{escape(source)}">{license_}</a>')
        return Markup(f'<small class="credit">{credit} · {license_}</small>')

    def figure(self, media, lang: str, alt: str | None = None, lead: bool = False,
               lazy: bool = True, css: str = "figure") -> Markup:
        """A ``<figure>``: the picture, its caption in ``lang`` and its credit and licence."""
        caption = self.site.media.caption(media, lang)
        shown = ""
        if caption:
            attr = f' lang="{caption.lang}"' if caption.lang != lang else ""
            shown = f'<span class="caption"{attr}>{escape(caption)}</span> '
        return Markup(f'<figure class="{css}">{self.picture(media, lang, alt, lead, lazy)}'
                      f"<figcaption>{shown}{self.credit(media)}</figcaption></figure>")

    def lead(self, source, lang: str, lazy: bool = False) -> Markup:
        """The lead image of an article, topic or page (front-matter ``image``), or ''."""
        media = self.of(source)
        if media is None:
            return Markup("")
        return self.figure(media, lang, lead=not lazy, lazy=lazy, css="figure lead")

    def thumbnail(self, source, lang: str) -> Markup:
        """A list's small picture of a source's lead image (decorative there: the title
        next to it says what the item is), or ''."""
        media = self.of(source)
        if media is None:
            return Markup("")
        return self.picture(media, lang, alt="", sizes="8rem", css="thumb")

    def of(self, source):
        image = getattr(source, "meta", {}).get("image") if source is not None else None
        if not isinstance(image, str):
            return None
        media, _reason = self.site.media.resolve(image, source.path)
        return media

    def social(self, source, lang: str) -> dict | None:
        """``og:image`` of a page whose source has a lead image: its largest fallback file
        up to 1200 pixels wide, with width, height and alt."""
        media = self.of(source)
        if media is None:
            return None
        self.site.media.use(media)
        fallback = images.fallback_format(media.info)
        made = sorted(w for _p, w, f in self.variants(media) if f == fallback)
        width = max([w for w in made if w <= 1200] or made[:1])  # the smallest is <= 1200
        return {"url": self.url(self.path(media, width, fallback)), "width": width,
                "height": self.height_at(media, width), "alt": self.site.media.alt(media, lang),
                "type": MIME[fallback]}

    # -- bodies -----------------------------------------------------------------------
    def body_filter(self, html: str, lang: str, obj) -> str:
        """The body renderer's images made pictures: alone in a paragraph, a figure."""
        if "<img " not in html or obj is None:
            return html
        state = {"first": self.of(obj) is None}

        def make(tag: str, figure: bool) -> str:
            attrs = dict(_ATTR.findall(tag))
            media, _reason = self.site.media.resolve(htmllib.unescape(attrs.get("src", "")),
                                                     obj.path)
            if media is None:  # the checks reported it; never reached in a good build
                return tag
            alt = htmllib.unescape(attrs.get("alt", "")).strip() or None
            lazy = not state["first"]
            state["first"] = False
            if figure:
                return str(self.figure(media, lang, alt, lazy=lazy))
            return str(self.picture(media, lang, alt, lazy=lazy))

        html = _FIGURE.sub(lambda m: make(m.group(1), True), html)
        # What is left is inline (the pictures made above carry decoding="async").
        return _IMG.sub(lambda m: m.group(0) if 'decoding="async"' in m.group(0)
                        else make(m.group(0), False), html)

    # -- link previews ----------------------------------------------------------------
    def og_image(self, route, lang: str) -> dict | None:
        """``og:image`` of a page: its lead image, else its social card (or None)."""
        from .cards import SIZE, card_path, card_text

        found = self.social(route.obj, lang) if route.obj is not None else None
        if found is None and self.settings.cards:
            title, _kind = card_text(self.site, route, lang)
            found = {"url": self.url(card_path(route, lang)), "width": SIZE[0],
                     "height": SIZE[1], "alt": title, "type": "image/png"}
        return found
