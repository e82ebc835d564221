"""Catalogs stay valid for the translators' tools: no catalog tool changes an entry it was not
asked to change, flags included, and after every tool (extract, update, import, compile, the
writer) every catalog passes GNU ``msgfmt -c``.  On a copy of the repository's own sources
and catalogs in ``tmp_path``.

The bug this guards: ``invoke i18n.import FILE.po --lang nl`` with one fuzzy entry resolved
also added ``#, python-format`` to an untouched entry whose text holds "17% dibanding"
(Babel guesses the flag from every msgid it reads), and ``msgfmt -c`` then refused
``content.po``: its Dutch translation says "17 procent".
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from layar_i18n_tools import extract_all, import_po, update_all
from layar_i18n_tools.maintain import read_catalog, write_catalog
from layar_site.catalogs import compile_catalogs

pytestmark = pytest.mark.skipif(not shutil.which("msgfmt") or not shutil.which("msgcat"),
                                reason="GNU gettext is not installed")

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("id", "nl", "en")
PERCENT = "naik 17% dibanding tahun lalu"


@pytest.fixture
def project(tmp_path):
    """A copy of what the catalog tools read and write: sources, theme, code, catalogs."""
    root = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc")
    for folder in ("content", "theme", "plugins", "i18n"):
        shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
    shutil.copy(ROOT / "pelicanconf.py", root / "pelicanconf.py")
    return root


def catalogs(root: Path) -> list[Path]:
    return sorted((root / "i18n").glob("*.pot")) + sorted((root / "i18n").glob("*/LC_MESSAGES/*.po"))


def msgfmt_errors(root: Path) -> list[str]:
    """What ``msgfmt -c`` rejects in every catalog under ``root`` (its warnings left out)."""
    errors = []
    for path in catalogs(root):
        done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True,
                              text=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
        errors += [line for line in done.stderr.splitlines() if "warning:" not in line]
        assert done.returncode == 0 or errors, done.stderr
    return errors


def entries(path: Path) -> dict[str, str]:
    """The entries of a catalog as written, by their msgid lines (the header under '')."""
    blocks = path.read_text("utf-8").split("\n\n")
    found = {}
    for block in blocks:
        lines = block.splitlines()
        start = next((i for i, line in enumerate(lines) if line.startswith(("msgctxt", "msgid"))),
                     None)
        end = next((i for i, line in enumerate(lines) if line.startswith("msgstr")), len(lines))
        key = "\n".join(lines[start:end]) if start is not None else block
        found[key] = block
    return found


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in catalogs(root)}


def test_the_repositorys_catalogs_pass_msgfmt():
    assert msgfmt_errors(ROOT) == []


def test_import_of_one_resolved_fuzzy_entry_changes_that_entry_only(project, tmp_path):
    """The exact scenario of the bug: one fuzzy entry of nl/content.po resolved through
    ``invoke i18n.import FILE.po --lang nl``."""
    po = project / "i18n" / "nl" / "LC_MESSAGES" / "content.po"
    text = po.read_text("utf-8")
    assert PERCENT in text.replace('"\n"', "")
    # A translator's state: one entry fuzzy, as gettext writes it (the line before msgid).
    rows = text.splitlines(keepends=True)
    at = next(i for i, row in enumerate(rows) if row.startswith('msgid "')
              and "17%" not in row and i > len(rows) // 2 and rows[i - 1].startswith("#:"))
    rows.insert(at, "#, fuzzy\n")
    po.write_text("".join(rows), "utf-8")
    assert msgfmt_errors(project) == []
    before, others = entries(po), {k: v for k, v in snapshot(project).items()
                                    if not k.endswith("nl/LC_MESSAGES/content.po")}
    target = next(key for key, block in before.items() if "#, fuzzy" in block)
    msgid = read_catalog(po, "nl", "content").get(
        next(m.id for m in read_catalog(po, "nl", "content") if m.fuzzy)).id

    compendium = Catalog(locale="nl")
    compendium.add(msgid, "Een nagekeken vertaling.")
    file = tmp_path / "FILE.po"
    write_catalog(file, compendium)
    result = import_po(project, file, "nl", LANGS)
    assert (result.replaced, result.refused) == ({"i18n/nl/LC_MESSAGES/content.po": 1}, [])

    after = entries(po)
    assert after.keys() == before.keys()
    changed = {key for key in before if before[key] != after[key]}
    assert changed == {target}, "entries nobody asked to change were changed"
    assert "#, fuzzy" not in after[target] and "Een nagekeken vertaling." in after[target]
    percent = next(key for key in before if PERCENT in key.replace('"\nmsgid', "")
                   .replace('"\n"', ""))
    assert "python-format" not in after[percent] and after[percent] == before[percent]
    assert {k: v for k, v in snapshot(project).items()
            if not k.endswith("nl/LC_MESSAGES/content.po")} == others
    assert msgfmt_errors(project) == []


def test_reading_and_writing_changes_no_byte_of_any_catalog(project):
    """The writer (``write_catalog``, GNU msgcat's form): what it reads it writes back."""
    before = snapshot(project)
    for path in catalogs(project):
        write_catalog(path, read_catalog(path))
    assert snapshot(project) == before


def test_a_content_unit_gets_no_format_flag_from_its_text(project):
    po = project / "i18n" / "nl" / "LC_MESSAGES" / "content.po"
    message = next(m for m in read_catalog(po, "nl", "content")
                   if isinstance(m.id, str) and PERCENT in m.id)
    assert message.flags == set()  # Babel itself would guess python-format here
    extract_all(project, ["content"])
    pot = read_catalog(project / "i18n" / "content.pot")
    assert not [m.id for m in pot if any(f.endswith("-format") for f in m.flags)]


def test_extract_changes_nothing_when_no_source_changed(project):
    before = snapshot(project)
    extract_all(project)
    assert snapshot(project) == before
    assert msgfmt_errors(project) == []


def test_update_changes_nothing_when_no_source_changed(project):
    before = snapshot(project)
    extract_all(project)
    update_all(project, LANGS)
    assert snapshot(project) == before
    assert msgfmt_errors(project) == []


def test_update_after_a_source_change_touches_that_unit_only(project):
    article = next((project / "content" / "articles").glob("begini-cara-netflix-*.md"))
    article.write_text(article.read_text("utf-8").replace("naik 17% dibanding",
                                                          "naik 18% dibanding"), "utf-8")
    po = project / "i18n" / "nl" / "LC_MESSAGES" / "content.po"
    before = entries(po)
    extract_all(project)
    update_all(project, LANGS)
    after = entries(po)
    gone, new = before.keys() - after.keys(), after.keys() - before.keys()
    assert len(gone) == 1 and len(new) == 1 and "17%" in next(iter(gone))
    (key,) = new
    assert "#, fuzzy" in after[key] and "python-format" not in after[key]
    assert all(after[k] == before[k] for k in after.keys() & before.keys() if k), \
        "entries whose source did not change were rewritten"
    assert msgfmt_errors(project) == []


def test_update_takes_format_flags_from_the_template(project):
    """An interface string keeps the python-format flag its template gives it; a flag the
    template does not give (added by hand, or by an old tool) goes."""
    ui = project / "i18n" / "nl" / "LC_MESSAGES" / "messages.po"
    flagged = [m.id for m in read_catalog(ui, "nl", "messages") if "python-format" in m.flags]
    assert flagged
    po = project / "i18n" / "nl" / "LC_MESSAGES" / "content.po"
    catalog = read_catalog(po, "nl", "content")
    unit = next(m for m in catalog if isinstance(m.id, str) and PERCENT in m.id)
    unit.flags.add("python-format")
    write_catalog(po, catalog)
    assert msgfmt_errors(project)  # as the old import left it
    extract_all(project)
    update_all(project, LANGS)
    assert msgfmt_errors(project) == []
    assert [m.id for m in read_catalog(ui, "nl", "messages")
            if "python-format" in m.flags] == flagged


def test_compile_leaves_the_catalogs_as_they_were(project):
    before = snapshot(project)
    written = compile_catalogs(project / "i18n", LANGS)
    assert len(written) == 6 and all(p.suffix == ".mo" for p in written)
    assert snapshot(project) == before
    assert msgfmt_errors(project) == []


def test_a_catalog_with_no_entry_keeps_its_header(tmp_path):
    """GNU msgcat writes nothing for a catalog without entries, and msgfmt rejects an empty
    file: the writer keeps the header (``msgcat --force-po``)."""
    from layar_i18n_tools.maintain import new_catalog

    path = tmp_path / "i18n" / "nl" / "LC_MESSAGES" / "messages.po"
    write_catalog(path, new_catalog("nl", "messages"))
    assert 'msgid ""' in path.read_text("utf-8")
    assert msgfmt_errors(tmp_path) == []
