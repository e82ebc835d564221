"""A feed entry carries what its page carries (issue 36): the translation notice, the
metadata an editor supplied, the editor's notes, the publisher and a link to the original."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from layar_i18n_tools import extract_all, update_all

from tests.helpers import ATOM

from .conftest import ARTICLE
from .test_translation_status import _translate

FULL = ARTICLE.replace("publisher: Contoh", """publisher: Contoh
url: https://contoh.example/artikel
supplied:
  date: Artikel asli tidak memuat tanggal.
notes:
- Artikel asli keliru; redaksi membetulkannya.""")


def _entry(site, lang: str):
    root = ET.parse(site.output / lang / "feed.xml").getroot()
    [entry] = root.findall(f"{ATOM}entry")
    return entry, entry.findtext(f"{ATOM}content")


def test_feed_entries_carry_notes_markers_publisher_and_the_original(tiny_site):
    site = tiny_site({"content/articles/ok.md": FULL})
    extract_all(site.root, ("content",))
    update_all(site.root, ("id", "nl", "en"), ("content",))
    _translate(site.root, "nl", {"Sebuah artikel": "Een artikel",
                                 "Artikel asli keliru; redaksi membetulkannya.":
                                 "Het origineel vergist zich; de redactie verbetert het."})
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]

    entry, content = _entry(site, "nl")
    via = entry.find(f"{ATOM}link[@rel='via']")
    assert via.get("href") == "https://contoh.example/artikel" and via.get("title") == "Contoh"
    assert "Vertaald uit het Indonesisch." in content, content
    assert "(vastgesteld door de redactie van Layar)" in content  # the supplied date
    assert "Het origineel vergist zich; de redactie verbetert het." in content
    assert "Noot van de redactie:" in content
    assert "Contoh" in content.rsplit("Noot van de redactie:", 1)[1]  # credit after the notes
    assert 'href="https://contoh.example/artikel"' in content
    assert "Artikel asli tidak memuat tanggal." in content  # the supplied sentence, untranslated
    assert '<span lang="id">Artikel asli tidak memuat tanggal.</span>' in content
    assert "4 van de 6 passages op deze pagina zijn nog niet vertaald" in content  # as the page

    # English: nothing translated, and the entry says so as the page does
    entry, content = _entry(site, "en")
    assert "This page is not yet translated" in content and "Translated from" not in content
    assert "Editor’s note:" in content and "Originally published by Contoh." in content
    assert "Read the original at Contoh" in content

    # Indonesian, the original: no notice, the note and the credit
    entry, content = _entry(site, "id")
    assert "Catatan redaksi:" in content and "Translated" not in content
