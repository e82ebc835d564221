"""Seed errors kept faithfully: an editor's note on the page, a translator's comment in the
catalogs (seed 002 says the 2023 joint strike was "not the first since 1960"; it was the
first)."""
from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from layar import extract, frontmatter, schema

from tests.helpers import ROOT

ARTICLE = "content/articles/penulis-dan-aktor-di-amerika-serikat-mogok-netflix-malah-buka-posisi-untuk-manajer-ai.md"
SLUG = "penulis-dan-aktor-di-amerika-serikat-mogok-netflix-malah-buka-posisi-untuk-manajer-ai"
ERROR = "bukanlah yang pertama sejak tahun 1960"
LABEL = {"en": "Editor’s note:", "nl": "Noot van de redactie:", "id": "Catatan redaksi:"}


def _doc():
    return frontmatter.load(ROOT / ARTICLE, ROOT)


def test_notes_are_declared_translated_and_extracted_as_units():
    assert next(f for f in schema.ARTICLE_FIELDS if f.name == "notes").translatable
    doc = _doc()
    problems = []
    schema.validate(doc, "article", problems, {})
    assert not [p for p in problems if "notes" in p.message]
    units = [(msgid, label) for _line, msgid, label in extract.units_of(doc, "article", {})]
    notes = [msgid for msgid, label in units if label == "notes"]
    assert notes and all("1960" in n for n in notes)
    assert any(ERROR in msgid for msgid, label in units if label == "paragraph")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_faithful_paragraph_carries_a_translators_comment(lang):
    with (ROOT / "i18n" / lang / "LC_MESSAGES" / "content.po").open("rb") as fh:
        catalog = read_po(fh)
    entry = next(m for m in catalog if m.id and ERROR in m.id and "article: paragraph" in m.auto_comments)
    comment = " ".join(entry.user_comments)
    assert "1960" in comment and "notes:" in comment, entry.user_comments
    note = next(n for n in _doc().meta["notes"])
    assert catalog.get(note.strip()) is not None and catalog.get(note.strip()).string


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["id", "nl", "en"])
def test_the_page_shows_the_editors_note_in_its_language(built_site, lang):
    page = (built_site / lang / "articles" / SLUG / "index.html").read_text("utf-8")
    assert f'<p class="editor-note" role="note"><strong>{LABEL[lang]}</strong>' in page
    assert "1960" in page.split('class="editor-note"', 1)[1].split("</p>", 1)[0]


BRIGHT = "netflix-wil-vol-inzetten-op-ai"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_inferred_date_is_not_shown_as_a_plain_dateline(built_site, lang):
    """Bright's date is the editor's inference: the "Original: Bright, <date>" notice of its
    translations marks it, and so does the dateline."""
    mark = {"en": "(established by Layar’s editors)", "id": "(ditetapkan oleh redaksi Layar)"}[lang]
    page = (built_site / lang / "articles" / BRIGHT / "index.html").read_text("utf-8")
    notice = page.split('class="notice notice-translated"', 1)[1].split("</p>", 1)[0]
    assert "Bright" in notice and mark in notice, notice
    meta = page.split('<p class="meta">', 1)[1].split("</p>", 1)[0]
    assert mark in meta, meta
