"""What a build publishes of a picture: responsive files without metadata, upright, in sRGB,
never scaled up, the same bytes every time, encoded once; the ``<picture>`` markup; and a
social card for every page in every language."""
from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageFont

from layar import images
from layar_bench.runner import tree_differences

from .conftest import ARTICLE
from .test_media import SIDECAR

ARTICLE_WITH_PICTURES = ARTICLE.replace(
    "publisher: Contoh\n", "publisher: Contoh\nimage: ../media/lead.jpg\n").replace(
    "Paragraf pertama.", "Paragraf pertama.\n\n![](../media/picket.jpg)\n\n"
    "Teks dengan ![ikon piket](../media/small.png) di dalamnya.")
PAGE = "output/en/articles/sebuah-artikel/index.html"
#: An ICC profile made once (LittleCMS stamps each profile it makes with the time).
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def sideways_jpeg(size=(900, 1600)) -> bytes:
    """A JPEG stored sideways (EXIF orientation 6) with the camera's make in its EXIF.
    (A GPS position or a serial number would fail the build: ``test_originals`` proves
    the published files of such a picture carry none of it.)"""
    img = Image.new("RGB", size, (10, 90, 200))
    img.paste((250, 200, 0), (0, 0, size[0], size[1] // 4))  # the top of the stored picture
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "SecretCam"
    exif[0x0132] = "2025:10:22 14:00:00"
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes(), quality=90,
             icc_profile=SRGB_PROFILE)
    return out.getvalue()


def small_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 160, 80, 128)).save(out, "PNG")
    return out.getvalue()


def files() -> dict:
    out = {"content/articles/ok.md": ARTICLE_WITH_PICTURES}
    for name, data in (("lead.jpg", sideways_jpeg()),
                       ("picket.jpg", sideways_jpeg((1200, 800))),
                       ("small.png", small_png())):
        out[f"content/media/{name}"] = data
        out[f"content/media/{name.rsplit('.', 1)[0]}.yaml"] = SIDECAR + "caption: On the line.\n"
    return out


def built(tiny_site, settings=None):
    site = tiny_site(files(), {"LAYAR_CACHE_DIR": None, **(settings or {})})
    result = site.build()
    return site, result


def test_published_pictures_carry_no_metadata_and_are_upright(tiny_site):
    site, _ = built(tiny_site)
    published = sorted((site.output / "media").iterdir())
    assert published
    for path in published:
        data = path.read_bytes()
        with Image.open(path) as img:
            assert not img.getexif(), path.name
            assert "icc_profile" not in img.info and "xmp" not in img.info, path.name
            assert "exif" not in img.info, path.name
            if path.name.startswith("lead-"):
                assert img.width > img.height, "the EXIF orientation was not applied"
                if path.suffix == ".jpg":  # the top of the stored picture is now on the right
                    assert img.convert("RGB").getpixel((img.width - 5, 5))[0] > 200
        for secret in (b"SecretCam", b"Exif\0\0", b"http://ns.adobe.com/xap"):
            assert secret not in data, (path.name, secret)


def test_widths_are_never_scaled_up_and_every_format_is_made(tiny_site):
    site, _ = built(tiny_site)
    names = sorted(p.name for p in (site.output / "media").iterdir())
    small = [n for n in names if n.startswith("small-")]
    assert {re.sub(r"^small-[0-9a-f]+-", "", n) for n in small} == {
        "300.avif", "300.webp", "300.png"}  # transparency: a PNG fallback, one width
    lead = {re.sub(r"^lead-[0-9a-f]+-", "", n) for n in names if n.startswith("lead-")}
    assert lead == {f"{w}.{f}" for w in (480, 800, 1200, 1600) for f in ("avif", "webp", "jpg")}
    for name in names:
        with Image.open(site.output / "media" / name) as img:
            width = int(re.search(r"-(\d+)\.\w+$", name).group(1))
            assert img.width == width
            assert img.format == {"avif": "AVIF", "webp": "WEBP", "jpg": "JPEG",
                                  "png": "PNG"}[name.rsplit(".", 1)[1]]


def test_picture_markup(tiny_site):
    site, _ = built(tiny_site)
    html = (site.root / PAGE).read_text("utf-8")
    imgs = re.findall(r"<img [^>]*>", html)
    assert len(imgs) == 3 + 0  # the lead image, the figure and the inline picture
    for tag in imgs:
        assert re.search(r' width="\d+" height="\d+"', tag), tag
        assert 'srcset="' in tag and 'sizes="' in tag
    lead, figure, inline = imgs
    assert 'fetchpriority="high"' in lead and 'loading="lazy"' not in lead
    assert 'loading="lazy"' in figure and 'loading="lazy"' in inline
    assert 'alt="ikon piket"' in inline  # the brackets' alt wins over the sidecar's
    assert 'alt="Striking writers carry picket signs"' in figure
    assert html.count('<source type="image/avif"') == 3
    assert html.count('<figure class="figure') == 2
    assert '<small class="credit">Photo: Jane Doe · CC BY 4.0</small>' in html
    assert 'width="1600" height="900"' in lead
    og = dict(re.findall(r'<meta property="(og:image[^"]*)" content="([^"]*)"', html))
    assert og["og:image"].endswith(".jpg") and og["og:image:width"] == "1200"
    assert og["og:image:height"] == "675" and og["og:image:alt"]
    assert '"image":{"@type":"ImageObject"' in html


def test_two_builds_make_the_same_bytes(tiny_site):
    first, _ = built(tiny_site)
    second, _ = built(tiny_site)
    assert tree_differences(first.output, second.output) == []


def test_a_picture_is_encoded_once(tiny_site, monkeypatch, tmp_path):
    calls = []
    real = images.derive
    monkeypatch.setattr(images, "derive", lambda *a: calls.append(a[1:]) or real(*a))
    site = tiny_site(files(), {"LAYAR_CACHE_DIR": str(tmp_path / "cache")})
    site.build()
    # lead (1600 wide) in four widths, picket (800 wide upright) in two, small in one
    assert len(calls) == 4 * 3 + 2 * 3 + 3
    calls.clear()
    site.build()  # warm: every file kept
    assert calls == []
    shutil.rmtree(site.output)
    site.build()  # an empty output: the encoded files come from the cache
    assert calls == []


def test_editing_a_caption_remakes_only_the_pages_showing_it(tiny_site, tmp_path):
    site = tiny_site(files(), {"LAYAR_CACHE_DIR": str(tmp_path / "cache")})
    site.build()
    inodes = {p: p.stat().st_ino for p in site.output.rglob("*") if p.is_file()}
    sidecar = site.root / "content/media/picket.yaml"
    sidecar.write_text(SIDECAR + "caption: A new caption.\n", "utf-8")
    site.build()
    remade = sorted(p.relative_to(site.output).as_posix() for p in inodes
                    if not p.exists() or p.stat().st_ino != inodes[p])
    assert {f"{lang}/articles/sebuah-artikel/index.html" for lang in ("id", "nl", "en")} <= set(remade)
    assert all("/articles/sebuah-artikel/" in r or r.endswith("feed.xml") for r in remade), remade
    assert "A new caption." in (site.root / PAGE).read_text("utf-8")
    cold = tiny_site(files(), {"LAYAR_CACHE_DIR": None})
    cold.write({"content/media/picket.yaml": SIDECAR + "caption: A new caption.\n"})
    cold.build()
    assert tree_differences(site.output, cold.output) == []


def test_every_page_has_a_card_in_its_language(tiny_site):
    site, result = built(tiny_site)
    pages = [f for f in result.files if f.endswith(".html")]
    cards = sorted((site.output / "cards").rglob("*.png"))
    assert len(cards) == len(pages)
    for card in cards:
        with Image.open(card) as img:
            assert img.size == (1200, 630) and img.format == "PNG"
            assert not {k for k in img.info if k not in ("dpi",)}, img.info  # no text chunks
    home = (site.output / "nl" / "index.html").read_text("utf-8")
    og = re.search(r'<meta property="og:image" content="[^"]*(/cards/nl/home\.png)"', home)
    assert og, "the Dutch home page's og:image is not its card"
    assert re.search(r'<meta property="og:image:width" content="1200">', home)


def test_the_card_font_has_the_accents_of_indonesian_and_dutch():
    from layar_media import cards

    font = ImageFont.truetype(str(cards.font_files()["bold"]), 60)
    missing = font.getmask("\uffff").getbbox()  # the font's "no such glyph" box
    for char in "ëéèïöüÉË":
        assert font.getmask(char).getbbox() != missing, char
    a = cards.draw_card("Schrijvers staken: een overzicht van België", "Artikel", "Layar")
    b = cards.draw_card("Schrijvers staken: een overzicht van België", "Artikel", "Layar")
    assert a == b
    assert cards.draw_card("Schrijvers staken: een overzicht van Belgie", "Artikel", "Layar") != a


def test_a_card_is_a_palette_png_that_shows_its_texts_in_their_colours():
    """The palette PNG holds what an RGB card drawn whole holds: the colours of the text
    over the background, within the ramp's step."""
    import zlib

    from layar_media import cards

    data = cards.draw_card("Één staking, België", "Artikel", "Layar")
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        assert img.format == "PNG" and img.mode == "P" and img.size == cards.SIZE
        assert not img.info  # no text chunks, no time
        rgb = img.convert("RGB")
    # Drawn whole in RGB as the cards were before: at most 2 levels apart in any channel.
    whole = Image.new("RGB", cards.SIZE, cards.BACKGROUND)
    draw = ImageDraw.Draw(whole)
    draw.rectangle((0, 0, 16, cards.SIZE[1]), fill=cards.ACCENT)
    draw.text((cards.MARGIN, cards.MARGIN - 10), "ARTIKEL", font=cards._font("bold", 34),
              fill=cards.ACCENT)
    draw.text((cards.MARGIN, cards.TITLE_TOP), "Één staking, België",
              font=cards._font("bold", 72), fill=cards.TEXT)
    draw.text((cards.MARGIN, cards.SIZE[1] - cards.MARGIN - 40), "Layar",
              font=cards._font("bold", 40), fill=cards.MUTED)
    diff = ImageChops.difference(rgb, whole)
    assert max(high for _low, high in diff.getextrema()) <= 2
    assert rgb.getpixel((5, 300)) == cards.ACCENT
    # The zlib stream made of separately compressed rows is one valid stream.
    idat = data[data.index(b"IDAT") + 4:data.index(b"IEND") - 8]
    assert len(zlib.decompress(idat)) == (cards.SIZE[0] + 1) * cards.SIZE[1]


def test_the_adler32_of_rows_put_together_is_zlibs():
    from layar_media.cards import _adler32_combine

    import zlib

    for a, b in ((b"", b"x"), (b"abc", b""), (b"\0" * 70000, b"\xff" * 123457),
                 (bytes(range(256)) * 300, b"card")):
        assert _adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)


def test_a_long_title_is_cut_after_a_word_of_the_fourth_line():
    from layar_media import cards

    lines, size = cards.layout("Pemogokan aktor " * 40)
    assert size == cards.TITLE_SIZES[-1] and len(lines) == cards.TITLE_LINES
    assert lines[-1].endswith(" …")
    with Image.open(io.BytesIO(cards.draw_card("Pemogokan aktor " * 40, "Artikel",
                                               "Layar"))) as img:
        assert img.size == cards.SIZE


def test_cards_drawn_in_background_processes_are_the_same_bytes(tiny_site, tmp_path,
                                                                monkeypatch, caplog):
    """A cold build draws its cards in ``LAYAR_WORKERS`` processes of their own when there
    are many: the output is the one the build's own process makes, the cards go into the
    cache, and a build into an empty output takes them from there."""
    from layar_media import plugin

    serial, _ = built(tiny_site)
    monkeypatch.setattr(plugin, "BACKGROUND_AT", 1)
    cache = tmp_path / "cache"
    site = tiny_site(files(), {"LAYAR_CACHE_DIR": str(cache), "LAYAR_WORKERS": 2})
    with caplog.at_level("INFO", logger="layar_media"):
        result = site.build()
    figures = [r.media_figures["cards"] for r in caplog.records
               if "cards" in getattr(r, "media_figures", {})]
    assert len(figures) == 1 and figures[0]["processes"] == 2
    assert 0 < figures[0]["drawn"] <= figures[0]["cards"]  # one card per distinct text
    assert tree_differences(serial.output, site.output) == []
    pages = [f for f in result.files if f.endswith(".html")]
    assert len(list((cache / "media").rglob("*"))) >= len(pages)
    drawn = []
    real = plugin.cards.draw_card
    monkeypatch.setattr(plugin.cards, "draw_card", lambda *a: drawn.append(a) or real(*a))
    shutil.rmtree(site.output)
    monkeypatch.setattr(plugin, "BACKGROUND_AT", 10**6)  # in this process: drawn is seen
    site.build()
    assert drawn == []  # every card came from the cache
    assert tree_differences(serial.output, site.output) == []


def test_a_failing_card_process_fails_the_build(tiny_site, monkeypatch):
    from layar.errors import BuildError
    from layar_media import drawing, plugin

    monkeypatch.setattr(plugin, "BACKGROUND_AT", 1)
    monkeypatch.setattr(drawing.sys, "executable", "/bin/false")
    site = tiny_site(files(), {"LAYAR_CACHE_DIR": None, "LAYAR_WORKERS": 2})
    with pytest.raises(BuildError, match="drawing the social cards failed"):
        site.build()
    assert not site.output.exists()


def test_a_new_site_name_redraws_the_cards_as_a_cold_build_draws_them(tmp_path):
    """The site's name is on every card: a warm build after it changed gives the cold
    build's cards (it was read outside the card's recorded inputs, so cards were kept)."""
    from layar_bench.runner import tree_differences

    from .conftest import ARTICLE, TinySite

    site = TinySite(tmp_path / "site", {"content/articles/sebuah-artikel.md": ARTICLE})
    site.build()
    before = (site.output / "cards" / "en" / "home.png").read_bytes()
    settings = site.settings.read_text("utf-8")
    site.settings.write_text(settings + "LAYAR_SITE_NAME = 'Layar Dua'\n", "utf-8")
    site.build()
    assert (site.output / "cards" / "en" / "home.png").read_bytes() != before
    cold = TinySite(tmp_path / "cold", {"content/articles/sebuah-artikel.md": ARTICLE})
    cold.settings.write_text(settings + "LAYAR_SITE_NAME = 'Layar Dua'\n", "utf-8")
    cold.build()
    assert tree_differences(site.output / "cards", cold.output / "cards") == []
