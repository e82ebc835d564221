"""`supplied`: the shown metadata an editor established (the original does not print it)
is told to readers under the byline, in every language, and checked like any field."""
from __future__ import annotations

import re

from layar import extract, frontmatter

from .conftest import ARTICLE

SUPPLIED = ARTICLE.replace("publisher: Contoh", "publisher: Contoh\nsupplied:\n"
                           "  date: Artikel asli tidak memuat tanggal; redaksi memakai tanggal "
                           "peristiwanya.\n")


def test_the_article_says_which_metadata_an_editor_supplied(tiny_site):
    site = tiny_site({"content/articles/ok.md": SUPPLIED})
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]
    for lang, words in (("en", "Supplied by Layar’s editors, not printed in the original: Date"),
                        ("nl", "Aangevuld door de redactie van Layar, niet vermeld in het "
                               "origineel: Datum"),
                        ("id", "Dilengkapi oleh redaksi Layar, tidak tercantum dalam artikel "
                               "asli: Tanggal")):
        page = (site.output / lang / "articles" / "sebuah-artikel" / "index.html").read_text()
        details = re.search(r'<details class="supplied">.*?</details>', page, re.S).group(0)
        assert words in details, details
        assert "redaksi memakai tanggal peristiwanya." in details
    # untranslated into English: the note is marked as Indonesian for screen readers
    page = (site.output / "en" / "articles" / "sebuah-artikel" / "index.html").read_text()
    assert '<span lang="id">Artikel asli tidak memuat tanggal' in page
    # an article without `supplied` says nothing of the kind
    site.write({"content/articles/ok.md": ARTICLE})
    assert site.run("build").code == 0
    assert "supplied" not in (site.output / "en" / "articles" / "sebuah-artikel" /
                              "index.html").read_text()


def test_supplied_notes_are_units_of_the_content_catalogs(tmp_path):
    path = tmp_path / "content" / "articles" / "ok.md"
    path.parent.mkdir(parents=True)
    path.write_text(SUPPLIED, encoding="utf-8")
    doc = frontmatter.load(path, tmp_path)
    units = list(extract.front_matter_units(doc, "article", {}))
    assert (8, "Artikel asli tidak memuat tanggal; redaksi memakai tanggal peristiwanya.",
            "supplied.date") in units


def test_supplied_problems_are_reported_at_their_lines(tiny_site):
    bad = ARTICLE.replace("publisher: Contoh", "publisher: Contoh\nsupplied:\n"
                          "  dates: Salah ketik.\n  author: Tidak ada penulis.\n  title: ''\n")
    site = tiny_site({"content/articles/ok.md": bad})
    outcome = site.run("check")
    assert outcome.code == 1
    assert outcome.has("content/articles/ok.md", 8, "'supplied.dates'", "did you mean 'date'")
    assert outcome.has("content/articles/ok.md", 9, "'supplied.author' explains the author, but 'author' is empty",
                       "give 'author' a value")
    assert outcome.has("content/articles/ok.md", 10, "'supplied.title' must say")


def _jsonld(page: str) -> dict:
    import json
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    graph = json.loads(found)["@graph"]
    return next(node for node in graph if node["@type"] == "NewsArticle")


def test_supplied_metadata_is_marked_where_it_is_shown_and_in_the_json_ld(tiny_site):
    """Issue 36: a date an editor inferred is not shown as a plain dateline, and a page without
    a byline does not name the publisher as its author in JSON-LD."""
    site = tiny_site({"content/articles/ok.md": SUPPLIED})
    assert site.run("build").code == 0
    marks = {"en": "(established by Layar’s editors)", "nl": "(vastgesteld door de redactie van Layar)",
             "id": "(ditetapkan oleh redaksi Layar)"}
    for lang, mark in marks.items():
        page = (site.output / lang / "articles" / "sebuah-artikel" / "index.html").read_text()
        meta = re.search(r'<p class="meta">.*?</p>', page, re.S).group(0)
        assert re.search(r'</time> <span class="supplied-mark">' + re.escape(mark), meta), meta
        article = _jsonld(page)
        assert "author" not in article  # the original prints no byline
        [comment] = article["comment"]
        assert comment["@type"] == "Comment"
        assert comment["about"] == {"@type": "PropertyValue", "propertyID": "datePublished"}
        assert "redaksi memakai tanggal peristiwanya" in comment["text"]
    # nothing supplied: no mark, no comment
    site.write({"content/articles/ok.md": ARTICLE})
    assert site.run("build").code == 0
    page = (site.output / "en" / "articles" / "sebuah-artikel" / "index.html").read_text()
    assert "supplied-mark" not in page and "comment" not in _jsonld(page)
