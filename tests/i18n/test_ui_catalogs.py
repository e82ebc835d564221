"""The interface catalogs of the repository: complete for id and nl, and they compile.

Measured against the current templates and Python (a fresh extraction), so a new interface
string fails here until `invoke i18n.update` has been run and the string translated.
"""
from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.mofile import write_mo

from layar_checks.catalog_lint import lint_file, placeholders
from layar.catalogfiles import extract, po_path, read_catalog
from layar_i18n_tools.status import is_translated

from .sitekit import ROOT


@pytest.fixture(scope="module")
def template():
    return extract(ROOT, "messages")


@pytest.mark.parametrize("lang", ["id", "nl"])
def test_interface_catalog_is_complete(template, lang):
    catalog = read_catalog(po_path(ROOT, lang, "messages"), lang, "messages")
    missing = [m.id for m in template if m.id and catalog.get(m.id, m.context) is None]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    untranslated = [m.id for m in catalog if m.id and not m.fuzzy and not is_translated(m)]
    assert missing == [], "run `invoke i18n.update`, then translate these"
    assert fuzzy == [], "review these fuzzy entries"
    assert untranslated == []
    assert not catalog.obsolete


@pytest.mark.parametrize("lang", ["id", "nl", "en"])
def test_interface_catalog_lints_clean_and_compiles(template, lang):
    path = po_path(ROOT, lang, "messages")
    errors = [str(p) for p in lint_file(path, str(path), lang, "messages", template)
              if p.is_error]
    assert errors == []
    catalog = read_catalog(path, lang, "messages")
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    translations = gettext.GNUTranslations(buffer)
    for message in catalog:
        if message.id and is_translated(message) and isinstance(message.id, str):
            assert translations.gettext(message.id) == message.string


def test_placeholders_survive_in_every_interface_translation():
    checked = 0
    for lang in ("id", "nl"):
        for message in read_catalog(po_path(ROOT, lang, "messages")):
            if not (message.id and "python-format" in message.flags and message.string):
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in filter(None, strings):
                assert placeholders(string) == placeholders(ids[-1]), message.id
            checked += 1
    assert checked >= 2


#: Wordings a native review changed (issue: translators' workflow): (lang, msgid) -> msgstr.
#: "artikel bersama" read as "joint article", "Navigasi remah roti" is a calque of
#: "breadcrumb", and "Begonnen/Beëindigd" read stiffly as fact labels.
REVIEWED = {
    ("id", "Breadcrumb"): "Jejak navigasi",
    ("id", "%(n)s shared article"): ("dibahas bersama di %(n)s artikel",),  # nplurals=1
    ("nl", "Started"): "Begin",
    ("nl", "Ended"): "Einde",
}


@pytest.mark.parametrize("lang, msgid", sorted(REVIEWED))
def test_reviewed_wordings_stay(lang, msgid):
    catalog = read_catalog(po_path(ROOT, lang, "messages"), lang, "messages")
    message = catalog.get(msgid)
    assert message is not None and not message.fuzzy
    string = message.string if isinstance(message.string, str) else tuple(message.string)
    assert string == REVIEWED[lang, msgid]


@pytest.mark.parametrize("lang", ["id", "nl", "en"])
def test_a_count_of_one_reads_as_one_in_every_language(lang):
    """The home page said "Linimasa memuat semua 1 artikel" ("all 1 articles"): a plural
    entry's form for 1, chosen by the catalog's own Plural-Forms, never says "all"."""
    catalog = read_catalog(po_path(ROOT, lang, "messages"), lang, "messages")
    plural = gettext.c2py(catalog.plural_expr)
    all_words = {"id": "semua", "nl": "alle", "en": "all"}[lang]
    checked = 0
    for message in catalog:
        if not isinstance(message.id, tuple) or "all" not in message.id[1].split():
            continue
        strings = message.string if lang != "en" or any(message.string) else message.id
        one = strings[plural(1)] or message.id[0]
        many = strings[plural(5)] or message.id[1]
        assert all_words not in one.split(), (message.id, one)
        if catalog.num_plurals > 1:  # Indonesian has one form (nplurals=1), read for 1 too
            assert all_words in many.split(), (message.id, many)
        checked += 1
    assert checked >= 1
