"""The topics plugin on a tiny three-language site: pages, links, checks, feed and graph."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from layar.errors import ChecksFailed
from tests.helpers import atom_problems

LANGS = ("id", "nl", "en")
HUBS = {"strikes": ["writers-strike"],
        "tools": ["robowriter", "able-edit", "zeta-cam", "unused-tool"],
        "organizations": ["writers-union", "big-studio"]}
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def main(html: str) -> str:
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', main(html))


def test_hub_topic_pages_and_feeds_exist_in_every_language(built):
    for lang in LANGS:
        for kind, ids in HUBS.items():
            hub = built.page(f"{lang}/{kind}/")
            assert f'<html lang="{lang}"' in hub
            for topic_id in ids:
                assert f'href="/{lang}/{kind}/{topic_id}/"' in hub
                page = built.page(f"{lang}/{kind}/{topic_id}/")
                assert f'href="/{lang}/{kind}/{topic_id}/feed.xml"' in page
                assert (built.output / lang / kind / topic_id / "feed.xml").exists()


def test_hub_orders_by_article_count_then_name_and_shows_counts(built):
    hub = main(built.page("en/tools/"))
    assert "<h1>Tools</h1>" in hub
    names = re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', hub)
    assert names == ["RoboWriter", "Able Edit", "Zeta Cam", "Unused Tool"]
    counts = re.findall(r'<p class="meta topic-count">([^<]+)</p>', hub)
    assert counts == ["Mentioned in 2 articles", "Mentioned in 1 article",
                      "Mentioned in 1 article", "Not mentioned in any article yet"]
    assert "A writing machine." in hub  # the one-line summary


def test_topic_names_are_localised(built):
    page = main(built.page("id/strikes/writers-strike/"))
    assert "<h1>Mogok penulis</h1>" in page  # translated: no lang attribute
    assert main(built.page("nl/strikes/writers-strike/")).count(
        '<h1 lang="en">Writers strike</h1>') == 1  # untranslated: marked English
    assert ">Mogok penulis</a>" in main(built.page("id/strikes/"))


def test_facts_are_localised_and_link_to_topics(built):
    page = main(built.page("id/strikes/writers-strike/"))
    assert '<dd><time datetime="2023-05-02">2 Mei 2023</time></dd>' in page
    assert '<a href="/id/organizations/writers-union/" lang="en">Writers Union</a>' in page
    assert '<dd lang="en">United States</dd>' in page
    assert '<time datetime="2023-05-02">2 mei 2023</time>' in built.page(
        "nl/strikes/writers-strike/")
    assert '<time datetime="1954">1954</time>' in built.page("en/organizations/writers-union/")


def test_timeline_oldest_first_with_reader_language_links_and_badges(built):
    page = main(built.page("id/organizations/writers-union/"))
    timeline = page[page.index('<ol class="timeline">'):]
    links = re.findall(r'<a href="(/[^"]+/articles/[^"]+)"', timeline)
    assert links == ["/id/articles/robo-schrijft/", "/id/articles/strike-begins/",
                     "/id/articles/mogok-berlanjut/"]
    assert ">Mogok dimulai</a>" in timeline  # the article title in the reader's language
    assert '<span class="publisher">Kleine Krant</span>' in timeline
    badges = re.findall(r'<span class="badge badge-lang"[^>]*>([^<]+)</span>', timeline)
    # Language names as Indonesian writes them (layar.languages.LANGUAGE_NAMES).
    assert badges == ["bahasa Belanda", "bahasa Inggris", "bahasa Indonesia"]
    assert "This page draws on the articles listed below" in page


def test_related_topics_ranked_by_shared_articles(built):
    page = main(built.page("en/organizations/writers-union/"))
    related = page[page.index('class="topic-related"'):]
    items = re.findall(r'<li><a href="([^"]+)">([^<]+)</a> <span class="kind">([^<]+)</span>'
                       r'(?: <span class="shared">([^<]+)</span>)?</li>', related)
    assert items == [
        ("/en/strikes/writers-strike/", "Writers strike", "Strike", "2 shared articles"),
        ("/en/tools/robowriter/", "RoboWriter", "Tool", "2 shared articles"),
        ("/en/tools/able-edit/", "Able Edit", "Tool", "1 shared article"),
        ("/en/tools/zeta-cam/", "Zeta Cam", "Tool", "1 shared article"),
        ("/en/organizations/big-studio/", "Big Studio", "Organisation", "1 shared article"),
    ]


def test_articles_list_their_topics_and_topic_pages_link_back(built):
    for lang in LANGS:
        article = main(built.page(f"{lang}/articles/strike-begins/"))
        block = article[article.index('class="article-topics"'):article.index("</aside>")]
        assert re.findall(r"<h3>([^<]+)</h3>", block) == ["Strikes", "Tools", "Organisations"]
        for kind, topic_id in [("strikes", "writers-strike"), ("tools", "robowriter"),
                               ("organizations", "writers-union"),
                               ("organizations", "big-studio")]:
            assert f'href="/{lang}/{kind}/{topic_id}/"' in block
            assert f"/{lang}/articles/strike-begins/" in hrefs(
                built.page(f"{lang}/{kind}/{topic_id}/"))


def test_first_mentions_link_outside_headings_links_code_and_attributions(built):
    body = main(built.page("en/articles/strike-begins/"))
    body = body[body.index('<div class="prose">'):]
    assert '<h2 id="robowriter-and-the-writers-strike">RoboWriter and the Writers strike</h2>' in body
    assert '<a href="https://example.com/ws">Writers strike</a>' in body
    assert ('The <a class="topic-link" href="/en/strikes/writers-strike/">writers\' strike</a> '
            'began in May and <a class="topic-link" href="/en/tools/robowriter/">RoboWriter</a>'
            ) in body
    assert 'The <a class="topic-link" href="/en/organizations/writers-union/">Writers Union</a>' in body
    assert "<p>Later the writers' strike ended and <code>RoboWriter</code> stayed.</p>" in body
    assert "<p>— Big Studio spokesperson</p>" in body
    assert ('<p><a class="topic-link" href="/en/organizations/big-studio/">Big Studio</a> '
            'declined') in body
    assert body.count('class="topic-link"') == 4


def test_mentions_link_in_the_readers_language_with_the_texts_aliases(built):
    for lang in LANGS:
        body = main(built.page(f"{lang}/articles/mogok-berlanjut/"))
        assert (f'<a class="topic-link" href="/{lang}/strikes/writers-strike/">Mogok penulis</a>'
                in body)  # untranslated Indonesian text keeps its aliases on every page
        assert f'<a class="topic-link" href="/{lang}/tools/zeta-cam/">Zeta Cam</a>' in body
    nl = main(built.page("nl/articles/robo-schrijft/"))
    assert '<a class="topic-link" href="/nl/organizations/writers-union/">schrijversbond</a>' in nl


def test_topic_explainers_and_pages_get_no_mention_links(built):
    assert "topic-link" not in built.page("en/strikes/writers-strike/")
    assert "topic-link" not in built.page("en/")


def test_unknown_topic_is_an_error_with_file_and_line_and_output_is_untouched(tiny_built):
    before = {p: p.read_bytes() for p in tiny_built.output.rglob("*") if p.is_file()}
    tiny_built.write("content/articles/bad.md", """\
        ---
        title: Bad
        slug: bad
        lang: en
        date: 2023-07-01
        publisher: Tiny Times
        topics:
          tools: [robowriter, robowritter]
          strikes: [writers-union]
        ---
        Text.
        """)
    with pytest.raises(ChecksFailed) as info:
        tiny_built.build()
    problems = [str(p) for p in info.value.problems]
    assert ("content/articles/bad.md:8: error: unknown topic 'robowritter' in topics.tools "
            "(did you mean 'robowriter'?); add content/topics/tools/robowritter.md or fix the id"
            ) in problems
    assert ("content/articles/bad.md:9: error: topic 'writers-union' is listed under "
            "topics.strikes but its kind is 'organizations' "
            "(content/topics/organizations/writers-union.md); move it to topics.organizations"
            ) in problems
    after = {p: p.read_bytes() for p in tiny_built.output.rglob("*") if p.is_file()}
    assert after == before


def test_a_topic_no_article_mentions_is_a_warning_and_still_built(built):
    result = built.build()
    assert [str(p) for p in result.warnings if p.path.startswith("content/")] == [
        "content/topics/tools/unused-tool.md:2: warning: no article mentions topic "
        "'unused-tool'; its page is built without articles"]
    page = main(built.page("en/tools/unused-tool/"))
    assert "No article mentions this topic yet." in page


def test_atom_feed_is_valid_localised_and_deterministic(built):
    path = built.output / "id" / "organizations" / "writers-union" / "feed.xml"
    first = path.read_bytes()
    feed = ET.fromstring(first)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}id").text == "urn:layar:topic:organizations:writers-union:id:feed"
    assert feed.find(f"{ATOM}updated").text == "2023-06-01T00:00:00Z"  # newest article
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Mogok berlanjut", "Mogok dimulai", "Robo schrijft"]  # newest first, localised
    # Links are absolute (the development address without an absolute SITEURL).
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        "http://127.0.0.1:8000/id/articles/mogok-berlanjut/",
        "http://127.0.0.1:8000/id/articles/strike-begins/",
        "http://127.0.0.1:8000/id/articles/robo-schrijft/"]
    assert entries[1].find(f"{ATOM}updated").text == "2023-05-01T10:00:00+07:00"
    for e in entries:
        assert e.find(f"{ATOM}id").text.startswith("urn:layar:article:")
        assert e.find(f"{ATOM}content") is None  # topic feeds carry summaries, not bodies
    # No byline: the publisher is the entry's author, never the feed's (the site's) name.
    assert [e.findtext(f"{ATOM}author/{ATOM}name") for e in entries] == [
        "Koran Kecil", "Tiny Times", "Kleine Krant"]
    # Each entry's topics are categories: term the id, scheme the kind's hub, label localised.
    assert [(c.get("term"), c.get("scheme"), c.get("label"))
            for c in entries[1].findall(f"{ATOM}category")][:2] == [
        ("writers-strike", "http://127.0.0.1:8000/id/strikes/", "Mogok penulis"),
        ("robowriter", "http://127.0.0.1:8000/id/tools/", "RoboWriter")]
    # A fallback (untranslated) text says its language; a translated one inherits the feed's.
    title = entries[2].find(f"{ATOM}title")
    assert title.get(XML_LANG) == "nl" and entries[1].find(f"{ATOM}title").get(XML_LANG) is None
    assert feed.find(f"{ATOM}title").get(XML_LANG) == "en"  # "Writers Union" is untranslated
    assert atom_problems(path, built.output) == []
    built.build()
    assert path.read_bytes() == first
    empty = ET.parse(built.output / "en" / "tools" / "unused-tool" / "feed.xml").getroot()
    assert empty.find(f"{ATOM}updated").text == "1970-01-01T00:00:00Z"
    assert empty.findall(f"{ATOM}entry") == []


def test_feed_ids_are_urls_with_an_absolute_siteurl(tiny):
    plugins = ["layar_topics", "layar_seo"]
    tiny.build(SITEURL="https://tiny.example", PLUGINS=plugins)
    feed = ET.parse(tiny.output / "en" / "tools" / "robowriter" / "feed.xml").getroot()
    assert feed.find(f"{ATOM}id").text == "https://tiny.example/en/tools/robowriter/feed.xml"
    assert feed.find(f"{ATOM}entry/{ATOM}id").text == (
        "https://tiny.example/en/articles/strike-begins/")
    # The per-language feed (SEO plugin) is written by the same writer: same ids and dates.
    site_feed = ET.parse(tiny.output / "en" / "feed.xml").getroot()
    assert site_feed.find(f"{ATOM}id").text == "https://tiny.example/en/feed.xml"
    entries = {e.findtext(f"{ATOM}id"): e for e in site_feed.findall(f"{ATOM}entry")}
    for entry in feed.findall(f"{ATOM}entry"):
        same = entries[entry.findtext(f"{ATOM}id")]
        for tag in ("title", "updated", "published", "author"):
            assert ET.tostring(same.find(f"{ATOM}{tag}")) == ET.tostring(entry.find(f"{ATOM}{tag}"))
    feeds = sorted(tiny.output.rglob("feed.xml"))
    assert len(feeds) == 3 + 3 * 7  # per language, and per topic and language
    for path in feeds:
        assert atom_problems(path, tiny.output) == []


def test_graph_json(built):
    raw = (built.output / "api" / "graph.json").read_text("utf-8")
    graph = json.loads(raw)
    assert raw == json.dumps(graph, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    assert set(graph) == {"version", "languages", "kinds", "topics", "articles", "edges"}
    assert graph["languages"] == ["id", "nl", "en"]
    assert [k["id"] for k in graph["kinds"]] == ["strikes", "tools", "organizations"]
    assert graph["kinds"][1]["url"] == {"id": "/id/tools/", "nl": "/nl/tools/", "en": "/en/tools/"}
    topic = next(t for t in graph["topics"] if t["id"] == "writers-strike")
    assert topic == {
        "id": "writers-strike", "kind": "strikes", "articles": 2,
        "name": {"id": "Mogok penulis", "nl": "Writers strike", "en": "Writers strike"},
        "summary": {lang: "The writers' strike of the tiny site." for lang in LANGS},
        "url": {lang: f"/{lang}/strikes/writers-strike/" for lang in LANGS},
    }
    assert [a["slug"] for a in graph["articles"]] == [
        "mogok-berlanjut", "robo-schrijft", "strike-begins"]
    article = graph["articles"][2]
    assert article == {
        "slug": "strike-begins", "lang": "en", "date": "2023-05-01T10:00:00+07:00",
        "publisher": "Tiny Times",
        "title": {"id": "Mogok dimulai", "nl": "The strike begins", "en": "The strike begins"},
        "url": {lang: f"/{lang}/articles/strike-begins/" for lang in LANGS},
    }
    mentions = graph["edges"]["mentions"]
    assert {"article": "robo-schrijft", "topic": "able-edit"} in mentions
    assert len(mentions) == 10 and mentions == sorted(
        mentions, key=lambda e: (e["article"], e["topic"]))
    assert {"source": "writers-strike", "target": "writers-union", "shared": 2,
            "explicit": True} in graph["edges"]["related"]


def test_nothing_happens_when_the_plugin_is_not_enabled(tiny):
    tiny.build(PLUGINS=[])
    assert not (tiny.output / "en" / "tools").exists()
    assert not (tiny.output / "api" / "graph.json").exists()
    assert "article-topics" not in tiny.page("en/articles/strike-begins/")
