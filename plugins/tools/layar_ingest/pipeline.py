"""Process seeds into articles: one pure build step, one careful write step.

:func:`build_article` turns seed bytes into an :class:`~.document.Article` (no file system
access; raises IngestError naming the seed).  :func:`ingest_seed` decides what to do with the
result, never destroying an editor's work:

* The article for a seed is found by ``source.file`` among ``<out>/*.md``, not by its slug,
  so its file name stays stable when an editor changes the title (or renames the file).
  A seed without an article gets ``<out>/<slug>.md`` (refused if that file exists).
* Same bytes as now produced -> "unchanged" (nothing written).
* The file is still exactly what the ingest wrote (see :mod:`.document`: the recorded
  ``source.ingest_sha256``) -> rewritten in place -> "ingested".
* The file was edited by hand:
  - the seed is unchanged (``source.sha256`` matches) -> "kept (edited)", nothing written;
  - the seed changed -> the new output goes to ``<file>.proposed`` beside it -> "proposal
    written" (an up-to-date proposal is left alone and the file reported "kept (edited)").
* ``--force`` overwrites the article whatever its state, and removes a stale proposal.

Files are written atomically (temporary file + rename), UTF-8 with LF line endings.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from layar import frontmatter
from layar.aliases import AliasIndex
from layar.errors import IngestError, LayarError, Problem

from . import dates, document, language, normalize, publisher, sentences, structure, tagging

log = logging.getLogger(__name__)

#: Seed file types found when a directory is given.
SEED_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
#: Less running text than this is not an article.
MIN_WORDS = 40
MIN_SENTENCES = 2
#: A text under a title and a dateline (a photo story, a brief) needs only this many words.
MIN_WORDS_DATED = 20

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SOURCE_LINE = re.compile(r"^[ \t]+file:[ \t]*['\"]?(?P<file>[^'\"\n]+?)['\"]?[ \t]*$", re.M)
_SEED_SHA_LINE = re.compile(r"^[ \t]+sha256:[ \t]*['\"]?(?P<hex>[0-9a-f]{64})['\"]?[ \t]*$", re.M)

INGESTED = "ingested"
UNCHANGED = "unchanged"
KEPT = "kept (edited)"
PROPOSED = "proposal written"
FAILED = "failed"


@dataclass(frozen=True)
class Result:
    """What happened to one seed."""

    status: str
    seed: str
    output: str = "-"
    reason: str = ""
    needs_review: bool = False

    def line(self) -> str:
        text = f"{self.status} {self.seed} -> {self.output}"
        return f"{text}: {self.reason}" if self.reason else text


# --- building ---------------------------------------------------------------------------


def is_html(path: Path, raw: bytes) -> bool:
    """A saved page: by suffix, or (other suffixes) by its first bytes."""
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    if path.suffix.lower() == ".txt":
        return False
    head = raw[:512].lstrip().lower()
    return head.startswith(b"<!doctype html") or head.startswith(b"<html")


def make_slug(title: str) -> str:
    """Pelican's slug of the title (ASCII), or "" when the title gives none."""
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    if not _SLUG.match(slug):  # e.g. underscores, which the site's schema does not allow
        slug = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
    return slug


def fallback_slug(source_file: str) -> str:
    """A slug for a seed without a title, from its file name ("003-343dc55e35afd3d3")."""
    return make_slug(Path(source_file).stem.replace("_", " ")) or "article"


def build_article(raw: bytes, source_file: str, *, html: bool = False,
                  index: AliasIndex | None = None) -> document.Article:
    """Turn seed bytes into an article; IngestError (naming ``source_file``) if impossible."""
    text = normalize.decode(raw, source_file)
    hints = None
    if html:
        from . import webpage

        text, hints = webpage.extract(text, source_file)
    text = normalize.normalize(text)
    try:
        if hints is not None:
            parsed = structure.from_extracted(text, hints)
        else:
            parsed = structure.analyse(text, lang=language.detect(text).lang)
        return _article(parsed, text, raw, source_file, index)
    except IngestError as exc:
        raise IngestError(f"{source_file}: {exc}") from None


def _article(parsed: structure.Parsed, text: str, raw: bytes, source_file: str,
             index: AliasIndex | None) -> document.Article:
    running = [b.text for b in parsed.blocks if b.kind == "p"]
    running += [item for b in parsed.blocks if b.kind == "ul" for item in b.items]
    words = sum(len(t.split()) for t in running)
    # A brief (a photo story's caption text) is an article when its header is complete.
    needed = MIN_WORDS_DATED if parsed.title and parsed.dateline is not None else MIN_WORDS
    if words < needed or sum(sentences.count(t) for t in running) < MIN_SENTENCES:
        raise IngestError(
            f"not an article: only {words} words of running text "
            f"(at least {MIN_WORDS} words in {MIN_SENTENCES}+ sentences are needed, "
            f"{MIN_WORDS_DATED} under a title and a dateline)"
        )
    body_text = "\n".join(
        b.text if b.kind != "ul" else "\n".join(b.items) for b in parsed.blocks
    )
    detected = language.detect(f"{parsed.title}\n{body_text}")
    lang = detected.lang
    review: list[str] = []

    title = parsed.title
    slug = make_slug(title) if title else ""
    if not title:
        review.append("title: not found in the seed")
    if not slug:
        slug = fallback_slug(source_file)
        review.append("slug: made from the seed's file name because the seed has no usable "
                      "title; derive it from the title once an editor has written one")
    if detected.confidence < language.CONFIDENT:
        review.append(f"lang: detected as '{lang}' with low confidence ({detected.confidence:.2f})")

    date = ""
    span = parsed.dateline
    if span is None and parsed.hints.date:
        span = dates.find(parsed.hints.date)
    if span is not None:
        resolved = dates.resolve(span, lang)
        date = resolved.value
        if resolved.note:
            review.append(resolved.note)
    else:
        review.append("date: no dateline found in the seed")

    author = parsed.author
    if not author:
        review.append("author: no byline found in the seed")
    outlet = publisher.find(parsed, text)
    if not outlet:
        review.append("publisher: the seed does not name the outlet")

    topics: dict[str, list[str]] = {}
    if index is not None and len(index):
        topics = tagging.tag(index, lang, title, parsed.summary, body_text)
        if not topics:
            review.append("topics: no topic of the registry is mentioned")
    else:
        review.append("topics: the topic registry was empty or missing when this was ingested")

    return document.Article(
        title=title,
        slug=slug,
        lang=lang,
        date=date,
        author=author,
        publisher=outlet,
        summary=parsed.summary,
        topics=topics,
        source_file=source_file,
        source_sha256=hashlib.sha256(raw).hexdigest(),
        review=tuple(review),
        blocks=parsed.blocks,
        url=parsed.hints.url,
    )


# --- finding seeds and articles ------------------------------------------------------------


def collect_seeds(sources: list[str | Path]) -> tuple[list[Path], list[str]]:
    """Seed files named by ``sources`` (files, or directories scanned for *.txt/*.html)."""
    seeds: list[Path] = []
    problems: list[str] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            seeds.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and p.suffix.lower() in SEED_SUFFIXES))
        elif path.is_file():
            seeds.append(path)
        else:
            problems.append(f"{source}: no such file or directory")
    unique = list(dict.fromkeys(p.resolve() for p in seeds))
    return [Path(p) for p in unique], problems


def seed_label(path: Path, root: Path | None = None) -> str:
    """``source.file`` of a seed: its path relative to the project root (the working
    directory), e.g. ``seeds/000_x.txt``; outside it, ``<folder>/<file>``."""
    root = (root or Path.cwd()).resolve()
    resolved = path.resolve()
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return f"{resolved.parent.name}/{resolved.name}"


@dataclass
class Articles:
    """The articles already in the output folder, by the seed they came from."""

    by_seed: dict[str, list[Path]]

    @classmethod
    def scan(cls, out_dir: Path) -> "Articles":
        by_seed: dict[str, list[Path]] = {}
        for path in sorted(out_dir.glob("*.md")):
            seed = _source_of(path)
            if seed:
                by_seed.setdefault(seed, []).append(path)
        return cls(by_seed)

    def find(self, seed: str) -> Path | None:
        paths = self.by_seed.get(seed, [])
        if len(paths) > 1:
            raise IngestError(f"{seed}: several articles claim this seed: "
                              + ", ".join(str(p) for p in paths))
        return paths[0] if paths else None

    def add(self, seed: str, path: Path) -> None:
        self.by_seed.setdefault(seed, []).append(path)


def _source_of(path: Path) -> str | None:
    """``source.file`` of an article file; read textually when its YAML is broken."""
    try:
        meta = frontmatter.load(path).meta
        source = meta.get("source")
        if isinstance(source, dict) and isinstance(source.get("file"), str):
            return source["file"]
        return None
    except (LayarError, OSError) as exc:
        log.warning("%s: cannot be parsed (%s); looking for its source textually", path, exc)
    try:
        match = _SOURCE_LINE.search(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return match.group("file") if match else None


def _seed_sha_of(text: str) -> str | None:
    try:
        meta = frontmatter.parse(text).meta
        source = meta.get("source")
        value = source.get("sha256") if isinstance(source, dict) else None
        return value if isinstance(value, str) else None
    except LayarError:
        match = _SEED_SHA_LINE.search(text)
        return match.group("hex") if match else None


def _review_of(text: str) -> bool:
    try:
        return bool(frontmatter.parse(text).meta.get("review"))
    except LayarError:
        return True


# --- writing --------------------------------------------------------------------------------


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with LF endings atomically (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def ingest_seed(seed: Path, out_dir: Path, articles: Articles, index: AliasIndex | None,
                force: bool = False, root: Path | None = None) -> Result:
    """Build the article for ``seed`` and write it without destroying edits."""
    label = seed_label(seed, root)
    try:
        raw = seed.read_bytes()
    except OSError as exc:
        return Result(FAILED, label, reason=f"{label}: cannot be read: {exc.strerror or exc}")
    try:
        article = build_article(raw, label, html=is_html(seed, raw), index=index)
        target = articles.find(label)
    except IngestError as exc:
        return Result(FAILED, label, reason=str(exc))
    rendered = document.render(article)
    needs_review = bool(article.review)

    if target is None:
        target = out_dir / f"{article.slug}.md"
        if target.exists():
            return Result(FAILED, label, str(target),
                          f"{label}: {target} already exists and is not this seed's article "
                          "(same slug as another seed, or its source.file was changed)")
        write_text(target, rendered)
        articles.add(label, target)
        return Result(INGESTED, label, str(target), needs_review=needs_review)

    current = _read(target)
    proposal = target.with_name(target.name + ".proposed")
    if current == rendered:
        return Result(UNCHANGED, label, str(target), needs_review=needs_review)
    if force:
        write_text(target, rendered)
        if proposal.exists():
            proposal.unlink()
        edited = current is None or not document.is_pristine(current)
        return Result(INGESTED, label, str(target),
                      "forced: the editor's changes were overwritten" if edited else "",
                      needs_review)
    if current is not None and document.is_pristine(current):
        write_text(target, rendered)
        seed_changed = _seed_sha_of(current) != article.source_sha256
        return Result(INGESTED, label, str(target),
                      "updated: the seed changed" if seed_changed else "updated", needs_review)

    edited_review = _review_of(current) if current is not None else True
    if current is not None and _seed_sha_of(current) == article.source_sha256:
        return Result(KEPT, label, str(target), needs_review=edited_review)
    if _read(proposal) == rendered:
        return Result(KEPT, label, str(target),
                      f"the seed changed since; the proposal {proposal} is up to date",
                      edited_review)
    write_text(proposal, rendered)
    return Result(PROPOSED, label, str(proposal),
                  f"{target} was edited by hand and the seed changed; compare and merge",
                  edited_review)


def run(sources: list[str | Path], out_dir: str | Path, topics_dir: str | Path | None,
        force: bool = False, index: AliasIndex | None = None,
        kinds: Mapping[str, Mapping[str, Any]] | None = None) -> tuple[list[Result], list[str]]:
    """Ingest every seed; return a result per seed and general problems (e.g. no seeds).

    Articles are tagged with ``index``, or else with the registry in ``topics_dir`` loaded
    on the topic ``kinds`` of the settings (by default those of ``pelicanconf.py`` in the
    working directory; ``registry.read_settings`` raises ConfigurationError when invalid).
    """
    from . import registry

    out = Path(out_dir)
    seeds, problems = collect_seeds(sources)
    if index is None and topics_dir is not None and Path(topics_dir).is_dir():
        if kinds is None:
            kinds = registry.read_settings().kinds
        index, registry_problems = registry.load_index(topics_dir, kinds)
        problems += [_registry_problem(p) for p in registry_problems]
    elif index is None:
        problems.append(f"topics: {topics_dir}: no topic registry; articles are not tagged")
    if not seeds:
        problems.append("no seed files found in " + ", ".join(map(str, sources)))
    articles = Articles.scan(out) if out.is_dir() else Articles({})
    results = [ingest_seed(seed, out, articles, index, force) for seed in seeds]
    return results, problems


def _registry_problem(problem: Problem) -> str:
    """A registry problem as the ingest reports it (a topic with an error is not used)."""
    text = f"topics: {problem.path}:{problem.line}: {problem.message}"
    return text + ("; the topic is not used for tagging" if problem.is_error else "")
