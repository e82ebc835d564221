"""Pictures as inputs: every bad picture, sidecar or reference is an error at path:line with
a hint, all in one run, and output/ is left as it was.  The pictures are real files made
with Pillow."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from .conftest import ARTICLE
from .test_frontmatter import BAD
from .test_markup import BODY_LINE, with_body

SIDECAR = "alt: Striking writers carry picket signs\ncredit: 'Photo: Jane Doe'\nlicense: CC BY 4.0\n"


def picture(fmt: str = "JPEG", size=(64, 40), color=(200, 40, 40), **options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt, **options)
    return out.getvalue()


def media(name: str = "picket.jpg", data: bytes | None = None, sidecar: str | None = SIDECAR):
    stem = name.rsplit(".", 1)[0]
    files = {f"content/media/{name}": picture() if data is None else data}
    if sidecar is not None:
        files[f"content/media/{stem}.yaml"] = sidecar
    return files


USES = with_body("Paragraf pertama.\n\n![](../media/picket.jpg)\n")


def rejected_all(built_tiny_site, files: dict, *expected: tuple):
    """Build with ``files``: exit 1, each ``(path, line, *parts)`` reported, output untouched."""
    site, before = built_tiny_site(files)
    outcome = site.run("build")
    assert outcome.code == 1, outcome.lines
    for path, line, *parts in expected:
        assert outcome.has(path, line, *parts), "\n".join(outcome.lines)
    assert site.snapshot("output") == before
    assert not list(site.root.glob(".output-*")), "a staging folder was left behind"
    return outcome


def test_a_good_picture_builds(tiny_site):
    site = tiny_site({"content/articles/ok.md": ARTICLE, BAD: USES, **media()})
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]


# -- the picture file -------------------------------------------------------------------
def test_missing_file(built_tiny_site):
    rejected_all(built_tiny_site, {BAD: USES}, (BAD, BODY_LINE + 2, "there is no file "
                 "content/media/picket.jpg", "invoke new image"))


def test_missing_sidecar(built_tiny_site):
    rejected_all(built_tiny_site, {BAD: USES, **media(sidecar=None)},
                 ("content/media/picket.jpg", 1, "has no sidecar", "content/media/picket.yaml",
                  "invoke new image"),
                 (BAD, BODY_LINE + 2, "content/media/picket.jpg cannot be published"))


def test_sidecar_without_a_picture(built_tiny_site):
    rejected_all(built_tiny_site, {"content/media/lost.yaml": SIDECAR},
                 ("content/media/lost.yaml", 1, "describes no picture"))


@pytest.mark.parametrize("drop,message", [
    ("credit", "missing required key 'credit': who made or owns the picture"),
    ("license", "missing required key 'license': its licence"),
    ("alt", "missing required key 'alt': say what the picture shows"),
])
def test_missing_credit_license_or_alt(built_tiny_site, drop, message):
    sidecar = "".join(line + "\n" for line in SIDECAR.splitlines() if not line.startswith(drop))
    rejected_all(built_tiny_site, {BAD: USES, **media(sidecar=sidecar)},
                 ("content/media/picket.yaml", 1, message))


def test_empty_alt_and_decorative(built_tiny_site):
    rejected_all(built_tiny_site, {**media(sidecar=SIDECAR.replace(
        "alt: Striking writers carry picket signs", "alt: ''"))},
                 ("content/media/picket.yaml", 1, "'alt' is empty", "decorative: true"))


def test_decorative_picture_needs_no_alt(tiny_site):
    sidecar = "decorative: true\ncredit: Layar\nlicense: CC0 1.0\n"
    site = tiny_site({"content/articles/ok.md": ARTICLE, BAD: USES, **media(sidecar=sidecar)})
    assert site.run("check").code == 0


@pytest.mark.parametrize("alt", ["picket.jpg", "picket", "Picket.JPG"])
def test_alt_is_the_file_name(built_tiny_site, alt):
    sidecar = "credit: 'Photo: Jane Doe'\nlicense: CC BY 4.0\nalt: " + alt + "\n"
    rejected_all(built_tiny_site, {**media(sidecar=sidecar)},
                 ("content/media/picket.yaml", 3, "'alt' is the file name",
                  "say what the picture shows"))


def test_unsupported_format(built_tiny_site):
    rejected_all(built_tiny_site, media("anim.gif", picture("GIF")),
                 ("content/media/anim.gif", 1, "'.gif' files are not supported", ".jpg"))


def test_mismatched_format(built_tiny_site):
    rejected_all(built_tiny_site, media("picket.jpg", picture("PNG")),
                 ("content/media/picket.jpg", 1, "holds a PNG picture but is named .jpg",
                  "rename it to .png"))


def test_truncated_picture(built_tiny_site):
    data = picture(size=(400, 300))
    rejected_all(built_tiny_site, media("picket.jpg", data[: len(data) // 2]),
                 ("content/media/picket.jpg", 1, "cannot be read", "truncated"))


def test_not_an_image(built_tiny_site):
    rejected_all(built_tiny_site, media("picket.png", b"Hello, this is text.\n" * 20),
                 ("content/media/picket.png", 1, "is not a PNG picture"))


@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_svg_is_refused(built_tiny_site, name):
    svg = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
           b'<script>alert(1)</script></svg>')
    rejected_all(built_tiny_site, media(name, svg),
                 (f"content/media/{name}", 1, "SVG is not accepted", "export the picture as PNG"))


def test_file_over_20_mb(built_tiny_site):
    data = picture() + b"\0" * (20 * 1024 * 1024)
    rejected_all(built_tiny_site, media("big.jpg", data),
                 ("content/media/big.jpg", 1, "the limit is 20 MB"))


def test_over_40_megapixels_is_refused_before_decoding(built_tiny_site, monkeypatch):
    out = io.BytesIO()
    Image.new("1", (8000, 5001)).save(out, "PNG")  # a small file of 40.005 megapixels
    assert len(out.getvalue()) < 1024 * 1024
    from PIL import ImageFile

    loads = []
    monkeypatch.setattr(ImageFile.ImageFile, "load",
                        lambda self, *a: loads.append(self.size) or Image.Image.load(self))
    rejected_all(built_tiny_site, media("bomb.png", out.getvalue()),
                 ("content/media/bomb.png", 1, "8000×5001 pixels", "the limit is 40"))
    assert (8000, 5001) not in loads, "the picture was decoded"


# -- references -------------------------------------------------------------------------
def test_path_leaving_content(built_tiny_site):
    rejected_all(built_tiny_site, {BAD: with_body("![](../../../etc/picket.jpg)\n")},
                 (BAD, BODY_LINE, "leaves content/", "../media/picket.jpg"))


def test_picture_outside_media(built_tiny_site):
    rejected_all(built_tiny_site, {BAD: with_body("![](gambar.png)\n")},
                 (BAD, BODY_LINE, "content/articles/gambar.png is not in content/media/"))


def test_names_clashing_by_case(built_tiny_site):
    files = {**media("picket.jpg"), **media("Picket.jpg")}
    rejected_all(built_tiny_site, files,
                 ("content/media/picket.jpg", 1, "clashes by letter case with "
                  "content/media/Picket.jpg"),
                 ("content/media/Picket.jpg", 1, "clashes by letter case"))


def test_reference_clashing_by_case(built_tiny_site):
    rejected_all(built_tiny_site, {BAD: with_body("![](../media/Picket.jpg)\n"), **media()},
                 (BAD, BODY_LINE, "content/media/Picket.jpg clashes by letter case with "
                  "content/media/picket.jpg"))


@pytest.mark.parametrize("url", ["https://example.org/picket.jpg", "//cdn.example.org/p.png"])
def test_external_image_url(built_tiny_site, url):
    rejected_all(built_tiny_site, {BAD: with_body(f"![Piket]({url})\n")},
                 (BAD, BODY_LINE, "is an external image", "img-src 'self'",
                  "invoke new image --path FILE"))


def test_external_lead_image(built_tiny_site):
    text = with_body("Teks.\n").replace("publisher: Contoh\n",
                                        "publisher: Contoh\nimage: https://example.org/a.jpg\n")
    rejected_all(built_tiny_site, {BAD: text},
                 (BAD, 7, "is an external image", "invoke new image --path FILE"))


def test_missing_lead_image(built_tiny_site):
    text = with_body("Teks.\n").replace("publisher: Contoh\n",
                                        "publisher: Contoh\nimage: ../media/nope.jpg\n")
    rejected_all(built_tiny_site, {BAD: text},
                 (BAD, 7, "'image': there is no file content/media/nope.jpg"))


def test_every_problem_in_one_run(built_tiny_site):
    files = {BAD: with_body("![](../media/picket.jpg)\n\n![](https://example.org/x.png)\n"),
             **media(sidecar="alt: picket\n"), **media("logo.svg", b"<svg/>", sidecar=None)}
    outcome = rejected_all(
        built_tiny_site, files,
        ("content/media/picket.yaml", 1, "missing required key 'credit'"),
        ("content/media/picket.yaml", 1, "missing required key 'license'"),
        ("content/media/picket.yaml", 1, "'alt' is the file name"),
        ("content/media/logo.svg", 1, "SVG is not accepted"),
        (BAD, BODY_LINE, "content/media/picket.jpg cannot be published"),
        (BAD, BODY_LINE + 2, "is an external image"))
    assert not any("Traceback" in line for line in outcome.lines)


# -- invoke new image -------------------------------------------------------------------
def test_new_image_copies_the_file_and_scaffolds_its_sidecar(tiny_site, tmp_path):
    from layar_build.scaffold import new_image

    source = tmp_path / "Picket Line.JPG"
    source.write_bytes(picture(size=(320, 200)))
    site = tiny_site({"content/articles/ok.md": ARTICLE, BAD: with_body(
        "![](../media/picket-line.jpg)\n")})
    picture_path, sidecar, _ = new_image(site.root / "content" / "media", source)
    assert picture_path.name == "picket-line.jpg" and sidecar.name == "picket-line.yaml"
    assert picture_path.read_bytes() == source.read_bytes()
    assert "320×200 JPEG" in sidecar.read_text("utf-8")
    outcome = site.run("check")  # until the editor fills it in, the check says what is missing
    assert outcome.has("content/media/picket-line.yaml", 4, "'alt' is empty")
    assert outcome.has("content/media/picket-line.yaml", 6, "'credit' is required")
    sidecar.write_text(sidecar.read_text("utf-8").replace(
        "alt: ''", "alt: Writers on a picket line").replace("credit: ''", "credit: Layar")
        .replace("license: ''", "license: CC0 1.0"), "utf-8")
    assert site.run("check").code == 0


def test_new_image_refuses_what_the_build_would_refuse(tmp_path):
    from layar_build.scaffold import ScaffoldError, new_image

    svg = tmp_path / "logo.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    with pytest.raises(ScaffoldError, match="not supported"):
        new_image(tmp_path / "media", svg)
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"not a picture at all" * 10)
    with pytest.raises(ScaffoldError, match="is not a PNG picture"):
        new_image(tmp_path / "media", fake)
    good = tmp_path / "a.png"
    good.write_bytes(picture("PNG"))
    new_image(tmp_path / "media", good)
    with pytest.raises(ScaffoldError, match="exists already"):
        new_image(tmp_path / "media", good)
    assert not (tmp_path / "media" / "fake.png").exists()


def test_invoke_new_image_on_the_command_line(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    source = tmp_path / "x.gif"
    source.write_bytes(picture("GIF"))
    done = subprocess.run([str(Path(sys.executable).with_name("invoke")), "new", "image",
                           "--path", str(source)], cwd=root, capture_output=True, text=True)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "invoke new: x.gif: '.gif' files are not supported" in done.stdout + done.stderr
    assert not (root / "content" / "media").exists()
