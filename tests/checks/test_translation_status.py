"""The public translation-status page (/{lang}/translations/): per language, what is
translated, partly translated (how many passages) and not yet translated, with the same
figures as each page's own notice; linked from nowhere but where a site links to it."""
from __future__ import annotations

import re

from layar_i18n_tools import extract_all, update_all
from layar_i18n_tools.maintain import po_path, read_catalog, write_catalog

from .conftest import ARTICLE


def _text(html: str) -> str:
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def _translate(root, lang, pairs):
    path = po_path(root, lang, "content")
    catalog = read_catalog(path, lang, "content")
    for msgid, msgstr in pairs.items():
        catalog.get(msgid).string = msgstr
    write_catalog(path, catalog)


def test_the_status_page_says_what_is_translated_in_each_language(tiny_site):
    site = tiny_site({"content/articles/ok.md": ARTICLE})
    extract_all(site.root, ("content",))
    update_all(site.root, ("id", "nl", "en"), ("content",))
    # Dutch: every unit of the article; English: the title only; the home page (English)
    # is translated into neither
    _translate(site.root, "nl", {"Sebuah artikel": "Een artikel",
                                 "Paragraf pertama.": "Eerste alinea.",
                                 "Bagian dua": "Deel twee", "Paragraf kedua.": "Tweede alinea."})
    _translate(site.root, "en", {"Sebuah artikel": "An article"})
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]

    nl = _text((site.output / "nl" / "translations" / "index.html").read_text())
    assert "Een artikel vertaald uit het Indonesisch" in nl
    assert "Welcome to the tiny site" not in nl
    assert "nog niet vertaald: getoond in het Engels" in nl  # the home page

    en_html = (site.output / "en" / "translations" / "index.html").read_text()
    en = _text(en_html)
    assert "An article partly translated from Indonesian: 1 of 4 passages" in en, en
    assert "Written in English: Home" in en
    assert "1 page is not yet fully translated" in en
    # the article's own notice counts the same passages
    article = _text((site.output / "en" / "articles" / "sebuah-artikel" / "index.html")
                    .read_text())
    assert "3 of 4 passages" in article, article
    assert 'hreflang="nl" href="http://127.0.0.1:8000/nl/translations/"' in en_html

    idn = _text((site.output / "id" / "translations" / "index.html").read_text())
    assert "Ditulis dalam bahasa Indonesia: Sebuah artikel" in idn
    assert "0 dari 2 bagian teks" in idn  # the home page's two units, none translated


NOTED = ARTICLE.replace("publisher: Contoh", "publisher: Contoh\nnotes:\n"
                        "- Artikel asli keliru; redaksi membetulkannya.\n")


def test_editors_notes_count_and_a_name_equal_to_its_source_does_not(tiny_site):
    """Issue 36: an untranslated editor's note makes the page partly translated (it was
    shown in Indonesian with no notice); a unit whose translation is its source text (a name
    such as "Netflix") does not make a page count as translated."""
    site = tiny_site({"content/articles/ok.md": NOTED})
    extract_all(site.root, ("content",))
    update_all(site.root, ("id", "nl", "en"), ("content",))
    # Dutch: everything but the note; English: only the title, "translated" as itself
    _translate(site.root, "nl", {"Sebuah artikel": "Een artikel",
                                 "Paragraf pertama.": "Eerste alinea.",
                                 "Bagian dua": "Deel twee", "Paragraf kedua.": "Tweede alinea."})
    _translate(site.root, "en", {"Sebuah artikel": "Sebuah artikel"})
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]
    nl = _text((site.output / "nl" / "articles" / "sebuah-artikel" / "index.html").read_text())
    assert "1 van de 5 passages" in nl, nl
    assert "Een artikel deels vertaald uit het Indonesisch: 4 van 5 tekstblokken" in _text(
        (site.output / "nl" / "translations" / "index.html").read_text())
    en = _text((site.output / "en" / "articles" / "sebuah-artikel" / "index.html").read_text())
    assert "This page is not yet translated" in en and "Translated from" not in en, en
