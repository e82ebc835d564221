"""A pull request's preview (`invoke pr-preview`, .github/workflows/pr.yml): drafts shown,
"Preview of pull request #N" in each page's language on every page, noindex, and absolute
URLs under the preview's own address."""
from __future__ import annotations

import re

import pytest

from layar.errors import ConfigurationError
from layar_build import build

from .conftest import ARTICLE, TASKS

DRAFT = (ARTICLE.replace("slug: sebuah-artikel", "slug: masih-draf")
         .replace("title: Sebuah artikel", "title: Artikel yang masih draf")
         .replace("date: 2025-10-22", "date: 2025-10-22\nstatus: draft"))
ADDRESS = "https://owner.github.io/layar/pr-preview/pr-7"
PR = "https://github.com/owner/layar/pull/7"
BANNER = {"en": "Preview of pull request #7", "nl": "Voorbeeld van pull request #7",
          "id": "Pratinjau pull request #7"}
NOINDEX = '<meta name="robots" content="noindex">'


def pages(output):
    return {p.relative_to(output).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(output.rglob("*.html"))}


def test_every_page_of_the_preview_says_so_and_is_not_indexed(tiny_site):
    site = tiny_site({"content/articles/ok.md": ARTICLE, "content/articles/draft.md": DRAFT})
    overrides = {**TASKS.pr_preview_settings(7, PR), "SITEURL": ADDRESS,
                 "RELATIVE_URLS": False, "LAYAR_SEARCH_INDEX": False}
    build(site.settings, site.output, overrides=overrides)
    found = pages(site.output)
    assert "id/articles/masih-draf/index.html" in found  # drafts are shown, bannered
    assert 'notice-unpublished' in found["id/articles/masih-draf/index.html"]
    assert len(found) > 20
    for path, html in found.items():
        lang = re.search(r'<html lang="([a-z]+)"', html).group(1)
        assert NOINDEX in html, path
        assert f'<a href="{PR}">{BANNER[lang]}</a>' in html, path
        # Absolute URLs name the preview's address, never the production site's root.
        for url in re.findall(r'<link rel="canonical" href="([^"]+)"', html):
            assert url.startswith(ADDRESS + "/"), (path, url)


def test_a_build_has_no_preview_banner_and_no_blanket_noindex(tiny_site):
    site = tiny_site({"content/articles/ok.md": ARTICLE})
    build(site.settings, site.output)
    article = site.output / "en" / "articles" / "sebuah-artikel" / "index.html"
    html = article.read_text(encoding="utf-8")
    assert "notice-preview" not in html and NOINDEX not in html


@pytest.mark.parametrize("settings, words", [
    ({"LAYAR_PULL_REQUEST": "7"}, "LAYAR_PULL_REQUEST must be a pull request's number"),
    ({"LAYAR_PULL_REQUEST": 7, "LAYAR_PULL_REQUEST_URL": "http://x.org/7"},
     "LAYAR_PULL_REQUEST_URL must be an https:// address"),
    ({"LAYAR_PULL_REQUEST_URL": "https://x.org/7"}, "needs LAYAR_PULL_REQUEST"),
])
def test_preview_settings_are_checked(tiny_site, settings, words):
    site = tiny_site({"content/articles/ok.md": ARTICLE})
    with pytest.raises(ConfigurationError, match=words):
        build(site.settings, site.output, overrides=settings)
