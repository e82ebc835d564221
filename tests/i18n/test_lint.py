"""Catalog lint: each problem as path:line with a severity."""
from __future__ import annotations

import textwrap

from babel.messages.catalog import Catalog

from layar_i18n_tools import extract_all, lint, update_all
from layar_checks.catalog_lint import lint_file

from .sitekit import LANGS, ROOT, make_site

HEADER = '''\
msgid ""
msgstr ""
"Language: nl\\n"
"Content-Type: text/plain; charset=utf-8\\n"

'''


def write_po(tmp_path, body: str):
    path = tmp_path / "nl.po"
    path.write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    return path


def problems(tmp_path, body, template=None, domain="messages"):
    path = write_po(tmp_path, body)
    return [str(p) for p in lint_file(path, "nl.po", "nl", domain, template)]


def test_a_clean_catalog_has_no_problems(tmp_path):
    assert problems(tmp_path, '''\
        #, python-format
        msgid "By %(author)s"
        msgstr "Door %(author)s"
        ''') == []


def test_unknown_placeholder_is_an_error_with_the_msgid_line(tmp_path):
    found = problems(tmp_path, '''\
        #, python-format
        msgid "By %(author)s"
        msgstr "Door %(auteur)s"
        ''')
    assert found == ["nl.po:7: error: 'By %(author)s': unknown named placeholder 'auteur'"]


def test_placeholder_checked_even_when_the_po_lost_the_flag(tmp_path):
    template = Catalog()
    template.add("By %(author)s", flags=["python-format"])
    found = problems(tmp_path, 'msgid "By %(author)s"\nmsgstr "Door %(naam)s"\n', template)
    assert any("error: 'By %(author)s': unknown named placeholder 'naam'" in p for p in found)


def test_a_dropped_placeholder_is_a_warning(tmp_path):
    found = problems(tmp_path, '''\
        #, python-format
        msgid "Originally published by %(publisher)s."
        msgstr "Oorspronkelijk gepubliceerd."
        ''')
    assert found == ["nl.po:7: warning: 'Originally published by %(publisher)s.': "
                     "the translation drops %(publisher)s"]


def test_fuzzy_entries_are_not_checked(tmp_path):
    assert problems(tmp_path, '''\
        #, fuzzy, python-format
        msgid "By %(author)s"
        msgstr "Door %(x)s"
        ''') == []


def test_syntax_errors_are_reported_with_their_line(tmp_path):
    found = problems(tmp_path, '''\
        msgid "One"
        msgstr "Een

        msgid "Two"
        msgstr "Twee"
        msgfoo "Three"
        ''')
    assert found[0].startswith("nl.po:7: error: syntax error: malformed string")
    assert found[1] == "nl.po:11: error: syntax error: Unknown or misformatted keyword"


def test_msgid_without_msgstr_is_a_syntax_error(tmp_path):
    found = problems(tmp_path, 'msgid "One"\n\nmsgid "Two"\nmsgstr "Twee"\n')
    assert found == ["nl.po:6: error: syntax error: missing msgstr for msgid 'One'"]


def test_duplicated_msgid_is_an_error(tmp_path):
    found = problems(tmp_path, '''\
        msgid "Tools"
        msgstr "Tools"

        msgid "Tools"
        msgstr "Gereedschap"
        ''')
    assert found == ["nl.po:9: error: duplicate msgid 'Tools' (first at line 6)"]


def test_obsolete_entries_are_warnings(tmp_path):
    found = problems(tmp_path, '''\
        msgid "Tools"
        msgstr "Tools"

        #~ msgid "Old"
        #~ msgstr "Oud"
        ''')
    assert found == ["nl.po:9: warning: obsolete entry (#~) 'Old' left in the catalog; "
                     "run 'invoke i18n.update' to drop it"]


def test_content_link_targets_must_survive_translation(tmp_path):
    found = problems(tmp_path, '''\
        msgid "See [the report](https://example.org/a)."
        msgstr "Zie [het verslag](https://example.org/b)."
        ''', domain="content")
    assert len(found) == 1 and found[0].startswith("nl.po:6: warning:")
    assert "link targets differ" in found[0]


def test_out_of_date_catalogs_and_templates(tmp_path):
    site = make_site(tmp_path, messages=False)
    extract_all(site)
    update_all(site, LANGS)
    assert [p for p in lint(site, LANGS)] == []
    with (site / "content" / "pages" / "home.md").open("a", encoding="utf-8") as fh:
        fh.write("\nA new paragraph.\n")
    found = [str(p) for p in lint(site, LANGS)]
    assert "i18n/content.pot:1: warning: out of date with the sources (1 new, 0 removed); " \
           "run 'invoke i18n.extract'" in found
    assert any(p.startswith("i18n/id/LC_MESSAGES/content.po:1: warning: out of date: 1 unit(s) "
                            "in the sources are missing from this catalog (first: "
                            "content/pages/home.md:9)") for p in found)
    assert not any(p.startswith("i18n/en/LC_MESSAGES/content.po") for p in found)


def test_the_repository_catalogs_have_no_lint_errors():
    errors = [str(p) for p in lint(ROOT) if p.is_error]
    assert errors == []


def _built(site_root):
    """Build the site at ``site_root``; return the build's ``Site`` (as ``site_written``
    sends it)."""
    from layar_build import build
    from layar_site import signals

    captured = {}

    def remember(site, output):
        captured["site"] = site

    signals.site_written.connect(remember)
    try:
        build(site_root / "pelicanconf.py", site_root / "output")
    finally:
        signals.site_written.disconnect(remember)
    return captured["site"]


def test_the_build_reuses_its_documents_for_the_same_template(tmp_path):
    from layar_checks.catalog_lint import content_template_of
    from layar.catalogfiles import extract

    site_root = make_site(tmp_path)
    built = _built(site_root)

    def key(catalog):
        return [(m.id, m.locations, list(m.auto_comments)) for m in catalog if m.id]

    reused = content_template_of(built, site_root)
    assert key(reused) == key(extract(site_root, "content"))
    assert len(key(reused)) == 15


def test_a_missing_content_mapping_file_is_a_problem_not_a_crash(tmp_path):
    """lint_site (the build's catalog lint) reports a missing i18n/babel-content.cfg as an
    error at line 1 instead of raising FileNotFoundError; the build stops with it."""
    import pytest

    from layar.errors import ChecksFailed
    from layar_build import build
    from layar_checks.catalog_lint import lint_site

    site_root = make_site(tmp_path)
    extract_all(site_root)
    update_all(site_root, LANGS)
    built = _built(site_root)
    assert [p for p in lint_site(built, site_root, LANGS) if p.is_error] == []

    (site_root / "i18n" / "babel-content.cfg").unlink()
    found = lint_site(built, site_root, LANGS)
    errors = [p for p in found if p.is_error]
    assert [(p.path, p.line, p.severity) for p in errors] == [
        ("i18n/babel-content.cfg", 1, "error")]
    assert errors[0].message.startswith("missing mapping file")
    assert found == sorted(found)

    with pytest.raises(ChecksFailed) as failed:
        build(site_root / "pelicanconf.py", site_root / "output")
    assert any(str(p).startswith("i18n/babel-content.cfg:1: error: missing mapping file")
               for p in failed.value.problems)


def test_entries_no_longer_in_the_sources_are_named_with_and_without_a_store(tmp_path):
    from layar_site.cache import Store

    template = Catalog()
    template.add("Kept")
    path = write_po(tmp_path, '''\
        msgid "Kept"
        msgstr "Bewaard"

        msgid ""
        "Gone, "
        "in two \\"parts\\""
        msgstr "Weg"
        ''')
    expected = ["nl.po:9: warning: out of date: 1 entry is no longer in the sources "
                "(first: 'Gone, in two \"parts\"'); run 'invoke i18n.update'"]
    assert [str(p) for p in lint_file(path, "nl.po", "nl", "content", template)] == expected
    for _ in range(2):  # computed, saved, then read back from the saved store
        store = Store(tmp_path / "cache", "catalogs", "test")
        found = [str(p) for p in lint_file(path, "nl.po", "nl", "content", template, store)]
        store.save()
        assert found == expected
    assert (tmp_path / "cache" / "catalogs-test.pickle").exists()
    template.add("Gone, in two \"parts\"")  # the same file, now up to date with its template
    assert lint_file(path, "nl.po", "nl", "content", template, Store(tmp_path / "cache",
                                                                      "catalogs", "test")) == []
