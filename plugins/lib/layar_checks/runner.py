"""Run every content check on a loaded site, adding what they find to ``site.problems``.

Called once per build by the pipeline when every route is known (``run_checks``, step 6 of
``layar_build.pipeline``), which then stops the build before anything is written if any
problem is an error.  Each check is
a function of its own module returning ``Problem`` objects:

=============  ============================================================================
``text``       control and bidi characters in every file of ``content/`` and ``i18n/``
``body``       unfinished bodies: empty, only headings, placeholder text; ``#`` headings
``markup``     raw HTML outside the sanitiser's allow-list, ``on…=`` attributes, URL schemes
``paths``      output paths that could leave ``output/``; titles that give no slug
``links``      ``{filename}``, root, relative and ``#anchor`` links in bodies and translations
``catalogs``   the same rules for translations, at their ``.po`` line; what GNU
               ``msgfmt -c`` rejects
``catalog_lint`` syntax, placeholders, out-of-date catalogs (``invoke i18n.lint``)
=============  ============================================================================

What a check finds in one file depends on that file alone (its bytes), except link
resolution, which depends on the whole site: the per-file findings are kept in the
``checks`` store (``layar_site.cache``) and reused by the next build for unchanged files;
links are resolved again in every build.

The front-matter itself is validated where it is read (``layar.schema``, by the site and
topics plugins); the whole-output link check runs after rendering (``output``, called by
``layar_build`` on the staging folder).
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from layar import frontmatter
from layar.blocks import parse_blocks
from layar.errors import ContentError, Problem
from layar.extract import what_is
from .body import check_body
from .catalog_lint import lint_site
from .catalogs import (PoFile, check_characters, check_content_translations,
                       check_interface_translations, po_files, start_msgfmt)
from .links import LinkIndex, check_source
from .markup import check_scan
from .paths import check_routes
from .settings import CheckSettings
from .text import check_text
from .tokens import Scan, may_have_markup, scan_blocks

logger = logging.getLogger(__name__)

SETTINGS_FILE = "pelicanconf.py"


@dataclass
class CheckState:
    """What the checks of one build were given and did, at ``site.checks``.

    ``settings`` are the ``LAYAR_CHECK_*`` settings, validated with the build's own.
    Plugins that write files other than routes (feeds, JSON) may add their output paths to
    ``outputs`` (``site.checks.outputs``, in ``site_loaded``) so that content can link to
    them.
    """

    settings: CheckSettings = field(default_factory=CheckSettings)
    outputs: set[str] = field(default_factory=set)
    ran: bool = False
    files: int = 0


#: Modules whose code decides what the cached checks find (with the packages below).
STORE_MODULES = ("layar.blocks", "layar.errors", "layar.extract", "layar.frontmatter",
                 "layar.sanitize", "layar.schema", "layar_checks.body", "layar_checks.catalogs", "layar_checks.markup",
                 "layar_checks.runner", "layar_checks.text", "layar_checks.tokens",
                 "layar_checks.urls")
STORE_PACKAGES = ("babel", "markdown-it-py", "mdit-py-plugins", "nh3", "PyYAML")


def check_store(site):
    """The ``checks`` store of this build (see the module docstring)."""
    import importlib

    return site.store("checks", tuple(importlib.import_module(m) for m in STORE_MODULES),
                      STORE_PACKAGES)


def run_checks(site) -> CheckState:
    """Run every content check of this build on ``site`` (see the module docstring); what
    they find joins ``site.problems``; their state is ``site.checks``.

    The catalog lint runs in this process while the other checks run in a forked one
    (``LAYAR_WORKERS`` > 1): they read the same loaded site and share nothing else, and
    the lint keeps what it parsed for the next build."""
    from layar_site.parallel import map_forked

    state = site.checks
    s = site.settings
    root = s.content_path.parent
    files = sorted(s.content_path.rglob("*.md"))
    store = check_store(site)
    mark = store.mark()
    catalogs = po_files(s.i18n_dir, root, site.languages, store)

    def lint() -> list[Problem]:
        # The problems ``invoke i18n.lint`` reports, reusing the documents this build parsed.
        return list(lint_site(site, root, site.languages))

    def content() -> tuple[list[Problem], tuple]:
        # Run in a forked process: what it adds to the store comes back with its findings.
        return _content_checks(site, files, catalogs, store), store.delta(mark)

    parts = map_forked(lambda job: job(), [lint, content], min(2, s.workers))
    content_found, delta = parts[1]
    store.apply(delta)
    found = content_found + parts[0]
    site.problems.extend(found)
    state.ran = True
    state.files = len(files) + len(catalogs)
    logger.debug("checks: %d files, %d problems", state.files, len(found))
    return state


def _content_checks(site, files: list[Path], catalogs: list[PoFile],
                    store=None) -> list[Problem]:
    """Every check but the catalog lint: files, routes, translations and links."""
    state = site.checks
    root = site.settings.content_path.parent
    found: list[Problem] = []
    # GNU msgfmt reads every catalog meanwhile, in processes of its own.
    msgfmt = [start_msgfmt(po) for po in catalogs]
    # Bodies as the build parsed them (the site's caches apply), by file.
    loaded = {src.path: src for src in _sources(site)}
    scans: dict[str, Scan] = {}
    for path in files:
        found += _check_file(path, root, loaded, scans, store)
    found += check_routes(site, SETTINGS_FILE)
    for po, msgfmt_found in zip(catalogs, msgfmt):
        found += check_characters(po)
        found += msgfmt_found()
        if po.domain == "messages":
            found += check_interface_translations(po)
        elif po.lang in site.catalogs:
            catalog = site.catalogs[po.lang]
            found += check_content_translations(po, catalog.entries, catalog.digest)
    index = LinkIndex(site, state.outputs, state.settings.ignore_links, store)
    content_po = {po.lang: po for po in catalogs if po.domain == "content"}
    for route in site.routes:
        source = route.obj
        if not _is_source(source):
            continue
        found += check_source(index, source, route, _translations(site, source, content_po),
                              scans.get(source.path))
    for source in site.rejected:  # invalid front-matter: the body is still checked
        found += check_source(index, source, None, (), scans.get(source.path))
    for source in _sources(site):  # lead images (front-matter `image:`)
        image = source.meta.get("image") if isinstance(getattr(source, "meta", None), dict) else None
        if isinstance(image, str):
            _media, reason = site.media.resolve(image, source.path)
            if reason:
                found.append(Problem(source.path, source.doc.line_of("image"), "error",
                                     f"'image': {reason}"))
    return found


def _check_file(path: Path, root: Path, loaded: dict, scans: dict, store) -> list[Problem]:
    """``check_file``, reused from ``store`` while the file's bytes are the same."""
    if store is None:
        return check_file(path, root, loaded, scans)
    shown = path.relative_to(root).as_posix()
    try:
        key = ("file", shown, hashlib.sha256(path.read_bytes()).digest())
    except OSError:
        return check_file(path, root, loaded, scans)

    def compute():
        mine: dict = {}
        return check_file(path, root, loaded, mine), mine.get(shown)

    problems, found = store.memo(key, compute)
    if found is not None:
        scans[shown] = found
    return problems


def check_file(path: Path, root: Path, loaded: dict | None = None,
               scans: dict | None = None) -> list[Problem]:
    """Size, encoding, characters and body markup of one file under ``content/``.

    ``loaded`` maps shown paths to the sources the build loaded (their parsed bodies are
    reused); the body's scan is left in ``scans`` for the link check.
    """
    shown = path.relative_to(root).as_posix()
    try:
        text = frontmatter.read_text(path, shown)
    except ContentError as exc:
        return [exc.problem]
    problems = check_text(shown, text)
    if what_is(shown) is None:
        return problems  # not content (e.g. a README): only its characters matter
    source = (loaded or {}).get(shown)
    if source is not None:
        doc, blocks = source.doc, source.blocks
    else:
        try:
            doc = frontmatter.parse(text, shown)
        except ContentError:
            return problems  # the loader reports it
        blocks = parse_blocks(doc.body)
    body_line = doc.body_line
    found = scan_blocks(blocks, body_line)
    if scans is not None:
        scans[shown] = found
    structure = [Problem(shown, body_line + b.line - 1, "error", b.issue)
                 for b in blocks if b.issue]
    return (problems + structure + check_body(shown, what_is(shown), doc, blocks)
            + check_scan(shown, found))


def _sources(site):
    seen = set()
    for obj in [*site.articles, *site.pages, *(route.obj for route in site.routes)]:
        if _is_source(obj) and id(obj) not in seen:
            seen.add(id(obj))
            yield obj


def _is_source(obj) -> bool:
    return all(hasattr(obj, a) for a in ("path", "doc", "blocks", "lang"))


def _translations(site, source, content_po: dict[str, PoFile]):
    """``(text, path, line, label)`` for each translation of a unit of ``source`` that may
    hold a link (the ``.po`` line is looked up only then)."""
    for block in source.blocks:
        for text, body_line in zip(block.texts, block.lines):
            line = source.doc.body_line + body_line - 1
            for lang in site.languages:
                if lang == source.lang or lang not in site.catalogs:
                    continue
                translated = site.catalogs[lang].text(text, source.lang)
                if translated.fallback or translated == text or not may_have_markup(translated):
                    continue
                po = content_po.get(lang)
                po_line = po.line_of(text) if po is not None else None
                if po_line:
                    yield translated, po.shown, po_line, f"translation of {source.path}:{line}"
                else:
                    yield translated, source.path, line, f"the {lang} translation of this line"
