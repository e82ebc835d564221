"""Originals without private metadata: ``invoke new image`` keeps no GPS position, serial
number, XMP or maker notes (turned upright first, the pixels otherwise untouched);
``invoke check`` reports a picture of ``content/media/`` that carries them, at its path and
with the fix; ``invoke media.strip`` fixes it in place.  The pictures are real files made
with Pillow, carrying what a camera writes."""
from __future__ import annotations

import io
import math

import pytest
from invoke import Context, Exit
from PIL import Image, ImageChops, ImageCms, ImageOps, JpegImagePlugin
from PIL.PngImagePlugin import PngInfo

from layar import images, originals

from .conftest import ARTICLE, TASKS
from .test_media import SIDECAR
from .test_markup import with_body

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
       b'xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" exif:GPSLatitude="6,10.5S" '
       b'exif:GPSLongitude="106,49.0E" aux:SerialNumber="SN-XMP-777"/></rdf:RDF></x:xmpmeta>')
#: What must not survive, as bytes anywhere in a file.
SECRETS = (b"SecretCam", b"BODY-12345", b"LENS-67890", b"MAKERNOTE-SN", b"SN-XMP-777",
           b"GPSLatitude", b"Exif\0\0", b"Photoshop 3.0", b"a comment")


def camera_exif(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "SecretCam"
    exif.get_ifd(0x8825).update({1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 0.0)})
    exif.get_ifd(0x8769).update({0xA431: "BODY-12345", 0xA435: "LENS-67890",
                                 0x927C: b"Nikon\0MAKERNOTE-SN"})
    return exif.tobytes()


def scene(size=(320, 200), mode="RGB") -> Image.Image:
    """A picture whose top quarter is yellow: where it ends up shows how it was turned."""
    img = Image.new(mode, size, (10, 90, 200, 255)[:len(mode)])
    img.paste((250, 200, 0, 255)[:len(mode)], (0, 0, size[0], size[1] // 4))
    return img


def camera_jpeg(orientation: int = 1, size=(320, 200), img=None, **options) -> bytes:
    """A JPEG as a phone writes it: EXIF with GPS, serials and maker notes, XMP with GPS,
    IPTC, a comment, an ICC profile and data after the picture."""
    out = io.BytesIO()
    (img or scene(size)).save(out, "JPEG", exif=camera_exif(orientation), xmp=XMP,
                              icc_profile=SRGB, comment=b"a comment", **options)
    data = out.getvalue()
    iptc = b"Photoshop 3.0\0" + b"8BIM\x04\x04\0\0\0\0\0\x0c\x1c\x02\x5a\0\x07Jakarta"
    app13 = b"\xff\xed" + (len(iptc) + 2).to_bytes(2, "big") + iptc
    return data[:2] + app13 + data[2:] + b"trailer: SecretCam"


def camera_png(orientation: int = 1, mode="RGBA") -> bytes:
    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add_text("Comment", "a comment")
    out = io.BytesIO()
    scene(mode=mode).save(out, "PNG", exif=camera_exif(orientation), pnginfo=info,
                          icc_profile=SRGB)
    return out.getvalue()


def camera_webp(orientation: int = 1) -> bytes:
    out = io.BytesIO()
    scene().save(out, "WEBP", exif=camera_exif(orientation), xmp=XMP, icc_profile=SRGB,
                 quality=80)
    return out.getvalue()


def psnr(a: Image.Image, b: Image.Image) -> float:
    hist = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).histogram()
    mse = sum(count * (i % 256) ** 2 for i, count in enumerate(hist)) / (a.width * a.height * 3)
    return math.inf if mse == 0 else 10 * math.log10(255 ** 2 / mse)


def decoded(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def assert_clean(data: bytes, fmt: str):
    assert originals.findings(data) == []
    for secret in SECRETS:
        assert secret not in data, secret
    img = decoded(data)
    assert img.format == fmt
    assert not img.getexif() and "xmp" not in img.info and "exif" not in img.info
    assert img.info.get("icc_profile") == SRGB, "the colour profile is not private: kept"


# -- what is private ----------------------------------------------------------------------
@pytest.mark.parametrize("make", [camera_jpeg, camera_png, camera_webp])
def test_findings_name_gps_serials_and_maker_notes(make):
    found = originals.findings(make())
    assert "a GPS position (EXIF GPS)" in found
    assert "the camera body's serial number (EXIF BodySerialNumber)" in found
    assert "the lens's serial number (EXIF LensSerialNumber)" in found
    assert any("MakerNote" in f for f in found)
    assert "a GPS position (XMP)" in found and "a serial number (XMP)" in found


def test_exif_kept_as_text_by_imagemagick_is_read_too():
    blob = b"Exif\0\0" + camera_exif()
    info = PngInfo()
    info.add_text("Raw profile type exif", f"\nexif\n{len(blob):8d}\n{blob.hex()}\n", zip=True)
    out = io.BytesIO()
    scene().save(out, "PNG", pnginfo=info)
    assert "a GPS position (EXIF GPS)" in originals.findings(out.getvalue())
    stripped = originals.strip(out.getvalue()).data
    assert originals.findings(stripped) == [] and b"zTXt" not in stripped


def test_a_picture_with_only_harmless_metadata_has_no_findings():
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "SomeCam"  # a make is not a serial number
    out = io.BytesIO()
    scene().save(out, "JPEG", exif=exif.tobytes())
    assert originals.findings(out.getvalue()) == []


# -- stripping ----------------------------------------------------------------------------
def test_an_upright_jpeg_keeps_its_compressed_data_byte_for_byte():
    data = camera_jpeg()
    stripped = originals.strip(data)
    assert_clean(stripped.data, "JPEG")
    assert not stripped.reencoded
    assert set(stripped.removed) >= {"EXIF", "XMP", "IPTC", "comments", "data after the picture"}
    assert decoded(stripped.data).tobytes() == decoded(data).tobytes()
    scan = data.index(b"\xff\xda")  # the frame's compressed data, copied as it was
    assert data[scan:data.index(b"\xff\xd9", scan) + 2] in stripped.data
    assert originals.strip(stripped.data).data == stripped.data  # nothing left to remove


@pytest.mark.parametrize("orientation,turned", [(6, True), (8, True), (3, False)])
def test_a_sideways_jpeg_is_turned_upright_with_the_originals_quality(orientation, turned):
    data = camera_jpeg(orientation, quality=90)
    stripped = originals.strip(data)
    assert_clean(stripped.data, "JPEG")
    assert stripped.reencoded and stripped.orientation == orientation
    upright = ImageOps.exif_transpose(decoded(data))
    result = decoded(stripped.data)
    assert result.size == ((200, 320) if turned else (320, 200)) == upright.size
    assert psnr(upright, result) > 50, "the re-encoded picture lost detail"
    assert originals.strip(data).data == stripped.data  # deterministic


def test_turning_a_photo_keeps_its_quality_and_size():
    """The figure in CONTRIBUTING.md: a 2400×1600 photo-like JPEG (quality 92, 4:2:0, the
    benchmark's), stored sideways, turned upright: PSNR against the original turned in
    memory, and the file's size."""
    from layar_bench.media import photo_like

    source = decoded(photo_like(0))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    source.save(out, "JPEG", qtables=source.quantization, exif=exif.tobytes(),
                subsampling=JpegImagePlugin.get_sampling(source))
    sideways = out.getvalue()
    stripped = originals.strip(sideways)
    upright = ImageOps.exif_transpose(decoded(sideways))
    assert psnr(upright, decoded(stripped.data)) > 54  # 55.8 dB measured
    assert len(stripped.data) < 1.1 * len(sideways)  # 1.05 measured


@pytest.mark.parametrize("mode", ["RGBA", "RGB", "P"])
def test_png_is_stripped_losslessly_and_turned_losslessly(mode):
    data = camera_png(mode="RGBA" if mode == "P" else mode)
    if mode == "P":
        img = scene().convert("P")
        info = PngInfo()
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        out = io.BytesIO()
        img.save(out, "PNG", exif=camera_exif(), pnginfo=info, icc_profile=SRGB)
        data = out.getvalue()
    stripped = originals.strip(data)
    assert_clean(stripped.data, "PNG")
    assert decoded(stripped.data).tobytes() == decoded(data).tobytes()
    turned = originals.strip(camera_png(6))
    assert_clean(turned.data, "PNG")
    upright = ImageOps.exif_transpose(decoded(camera_png(6)))
    assert decoded(turned.data).tobytes() == upright.tobytes()  # lossless


def test_webp_is_stripped_losslessly_and_turned_losslessly():
    data = camera_webp()
    stripped = originals.strip(data)
    assert_clean(stripped.data, "WEBP")
    assert decoded(stripped.data).tobytes() == decoded(data).tobytes()
    sideways = camera_webp(8)
    turned = originals.strip(sideways)
    assert_clean(turned.data, "WEBP")
    upright = ImageOps.exif_transpose(decoded(sideways)).convert("RGB")
    assert decoded(turned.data).convert("RGB").tobytes() == upright.tobytes()


def test_published_files_of_a_gps_picture_carry_none_of_it():
    """The derivative path strips on its own as well (``layar.images.derive``)."""
    for width, fmt in ((200, "jpg"), (100, "webp"), (100, "avif")):
        data = images.derive(camera_jpeg(6), width, fmt)
        for secret in SECRETS:
            assert secret not in data, (fmt, secret)
        img = decoded(data)
        assert not img.getexif() and "xmp" not in img.info, fmt
        assert img.size == (width, round(width * 320 / 200)), "not upright"


# -- invoke new image ---------------------------------------------------------------------
def test_new_image_keeps_no_gps_serial_or_xmp_and_turns_the_picture_upright(tmp_path):
    from layar_build.scaffold import describe, new_image

    source = tmp_path / "Street Photo.JPG"
    source.write_bytes(camera_jpeg(6))
    picture, sidecar, stripped = new_image(tmp_path / "media", source)
    data = picture.read_bytes()
    assert_clean(data, "JPEG")
    img = decoded(data)
    assert img.size == (200, 320)  # upright
    assert img.convert("RGB").getpixel((img.width - 5, 5))[0] > 200  # the top went right
    comment = " ".join(line.lstrip("# ") for line in sidecar.read_text("utf-8").splitlines()[:3])
    assert "Copied without its IPTC, EXIF, XMP, comments and data after the picture, " \
        "turned upright (EXIF orientation 6)." in comment
    assert "turned upright" in describe(stripped)


def test_new_image_copies_a_clean_picture_byte_for_byte(tmp_path):
    from layar_build.scaffold import new_image

    out = io.BytesIO()
    scene().save(out, "JPEG")
    source = tmp_path / "clean.jpg"
    source.write_bytes(out.getvalue())
    picture, _, stripped = new_image(tmp_path / "media", source)
    assert picture.read_bytes() == source.read_bytes() and not stripped.removed


# -- invoke check and invoke media.strip --------------------------------------------------
USES = with_body("Paragraf pertama.\n\n![](../media/street.jpg)\n\n![](../media/chart.png)\n")
PAGE = "content/articles/bad.md"


def test_check_reports_a_picture_with_gps_at_its_path_with_the_fix(built_tiny_site):
    site, before = built_tiny_site({
        PAGE: USES,
        "content/media/street.jpg": camera_jpeg(6), "content/media/street.yaml": SIDECAR,
        "content/media/chart.png": camera_png(), "content/media/chart.yaml": SIDECAR,
        "content/media/lost.yaml": SIDECAR})  # another problem: all are reported in one run
    outcome = site.run("build")
    assert outcome.code == 1, outcome.lines
    for name in ("street.jpg", "chart.png"):
        path = f"content/media/{name}"
        assert outcome.has(path, 1, "a GPS position (EXIF GPS)", "serial number",
                           f"invoke media.strip --path {path}"), "\n".join(outcome.lines)
    assert outcome.has("content/media/lost.yaml", 1, "describes no picture")
    assert not any("cannot be published" in line for line in outcome.lines)
    assert site.snapshot("output") == before  # the build refused; output/ as it was

    # The fix the message gives, run as it is printed: the check then passes.
    TASKS.media_strip(Context(), path=[str(site.root / "content/media/street.jpg")])
    (site.root / "content/media/lost.yaml").unlink()
    outcome = site.run("check")
    assert outcome.code == 1
    assert not any("street.jpg" in line for line in outcome.errors), outcome.errors
    assert outcome.has("content/media/chart.png", 1, "GPS")
    assert_clean((site.root / "content/media/street.jpg").read_bytes(), "JPEG")


def test_media_strip_without_paths_fixes_every_reported_picture(tiny_site, monkeypatch,
                                                               capsys):
    clean = io.BytesIO()
    scene().save(clean, "JPEG")
    site = tiny_site({
        PAGE: with_body("Paragraf pertama.\n\n![](../media/street.jpg)\n"),
        "content/media/street.jpg": camera_jpeg(), "content/media/street.yaml": SIDECAR,
        "content/media/chart.png": camera_png(), "content/media/chart.yaml": SIDECAR,
        "content/media/plain.jpg": clean.getvalue(), "content/media/plain.yaml": SIDECAR})
    assert site.run("check").code == 1
    monkeypatch.setattr(TASKS, "ROOT", site.root)
    TASKS.media_strip(Context(), path=[])
    printed = capsys.readouterr().out
    assert "content/media/street.jpg: removed its IPTC, EXIF, XMP, comments and data after " \
        "the picture; the pixels are unchanged" in printed
    assert "content/media/chart.png: removed its XMP, text and EXIF; the pixels are " \
        "unchanged" in printed
    assert "plain.jpg" not in printed  # nothing private: left alone
    outcome = site.run("check")
    assert outcome.code == 0, outcome.lines
    TASKS.media_strip(Context(), path=[])
    assert "no picture of content/media/ carries" in capsys.readouterr().out


def test_media_strip_refuses_what_is_not_a_picture(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    with pytest.raises(Exit) as exc:
        TASKS.media_strip(Context(), path=[str(notes)])
    assert exc.value.code == 2 and "can be stripped" in str(exc.value.message)
