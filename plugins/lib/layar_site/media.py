"""Pictures as content: ``content/media/<name>.<jpg|jpeg|png|webp>`` and their sidecars.

Each picture has a sidecar ``content/media/<name>.yaml`` (``layar.schema.MEDIA_FIELDS``:
alt, caption, credit, license, source) said once for every page that shows it.  The
library is read once per build (``load``): every picture is probed (``layar.images.probe``,
its findings kept by the file's bytes in the ``media`` store, so an unchanged picture is
not decoded again) and every sidecar validated; every problem is collected at
``path:line``.  A picture that carries a GPS position or a serial number
(``layar.originals.findings``, kept by its bytes too) is an error: the repository would
publish it; ``invoke media.strip`` removes it in place.  Pages, bodies and published files refer to a picture by its key
(``media/picket.jpg``, relative to ``content/``), resolved from the file that names it
(``resolve``), so a Markdown file previews in a pull request as it will on the site.

A picture is a recorded input of kind ``media`` (``layar_site.inputs``): whatever shows it
calls ``use``, which notes the read; its digest covers the picture's bytes, its sidecar's
and the translations of its alt and caption in every language.  So editing a caption
re-renders the pages that show the picture and nothing else, with no wiring elsewhere.
"""
from __future__ import annotations

import hashlib
import logging
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from layar import frontmatter, images, originals, schema, yamlio
from layar.errors import ContentError

logger = logging.getLogger(__name__)

#: The folder of ``content/`` that holds pictures.
FOLDER = "media"
SIDECAR = ".yaml"
#: The source language of sidecars (like pages and topics, they are written in English).
SOURCE_LANG = "en"


@dataclass
class Media:
    """One picture of ``content/media/`` with its validated sidecar."""

    key: str  # relative to content/: media/picket.jpg
    path: str  # as problems name it: content/media/picket.jpg
    sidecar: frontmatter.Document
    meta: dict[str, Any]
    info: images.ImageInfo
    sha256: str
    lang: str = SOURCE_LANG

    @property
    def stem(self) -> str:
        return posixpath.splitext(posixpath.basename(self.key))[0]

    @property
    def width(self) -> int:
        return self.info.width

    @property
    def height(self) -> int:
        return self.info.height

    @property
    def decorative(self) -> bool:
        return bool(self.meta.get("decorative"))


@dataclass
class MediaLibrary:
    """Every picture of one build, by key (see the module docstring); also the input kind
    ``media`` (a picture, its sidecar and its translated alt and caption)."""

    name: ClassVar[str] = "media"
    site: Any
    items: dict[str, Media] = field(default_factory=dict)
    #: casefolded key -> the keys of the files that have it (two of them clash)
    _folded: dict[str, list[str]] = field(default_factory=dict)

    # -- loading ----------------------------------------------------------------------
    def load(self) -> None:
        site = self.site
        content = site.settings.content_path
        folder = content / FOLDER
        root = content.parent
        self.site.inputs.register(self)
        if not folder.is_dir():
            return
        store = site.store("media", (images, originals, schema), ("pillow",))
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        by_stem: dict[str, list[Path]] = {}
        names = {p.as_posix() for p in files}
        for path in files:
            rel = path.relative_to(content).as_posix()
            self._folded.setdefault(rel.casefold(), []).append(rel)
            stem = path.with_suffix("").as_posix()
            if path.suffix.lower() == SIDECAR:
                stem = self._named(path, names, root, stem)
                if stem is None:  # it names no picture it could describe: reported
                    continue
            by_stem.setdefault(stem, []).append(path)
        for rel_folded, rels in self._folded.items():
            if len(rels) > 1:
                for rel in rels:
                    others = ", ".join(f"{content.name}/{o}" for o in rels if o != rel)
                    site.error(f"{content.name}/{rel}", 1,
                               f"clashes by letter case with {others}: servers and readers' "
                               f"systems may take them for one file; rename one of them")
        clashing = {r for rels in self._folded.values() if len(rels) > 1 for r in rels}
        for stem, paths in sorted(by_stem.items()):
            pictures = [p for p in paths if p.suffix.lower() != SIDECAR]
            sidecars = [p for p in paths if p.suffix.lower() == SIDECAR]
            shown_stem = Path(stem).relative_to(root).as_posix()
            for other in [p for p in pictures if p.suffix.lower() not in schema.IMAGE_FORMATS]:
                site.error(other.relative_to(root).as_posix(), 1, _unsupported(other))
            pictures = [p for p in pictures if p.suffix.lower() in schema.IMAGE_FORMATS]
            if len(pictures) > 1:
                names = ", ".join(p.name for p in pictures)
                for p in pictures:
                    site.error(p.relative_to(root).as_posix(), 1,
                               f"{names} share one sidecar name ({Path(stem).name}.yaml): "
                               f"keep one of them, or rename the others")
                continue
            if not pictures:
                for sidecar in sidecars:
                    site.error(sidecar.relative_to(root).as_posix(), 1,
                               f"this sidecar describes no picture: there is no "
                               f"{shown_stem}.jpg, .jpeg, .png or .webp beside it; add the "
                               f"picture, or delete the sidecar")
                continue
            picture = pictures[0]
            rel = picture.relative_to(content).as_posix()
            if rel in clashing:
                continue
            shown = picture.relative_to(root).as_posix()
            info, sha = self._probe(picture, shown, store)
            if info is not None:
                self._private(picture, shown, sha, store)
            doc = self._sidecar(sidecars, shown, shown_stem)
            if doc is None:
                continue
            before = len(site.problems)
            meta = schema.validate(doc, "media", site.problems, {})
            if info is None or any(p.is_error for p in site.problems[before:]):
                continue
            self.items[rel] = Media(rel, shown, doc, meta, info, sha)

    def _named(self, sidecar: Path, names: set[str], root: Path, own: str) -> str | None:
        """The stem of the picture a sidecar describes: the one its ``file`` key names (as
        the web editor writes it: ``dsc-0012-jpg.yaml`` with ``file: dsc-0012.jpg``), else
        its own (``own``).  None when ``file`` names no picture beside it (reported here, at
        its line)."""
        try:
            data, lines = yamlio.load(sidecar.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yamlio.YamlProblem):
            return own  # reported when the sidecar is read
        if not isinstance(data, dict) or "file" not in data:
            return own
        name = data["file"]
        shown = sidecar.relative_to(root).as_posix()
        line = lines.get(("file",), 1)
        problem = schema.file_problem("file", name)
        if problem is None and (sidecar.parent / name).as_posix() not in names:
            problem = (f"'file': there is no picture {name} beside this sidecar in "
                       f"{sidecar.parent.relative_to(root).as_posix()}/; upload it again, or "
                       f"correct the name")
        if problem:
            self.site.error(shown, line, problem)
            return None
        return (sidecar.parent / name).with_suffix("").as_posix()

    def _probe(self, path: Path, shown: str, store) -> tuple[images.ImageInfo | None, str]:
        """The picture's probe (kept by its bytes); problems are reported at ``shown``."""
        size = path.stat().st_size
        if size > schema.MAX_IMAGE_BYTES:  # not even read: too large
            sha = f"size:{size}"
        else:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()

        def compute():
            try:
                return images.probe(path)
            except images.ImageProblem as exc:
                return str(exc)

        found = store.memo(("probe", path.suffix.lower(), sha), compute)
        if isinstance(found, str):
            self.site.error(shown, 1, found)
            return None, sha
        return found, sha

    def _private(self, path: Path, shown: str, sha: str, store) -> None:
        """An error at ``shown`` when the picture carries a GPS position or a serial
        number (what is found is kept by the file's bytes).  The picture still resolves:
        pages that show it get no second error."""
        def compute():
            try:
                return originals.findings(path.read_bytes())
            except originals.OriginalProblem:
                return []  # damaged: the probe reports it, or the decoder copes

        found = store.memo(("private", sha), compute)
        if found:
            self.site.error(shown, 1, private_message(found, shown))

    def _sidecar(self, sidecars: list[Path], shown: str,
                 shown_stem: str) -> frontmatter.Document | None:
        site = self.site
        if not sidecars:
            site.error(shown, 1, f"this picture has no sidecar: create {shown_stem}.yaml with "
                                 f"its alt, credit and license (`invoke new image` writes one)")
            return None
        path = sidecars[0]
        sidecar_shown = path.relative_to(site.settings.content_path.parent).as_posix()
        if len(sidecars) > 1:
            names = ", ".join(p.name for p in sidecars)
            site.error(shown, 1, f"{names} all describe this picture: keep one of them")
            return None
        if path.suffix != SIDECAR:
            site.error(sidecar_shown, 1, f"name the sidecar {Path(path.stem).name}{SIDECAR}")
            return None
        try:
            text = frontmatter.read_text(path, sidecar_shown)
            data, lines = yamlio.load(text)
        except ContentError as exc:
            site.problems.append(exc.problem)
            return None
        except yamlio.YamlProblem as exc:
            site.error(sidecar_shown, exc.line, exc.message)
            return None
        if not isinstance(data, dict):
            site.error(sidecar_shown, 1, "a sidecar is a mapping of keys (alt: …, credit: …, "
                                         "license: …)")
            return None
        return frontmatter.Document(sidecar_shown, data, "", 1,
                                    dict(lines))

    # -- references -------------------------------------------------------------------
    def resolve(self, target: str, source_path: str) -> tuple[Media | None, str | None]:
        """The picture ``target`` names when written in ``source_path`` (``content/…``),
        or why there is none."""
        prefix = self.site.content_prefix
        target = target.strip()
        if not target:
            return None, "the image has no file"
        if target.startswith("//") or ":" in target.split("/", 1)[0]:
            return None, f"{target} is an external image; {schema.EXTERNAL_IMAGE_HINT}"
        base = posixpath.dirname(Path(source_path).relative_to(prefix).as_posix())
        rel = posixpath.normpath(posixpath.join(base, target.split("#", 1)[0].split("?", 1)[0]))
        if rel == ".." or rel.startswith("../") or target.startswith("/"):
            return None, (f"{target} leaves {prefix}/: pictures are files in {prefix}/{FOLDER}/, "
                          f"named relative to this file (e.g. ../{FOLDER}/picket.jpg)")
        found = self.items.get(rel)
        if found is not None:
            return found, None
        shown = f"{prefix}/{rel}"
        same_case = [k for k in self._folded.get(rel.casefold(), ()) if k != rel]
        if same_case:
            return None, (f"{shown} clashes by letter case with {prefix}/{same_case[0]}: "
                          f"write the name exactly as the file's")
        if not rel.startswith(FOLDER + "/"):
            return None, (f"{shown} is not in {prefix}/{FOLDER}/: pictures go there, each "
                          f"with a sidecar (`invoke new image --path FILE`)")
        if (self.site.settings.content_path / rel).is_file():
            return None, f"{shown} cannot be published (its problems are reported above)"
        return None, (f"there is no file {shown}: add it with `invoke new image --path FILE`, which "
                      f"also writes its sidecar")

    def use(self, media: Media) -> Media:
        """Note that the output being made shows ``media``."""
        self.site.inputs.read("media", media.key)
        return media

    # -- texts in a language ----------------------------------------------------------
    def alt(self, media: Media, lang: str) -> str:
        if media.decorative:
            return ""
        return str(self.site.t(media.meta.get("alt", ""), media.lang, lang))

    def caption(self, media: Media, lang: str):
        text = media.meta.get("caption", "")
        return self.site.t(text, media.lang, lang) if text else ""

    # -- the input kind ---------------------------------------------------------------
    def digest(self, key: str) -> bytes | None:
        media = self.items.get(key)
        if media is None:
            return None
        h = hashlib.sha256(f"{key}\0{media.sha256}\0".encode())
        h.update(repr(sorted(media.meta.items())).encode())
        h.update(repr(media.info).encode())
        for lang in self.site.languages:
            entries = self.site.catalogs[lang].entries if lang in self.site.catalogs else {}
            for name in ("alt", "caption"):
                h.update(repr(entries.get(str(media.meta.get(name, "")).strip())).encode())
        return h.digest()


def private_message(found: list[str], shown: str) -> str:
    """The error for a picture that carries ``found`` (``layar.originals.findings``)."""
    what = found[0] if len(found) == 1 else f"{', '.join(found[:-1])} and {found[-1]}"
    return (f"the picture carries {what}: the repository would publish where it was taken "
            f"and with which camera; remove its metadata in place with `invoke media.strip "
            f"--path {shown}` (the pixels stay as they are; a picture stored sideways is "
            f"turned upright)")


def _unsupported(path: Path) -> str:
    if path.suffix.lower() == ".svg":
        return ("SVG is not accepted (an SVG file can carry scripts): export the picture as "
                "PNG or JPEG")
    return (f"'{path.suffix or path.name}' files are not supported in media/: use "
            + ", ".join(sorted(schema.IMAGE_FORMATS)) + " (with a sidecar .yaml beside each)")

