"""``PoFile.line_of``: the line of a msgid found by a scan of the lines, as Babel numbers it."""
from __future__ import annotations

from layar_checks.catalogs import PoFile

PO = r'''# Translations
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#: content/articles/a.md:7
msgid "A plain unit."
msgstr "Satu unit."

#: content/articles/a.md:9
msgid ""
"A unit over "
"two lines with \"quotes\" and a \\ backslash."
msgstr "Terjemahan."

#, fuzzy
msgid "Fuzzy unit."
msgstr "Kabur."

msgctxt "menu"
msgid "Home"
msgstr "Beranda"

msgid "One article"
msgid_plural "%(num)s articles"
msgstr[0] "%(num)s artikel"

#~ msgid "Obsolete unit."
#~ msgstr "Usang."

msgid "A plain unit."
msgstr "Duplicate: the first entry's line wins."
'''


def _both(tmp_path, text=PO):
    path = tmp_path / "content.po"
    path.write_text(text, encoding="utf-8")
    scanned = PoFile(path, "content.po", "id", "content")
    parsed = PoFile(path, "content.po", "id", "content")
    parsed._read()  # Babel's parser: the reference
    return scanned, parsed


def test_scanned_lines_are_babels(tmp_path):
    scanned, parsed = _both(tmp_path)
    assert scanned._scan_lines() == parsed._lines
    assert scanned.line_of("A plain unit.") == 7
    assert scanned.line_of('A unit over two lines with "quotes" and a \\ backslash.') == 11
    assert scanned.line_of("Fuzzy unit.") == 17
    assert scanned.line_of("Home") == 21
    assert scanned.line_of("One article") == 24
    assert scanned.line_of("Obsolete unit.") is None
    assert scanned.line_of("") is None  # the header is not an entry


def test_a_catalog_that_is_not_utf8_is_left_to_babel(tmp_path):
    # Babel cannot read it either: no line (the catalog lint reports the file), no crash.
    path = tmp_path / "content.po"
    path.write_bytes('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                     'msgid "caf\u00e9"\nmsgstr "koffie"\n'.encode("latin-1"))
    po = PoFile(path, "content.po", "nl", "content")
    assert po.line_of("caf\u00e9") is None and po.line_of("x") is None
