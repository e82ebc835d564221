"""Feeds, sitemap, robots.txt, Open Graph, JSON-LD and the page-weight rules, read from the
built site (no browser needed)."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.browser.site_facts import LANGUAGES, articles, jsonld, sample_pages
from tests.helpers import atom_problems

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
CSS_BUDGET = 15 * 1024


class Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.og: dict[str, list[str]] = {}
        self.stylesheets: list[str] = []
        self.scripts: list[dict] = []
        self.inline_styles: list[str] = []
        self.style_elements = 0
        self.canonical = None
        self.alternates: dict[str, str] = {}
        self._script = None
        self.script_texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "style" in a:
            self.inline_styles.append(tag)
        if any(k.startswith("on") for k in a):
            self.inline_styles.append(f"{tag} event handler")
        if tag == "meta" and a.get("property", "").startswith(("og:", "article:")):
            self.og.setdefault(a["property"], []).append(a.get("content", ""))
        elif tag == "link" and a.get("rel") == "stylesheet":
            self.stylesheets.append(a["href"])
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "script":
            self.scripts.append(a)
            self._script = a
        elif tag == "style":
            self.style_elements += 1

    def handle_data(self, data):
        if self._script is not None:
            self.script_texts.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def head(file: Path) -> Head:
    parser = Head()
    parser.feed(file.read_text("utf-8"))
    return parser


def html_pages(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if "pagefind" not in p.relative_to(root).parts)


def file_of(root: Path, path: str) -> Path:
    path = path.split("?")[0]
    return root / (path.strip("/") + ("/index.html" if path.endswith("/") and path != "/" else ""))\
        if path != "/" else root / "index.html"


# -- feeds -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_feed_is_valid_deterministic_atom(site_root, lang):
    tree = ET.parse(site_root / lang / "feed.xml").getroot()
    assert tree.tag == f"{ATOM}feed"
    assert tree.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for required in ("id", "title", "updated", "author"):
        assert tree.find(f"{ATOM}{required}") is not None, required
    assert re.match(r"^(urn:|https?://)", tree.findtext(f"{ATOM}id"))
    rels = {link.get("rel"): link.get("href") for link in tree.findall(f"{ATOM}link")}
    assert rels["self"].endswith(f"/{lang}/feed.xml") and rels["alternate"].endswith(f"/{lang}/")
    entries = tree.findall(f"{ATOM}entry")
    assert len(entries) == len(articles(site_root, lang))
    ids = set()
    for entry in entries:
        for required in ("id", "title", "updated", "published"):
            assert entry.findtext(f"{ATOM}{required}"), required
        assert entry.find(f"{ATOM}author/{ATOM}name").text
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert f"/{lang}/articles/" in link
        ids.add(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(entries)
    if entries:
        # updated is the newest entry's date, never the build time; entries newest first.
        stamps = [e.findtext(f"{ATOM}updated") for e in entries]
        assert tree.findtext(f"{ATOM}updated") == stamps[0]


def test_every_feed_is_valid_atom(site_root):
    """Per-language and per-topic feeds: one writer, valid Atom 1.0 (RFC 4287)."""
    feeds = sorted(site_root.rglob("feed.xml"))
    assert {f.relative_to(site_root).as_posix() for f in feeds} >= {
        f"{lang}/feed.xml" for lang in LANGUAGES}
    assert len(feeds) > len(LANGUAGES), "no topic feeds"
    problems = [p for feed in feeds for p in atom_problems(feed, site_root)]
    assert problems == []


def test_feeds_are_linked_from_every_page(site_root):
    for lang in LANGUAGES:
        html = (site_root / lang / "index.html").read_text("utf-8")
        assert f'type="application/atom+xml" href="/{lang}/feed.xml"' in html


# -- sitemap and robots --------------------------------------------------------------------
def test_sitemap_lists_every_page_with_hreflang_alternates(site_root):
    tree = ET.parse(site_root / "sitemap.xml").getroot()
    listed = {}
    for url in tree.findall(f"{SM}url"):
        loc = url.findtext(f"{SM}loc")
        assert re.match(r"^https?://", loc), loc
        alternates = {l.get("hreflang"): l.get("href") for l in url.findall(f"{XHTML}link")}
        assert set(alternates) >= {"x-default"} | (set(LANGUAGES) if "/" in loc[9:] else set())
        listed[re.sub(r"^https?://[^/]+", "", loc)] = alternates
    pages = set()
    for file in html_pages(site_root):
        rel = "/" + file.relative_to(site_root).as_posix().removesuffix("index.html")
        if rel.endswith("404.html") or "/search/" in rel:
            continue  # not indexable: noindex pages are left out
        pages.add(rel)
    assert pages == set(listed), (pages ^ set(listed))
    for path, alternates in listed.items():
        if path == "/":
            continue
        for lang in LANGUAGES:
            alt = re.sub(r"^https?://[^/]+", "", alternates[lang])
            assert alt in listed, f"{path}: alternate {alt} is not in the sitemap"


def test_robots_txt_points_at_the_sitemap(site_root):
    text = (site_root / "robots.txt").read_text()
    assert re.search(r"^Sitemap: https?://\S+/sitemap\.xml$", text, re.M)
    assert "User-agent: *" in text


# -- Open Graph and JSON-LD ----------------------------------------------------------------
def test_every_page_has_open_graph_and_json_ld(site_root):
    for file in html_pages(site_root):
        h = head(file)
        rel = file.relative_to(site_root).as_posix()
        for prop in ("og:title", "og:description", "og:type", "og:url", "og:locale"):
            assert h.og.get(prop) and h.og[prop][0].strip(), f"{rel}: {prop}"
        assert len(h.og.get("og:locale:alternate", [])) == 2, rel
        assert re.match(r"^https?://", h.og["og:url"][0]) and re.match(r"^https?://", h.canonical)
        nodes = jsonld(file.read_text("utf-8"))
        assert nodes, f"{rel}: no JSON-LD"
        types = {n["@type"] for n in nodes}
        assert "WebSite" in types, rel


def test_articles_are_news_articles_with_translations_linked(site_root):
    for lang in LANGUAGES:
        for path in articles(site_root, lang):
            html = file_of(site_root, path).read_text("utf-8")
            (article,) = [n for n in jsonld(html) if n["@type"] == "NewsArticle"]
            for key in ("headline", "datePublished", "publisher", "inLanguage"):
                assert article.get(key), (path, key)
            # a byline only where the original prints one (issue 36): never the publisher
            if "author" in article:
                assert article["author"]["@type"] == "Person" and article["author"]["name"]
            assert article["inLanguage"] == lang
            assert len(article["headline"]) <= 110
            h = head(file_of(site_root, path))
            assert h.og["og:type"] == ["article"]
            if "translationOfWork" in article:
                original = article["translationOfWork"]["url"]
                original_lang = article["translationOfWork"]["inLanguage"]
                assert original_lang != lang and f"/{original_lang}/articles/" in original
                orig_html = file_of(site_root, re.sub(r"^https?://[^/]+", "", original)).read_text("utf-8")
                (orig,) = [n for n in jsonld(orig_html) if n["@type"] == "NewsArticle"]
                assert article["url"] in [t["url"] for t in orig["workTranslation"]]
            else:
                assert len(article["workTranslation"]) == len(LANGUAGES) - 1
            for topic in article.get("about", []) + article.get("mentions", []):
                assert topic["url"] and topic["@type"]


def test_topic_pages_are_typed_by_kind(site_root):
    expected = {"strikes": {"Event"}, "tools": {"SoftwareApplication"},
                "productions": {"CreativeWork", "Movie", "TVSeries"},
                "organizations": {"Organization"}, "people": {"Person"}}
    seen = set()
    for kind, types in expected.items():
        for file in sorted((site_root / "en" / kind).glob("*/index.html")):
            nodes = jsonld(file.read_text("utf-8"))
            page = next(n for n in nodes if n["@type"] == "WebPage")
            thing = next(n for n in nodes if n.get("@id") == page["mainEntity"]["@id"])
            assert thing["@type"] in types, (file, thing["@type"])
            seen.add(kind)
            if thing["@type"] == "Event":
                assert thing["startDate"] and thing["endDate"]
    eternaut = jsonld((site_root / "en/productions/the-eternaut/index.html").read_text("utf-8"))
    assert any(n["@type"] == "TVSeries" for n in eternaut)
    assert seen == set(expected)


def test_json_ld_cannot_close_its_script_element():
    from layar_seo.meta import json_script

    html = str(json_script({"name": "</script><script>alert(1)</script><!--"}))
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "</" not in body and "<!--" not in body
    assert json.loads(body)["name"] == "</script><script>alert(1)</script><!--"


# -- page weight and strict CSP ---------------------------------------------------------------
def test_one_small_stylesheet_no_inline_styles_or_scripts(site_root):
    css = site_root / "theme" / "css" / "site.css"
    assert css.stat().st_size <= CSS_BUDGET, f"site.css is {css.stat().st_size} bytes"
    for file in html_pages(site_root):
        h = head(file)
        rel = file.relative_to(site_root).as_posix()
        assert [s.split("?")[0] for s in h.stylesheets] == ["/theme/css/site.css"], rel
        assert not h.inline_styles and not h.style_elements, f"{rel}: inline style {h.inline_styles}"
        code = [s for s in h.scripts if s.get("type") != "application/ld+json"]
        for script in code:
            assert script.get("src"), f"{rel}: inline script"
        if "/search/" in rel:
            assert [s["src"].split("?")[0] for s in code] == ["/theme/js/search.js"], rel
        else:
            assert not code, f"{rel} loads JavaScript: {code}"


def test_no_font_or_resource_from_another_origin(site_root):
    for file in html_pages(site_root):
        text = file.read_text("utf-8")
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', text):
            if not url.startswith("http://127.0.0.1:8000/"):
                # outside links are fine, resources are not
                assert not re.search(r'<(?:link rel="stylesheet"|script|img)[^>]*' + re.escape(url), text)


# -- timeline ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_timeline_shows_every_article_and_strike(site_root, lang):
    html = (site_root / lang / "timeline" / "index.html").read_text("utf-8")
    for path in articles(site_root, lang):
        assert f'href="{path}"' in html, path
    for strike in sorted((site_root / lang / "strikes").glob("*/index.html")):
        path = "/" + strike.parent.relative_to(site_root).as_posix() + "/"
        assert html.count(f'href="{path}"') >= 2, f"{path}: start and end"
    assert "<svg" in html and 'role="img"' in html


def test_pages_of_every_type_exist(site_root):
    for kind, paths in sample_pages(site_root).items():
        for path in paths:
            if kind != "404":
                assert file_of(site_root, path).exists(), path
    for lang in LANGUAGES:
        assert (site_root / lang / "404.html").exists()
