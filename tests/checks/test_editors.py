"""For editors: `invoke new` makes files whose only problem is the text still to write, the schema documentation is
generated from the schema, and unknown topic ids are reported (by the topics plugin)."""
from __future__ import annotations

import re
import runpy
import subprocess
import sys

import pytest

from layar import frontmatter, schema
from layar_build import docs
from layar_build.scaffold import ScaffoldError, new_article, new_topic, resolve_kind

from .conftest import ARTICLE, ROOT
from .test_frontmatter import BAD, article, rejected

KINDS = runpy.run_path(str(ROOT / "pelicanconf.py"))["LAYAR_TOPICS_KINDS"]


# -- invoke new -------------------------------------------------------------------------
def test_new_article_and_topics_need_only_their_text(tiny_site):
    site = tiny_site()
    content = site.root / "content"
    paths = [
        new_article(content / "articles", "id", "Netflix: No, AI tidak menggantikan sineas"),
        new_article(content / "articles", "nl", "Yes", date="2025-10-22", publisher="Bright"),
        new_topic(content / "topics", "tool", "Runway Gen-4", KINDS),
        new_topic(content / "topics", "people", "Greg Peters", KINDS),
        new_topic(content / "topics", "Organisation", "Lionsgate", KINDS),
        new_topic(content / "topics", "strike", "2024 video game strike", KINDS),
    ]
    assert [p.relative_to(content).as_posix() for p in paths] == [
        "articles/netflix-no-ai-tidak-menggantikan-sineas.md", "articles/yes.md",
        "topics/tools/runway-gen-4.md", "topics/people/greg-peters.md",
        "topics/organizations/lionsgate.md", "topics/strikes/2024-video-game-strike.md"]
    outcome = site.run("check")
    # Each file is complete but for the text the editor writes: the placeholder body (and
    # a topic's placeholder summary) is the only error, at its line.
    assert outcome.code == 1, outcome.lines
    for path in paths:
        shown = path.relative_to(site.root).as_posix()
        mine = [line for line in outcome.errors if line.startswith(shown + ":")]
        assert any("placeholder text written by `invoke new`" in line for line in mine), mine
        assert all("placeholder" in line for line in mine), mine
        assert len(mine) == (2 if "/topics/" in shown else 1), mine
    doc = frontmatter.load(paths[1])
    assert doc.meta["title"] == "Yes"  # quoted by the writer: not a boolean
    text = (site.root / "content/articles/yes.md").read_text()
    assert text.startswith("---\n# The headline, as published.\ntitle: 'Yes'\n")
    # every field an editor fills in is there, each under its help from the schema; the
    # optional ones whose empty value would be an error are commented out, with an example
    assert "# The article's standfirst, lead or key points.\nsummary: ''\n" in text
    assert "# Topic ids grouped by kind, e.g. {tools: [sora-2]}; ids must exist in " in text
    assert "\ntopics: {}\n" in text
    for example in ("# url: https://", "# image: ../media/", "# status: draft"):
        assert example in text, example
    assert set(doc.meta) == {"title", "slug", "lang", "date", "author", "publisher",
                             "summary", "topics"}


@pytest.mark.parametrize("kind,key", [("tool", "tools"), ("tools", "tools"), ("Tool", "tools"),
                                      ("person", "people"), ("people", "people"),
                                      ("organization", "organizations"),
                                      ("organisation", "organizations"),
                                      ("production", "productions"), ("strike", "strikes")])
def test_kind_names_singular_or_plural(kind, key):
    assert resolve_kind(kind, KINDS) == key


def test_new_refuses_bad_options_and_existing_files(tmp_path):
    with pytest.raises(ScaffoldError, match="--lang must be one of id, nl, en"):
        new_article(tmp_path, "de", "Titel")
    with pytest.raises(ScaffoldError, match="cannot make a URL slug from the title"):
        new_article(tmp_path, "id", "🎬")
    with pytest.raises(ScaffoldError, match="--date: '03/04/2024' is ambiguous"):
        new_article(tmp_path, "id", "Judul", date="03/04/2024")
    with pytest.raises(ScaffoldError, match="unknown kind 'tol'"):
        new_topic(tmp_path, "tol", "X", KINDS)
    new_article(tmp_path, "id", "Judul")
    with pytest.raises(ScaffoldError, match="exists already"):
        new_article(tmp_path, "id", "Judul")


def test_invoke_new_is_wired():
    result = subprocess.run([sys.executable, "-m", "invoke", "new", "article", "--lang", "xx",
                             "--title", "T"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "invoke new: --lang must be one of id, nl, en, got 'xx'" in result.stderr


# -- the schema documentation -----------------------------------------------------------
def test_contributing_schema_section_is_up_to_date():
    path = ROOT / "CONTRIBUTING.md"
    assert not docs.update(path, KINDS, write=False), "CONTRIBUTING.md is out of date: run `invoke docs`"


def test_schema_section_names_every_field_and_fact():
    text = docs.schema_markdown(KINDS)
    for fields in schema.FIELDS.values():
        for f in fields:
            assert f"| `{f.name}` | {'yes' if f.required else 'no'} |" in text
    for kind, spec in KINDS.items():
        for name in spec["facts"]:
            assert f"| `{kind}` | `{name}` |" in text


# -- topics -----------------------------------------------------------------------------
TOPIC = """\
---
id: chatgpt
kind: tools
name: ChatGPT
summary: OpenAI's chatbot.
---
ChatGPT is a chatbot.
"""


def test_unknown_topic_id(built_tiny_site):
    pytest.importorskip("layar_topics")
    site, before = built_tiny_site({"content/topics/tools/chatgpt.md": TOPIC})
    site.write({BAD: ARTICLE.replace("slug: sebuah-artikel", "slug: b").replace(
        "publisher: Contoh", "publisher: Contoh\ntopics:\n  tools: [chatgtp]")})
    outcome = site.run("build")
    assert outcome.code == 1
    assert any(line.startswith(f"{BAD}:8: error: ") and "chatgtp" in line
               and "did you mean 'chatgpt'?" in line for line in outcome.lines), outcome.lines
    assert site.snapshot("output") == before


def test_unknown_topic_kind(built_tiny_site):
    rejected(built_tiny_site, article(topics="{tool: [chatgpt]}"), 7,
             "unknown topic kind 'tool' (did you mean 'tools'?)")


def test_topic_link_to_a_missing_topic_file(built_tiny_site):
    rejected(built_tiny_site, ARTICLE.replace("slug: sebuah-artikel", "slug: c").replace(
        "Paragraf kedua.", "Lihat [Sora]({filename}../topics/tools/sora-2.md)."), 12,
        "broken link: '{filename}../topics/tools/sora-2.md': there is no file "
        "content/topics/tools/sora-2.md")


def test_a_long_title_makes_a_capped_slug_and_a_warning_not_a_traceback(tmp_path, caplog):
    """A 290-character title once ended in OSError [Errno 36] File name too long."""
    import logging

    from layar_site.content import SLUG_MAX, default_slug

    words = ("Netflix dan para penulis naskah menyepakati aturan baru tentang penggunaan "
             "kecerdasan buatan generatif dalam produksi film dan serial").split()
    title = " ".join(words * 4)[:290]
    assert len(title) == 290
    with caplog.at_level(logging.WARNING, logger="layar_build.scaffold"):
        path = new_article(tmp_path, "id", title)
    slug = path.stem
    assert 60 < len(slug) <= SLUG_MAX and default_slug(title) == slug
    full = "-".join(title.lower().split())
    assert full.startswith(slug + "-")  # whole words, cut at a word boundary
    assert any("290 characters" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="layar_build.scaffold"):
        new_article(tmp_path, "id", "Judul pendek")
    assert not caplog.records
    with pytest.raises(ScaffoldError, match="shorter --slug"):
        new_article(tmp_path, "id", "Judul", slug="a" * 300)


# -- unfinished bodies ------------------------------------------------------------------
HEAD = ARTICLE.split("---\n", 2)[1]


@pytest.mark.parametrize("body,line,words", [
    ("", 8, ["has no text after its front-matter"]),
    ("\n\n", 8, ["has no text after its front-matter"]),
    ("## Satu\n\n## Dua\n", 8, ["only headings (2)", "at least one paragraph"]),
    ("Paragraf.\n\n" + schema.PLACEHOLDER_BODIES["article"] + "\n", 10,
     ["placeholder text written by `invoke new`"]),
])
def test_unfinished_bodies_are_errors(built_tiny_site, body, line, words):
    rejected(built_tiny_site, f"---\n{HEAD}---\n{body}", line, *words)


def test_a_top_level_heading_is_a_warning_that_says_why(tiny_site):
    site = tiny_site({"content/articles/h1.md": f"---\n{HEAD}---\nParagraf.\n\n# Bagian\n\nLagi.\n"})
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines
    warned = [l for l in outcome.problems if l.startswith("content/articles/h1.md:10: warning: ")]
    assert warned and "the title is the page's only top-level heading (h1)" in warned[0]
    assert "## Bagian" in warned[0]
    for page in site.output.rglob("sebuah-artikel/index.html"):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<h2 id="bagian"[^>]*>Bagian</h2>', html), page
        assert html.count("<h1") == 1


def test_an_unfinished_draft_is_a_warning_not_an_error(tiny_site):
    site = tiny_site({"content/articles/wip.md":
                      f"---\n{HEAD}status: draft\n---\n" + schema.PLACEHOLDER_BODIES["article"] + "\n"})
    outcome = site.run("check")
    assert outcome.code == 0, outcome.lines
    assert any(l.startswith("content/articles/wip.md:9: warning: this is the placeholder text")
               for l in outcome.problems), outcome.lines


def test_invalid_front_matter_does_not_hide_the_body_problems(built_tiny_site):
    """A bad date, an unknown topic, a <script> and a broken link: all four, in one run."""
    text = (f"---\n{HEAD}".replace("date: 2025-10-22", "date: 2025-13-45\ntopics: {tools: [sora-3]}")
            + "---\nParagraf dengan <script>alert(1)</script> di dalamnya.\n\n"
              "Lihat [halaman](/id/tidak-ada/).\n")
    outcome = rejected(built_tiny_site, text, 5, "'date': '2025-13-45' is not a real calendar date")
    assert outcome.has(BAD, 6, "unknown topic 'sora-3' in topics.tools")
    assert outcome.has(BAD, 9, "raw HTML <script> is not allowed")
    assert outcome.has(BAD, 11, "broken link: '/id/tidak-ada/'")
