"""A page type is one declaration: a tiny site adds two, declared only here (a plugin file,
a template and the label's translations), and search, SEO, the sitemap and the social
cards treat their pages as declared, with nothing else edited."""
from __future__ import annotations

import json
import re

import pytest

from layar_bench import search_index
from layar_media import cards
from layar_site.pagetypes import PageType, PageTypes

from .conftest import ARTICLE

#: The plugin of the example in docs/ARCHITECTURE.md ("Page types"): a glossary page with
#: data of its own (its terms), and a page no search engine should see.
PLUGIN = '''\
from layar_site import signals
from layar_site.pagetypes import PageType
from layar_site.plugins import enabled


def N_(message):
    return message


GLOSSARY = PageType("glossary", "glossary.html", "{lang}/glossary/", label=N_("Glossary"),
                    title=N_("Glossary"), indexed=True, schema="DefinedTermSet", order=40)
PRIVATE = PageType("private", "glossary.html", "{lang}/private/", noindex=True)


def site_loaded(site):
    if not enabled(site, "layar_glossary"):
        return
    for page_type in (GLOSSARY, PRIVATE):
        site.page_types.declare(page_type)
    terms = {"terms": ["deepfake", "diffusion"]}
    site.add_route(GLOSSARY.route("glossary", context=lambda lang: terms))
    site.add_route(PRIVATE.route("private", context=lambda lang: terms))


def register():
    signals.site_loaded.connect(site_loaded)
'''

TEMPLATE = """\
{% extends "base.html" %}
{% block title %}{{ _('Glossary') }} · {{ SITENAME }}{% endblock %}
{% block main %}<h1>{{ _('Glossary') }}</h1>
<ul>{% for term in terms %}<li id="{{ term }}">{{ term }}</li>{% endfor %}</ul>{% endblock %}
"""

TRANSLATED = {"id": "Glosarium", "nl": "Woordenlijst"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from .conftest import TinySite, ROOT

    root = tmp_path_factory.mktemp("pagetypes") / "site"
    site = TinySite(root, {"content/articles/ok.md": ARTICLE, "extra/layar_glossary.py": PLUGIN,
                           "overrides/glossary.html": TEMPLATE}, {
        "PLUGIN_PATHS": [str(ROOT / "plugins" / "pelican"), str(root / "extra")],
        "PLUGINS": ["layar_seo", "layar_search", "layar_media", "layar_glossary"],
        "THEME_TEMPLATES_OVERRIDES": [str(root / "overrides")],
        "SITEURL": "https://tiny.example",
        "LAYAR_SEARCH_INDEX": True,  # Pagefind indexes the pages as their types say
    })
    for lang, text in TRANSLATED.items():  # the label's translations, in each catalog
        po = root / "i18n" / lang / "LC_MESSAGES" / "messages.po"
        po.write_text(po.read_text(encoding="utf-8")
                      + f'\nmsgid "Glossary"\nmsgstr "{text}"\n', encoding="utf-8")
    result = site.build()
    return site, result


def page(site, path: str) -> str:
    return (site.output / path / "index.html").read_text(encoding="utf-8")


def jsonld(html: str) -> list[dict]:
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html,
                                re.S).group(1))
    return data["@graph"]


@pytest.mark.parametrize("lang", ["id", "nl", "en"])
def test_the_declared_page_is_built_with_its_template(built, lang):
    site, _result = built
    html = page(site, f"{lang}/glossary")
    assert '<body class="page-glossary">' in html
    assert f"<h1>{TRANSLATED.get(lang, 'Glossary')}</h1>" in html
    assert '<li id="diffusion">diffusion</li>' in html


@pytest.mark.parametrize("lang", ["id", "nl", "en"])
def test_search_indexes_it_under_its_translated_label(built, lang):
    site, _result = built
    label = TRANSLATED.get(lang, "Glossary")
    html = page(site, f"{lang}/glossary")
    assert 'data-pagefind-body' in html
    assert f'<span data-pagefind-filter="kind">{label}</span>' in html
    # The search page's filter form lists the kind, after the articles' (order 40 > 10).
    form = page(site, f"{lang}/search")
    assert f'value="{label}"' in form and form.index(f'value="{label}"') > form.index(
        'value="{}"'.format({"id": "Artikel", "nl": "Artikel", "en": "Article"}[lang]))
    # Pagefind's own files: the page is in its language's index, with its kind.
    index = search_index.read(site.output / "pagefind")[lang]
    assert index[f"/{lang}/glossary/"]["filters"]["kind"] == [label]
    assert not any("/private/" in url for url in index)


def test_seo_gives_its_schema_type_and_no_noindex(built):
    site, _result = built
    html = page(site, "en/glossary")
    assert '<meta name="robots" content="noindex">' not in html
    webpage = jsonld(html)[1]
    assert webpage["@type"] == "DefinedTermSet"
    assert webpage["url"] == "https://tiny.example/en/glossary/"


def test_a_noindex_type_is_hidden_from_search_engines_and_search(built):
    site, _result = built
    html = page(site, "en/private")
    assert '<meta name="robots" content="noindex">' in html
    assert "data-pagefind-body" not in html
    assert jsonld(html)[1]["@type"] == "WebPage"  # the default


def test_the_sitemap_lists_what_its_type_says(built):
    site, _result = built
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    for lang in ("id", "nl", "en"):
        assert f"<loc>https://tiny.example/{lang}/glossary/</loc>" in sitemap
        assert f"/{lang}/private/" not in sitemap
        assert f"/{lang}/search/</loc>" not in sitemap


@pytest.mark.parametrize("lang", ["id", "nl", "en"])
def test_its_card_shows_its_translated_title_and_label(built, lang):
    site, _result = built
    label = TRANSLATED.get(lang, "Glossary")
    card = site.output / "cards" / lang / "glossary.png"
    assert card.read_bytes() == cards.draw_card(label, label, "Layar")
    assert f'<meta property="og:image:alt" content="{label}">' in page(site, f"{lang}/glossary")
    # A type without a title of its own: the site's name, under the default label.
    assert (site.output / "cards" / lang / "private.png").read_bytes() == cards.draw_card(
        "Layar", {"id": "Halaman", "nl": "Pagina", "en": "Page"}[lang], "Layar")


def test_a_route_must_name_a_declared_type(tiny_site):
    from layar_site.routes import Route

    from pelican.settings import read_settings

    from layar_site.settings import configure
    from layar_site.site import Site

    site_dir = tiny_site()
    settings = read_settings(str(site_dir.settings))
    site = Site(configure(settings), settings)
    with pytest.raises(ValueError, match="names the page type 'glossary', which nobody declared"):
        site.add_route(Route("glossary", "{lang}/glossary/", "glossary.html",
                             page_type="glossary"))


def test_two_types_cannot_share_a_name():
    types = PageTypes((PageType("a", "a.html", "{lang}/a/"),))
    types.declare(PageType("a", "a.html", "{lang}/a/"))  # the same again: a second build
    with pytest.raises(ValueError, match="two page types are named 'a'"):
        types.declare(PageType("a", "b.html", "{lang}/b/"))


def test_a_route_takes_its_template_and_pattern_from_its_type():
    glossary = PageType("glossary", "glossary.html", "{lang}/{slug}/", label="Glossary")
    route = glossary.route("glossary", slug="words")
    assert (route.pattern, route.template, route.page_type) == (
        "{lang}/words/", "glossary.html", "glossary")
    assert route.save_as("nl") == "nl/words/index.html"
