"""Run every content check on a loaded site, adding what they find to ``site.problems``.

Called once per build when every route is known (``signals.site_finalized``); the generator
then stops the build before anything is written if any problem is an error.  Each check is
a function of its own module returning ``Problem`` objects:

=============  ============================================================================
``text``       control and bidi characters in every file of ``content/`` and ``i18n/``
``markup``     raw HTML outside the sanitiser's allow-list, ``on…=`` attributes, URL schemes
``paths``      output paths that could leave ``output/``; titles that give no slug
``links``      ``{filename}``, root, relative and ``#anchor`` links in bodies and translations
``catalogs``   the same rules for translations, at their ``.po`` line
=============  ============================================================================

The front-matter itself is validated where it is read (``layar.schema``, by the site and
topics plugins); the whole-output link check runs after rendering (``output``, called by
``layar_build`` on the staging folder).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from layar import frontmatter
from layar.errors import ContentError, Problem
from layar.extract import what_is
from layar_site import signals

from .catalogs import PoFile, check_po, po_files
from .links import LinkIndex, check_source
from .markup import check_markdown
from .paths import check_routes
from .text import check_text

logger = logging.getLogger(__name__)

EXTENSION = "layar_check"
#: Setting: URL path prefixes the link checks skip (files made outside the build).
IGNORE_SETTING = "LAYAR_CHECK_IGNORE_LINKS"
SETTINGS_FILE = "pelicanconf.py"


@dataclass
class CheckState:
    """The checks' per-build state, at ``site.extensions["layar_check"]``.

    Plugins that write files other than routes (feeds, JSON) may add their output paths to
    ``outputs`` in ``site_loaded`` so that content can link to them.
    """

    outputs: set[str] = field(default_factory=set)
    ran: bool = False
    files: int = 0


def state_of(site) -> CheckState:
    return site.extensions.setdefault(EXTENSION, CheckState())


def check_site(site) -> None:
    """Run every content check of this build on ``site`` (see the module docstring)."""
    state = state_of(site)
    s = site.settings
    root = s.content_path.parent
    found: list[Problem] = []
    files = sorted(s.content_path.rglob("*.md"))
    for path in files:
        found += check_file(path, root)
    found += check_routes(site, SETTINGS_FILE)
    catalogs = po_files(s.i18n_dir, root, site.languages)
    for po in catalogs:
        found += check_po(po)
    ignore = tuple(site.pelican_settings.get(IGNORE_SETTING, ()) or ())
    index = LinkIndex(site, state.outputs, ignore)
    content_po = {po.lang: po for po in catalogs if po.domain == "content"}
    for route in site.routes:
        source = route.obj
        if not _is_source(source):
            continue
        found += check_source(index, source, route, _translations(site, source, content_po))
    for _receiver, result in signals.check_catalogs.send(site, root=root,
                                                         languages=site.languages):
        found += list(result or ())
    site.problems.extend(found)
    state.ran = True
    state.files = len(files) + len(catalogs)
    logger.debug("checks: %d files, %d problems", state.files, len(found))


def check_file(path: Path, root: Path) -> list[Problem]:
    """Size, encoding, characters and body markup of one file under ``content/``."""
    shown = path.relative_to(root).as_posix()
    try:
        text = frontmatter.read_text(path, shown)
    except ContentError as exc:
        return [exc.problem]
    problems = check_text(shown, text)
    if what_is(shown) is None:
        return problems  # not content (e.g. a README): only its characters matter
    try:
        doc = frontmatter.parse(text, shown)
    except ContentError:
        return problems  # the loader reports it
    return problems + check_markdown(shown, doc.body, doc.body_line)


def _is_source(obj) -> bool:
    return all(hasattr(obj, a) for a in ("path", "doc", "blocks", "lang"))


def _translations(site, source, content_po: dict[str, PoFile]):
    """``(text, path, line, label)`` for every translation of every unit of ``source``."""
    for block in source.blocks:
        for text, body_line in zip(block.texts, block.lines):
            line = source.doc.body_line + body_line - 1
            for lang in site.languages:
                if lang == source.lang or lang not in site.catalogs:
                    continue
                translated = site.catalogs[lang].text(text, source.lang)
                if translated.fallback or translated == text:
                    continue
                po = content_po.get(lang)
                if po is not None and text in po.lines:
                    yield (translated, po.shown, po.lines[text],
                           f"translation of {source.path}:{line}")
                else:
                    yield translated, source.path, line, f"the {lang} translation of this line"
