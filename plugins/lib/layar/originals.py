"""The originals of ``content/media/``: the private metadata a picture file carries, and the
same picture without it.

Beside its pixels, a camera or phone writes where the picture was taken (the EXIF GPS IFD,
or XMP's ``exif:GPSLatitude``), the serial numbers of its body and lens (EXIF
``BodySerialNumber`` and ``LensSerialNumber``, DNG's ``CameraSerialNumber``, XMP's
``aux:SerialNumber``; maker notes hold them too) and more: IPTC, comments, a thumbnail.  The
published files never carry any of it (``layar.images.derive``); this module keeps it out
of the committed originals as well, which a public repository publishes as they are.

* ``findings(data)``: what of it is private (a GPS position, serial numbers, maker notes),
  one phrase each; ``invoke check`` reports a picture with any.
* ``strip(data)``: the picture with no metadata but its colour profile (ICC), upright.
  The file's own blocks are copied, so the pixels stay exactly as they are, when it needs
  no turning: a JPEG keeps its compressed data (only the segments ``APP1``, ``APP3``…
  ``APP13``, ``APP15``, ``COM`` and whatever follows the picture are left out), a PNG or
  WebP its chunks (text, ``eXIf``, ``tIME``, ``EXIF`` and ``XMP`` left out).  A picture
  with an EXIF orientation other than 1 is turned (``ImageOps.exif_transpose``, as the
  published files are) and encoded again: PNG and WebP losslessly; JPEG with the original's
  quantization tables (transposed when the picture turns a quarter) and no chroma
  subsampling, which changes the pixels least for the bytes (measured in CONTRIBUTING.md,
  *Pictures*: about 56 dB PSNR at 1.05 times the size on a photo-like picture).
  Deterministic: the same file gives the same bytes.

Only the three formats of ``layar.schema.IMAGE_FORMATS`` are read; the parsers stop at the
first malformed block (a damaged file is ``layar.images.probe``'s to report).
"""
from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass, field

from PIL import Image, ImageOps

#: EXIF tags that hold private facts: (IFD, tag) -> what they are.
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
SERIAL_TAGS = {
    (EXIF_IFD, 0xA431): "the camera body's serial number (EXIF BodySerialNumber)",
    (EXIF_IFD, 0xA435): "the lens's serial number (EXIF LensSerialNumber)",
    (None, 0xC62F): "the camera's serial number (EXIF CameraSerialNumber)",
}
MAKER_NOTE = (EXIF_IFD, 0x927C)
#: In XMP (or any text a PNG carries): a position, or a serial number.
XMP_GPS = re.compile(rb"gps ?(?:latitude|longitude)", re.IGNORECASE)
XMP_SERIAL = re.compile(rb"serial ?number", re.IGNORECASE)
#: Text chunks of a PNG are read up to this many bytes (a zlib bomb stops there).
MAX_TEXT = 8 * 1024 * 1024

#: Orientations that turn a picture a quarter (its width becomes its height).
QUARTER_TURNS = {5, 6, 7, 8}


class OriginalProblem(ValueError):
    """The file cannot be stripped safely (the message is for the editor)."""


@dataclass
class Metadata:
    """What a picture file holds besides its pixels, and its blocks to keep."""

    format: str  # JPEG, PNG or WEBP
    keep: list[bytes] = field(default_factory=list)  # the blocks of the stripped file
    exif: list[bytes] = field(default_factory=list)  # TIFF-structured EXIF blocks
    xmp: list[bytes] = field(default_factory=list)  # XMP, and the texts of a PNG
    dropped: list[str] = field(default_factory=list)  # names of the blocks left out

    @property
    def orientation(self) -> int:
        for blob in self.exif:
            value = _exif(blob).get(ORIENTATION)
            if isinstance(value, int) and 1 <= value <= 8:
                return value
        return 1


@dataclass(frozen=True)
class Stripped:
    data: bytes
    #: the kinds of metadata left out (EXIF, XMP, IPTC, comments, …), in file order
    removed: tuple[str, ...]
    #: the EXIF orientation that was applied (1: none, the blocks were copied)
    orientation: int = 1

    @property
    def reencoded(self) -> bool:
        return self.orientation != 1


# -- what is private ------------------------------------------------------------------------
def findings(data: bytes) -> list[str]:
    """What of ``data``'s metadata is private: a phrase per finding, empty when none."""
    meta = read(data)
    found: list[str] = []
    for blob in meta.exif:
        exif = _exif(blob)
        if exif.get(GPS_IFD) is not None or _ifd(exif, GPS_IFD):
            found.append("a GPS position (EXIF GPS)")
        for (ifd, tag), what in SERIAL_TAGS.items():
            if (exif.get(tag) if ifd is None else _ifd(exif, ifd).get(tag)) not in (None, ""):
                found.append(what)
        if _ifd(exif, MAKER_NOTE[0]).get(MAKER_NOTE[1]) is not None:
            found.append("maker notes, where cameras keep their serial number (EXIF MakerNote)")
    for text in meta.xmp:
        if XMP_GPS.search(text):
            found.append("a GPS position (XMP)")
        if XMP_SERIAL.search(text):
            found.append("a serial number (XMP)")
    return list(dict.fromkeys(found))


def _exif(blob: bytes) -> Image.Exif:
    exif = Image.Exif()
    try:
        exif.load(blob)
    except Exception:  # a damaged EXIF block: nothing can be read from it  # noqa: BLE001
        return Image.Exif()
    return exif


def _ifd(exif: Image.Exif, tag: int) -> dict:
    try:
        return dict(exif.get_ifd(tag))
    except Exception:  # a damaged sub-IFD  # noqa: BLE001
        return {}


# -- reading the blocks ---------------------------------------------------------------------
def read(data: bytes) -> Metadata:
    """The blocks of ``data`` (JPEG, PNG or WebP), sorted into kept and dropped."""
    if data[:2] == b"\xff\xd8":
        return _read_jpeg(data)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _read_png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _read_webp(data)
    raise OriginalProblem("the file is not a JPEG, PNG or WebP picture")


#: JPEG APPn segments kept, by their marker and how their data starts.
JPEG_KEPT_APP = {0xE0: b"JFIF\0", 0xE2: b"ICC_PROFILE\0", 0xEE: b"Adobe"}
JPEG_APP_NAMES = {b"Exif\0": "EXIF", b"http://ns.adobe.com/xap/1.0/\0": "XMP",
                  b"http://ns.adobe.com/xmp/extension/\0": "XMP", b"Photoshop 3.0\0": "IPTC",
                  b"MPF\0": "extra pictures (MPF)", b"JFXX\0": "a thumbnail (JFXX)"}


def _read_jpeg(data: bytes) -> Metadata:
    meta = Metadata("JPEG", keep=[b"\xff\xd8"])
    pos, end = 2, len(data)
    while pos < end:
        if data[pos] != 0xFF:
            raise OriginalProblem(f"the JPEG data is damaged at byte {pos}")
        while pos + 1 < end and data[pos + 1] == 0xFF:  # fill bytes
            pos += 1
        if pos + 1 >= end:
            break
        marker = data[pos + 1]
        if marker == 0xD9:  # EOI: anything after it is not the picture
            meta.keep.append(b"\xff\xd9")
            if data[pos + 2:].strip(b"\0"):
                meta.dropped.append("data after the picture")
            return meta
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            meta.keep.append(data[pos:pos + 2])
            pos += 2
            continue
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        stop = pos + 2 + length
        if length < 2 or stop > end:
            raise OriginalProblem(f"the JPEG data is damaged at byte {pos}")
        segment, body = data[pos:stop], data[pos + 4:stop]
        if marker == 0xDA:  # SOS: the compressed data follows, up to the next marker
            stop = _scan_end(data, stop)
            meta.keep.append(data[pos:stop])
        elif 0xE0 <= marker <= 0xEF:
            prefix = JPEG_KEPT_APP.get(marker)
            if prefix is not None and body.startswith(prefix):
                meta.keep.append(segment)
            else:
                name = next((n for p, n in JPEG_APP_NAMES.items() if body.startswith(p)),
                            f"APP{marker - 0xE0}")
                meta.dropped.append(name)
                if marker == 0xE1 and body.startswith(b"Exif\0"):
                    meta.exif.append(body[6:])
                elif name == "XMP":
                    meta.xmp.append(body)
        elif marker == 0xFE:
            meta.dropped.append("comments")
        else:  # tables, frame, restart interval…: the picture itself
            meta.keep.append(segment)
        pos = stop
    raise OriginalProblem("the JPEG file ends before its end marker (it is truncated)")


def _scan_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data starting at ``pos`` ends: the first marker that is not
    a stuffed 0xFF00 or a restart marker."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)
        following = data[pos + 1]
        if following == 0 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1 if following == 0xFF else 2
            continue
        return pos


#: PNG chunks kept: the picture and how its colours are read; never text, EXIF or time.
PNG_KEPT = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT",
            b"sRGB", b"cICP", b"mDCV", b"cLLI", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT"}
PNG_NAMES = {b"eXIf": "EXIF", b"tIME": "the time it was saved"}


def _read_png(data: bytes) -> Metadata:
    meta = Metadata("PNG", keep=[data[:8]])
    pos = 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        stop = pos + 12 + length
        if stop > len(data):
            break
        body = data[pos + 8:pos + 8 + length]
        if kind in PNG_KEPT:
            meta.keep.append(data[pos:stop])
        elif kind in (b"tEXt", b"zTXt", b"iTXt"):
            keyword, text = _png_text(kind, body)
            meta.dropped.append("XMP" if keyword == b"XML:com.adobe.xmp" else "text")
            folded = keyword.lower()
            if folded.startswith(b"raw profile type") and folded.endswith((b"exif", b"app1")):
                blob = _raw_profile(text)  # ImageMagick keeps EXIF there
                if blob:
                    meta.exif.append(blob[6:] if blob.startswith(b"Exif\0\0") else blob)
            meta.xmp.append(text)  # any text is searched for a position or a serial
        else:
            meta.dropped.append(PNG_NAMES.get(kind, f"chunk {kind.decode('latin-1')}"))
            if kind == b"eXIf":
                meta.exif.append(body)
        pos = stop
        if kind == b"IEND":
            if data[pos:].strip(b"\0"):
                meta.dropped.append("data after the picture")
            return meta
    raise OriginalProblem("the PNG file ends before its IEND chunk (it is truncated)")


def _png_text(kind: bytes, body: bytes) -> tuple[bytes, bytes]:
    keyword, _, rest = body.partition(b"\0")
    try:
        if kind == b"zTXt":
            return keyword, _inflate(rest[1:])
        if kind == b"iTXt":
            compressed = rest[:1] == b"\1"
            text = rest[2:].split(b"\0", 2)[-1]  # after language and translated keyword
            return keyword, _inflate(text) if compressed else text
    except zlib.error:
        return keyword, b""
    return keyword, rest


def _inflate(data: bytes) -> bytes:
    return zlib.decompressobj().decompress(data, MAX_TEXT)


def _raw_profile(text: bytes) -> bytes:
    """ImageMagick's "Raw profile type exif": a name, a length, then hexadecimal digits."""
    parts = text.split(None, 2)
    try:
        return bytes.fromhex(parts[2].decode("ascii")) if len(parts) == 3 else b""
    except (UnicodeDecodeError, ValueError):
        return b""


#: WebP chunks kept; VP8X loses its EXIF and XMP flags.
WEBP_KEPT = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
VP8X_EXIF, VP8X_XMP = 0x08, 0x04


def _read_webp(data: bytes) -> Metadata:
    meta = Metadata("WEBP")
    pos = 12
    while pos + 8 <= len(data):
        kind = data[pos:pos + 4]
        length = int.from_bytes(data[pos + 4:pos + 8], "little")
        stop = pos + 8 + length + (length & 1)
        if pos + 8 + length > len(data):
            raise OriginalProblem("the WebP file is truncated")
        body = data[pos + 8:pos + 8 + length]
        if kind == b"VP8X" and body:
            body = bytes([body[0] & ~(VP8X_EXIF | VP8X_XMP)]) + body[1:]
            meta.keep.append(kind + data[pos + 4:pos + 8] + body + data[pos + 8 + length:stop])
        elif kind in WEBP_KEPT:
            meta.keep.append(data[pos:stop])
        else:
            name = {b"EXIF": "EXIF", b"XMP ": "XMP"}.get(kind, f"chunk {kind.decode('latin-1')}")
            meta.dropped.append(name)
            if kind == b"EXIF":
                meta.exif.append(body[6:] if body.startswith(b"Exif\0\0") else body)
            elif kind == b"XMP ":
                meta.xmp.append(body)
        pos = stop
    return meta


# -- stripping ------------------------------------------------------------------------------
def strip(data: bytes) -> Stripped:
    """``data`` without metadata (see the module docstring); raises OriginalProblem when
    it cannot be read."""
    meta = read(data)
    removed = tuple(dict.fromkeys(meta.dropped))
    orientation = meta.orientation
    if orientation == 1:
        out = _join(meta)
        if _pixels(out) != _pixels(data):  # copying blocks never changes a pixel
            raise OriginalProblem("the picture decodes differently without its metadata")
        return Stripped(out, removed)
    return Stripped(_turned(data, meta.format, orientation), removed, orientation)


def _join(meta: Metadata) -> bytes:
    if meta.format != "WEBP":
        return b"".join(meta.keep)
    body = b"WEBP" + b"".join(meta.keep)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def _pixels(data: bytes) -> tuple:
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            return img.mode, img.size, img.tobytes()
    except Exception as exc:  # noqa: BLE001
        raise OriginalProblem(f"the picture cannot be read ({exc})") from None


def _turned(data: bytes, fmt: str, orientation: int) -> bytes:
    """The picture turned upright and encoded again (see the module docstring)."""
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        icc = img.info.get("icc_profile")
        transparency = img.info.get("transparency")
        options: dict = {}
        if fmt == "JPEG":
            options = _jpeg_options(img, orientation)
        upright = ImageOps.exif_transpose(img)
    clean = Image.new(upright.mode, upright.size)  # no info, no EXIF
    if upright.mode == "P":
        clean.putpalette(upright.getpalette())
    clean.paste(upright)
    if icc:
        options["icc_profile"] = icc
    if fmt == "PNG":
        if transparency is not None:
            options["transparency"] = transparency
    elif fmt == "WEBP":
        options.update(lossless=True, exact=True, quality=100, method=4)
    out = io.BytesIO()
    clean.save(out, fmt, **options)
    return out.getvalue()


def _jpeg_options(img: Image.Image, orientation: int) -> dict:
    """Encode with the original's quantization tables (transposed when the picture turns a
    quarter, so that each frequency keeps its step), which re-encodes a JPEG with the least
    change for its size, and without chroma subsampling (4:4:4), so that no colour detail
    the original kept is halved again: measured in CONTRIBUTING.md, *Pictures*."""
    quarter = orientation in QUARTER_TURNS
    tables = []
    for _, table in sorted(getattr(img, "quantization", {}).items()):
        table = list(table)
        if quarter and len(table) == 64:
            table = [table[col * 8 + row] for row in range(8) for col in range(8)]
        tables.append(table)
    options: dict = {"subsampling": 0, "optimize": True}
    if tables:
        options["qtables"] = tables[:4]
    else:
        options["quality"] = 95
    return options
