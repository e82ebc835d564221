"""``invoke check`` fails, at ``FILE.po:line``, on anything GNU ``msgfmt -c`` rejects: the
catalogs must stay valid for Poedit, Weblate and the gettext tools, not only for the build.
The catalogs are made by the project's own tools on a tiny site, then broken as a
translator's tool (or an old import) broke them."""
from __future__ import annotations

import shutil

import pytest

from layar_checks.catalogs import check_msgfmt, parse_msgfmt, PoFile

from .conftest import ARTICLE

pytestmark = pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext is not installed")

UNIT = "Pendapatan naik 17% dibanding tahun lalu."
DUTCH = "De omzet steeg 17 procent ten opzichte van vorig jaar."
WITH_PERCENT = ARTICLE.replace("Paragraf kedua.", UNIT)
NL = "i18n/nl/LC_MESSAGES/content.po"
UI = "i18n/id/LC_MESSAGES/messages.po"


def translated_site(tiny_site):
    """A tiny site whose Dutch catalog translates the unit with "17%", as the tools write it."""
    from layar_i18n_tools import extract_all, update_all
    from layar_i18n_tools.maintain import po_path, read_catalog, write_catalog

    site = tiny_site({"content/articles/ok.md": WITH_PERCENT})
    extract_all(site.root, ["content"])
    update_all(site.root, ("id", "nl", "en"), ["content"])
    path = po_path(site.root, "nl", "content")
    catalog = read_catalog(path, "nl", "content")
    catalog.get(UNIT).string = DUTCH
    write_catalog(path, catalog)
    return site


def flag_line(text: str, msgid: str, flag: str = "python-format") -> tuple[str, int]:
    """``text`` with ``#, flag`` added to the entry of ``msgid``, and the line of its
    msgstr (where msgfmt reports a translation's placeholders)."""
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("msgid") and
              msgid[:20] in "".join(lines[i:i + 3]).replace('"\n"', ""))
    lines.insert(at, f"#, {flag}\n")
    msgstr = next(i for i in range(at, len(lines)) if lines[i].startswith("msgstr"))
    return "".join(lines), msgstr + 1


def test_a_catalog_msgfmt_rejects_fails_the_build_at_its_line(tiny_site):
    site = translated_site(tiny_site)
    assert site.run("check").code == 0  # as the tools write it: valid
    site.run("build")
    before = site.snapshot("output")
    po = site.root / NL
    broken, line = flag_line(po.read_text("utf-8"), UNIT)
    po.write_text(broken, "utf-8")
    ui = site.root / UI  # and a second catalog, broken another way: both in one run
    rows = ui.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, row in enumerate(rows) if row.startswith('msgstr "') and row.strip()
              != 'msgstr ""' and rows[i - 1].startswith('msgid "') and rows[i - 1].strip()
              != 'msgid ""')
    rows[at] = rows[at].rstrip("\n").rstrip('"') + '\\n"\n'  # the msgstr ends with \n
    ui.write_text("".join(rows), "utf-8")
    ui_line = at + 1  # msgfmt names the msgstr's line

    outcome = site.run("build")
    assert outcome.code == 1, outcome.lines
    assert outcome.has(NL, line, "msgfmt -c: number of format specifications in 'msgid' and "
                       "'msgstr' does not match", "#, python-format",
                       "`invoke i18n.update` removes the flag"), "\n".join(outcome.lines)
    assert outcome.has(UI, ui_line, "msgfmt -c:", "do not both end with '\\n'",
                       "line break"), "\n".join(outcome.lines)
    assert site.snapshot("output") == before
    assert not any("Last-Translator" in line for line in outcome.lines)  # warnings left out
    assert not any("Traceback" in line for line in outcome.lines)


def test_the_update_the_hint_names_fixes_it(tiny_site):
    from layar_i18n_tools import extract_all, update_all

    site = translated_site(tiny_site)
    po = site.root / NL
    po.write_text(flag_line(po.read_text("utf-8"), UNIT)[0], "utf-8")
    assert site.run("check").code == 1
    extract_all(site.root, ["content"])
    update_all(site.root, ("id", "nl", "en"), ["content"])
    assert "python-format" not in po.read_text("utf-8")
    assert DUTCH in po.read_text("utf-8")  # the translation is kept
    assert site.run("check").code == 0


def test_msgfmt_messages_become_problems(tmp_path):
    path = tmp_path / "a.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "dup"\nmsgstr "x"\n\nmsgid "dup"\nmsgstr "y"\n\n'
                    'msgid "bad\nmsgstr "z"\n', "utf-8")
    problems = check_msgfmt(PoFile(path, "i18n/nl/LC_MESSAGES/a.po", "nl", "content"))
    assert [(p.line, p.severity) for p in problems] == [(8, "error"), (12, "error")]
    assert "duplicate message definition; line 6: this is the location of the first " \
        "definition; the msgid appears twice" in problems[0].message
    assert "end-of-line within string; write the entry as gettext does" in problems[1].message
    assert str(problems[0]).startswith("i18n/nl/LC_MESSAGES/a.po:8: error: msgfmt -c: ")


def test_warnings_are_not_problems_and_other_files_are_ignored():
    out = ("/x/a.po:3: warning: header field 'Last-Translator' still has the initial default "
           "value\n/x/b.po:7: something else\nmsgfmt: found 1 fatal error\n")
    assert parse_msgfmt(out, "/x/a.po", "a.po") == []


def test_a_file_msgfmt_cannot_read_at_all_is_an_error_at_line_1(tmp_path):
    path = tmp_path / "messages.po"
    path.write_text("", "utf-8")  # what msgcat once wrote for a catalog with no entry
    (problem,) = check_msgfmt(PoFile(path, "i18n/nl/LC_MESSAGES/messages.po", "nl", "messages"))
    assert (problem.line, problem.severity) == (1, "error")
    assert problem.message.startswith("msgfmt -c: PO file header missing or invalid")
