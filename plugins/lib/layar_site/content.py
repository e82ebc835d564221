"""Reading Layar's content once per build: articles and pages, validated by the schema.

Every problem in every file is collected (``site.problems``) rather than raised, so one run
reports them all; a file with an error is still kept out of the site.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from layar import frontmatter, schema
from layar.blocks import Block, parse_blocks
from layar.errors import ContentError, Problem

logger = logging.getLogger(__name__)


@dataclass
class Source:
    """A parsed content file: where it is, its validated metadata and its body blocks."""

    path: str  # relative to the project root, e.g. content/articles/x.md
    meta: dict[str, Any]
    blocks: list[Block]
    body_line: int
    doc: frontmatter.Document
    lang: str = "en"

    def line_of(self, *key_path) -> int:
        return self.doc.line_of(*key_path)


@dataclass
class Article(Source):
    @property
    def slug(self) -> str:
        return self.meta["slug"]

    @property
    def key(self) -> str:
        return f"article:{self.slug}"


@dataclass
class Page(Source):
    @property
    def slug(self) -> str:
        return self.meta["slug"]

    @property
    def key(self) -> str:
        return "home" if self.slug == "home" else f"page:{self.slug}"


@dataclass
class Rejected(Source):
    """A file whose front-matter is invalid: it is never built, but its body and the parts
    of its front-matter that can be read are still checked, so that one run reports every
    problem of the file (``what``: article or page)."""

    what: str = "article"


def _doc_key(path: Path) -> tuple:
    return ("doc", str(path), hashlib.sha256(Path(path).read_bytes()).digest())


def _blocks_key(body: str) -> tuple:
    return ("blocks", hashlib.sha256(body.encode("utf-8")).digest())


def parse_document(path: Path, root: Path, store=None) -> frontmatter.Document:
    """``frontmatter.load(path, root)``, reused from ``store`` (a ``cache.Store``) when the
    same file had the same bytes before; raises ContentError as ``load`` does."""
    if store is None:
        return frontmatter.load(path, root)
    key = _doc_key(path)
    blob = store.get(key)
    if blob is None:
        doc = frontmatter.load(path, root)
        store.put(key, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
        return doc
    return pickle.loads(blob)  # a fresh object each time: callers may change it


def parse_body(body: str, store=None) -> list[Block]:
    """``parse_blocks(body)``, reused from ``store`` when the same body was parsed before."""
    if store is None:
        return parse_blocks(body)
    key = _blocks_key(body)
    blocks = store.get(key)
    if blocks is None:
        blocks = parse_blocks(body)
        store.put(key, blocks)
    return list(blocks)


def prefetch(paths: list[Path], root: Path, store, workers: int) -> int:
    """Parse the files ``store`` does not know yet in ``workers`` processes, into ``store``,
    so that loading them then only validates.  Files that do not parse are left to the
    loader, which reports their problems.  Returns how many files were parsed."""
    from .parallel import map_forked

    missing = []
    for path in paths:
        key = _doc_key(path)
        if store.get(key) is None:
            missing.append((path, key))

    def parse(item):
        path, key = item
        try:
            doc = frontmatter.load(path, root)
        except ContentError:
            return None
        return (key, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL),
                _blocks_key(doc.body), tuple(parse_blocks(doc.body)))

    for found in map_forked(parse, missing, workers):
        if found is not None:
            store.put(found[0], found[1])
            store.put(found[2], found[3])
    return len(missing)


def read_source(path: Path, root: Path, what: str, kinds, problems: list[Problem], store=None,
                rejected: list[Rejected] | None = None):
    """Parse and validate one file; return (document, metadata) or None on a fatal problem.

    A file that parses but does not validate is added to ``rejected`` for the checks."""
    shown = path.relative_to(root).as_posix()
    try:
        doc = parse_document(path, root, store)
    except ContentError as exc:
        problems.append(exc.problem)
        return None
    doc.path = shown
    before = len(problems)
    meta = schema.validate(doc, what, problems, kinds)
    if any(p.is_error for p in problems[before:]):
        if rejected is not None:
            raw = doc.meta if isinstance(doc.meta, dict) else {}
            lang = raw.get("lang") if isinstance(raw.get("lang"), str) else "en"
            rejected.append(Rejected(shown, raw, parse_body(doc.body, store), doc.body_line, doc,
                                     lang=lang, what=what))
        return None
    return doc, meta


#: The longest slug derived from a title: URLs stay readable and paths stay far below the
#: file systems' 255-byte name limit.
SLUG_MAX = 80


def default_slug(title: str) -> str:
    """The slug of ``title``: Pelican's slugify, cut at a word boundary after at most
    ``SLUG_MAX`` characters (a slug given in the front-matter is never cut)."""
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    if len(slug) <= SLUG_MAX:
        return slug
    cut = slug[:SLUG_MAX + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else slug[:SLUG_MAX]).strip("-")


@dataclass(frozen=True)
class Held:
    """A valid source left out of this build: a draft, or an article scheduled for later."""

    path: str
    why: str  # "draft" | "scheduled"
    date: str = ""
    #: Built all the same, with a banner (``LAYAR_SHOW_DRAFTS``: the editor's preview).
    shown: bool = False

    def __str__(self) -> str:
        return (f"{self.path}: {self.why}" + (f" for {self.date}" if self.date else "")
                + (" (shown, with a banner)" if self.shown else ""))


def held_back(meta: dict[str, Any], now: dt.datetime | None) -> str | None:
    """Why a validated source is left out of a build at time ``now`` (None: it is in)."""
    if schema.is_draft(meta):
        return "draft"
    when = meta.get("date")
    if now is not None and when is not None and when.sort_key > now:
        return "scheduled"
    return None


def load_articles(folder: Path, root: Path, kinds, problems: list[Problem],
                  store=None, now: dt.datetime | None = None,
                  held: list[Held] | None = None,
                  rejected: list[Rejected] | None = None,
                  show_drafts: bool = False, show_future: bool = False) -> list[Article]:
    """The articles of a build at time ``now``: drafts and articles dated after ``now``
    are validated (their problems reported) and listed in ``held``, never loaded unless
    ``show_drafts`` (drafts) or ``show_future`` (scheduled articles) asks for them (the
    preview), which loads them too, listed as ``shown``."""
    articles = []
    for path in sorted(folder.glob("*.md")):
        read = read_source(path, root, "article", kinds, problems, store, rejected)
        if read is None:
            continue
        doc, meta = read
        why = held_back(meta, now)
        if why is not None:
            shown = show_future if why == "scheduled" else show_drafts
            if held is not None:
                held.append(Held(doc.path, why, meta["date"].isoformat()
                                 if why == "scheduled" else "", shown=shown))
            if not shown:
                continue
        meta.setdefault("slug", default_slug(meta["title"]))
        articles.append(Article(doc.path, meta, parse_body(doc.body, store), doc.body_line, doc,
                                lang=meta["lang"]))
    return articles


def load_pages(folder: Path, root: Path, kinds, problems: list[Problem],
               store=None, held: list[Held] | None = None,
               rejected: list[Rejected] | None = None,
               show_drafts: bool = False) -> list[Page]:
    pages = []
    for path in sorted(folder.glob("*.md")):
        read = read_source(path, root, "page", kinds, problems, store, rejected)
        if read is None:
            continue
        doc, meta = read
        if schema.is_draft(meta):
            if held is not None:
                held.append(Held(doc.path, "draft", shown=show_drafts))
            if not show_drafts:
                continue
        pages.append(Page(doc.path, meta, parse_body(doc.body, store), doc.body_line, doc,
                          lang=meta.get("lang", "en")))
    return pages


def summary_opens_body(article: Article) -> bool:
    """True when the summary is the body's own opening (its standfirst paragraph or first
    sentences, or its key points as the first list): the page then shows it once, in the body."""
    summary = " ".join(str(article.meta.get("summary", "")).split())
    if not summary or not article.blocks:
        return False
    first = article.blocks[0]
    if first.kind not in ("paragraph", "list"):
        return False
    return " ".join(" ".join(first.texts).split()).startswith(summary)
