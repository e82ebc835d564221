"""A topic's `sources`: what it states beyond its articles names its source, on the page in
every language and in its JSON-LD, and a source is checked like any field (issue 36)."""
from __future__ import annotations

import json
import re

from .conftest import ARTICLE

TOPIC = """\
---
id: jane-doe
kind: people
name: Jane Doe
summary: A studio chief.
facts:
  role: Chief executive of Example Studios (2020–2026)
sources:
  - title: Example Studios names a new chief
    publisher: Example News
    date: 2026-02-03
    url: https://news.example.org/studios/new-chief
    for: [role, 'named Richard Roe as her successor']
  - title: Un informe en español
    publisher: El Ejemplo
    date: 2025-10-21
    url: https://elejemplo.example.org/informe
    lang: es
    for: ['it takes a great artist']
related: []
---
Jane Doe has led Example Studios since 2020. In February 2026 the studio named Richard Roe as her successor.

She once said that it takes a great artist to make something great.

She likes films.
"""

#: An article that mentions the topic, so the topic page has one.
MENTION = ARTICLE.replace("Paragraf pertama.", "Paragraf pertama tentang Jane Doe.").replace(
    "publisher: Contoh", "publisher: Contoh\ntopics:\n  people: [jane-doe]")


def _page(site, lang: str) -> str:
    return (site.output / lang / "people" / "jane-doe" / "index.html").read_text("utf-8")


def test_a_topic_page_lists_its_sources_and_marks_what_they_confirm_in_every_language(tiny_site):
    site = tiny_site({"content/topics/people/jane-doe.md": TOPIC,
                      "content/articles/ok.md": MENTION})
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]
    dates = {"en": ("February 3, 2026", "October 21, 2025"),
             "nl": ("3 februari 2026", "21 oktober 2025"),
             "id": ("3 Februari 2026", "21 Oktober 2025")}
    heading = {"en": "Sources", "nl": "Bronnen", "id": "Sumber"}
    for lang, (first, second) in dates.items():
        page = _page(site, lang)
        section = re.search(r'<section class="topic-sources".*?</section>', page, re.S).group(0)
        assert f'<h2 id="topic-sources-heading">{heading[lang]}</h2>' in section
        items = re.findall(r"<li id=\"(source-\d)\">(.*?)</li>", section, re.S)
        assert [anchor for anchor, _ in items] == ["source-1", "source-2"]
        # an English title on a Dutch or Indonesian page is marked as English
        marked = "" if lang == "en" else ' lang="en"'
        hreflang = "" if lang == "en" else ' hreflang="en"'
        assert (f'<cite{marked}><a href="https://news.example.org/studios/new-chief"{hreflang}>'
                f'Example Studios names a new chief</a></cite>') in items[0][1]
        assert "Example News" in items[0][1]
        assert f'<time datetime="2026-02-03">{first}</time>' in items[0][1]
        # a source in another language than the page says so, for screen readers
        assert ('<cite lang="es"><a href="https://elejemplo.example.org/informe" hreflang="es">'
                'Un informe en español</a></cite>') in items[1][1]
        assert f'<time datetime="2025-10-21">{second}</time>' in items[1][1]
        # the fact and the paragraphs the sources confirm carry their numbers
        fact = re.search(r'<div class="fact fact-role">.*?</div>', page, re.S).group(0)
        assert '<a href="#source-1">[1]</a></sup></dd>' in fact
        prose = re.search(r'<div class="prose">(.*?)</div>', page, re.S).group(1)
        paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", prose, re.S)
        assert len(paragraphs) == 3
        assert paragraphs[0].endswith('<a href="#source-1">[1]</a></sup>')
        assert paragraphs[1].endswith('<a href="#source-2">[2]</a></sup>')
        assert "source-" not in paragraphs[2]  # nothing cited there
        # the sources come before the articles, whose note now points at them
        assert page.index("topic-sources-heading") < page.index("topic-articles-heading")
    assert "Besides the reports listed under Sources above" in _page(site, "en")
    assert "Naast de berichten onder Bronnen hierboven" in _page(site, "nl")
    assert "Selain laporan yang tercantum di bagian Sumber di atas" in _page(site, "id")


def test_a_topic_page_names_its_sources_in_json_ld(tiny_site):
    site = tiny_site({"content/topics/people/jane-doe.md": TOPIC,
                      "content/articles/ok.md": MENTION})
    assert site.run("build").code == 0
    for lang in ("id", "nl", "en"):
        found = re.search(r'<script type="application/ld\+json">(.*?)</script>',
                          _page(site, lang), re.S).group(1)
        page = next(node for node in json.loads(found)["@graph"]
                    if node["@type"] == "ProfilePage" or node.get("mainEntity"))
        assert page["citation"] == [
            {"@type": "CreativeWork", "name": "Example Studios names a new chief",
             "publisher": {"@type": "Organization", "name": "Example News"},
             "datePublished": "2026-02-03", "url": "https://news.example.org/studios/new-chief",
             "inLanguage": "en"},
            {"@type": "CreativeWork", "name": "Un informe en español",
             "publisher": {"@type": "Organization", "name": "El Ejemplo"},
             "datePublished": "2025-10-21", "url": "https://elejemplo.example.org/informe",
             "inLanguage": "es"}]


def test_a_topic_without_sources_shows_no_sources_section(tiny_site):
    plain = re.sub(r"sources:\n(?:  .*\n)+", "", TOPIC)
    site = tiny_site({"content/topics/people/jane-doe.md": plain,
                      "content/articles/ok.md": MENTION})
    assert site.run("build").code == 0
    page = _page(site, "en")
    assert "topic-sources" not in page and 'class="cite"' not in page
    assert "This page draws on the articles listed below" in page
    assert "citation" not in page


BAD = """\
---
id: jane-doe
kind: people
name: Jane Doe
summary: A studio chief.
facts:
  role: Chief executive
sources:
  - title: ''
    publisher: Example News
    date: 03/02/2026
    url: http://news.example.org/a
    fro: [role]
  - publisher: Example News
    date: 2026-02-03T10:00:00+01:00
    url: https://news.example.org/b
    lang: English
  - title: Another
    publisher: Example News
    date: 2026-02-30
    url: https://news.example.org/b
  - just a line
  - title: Third
    publisher: Example News
    date: 2026-02-03
    url: https://news.example.org/c
    for: [rol, organization, 'words that the body no longer has']
related: []
---
Jane Doe has led Example Studios since 2020.
"""


def test_every_problem_of_a_source_is_reported_at_its_line_with_a_hint(tiny_site):
    site = tiny_site({"content/topics/people/jane-doe.md": BAD})
    outcome = site.run("check")
    assert outcome.code == 1
    path = "content/topics/people/jane-doe.md"
    assert outcome.has(path, 9, "'sources[0].title' must be text", "headline", "it is empty")
    assert outcome.has(path, 11, "'sources[0].date'", "ambiguous", "YYYY-MM-DD")
    assert outcome.has(path, 12, "'sources[0].url' must be an https:// address",
                       "http:// is not accepted")
    assert outcome.has(path, 13, "unknown key 'sources[0].fro'", "did you mean 'for'?")
    assert outcome.has(path, 14, "'sources[1]' is missing 'title'", "the headline")
    assert outcome.has(path, 15, "'sources[1].date': give the day only, e.g. 2026-02-03")
    assert outcome.has(path, 17, "'sources[1].lang' must be a language code")
    assert outcome.has(path, 20, "'sources[2].date'", "not a real calendar date")
    assert outcome.has(path, 21, "'sources[2].url' is also sources[1]'s")
    assert outcome.has(path, 22, "'sources[3]' must be a mapping")
    assert outcome.has(path, 27, "'sources[4].for': 'rol' is neither a fact of this topic (role)",
                       "did you mean 'role'?", "quote the statement's words")
    assert outcome.has(path, 27, "'sources[4].for' names the fact 'organization', which this "
                                 "topic does not give")
    assert outcome.has(path, 27, "'words that the body no longer has' is neither a fact")
    assert len([line for line in outcome.errors if line.startswith(path)]) == 13, outcome.errors


def test_the_same_source_twice_is_reported(tiny_site):
    twice = TOPIC.replace("https://elejemplo.example.org/informe",
                          "https://news.example.org/studios/new-chief")
    site = tiny_site({"content/topics/people/jane-doe.md": twice,
                      "content/articles/ok.md": MENTION})
    outcome = site.run("check")
    assert outcome.code == 1
    assert outcome.has("content/topics/people/jane-doe.md", 17,
                       "'sources[1].url' is also sources[0]'s", "list each source once")


def test_editing_away_a_cited_statement_fails_the_check(tiny_site):
    """A source cannot silently outlive the statement it confirms."""
    site = tiny_site({"content/topics/people/jane-doe.md": TOPIC,
                      "content/articles/ok.md": MENTION})
    assert site.run("check").code == 0
    site.write({"content/topics/people/jane-doe.md": TOPIC.replace(
        "the studio named Richard Roe as her successor.", "the studio chose a successor.")})
    outcome = site.run("check")
    assert outcome.code == 1
    assert outcome.has("content/topics/people/jane-doe.md", 13,
                       "'named Richard Roe as her successor' is neither a fact")
