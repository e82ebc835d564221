"""An article's optional ``url``: the original's address, validated, linked and in JSON-LD."""
from __future__ import annotations

import json
import re

import pytest

from layar import frontmatter, schema

from tests.helpers import ROOT

TEK_ID = "begini-cara-netflix-gunakan-ai-di-industri-hiburan-tidak-gantikan-kreativitas-sineas"
LINK = {"en": "Read the original at Tek ID", "nl": "Lees het origineel bij Tek ID",
        "id": "Baca artikel aslinya di Tek ID"}


def _validate(url_line: str) -> list[str]:
    text = ("---\ntitle: Judul\nlang: id\ndate: 2025-10-22\npublisher: Tek ID\n"
            f"{url_line}\n---\nParagraf.\n")
    doc = frontmatter.parse(text, "content/articles/x.md")
    problems = []
    schema.validate(doc, "article", problems, {})
    return [f"{p.line}: {p.message}" for p in problems]


def test_url_must_be_an_https_address():
    assert _validate("url: https://www.tek.id/insight/x") == []
    assert _validate("url: http://www.tek.id/insight/x") == [
        "6: 'url' must be an https:// address, got 'http://www.tek.id/insight/x'"]
    assert _validate("url: javascript:alert(1)")
    assert _validate("url: 42") == ["6: 'url' must be an https:// address, got a number"]


def test_the_tek_id_article_names_its_confirmed_original():
    meta = frontmatter.load(ROOT / "content" / "articles" / f"{TEK_ID}.md", ROOT).meta
    assert meta["url"].startswith("https://www.tek.id/")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["id", "nl", "en"])
def test_the_page_links_the_original_and_says_so_in_json_ld(built_site, lang):
    page = (built_site / lang / "articles" / TEK_ID / "index.html").read_text("utf-8")
    meta = frontmatter.load(ROOT / "content" / "articles" / f"{TEK_ID}.md", ROOT).meta
    assert f'<a href="{meta["url"]}">{LINK[lang]}</a>' in page
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    graph = json.dumps([json.loads(b) for b in blocks])
    assert f'"isBasedOn": {{"@type": "NewsArticle", "url": "{meta["url"]}"' in graph


TECHVERSE = "penulis-dan-aktor-di-amerika-serikat-mogok-netflix-malah-buka-posisi-untuk-manajer-ai"


def test_the_techverse_article_names_its_original_and_says_an_editor_found_it():
    """Issue 36: the review found the Techverse article's address (confirmed with its title,
    byline and dateline); the page links it and says the editors supplied it."""
    path = ROOT / "content" / "articles" / f"{TECHVERSE}.md"
    doc = frontmatter.load(path, ROOT)
    problems = []
    meta = schema.validate(doc, "article", problems, {"strikes": {}, "tools": {}, "productions": {},
                                                      "organizations": {}, "people": {}})
    assert not [p for p in problems if p.is_error], problems
    assert meta["url"] == ("https://www.techverse.asia/techno/3879/31072023/"
                           "penulis-dan-aktor-di-amerika-serikat-mogok-netflix-malah-buka-posisi-"
                           "untuk-manajer-ai")
    assert "ditemukan oleh redaksi Layar" in meta["supplied"]["url"]
