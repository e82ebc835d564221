"""``invoke new``: start an article or a topic file that already passes ``invoke check``,
or bring a picture into ``content/media/`` with the sidecar its editor fills in; and
``invoke media.strip``: remove the metadata of pictures already there.

A picture is copied without its metadata (``layar.originals.strip``: no EXIF, GPS, XMP,
IPTC or maker notes; turned upright first), so a photographer's position or camera never
reaches the repository.

The front-matter is made from the schema's required fields with the values given, written
with the same YAML writer as the ingest (so ``title: No`` is quoted and stays text), and the
file is never overwritten.  An article's file shows every field an editor fills in, each
with its help from the schema as a comment, the optional ones commented out with an example.
Editors then replace the placeholder body.
"""
from __future__ import annotations

import datetime as dt
import logging
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from layar import frontmatter, schema, yamlio
from layar.errors import LayarError
from layar.languages import LANGUAGES

if TYPE_CHECKING:
    from layar.originals import Stripped

logger = logging.getLogger(__name__)

#: Titles longer than this are cut in search results and link previews (a warning).
TITLE_LONG = 110

ARTICLE_BODY = schema.PLACEHOLDER_BODIES["article"]
TOPIC_BODY = schema.PLACEHOLDER_BODIES["topic"]


class ScaffoldError(LayarError):
    """The file cannot be made (bad option, or it exists already)."""


def new_article(folder: Path, lang: str, title: str, *, date: str | None = None,
                publisher: str = "Layar", author: str = "", slug: str | None = None,
                summary: str = "") -> Path:
    """Write ``<folder>/<slug>.md`` and return its path."""
    from layar_site.content import default_slug

    if lang not in LANGUAGES:
        raise ScaffoldError(f"--lang must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    title = (title or "").strip()
    if not title:
        raise ScaffoldError("--title is required")
    if len(title) > TITLE_LONG:
        logger.warning("the title has %d characters: search results and shared links cut "
                       "it after about %d; a shorter headline reads better", len(title),
                       TITLE_LONG)
    slug = slug or default_slug(title)
    if not schema.SLUG_RE.match(slug or ""):
        raise ScaffoldError(f"cannot make a URL slug from the title (got {slug!r}); "
                            f"give one with --slug words-joined-by-dashes")
    date = date or dt.date.today().isoformat()
    try:
        schema.parse_when(date)
    except ValueError as exc:
        raise ScaffoldError(f"--date: {exc}") from None
    meta: dict[str, Any] = {"title": title, "slug": slug, "lang": lang, "date": date,
                            "author": author, "publisher": publisher, "summary": summary,
                            "topics": {}}
    return _write(Path(folder) / f"{slug}.md", meta, ARTICLE_BODY,
                  commented=(schema.ARTICLE_FIELDS, ARTICLE_EXAMPLES))


#: The optional article fields a new file shows commented out, with an example value each
#: (an empty ``url`` or ``image`` would be an error; these are filled in or left out).
ARTICLE_EXAMPLES = {
    "url": "https://example.com/the-original-article",
    "image": "../media/picture.jpg",
    "status": "draft",
}


def commented_front_matter(meta: dict[str, Any], fields, examples: Mapping[str, Any]) -> str:
    """The YAML of ``meta`` with each field's help (``layar.schema``) as a comment above it,
    then the ``examples`` commented out: every field an editor fills in, explained where it
    is filled in."""
    helps = {f.name: f.help for f in fields}
    chunks = []
    for key, value in [*meta.items(), *examples.items()]:
        comment = textwrap.fill(helps.get(key, ""), width=88, initial_indent="# ",
                                subsequent_indent="# ")
        line = yamlio.dump({key: value})
        if key not in meta:  # an example: commented out
            line = "".join(f"# {row}\n" for row in line.splitlines())
        chunks.append(f"{comment}\n{line}" if comment else line)
    return "".join(chunks)


def resolve_kind(kind: str, kinds: Mapping[str, Mapping[str, Any]]) -> str:
    """The kind key for ``tool``, ``tools``, ``Tool``, ``person``, ``organisation``…"""
    wanted = (kind or "").strip().casefold()
    for key, spec in kinds.items():
        names = {key, key.removesuffix("s"), str(spec.get("segment", key)),
                 str(spec.get("one", "")), str(spec.get("label", ""))}
        if wanted in {n.casefold() for n in names if n}:
            return key
    raise ScaffoldError(f"unknown kind {kind!r}; kinds are {', '.join(kinds)} "
                        f"(singular forms work too)")


def new_topic(folder: Path, kind: str, name: str, kinds: Mapping[str, Mapping[str, Any]], *,
              topic_id: str | None = None, summary: str | None = None) -> Path:
    """Write ``<folder>/<kind folder>/<id>.md`` and return its path."""
    from layar_site.content import default_slug

    key = resolve_kind(kind, kinds)
    name = (name or "").strip()
    if not name:
        raise ScaffoldError("--name is required")
    topic_id = topic_id or default_slug(name)
    if not schema.SLUG_RE.match(topic_id or ""):
        raise ScaffoldError(f"cannot make an id from the name (got {topic_id!r}); "
                            f"give one with --id words-joined-by-dashes")
    meta: dict[str, Any] = {
        "id": topic_id, "kind": key, "name": name,
        "summary": summary or schema.PLACEHOLDER_SUMMARY.format(name=name),
        "aliases": {lang: [] for lang in LANGUAGES}, "facts": {}, "related": [],
    }
    return _write(Path(folder) / key / f"{topic_id}.md", meta, TOPIC_BODY)


def _write(path: Path, meta: dict[str, Any], body: str, commented=None) -> Path:
    if commented is None:
        text = frontmatter.render(meta, body)
    else:
        yaml = commented_front_matter(meta, *commented)
        text = f"{frontmatter.FENCE}\n{yaml}{frontmatter.FENCE}\n\n{body.strip()}\n"
    frontmatter.parse(text, str(path))  # what we write must read back
    try:
        if path.exists():
            raise ScaffoldError(f"{path} exists already; edit it, or choose another title or "
                                f"--slug")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:  # e.g. a --slug too long for the file system
        raise ScaffoldError(f"cannot write {path.name}: {exc.strerror}; choose a shorter "
                            f"--slug") from None
    return path


SIDECAR_TEMPLATE = """\
# {shown}: {width}×{height} {format}, copied from {origin}.
{how}# Fill in alt, credit and license (`invoke check` reports them until then); see
# CONTRIBUTING.md, Pictures.
alt: ''
caption: ''
credit: ''
license: ''
# source: https://…
"""


def new_image(folder: Path, source: Path,
              name: str | None = None) -> tuple[Path, Path, Stripped]:
    """Copy the picture ``source`` into ``folder`` (``content/media``) under a URL-safe
    name, without its metadata, and write its sidecar; return both paths and what was
    removed.  A file the build would refuse (SVG, too large, truncated, not a picture) is
    refused here, with the same reason."""
    from layar import images, originals
    from layar_site.content import default_slug

    source = Path(source)
    if not source.is_file():
        raise ScaffoldError(f"there is no file {source}")
    ext = source.suffix.lower()
    if ext not in schema.IMAGE_FORMATS:
        raise ScaffoldError(f"{source.name}: '{ext or source.name}' files are not supported; "
                            f"use " + ", ".join(sorted(schema.IMAGE_FORMATS)))
    try:
        info = images.probe(source)
    except images.ImageProblem as exc:
        raise ScaffoldError(f"{source}: {exc}") from None
    stem = name or default_slug(source.stem)
    if not schema.SLUG_RE.match(stem or ""):
        raise ScaffoldError(f"cannot make a file name from {source.name!r}; give one with "
                            f"--name words-joined-by-dashes")
    folder = Path(folder)
    target, sidecar = folder / f"{stem}{ext}", folder / f"{stem}.yaml"
    taken = [p for p in folder.glob("*") if p.stem.casefold() == stem.casefold()] \
        if folder.is_dir() else []
    if taken:
        raise ScaffoldError(f"{taken[0]} exists already; choose another --name")
    try:
        stripped = originals.strip(source.read_bytes())
    except originals.OriginalProblem as exc:
        raise ScaffoldError(f"{source}: {exc}") from None
    folder.mkdir(parents=True, exist_ok=True)
    target.write_bytes(stripped.data)
    shown = f"{folder.parent.name}/{folder.name}/{target.name}"
    sidecar.write_text(SIDECAR_TEMPLATE.format(
        shown=shown, width=info.width, height=info.height, format=info.format,
        origin=source.name, how=_how(stripped)), encoding="utf-8")
    return target, sidecar, stripped


def _how(stripped: Stripped) -> str:
    """The sidecar's comment lines saying what the copy left out, and how it was turned."""
    parts = []
    if stripped.removed:
        parts.append(f"without its {_and(stripped.removed)}")
    if stripped.reencoded:
        parts.append(f"turned upright (EXIF orientation {stripped.orientation})")
    if not parts:
        return ""
    return textwrap.fill(f"Copied {', '.join(parts)}.", width=88, initial_indent="# ",
                         subsequent_indent="# ") + "\n"


def _and(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def describe(stripped: Stripped) -> str:
    """What ``strip`` did, for the editor: what it removed, and whether the pixels were
    encoded again."""
    if not stripped.removed and not stripped.reencoded:
        return "it carried no metadata; copied as it was"
    said = f"removed its {_and(stripped.removed)}" if stripped.removed else "no metadata"
    if stripped.reencoded:
        said += (f"; turned upright (EXIF orientation {stripped.orientation}) and encoded "
                 f"again, losslessly for PNG and WebP, with the original's quality for JPEG")
    else:
        said += "; the pixels are unchanged"
    return said


def private_pictures(folder: Path) -> list[Path]:
    """The pictures of ``folder`` (``content/media``) that carry a GPS position or a
    serial number (``layar.originals.findings``): what ``invoke check`` reports."""
    from layar import originals

    found = []
    for path in sorted(Path(folder).rglob("*")) if Path(folder).is_dir() else []:
        if path.is_file() and path.suffix.lower() in schema.IMAGE_FORMATS:
            try:
                if originals.findings(path.read_bytes()):
                    found.append(path)
            except originals.OriginalProblem:
                continue  # a damaged picture: the check reports it
    return found


def strip_image(path: Path) -> Stripped | None:
    """Remove the metadata of the picture at ``path`` in place (``layar.originals.strip``);
    return what was done, or None when the file had nothing to remove."""
    from layar import originals

    path = Path(path)
    if not path.is_file():
        raise ScaffoldError(f"there is no file {path}")
    if path.suffix.lower() not in schema.IMAGE_FORMATS:
        raise ScaffoldError(f"{path.name}: only " + ", ".join(sorted(schema.IMAGE_FORMATS))
                            + " pictures can be stripped")
    data = path.read_bytes()
    try:
        stripped = originals.strip(data)
    except originals.OriginalProblem as exc:
        raise ScaffoldError(f"{path}: {exc}") from None
    if stripped.data == data:
        return None
    tmp = path.with_name(f".{path.name}.strip.tmp")
    tmp.write_bytes(stripped.data)
    tmp.replace(path)
    return stripped
