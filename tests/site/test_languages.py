"""Every built page has the right language, alternates that exist, and a same-page switcher."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import page_facts, url_to_file

LANGS = ("id", "nl", "en")


def html_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.parts)


def test_every_language_has_home_about_and_articles(built_site):
    for lang in LANGS:
        assert (built_site / lang / "index.html").exists()
        assert (built_site / lang / "about" / "index.html").exists()
        articles = list((built_site / lang / "articles").glob("*/index.html"))
        assert articles, f"no articles built in {lang}"
    counts = {len(list((built_site / lang / "articles").glob("*/index.html"))) for lang in LANGS}
    assert len(counts) == 1, "every article must exist in every language"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_declare_their_language(built_site, lang):
    for page in html_pages(built_site / lang):
        assert page_facts(page).html_lang == lang, page


def test_alternates_exist_and_switcher_stays_on_the_same_page(built_site):
    checked = 0
    for page in html_pages(built_site):
        rel = page.relative_to(built_site)
        if rel.parts[0] not in LANGS:
            continue
        facts = page_facts(page)
        lang = rel.parts[0]
        same_page = "/".join(rel.parts[1:])
        # hreflang alternates: one per language plus x-default, all existing files
        assert set(facts.alternates) == set(LANGS) | {"x-default"}, page
        for alt_lang, href in facts.alternates.items():
            assert url_to_file(built_site, href).exists(), f"{page}: {alt_lang} -> {href}"
        for alt_lang in LANGS:
            assert url_to_file(built_site, facts.alternates[alt_lang]) == (
                built_site / alt_lang / same_page), page
        # x-default: the language chooser for home pages, the English page otherwise
        default = url_to_file(built_site, facts.alternates["x-default"])
        if same_page == "index.html":
            assert default == built_site / "index.html", page
        else:
            assert default == built_site / "en" / same_page, page
        # canonical is the page itself
        assert url_to_file(built_site, facts.canonical) == page
        # the switcher goes to the same page in each language, not to the home page
        assert set(facts.switcher) == set(LANGS), page
        for alt_lang, href in facts.switcher.items():
            assert url_to_file(built_site, href) == built_site / alt_lang / same_page, page
        checked += 1
    assert checked > 20


def test_root_is_a_language_chooser(built_site):
    facts = page_facts(built_site / "index.html")
    assert url_to_file(built_site, facts.alternates["x-default"]) == built_site / "index.html"
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f'href="/{lang}/" hreflang="{lang}"' in html
        assert url_to_file(built_site, facts.alternates[lang]) == built_site / lang / "index.html"
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert all('type="application/ld+json"' in tag for tag in scripts), \
        "the chooser works without JavaScript (only JSON-LD data)"


def test_dates_are_formatted_for_each_locale(built_site):
    """An article dated 2025-10-22 shows the date the way each language writes it."""
    expected = {"id": "22 Oktober 2025", "nl": "22 oktober 2025", "en": "October 22, 2025"}
    found = False
    for page in (built_site / "id" / "articles").glob("*/index.html"):
        if "2025-10-22T14:00:00+07:00" not in page.read_text(encoding="utf-8"):
            continue
        found = True
        slug = page.parent.name
        for lang, text in expected.items():
            html = (built_site / lang / "articles" / slug / "index.html").read_text("utf-8")
            assert text in html, (lang, slug)
            assert "UTC+07:00" in html  # the time keeps its zone
    assert found, "the Tek ID article of 22 October 2025 is part of the site"
