"""`invoke i18n.status` (with its --min gate) and `invoke i18n.import`."""
from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog
from invoke import Context, Exit

import tasks
from layar_i18n_tools import ImportFailed, extract_all, import_po, status, update_all
from layar_i18n_tools.maintain import po_path, read_catalog, write_catalog

from .sitekit import LANGS, make_site, set_translation

TITLE = "Penulis Hollywood mogok karena AI"
PARA = "Paragraf pertama menyebut [Tek ID](https://example.org/tek) di dalamnya."


@pytest.fixture
def site(tmp_path):
    root = make_site(tmp_path / "site", messages=False)
    extract_all(root)
    update_all(root, LANGS)
    return root


def rows(site):
    return {(r.lang, r.domain): r for r in status(site, LANGS)}


def test_status_counts_translated_fuzzy_and_untranslated(site):
    set_translation(site, "en", TITLE, "Hollywood writers strike over AI")
    path = po_path(site, "en", "content")
    catalog = read_catalog(path)
    catalog.get(PARA).string = "Stale translation"
    catalog.get(PARA).flags.add("fuzzy")
    write_catalog(path, catalog)
    en = rows(site)[("en", "content")]
    assert (en.total, en.translated, en.fuzzy, en.untranslated) == (8, 1, 1, 6)
    assert en.done == pytest.approx(12.5)
    id_ = rows(site)[("id", "content")]
    assert (id_.total, id_.translated) == (7, 0)  # the page and topic units, not the article


def test_english_interface_catalog_is_the_source(site):
    r = rows(site)[("en", "messages")]
    assert r.source and r.done == 100.0


def test_units_missing_from_a_catalog_count_as_untranslated(site):
    with (site / "content" / "pages" / "home.md").open("a", encoding="utf-8") as fh:
        fh.write("\nA new paragraph.\n")
    assert rows(site)[("id", "content")].total == 8  # measured against the sources


def run_status(monkeypatch, site, **kwargs):
    monkeypatch.setattr(tasks, "ROOT", site)
    tasks.i18n_status(Context(), **kwargs)


def test_status_min_fails_below_the_threshold(site, monkeypatch, capsys):
    with pytest.raises(Exit) as exc:
        run_status(monkeypatch, site, min="50", domain="content")
    assert exc.value.code == 1
    out = capsys.readouterr().out
    assert "translated" in out and "en/content: 0.0% translated, below 50%" in out


def test_status_min_passes_at_or_above_the_threshold(site, monkeypatch, capsys):
    run_status(monkeypatch, site, min="0")
    # messages: the tiny site has no interface strings, so every catalog is complete
    run_status(monkeypatch, site, min="100", domain="messages")


def compendium(path, lang, entries, header_lang=True):
    catalog = Catalog(locale=lang if header_lang else None)
    for msgid, msgstr, *flags in entries:
        catalog.add(msgid, msgstr, flags=flags)
    write_catalog(path, catalog)
    return path


def test_import_fills_matching_msgids_and_leaves_the_rest(site, tmp_path):
    set_translation(site, "en", "Tuntutan penulis", "The writers' demands")
    other = read_catalog(po_path(site, "en", "content"))
    batch = compendium(tmp_path / "batch-en.po", "en", [
        (TITLE, "Hollywood writers strike over AI"),
        (PARA, "The first paragraph mentions [Tek ID](https://example.org/tek) in it."),
        ("Butir pertama tuntutan", "Fuzzy guess", "fuzzy"),
        ("Not in any catalog", "Nowhere"),
    ])
    result = import_po(site, batch)
    assert result.lang == "en"
    assert result.filled == {"i18n/en/LC_MESSAGES/content.po": 2}
    assert result.unknown == ["Not in any catalog"] and result.skipped == 1
    catalog = read_catalog(po_path(site, "en", "content"))
    assert catalog.get(TITLE).string == "Hollywood writers strike over AI"
    assert not catalog.get(TITLE).fuzzy
    assert catalog.get("Tuntutan penulis").string == "The writers' demands"  # untouched
    assert catalog.get("Butir pertama tuntutan").string == ""
    assert [m.id for m in catalog] == [m.id for m in other]  # order and entries unchanged
    # importing the same batch again changes nothing
    again = import_po(site, batch)
    assert again.written == [] and again.unchanged == 2


def test_import_replaces_fuzzy_and_reviews_it(site, tmp_path):
    path = po_path(site, "nl", "content")
    catalog = read_catalog(path)
    catalog.get(TITLE).string = "Oud"
    catalog.get(TITLE).flags.add("fuzzy")
    write_catalog(path, catalog)
    batch = compendium(tmp_path / "nl.po", "nl", [(TITLE, "Hollywoodschrijvers staken om AI")])
    result = import_po(site, batch)
    assert result.replaced == {"i18n/nl/LC_MESSAGES/content.po": 1}
    message = read_catalog(path).get(TITLE)
    assert message.string == "Hollywoodschrijvers staken om AI" and not message.fuzzy


def test_import_language_from_option_and_errors(site, tmp_path):
    batch = compendium(tmp_path / "x.po", None, [(TITLE, "Hollywoodschrijvers staken")],
                       header_lang=False)
    with pytest.raises(ImportFailed, match="no Language header"):
        import_po(site, batch)
    assert import_po(site, batch, lang="nl").filled == {"i18n/nl/LC_MESSAGES/content.po": 1}
    with pytest.raises(ImportFailed, match="not one of"):
        import_po(site, batch, lang="fr")
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "A"\nmsgstr "B\n', encoding="utf-8")
    with pytest.raises(ImportFailed) as exc:
        import_po(site, broken, lang="nl")
    assert str(exc.value.problems[0]).startswith(f"{broken}:2: error: syntax error")


def test_import_refuses_a_translation_with_a_bad_placeholder(site, tmp_path):
    path = po_path(site, "nl", "messages")
    catalog = Catalog(locale="nl")
    catalog.add("By %(author)s", flags=["python-format"])
    write_catalog(path, catalog)
    batch = compendium(tmp_path / "nl.po", "nl", [("By %(author)s", "Door %(auteur)s")])
    result = import_po(site, batch)
    assert result.written == []
    assert "unknown named placeholder 'auteur'" in str(result.problems[0])


def test_import_task(site, tmp_path, monkeypatch, capsys):
    batch = compendium(tmp_path / "batch.po", "en", [(TITLE, "Writers strike")])
    monkeypatch.setattr(tasks, "ROOT", site)
    tasks.i18n_import(Context(), str(batch))
    out = capsys.readouterr().out
    assert "i18n/en/LC_MESSAGES/content.po: 1 filled, 0 replaced" in out
    assert read_catalog(po_path(site, "en", "content")).get(TITLE).string == "Writers strike"


def test_import_refuses_each_entry_that_would_fail_the_build(site, tmp_path):
    path = po_path(site, "nl", "messages")
    catalog = Catalog(locale="nl")
    catalog.add("By %(author)s", flags=["python-format"])
    catalog.add("Read more")
    write_catalog(path, catalog)
    batch = compendium(tmp_path / "nl.po", "nl", [
        (TITLE, "Hollywoodschrijvers staken om AI"),                       # good
        (PARA, "De eerste alinea noemt [Tek ID](https://example.org/elders)."),  # link
        ("Butir pertama tuntutan", "Eerste eis\n\n- tweede eis"),          # list items
        ("Tuntutan penulis", 'De eisen <script>alert(1)</script>'),        # unsafe HTML
        ("By %(author)s", "Door %(auteur)s"),                              # placeholder
        ("Read more", 'Lees <b>meer</b>'),                                 # interface markup
    ])
    result = import_po(site, batch)
    assert result.filled == {"i18n/nl/LC_MESSAGES/content.po": 1}
    refused = {msgid: " ".join(reasons) for line, msgid, reasons in result.refused}
    assert set(refused) == {PARA, "Butir pertama tuntutan", "Tuntutan penulis",
                            "By %(author)s", "Read more"}
    assert "link targets differ" in refused[PARA]
    assert "list item" in refused["Butir pertama tuntutan"]
    assert "script" in refused["Tuntutan penulis"].lower()
    assert "auteur" in refused["By %(author)s"]
    assert "markup" in refused["Read more"]
    text = batch.read_text(encoding="utf-8").splitlines()
    for problem in result.problems:
        assert str(problem).startswith(f"{batch}:") and "refused" in problem.message
        assert text[problem.line - 1].startswith("msgid")
    content = read_catalog(po_path(site, "nl", "content"))
    assert content.get(TITLE).string == "Hollywoodschrijvers staken om AI"
    assert content.get("Tuntutan penulis").string != 'De eisen <script>alert(1)</script>'
    assert not read_catalog(path).get("Read more").string


def test_import_task_summary_and_exit_status(site, tmp_path, monkeypatch, capsys):
    batch = compendium(tmp_path / "batch.po", "en", [
        (TITLE, "Writers strike"),
        (PARA, "The first paragraph mentions [Tek ID](https://example.org/wrong)."),
    ])
    monkeypatch.setattr(tasks, "ROOT", site)
    with pytest.raises(Exit) as exc:
        tasks.i18n_import(Context(), str(batch))
    assert exc.value.code == 1
    assert "imported 1, refused 1 (batch.po)" in str(exc.value.message)
    out = capsys.readouterr().out
    assert f"{batch}:" in out and "refused: " in out and "link targets differ" in out
    assert read_catalog(po_path(site, "en", "content")).get(TITLE).string == "Writers strike"
    good = compendium(tmp_path / "good.po", "en", [(TITLE, "Writers on strike")])
    tasks.i18n_import(Context(), str(good))
    assert "imported 1, refused 0 (good.po)" in capsys.readouterr().out


def test_status_by_source_counts_each_file_in_each_language(site, monkeypatch, capsys):
    from layar_i18n_tools import status_by_source

    from .sitekit import ARTICLE_PATH

    set_translation(site, "en", TITLE, "Hollywood writers strike over AI")
    path = po_path(site, "en", "content")
    catalog = read_catalog(path)
    catalog.get(PARA).string = "Stale translation"
    catalog.get(PARA).flags.add("fuzzy")
    write_catalog(path, catalog)
    found = {(r.path, r.lang): r for r in status_by_source(site, LANGS)}
    article = found[(ARTICLE_PATH, "en")]
    assert (article.translated, article.fuzzy, article.total) == (1, 1, article.total)
    assert article.untranslated == article.total - 2 and article.total > 2
    assert found[(ARTICLE_PATH, "id")].source  # written in Indonesian
    topic = found[("content/topics/tools/chatgpt.md", "id")]
    assert not topic.source and topic.translated == 0 and topic.total > 0
    assert found[("content/topics/tools/chatgpt.md", "en")].source
    # the whole content catalog is the sum of its files (no unit is shared here)
    whole = rows(site)[("en", "content")]
    assert sum(r.total for r in found.values() if r.lang == "en") == whole.total

    run_status(monkeypatch, site, by_source=True)
    out = capsys.readouterr().out.splitlines()
    line = next(l for l in out if l.startswith(ARTICLE_PATH))
    assert "source" in line and f"1/{article.total} (1 fuzzy, {article.untranslated} untranslated)" in line
    assert out[-1].startswith("0 of 3 sources complete in every language")
    run_status(monkeypatch, site, todo=True)
    assert ARTICLE_PATH in capsys.readouterr().out


def test_status_by_source_puts_the_most_urgent_source_first(site, monkeypatch, capsys):
    """Issue 36: sortable so that the most urgent is first (most units left, then path)."""
    from .sitekit import ARTICLE_PATH

    set_translation(site, "en", TITLE, "Hollywood writers strike over AI")
    run_status(monkeypatch, site, by_source=True)
    lines = capsys.readouterr().out.splitlines()[1:-1]
    order = [line.split()[0] for line in lines]
    left = {}
    for line in lines:  # "a/b (1 fuzzy, 6 untranslated)": sum what is left per file
        import re
        left[line.split()[0]] = sum(int(n) for n in re.findall(r"(\d+) (?:fuzzy|untranslated)", line))
    assert [left[p] for p in order] == sorted(left.values(), reverse=True), lines
    run_status(monkeypatch, site, by_source=True, sort="path")
    assert [l.split()[0] for l in capsys.readouterr().out.splitlines()[1:-1]] == sorted(order)
    with pytest.raises(Exit) as exc:
        run_status(monkeypatch, site, by_source=True, sort="size")
    assert exc.value.code == 2 and ARTICLE_PATH
