"""Extract, translate, build: translations on translated pages, fallbacks marked, stale units
fuzzy and shown in their source language until reviewed."""
from __future__ import annotations

import gettext
import re

import pytest
from babel.messages.pofile import read_po

from layar_i18n_tools import extract_all, update_all
from layar.catalogfiles import po_path, read_catalog
from layar_site.catalogs import compile_catalogs

from .sitekit import ARTICLE_PATH, LANGS, ROOT, build_site, make_site, page, set_translation

PARA = "Paragraf pertama menyebut [Tek ID](https://example.org/tek) di dalamnya."
PARA_EN = "The first paragraph mentions [Tek ID](https://example.org/tek) in it."
TITLE = "Penulis Hollywood mogok karena AI"
TITLE_EN = "Hollywood writers strike over AI"
NOTICE = "This page is not yet translated and is shown in its original language."
#: the notice of a page with some of its units translated (how many are not)
PARTLY = re.compile(r"\d+ of \d+ passages on this page (is|are) not yet translated")


def ui(lang: str, msgid: str) -> str:
    with (ROOT / "i18n" / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        found = read_po(fh).get(msgid)
    return found.string if found is not None and found.string else msgid


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def site(tmp_path):
    root = make_site(tmp_path)
    extract_all(root, ["content"])
    update_all(root, LANGS, ["content"])  # the UI catalogs are the real ones
    return root


def test_a_language_catalog_never_asks_for_units_in_its_own_language(site):
    ids = {lang: {m.id for m in read_catalog(po_path(site, lang, "content")) if m.id}
           for lang in LANGS}
    assert TITLE not in ids["id"] and TITLE in ids["nl"] and TITLE in ids["en"]
    assert "ChatGPT" in ids["id"] and "ChatGPT" in ids["nl"] and "ChatGPT" not in ids["en"]


def test_translation_is_on_the_translated_page_and_original_on_the_original(site):
    set_translation(site, "en", TITLE, TITLE_EN)
    set_translation(site, "en", PARA, PARA_EN)
    build_site(site)
    en, id_, nl = page(site, "en"), page(site, "id"), page(site, "nl")
    assert f"<h1>{TITLE_EN}</h1>" in en
    assert '<p>The first paragraph mentions <a href="https://example.org/tek">Tek ID</a> in it.</p>' in en
    assert "Translated from Indonesian. Original:" in text(en)
    assert PARTLY.search(text(en))  # the rest of the article is not translated
    assert "Tek ID, " in text(en) and "2025" in text(en)
    # the original page has the source text and no fallback marks
    assert f"<h1>{TITLE}</h1>" in id_
    assert 'lang="id"' not in id_.split("<main", 1)[1].split("lang-switch")[0]
    assert "notice-translated" not in id_ and "notice-untranslated" not in id_
    assert "Paragraf pertama menyebut" in id_
    # nl has no translation: the source, marked with its language, and a Dutch notice
    assert f'<h1 lang="id">{TITLE}</h1>' in nl
    assert '<p lang="id">Paragraf pertama menyebut' in nl
    assert ui("nl", NOTICE) in text(nl)
    assert ui("nl", NOTICE) != NOTICE


def test_missing_units_fall_back_with_their_language_and_a_notice(site):
    set_translation(site, "en", TITLE, TITLE_EN)
    build_site(site)
    en = page(site, "en")
    assert f"<h1>{TITLE_EN}</h1>" in en
    assert '<p lang="id">Paragraf pertama menyebut' in en
    assert '<li lang="id">Butir pertama tuntutan</li>' in en
    assert '<h2 id="tuntutan-penulis" lang="id">Tuntutan penulis</h2>' in en
    assert '<blockquote><p lang="id">Kutipan dari juru runding serikat.</p></blockquote>' in en
    assert PARTLY.search(text(en)) and NOTICE not in text(en)
    id_home = (site / "output" / "id" / "index.html").read_text("utf-8")
    assert '<p lang="en">Layar follows generative AI in film.</p>' in id_home
    assert ui("id", NOTICE) in text(id_home)


def test_a_changed_source_unit_becomes_fuzzy_keeps_its_translation_and_falls_back(site):
    set_translation(site, "en", PARA, PARA_EN)
    build_site(site)
    assert "The first paragraph mentions" in page(site, "en")

    source = site / ARTICLE_PATH
    changed = PARA.replace("di dalamnya", "di dalam paragraf ini")
    source.write_text(source.read_text("utf-8").replace(PARA, changed), "utf-8")
    extract_all(site, ["content"])
    update_all(site, LANGS, ["content"])

    catalog = read_catalog(po_path(site, "en", "content"), "en", "content")
    message = catalog.get(changed)
    assert message.fuzzy and message.string == PARA_EN
    assert message.previous_id == [PARA]
    assert catalog.get(PARA) is None and not catalog.obsolete
    assert "#~" not in po_path(site, "en", "content").read_text("utf-8")

    compile_catalogs(site / "i18n", LANGS)  # fuzzy entries stay out of the .mo
    with (site / "i18n" / "en" / "LC_MESSAGES" / "content.mo").open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext(changed) == changed

    build_site(site)
    en = page(site, "en")
    assert "The first paragraph mentions" not in en
    assert '<p lang="id">Paragraf pertama menyebut <a href="https://example.org/tek">Tek ID</a> di dalam paragraf ini.</p>' in en
    assert NOTICE in text(en)  # its one translation is fuzzy: nothing of it is translated

    set_translation(site, "en", changed, PARA_EN)  # reviewed: shown again
    build_site(site)
    assert "The first paragraph mentions" in page(site, "en")


def test_the_previous_msgid_survives_every_update_until_the_entry_is_reviewed(site):
    """A second `invoke i18n.update` once dropped the `#| msgid` line of a fuzzy entry,
    although nothing had changed; a source changed twice keeps the msgid the translation
    was made from (msgmerge --previous), and msgfmt -c accepts the file."""
    import subprocess

    set_translation(site, "en", PARA, PARA_EN)
    source = site / ARTICLE_PATH
    po = po_path(site, "en", "content")
    changed = PARA.replace("di dalamnya", "di dalam paragraf ini")
    source.write_text(source.read_text("utf-8").replace(PARA, changed), "utf-8")
    for _ in range(3):
        extract_all(site, ["content"])
        update_all(site, LANGS, ["content"])
        assert read_catalog(po, "en", "content").get(changed).previous_id == [PARA]
        previous = [line[3:] for line in po.read_text("utf-8").splitlines() if line.startswith("#| ")]
        assert previous[0].startswith("msgid ") and "".join(
            part.split('"', 1)[1].rsplit('"', 1)[0] for part in previous) == PARA
    again = changed.replace("paragraf ini", "paragraf yang ini")
    source.write_text(source.read_text("utf-8").replace(changed, again), "utf-8")
    extract_all(site, ["content"])
    update_all(site, LANGS, ["content"])
    message = read_catalog(po, "en", "content").get(again)
    assert message.fuzzy and message.string == PARA_EN and message.previous_id == [PARA]
    checked = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr

    set_translation(site, "en", again, PARA_EN)  # reviewed: the #| line goes
    extract_all(site, ["content"])
    update_all(site, LANGS, ["content"])
    assert "#| msgid" not in po.read_text("utf-8")


def test_a_rewritten_unit_keeps_its_old_translation_as_fuzzy_by_location(site):
    set_translation(site, "en", PARA, PARA_EN)
    source = site / ARTICLE_PATH
    rewritten = "Kalimat yang sama sekali lain, tanpa kemiripan apa pun."
    source.write_text(source.read_text("utf-8").replace(PARA, rewritten), "utf-8")
    extract_all(site, ["content"])
    update_all(site, LANGS, ["content"])
    message = read_catalog(po_path(site, "en", "content")).get(rewritten)
    assert message.fuzzy and message.string == PARA_EN and message.previous_id == [PARA]


def test_removed_units_are_dropped_and_update_is_deterministic(site):
    set_translation(site, "en", PARA, PARA_EN)
    source = site / ARTICLE_PATH
    source.write_text(source.read_text("utf-8").replace("Paragraf terakhir artikel ini.\n", ""),
                      "utf-8")
    extract_all(site, ["content"])
    update_all(site, LANGS, ["content"])
    first = {p: p.read_bytes() for p in (site / "i18n").rglob("*.po*")}
    assert b"Paragraf terakhir" not in first[po_path(site, "en", "content")]
    assert b"#~" not in first[po_path(site, "en", "content")]
    extract_all(site, ["content"])
    update_all(site, LANGS, ["content"])
    assert first == {p: p.read_bytes() for p in (site / "i18n").rglob("*.po*")}
    assert b"1970-01-01" in first[site / "i18n" / "content.pot"]


def test_update_refuses_a_broken_catalog_instead_of_losing_translations(site):
    from layar_i18n_tools import CatalogBroken

    path = po_path(site, "nl", "content")
    broken = path.read_text("utf-8") + '\nmsgid "x"\nmsgstr "unterminated\n'
    path.write_text(broken, "utf-8")
    with pytest.raises(CatalogBroken) as exc:
        update_all(site, LANGS, ["content"])
    assert str(exc.value.problems[0]).startswith("i18n/nl/LC_MESSAGES/content.po:")
    assert path.read_text("utf-8") == broken


def test_catalogs_compile_the_same_on_two_cores_and_a_broken_one_fails(site, tmp_path):
    import shutil

    from layar.errors import BuildError

    other = tmp_path / "copy"
    shutil.copytree(site / "i18n", other)
    one = sorted(p.name for p in compile_catalogs(site / "i18n", LANGS, workers=1))
    two = compile_catalogs(other, LANGS, workers=2)
    assert sorted(p.name for p in two) == one and len(one) == 2 * len(LANGS)
    for mo in (site / "i18n").rglob("*.mo"):
        assert mo.read_bytes() == (other / mo.relative_to(site / "i18n")).read_bytes()
    assert compile_catalogs(other, LANGS, workers=2) == []  # up to date: nothing to do
    broken = other / "nl" / "LC_MESSAGES" / "messages.po"
    broken.write_text(broken.read_text("utf-8") + '\nmsgid "x"\nnot_a_keyword "y"\n', "utf-8")
    with pytest.raises(BuildError, match="messages.po: cannot read catalog"):
        compile_catalogs(other, LANGS, workers=2)
