"""Broken internal links and anchors: in bodies (``{filename}``, root, relative, ``#anchor``),
in translations (at the ``.po`` line), and in the rendered output (the staging folder is
checked before it replaces output/)."""
from __future__ import annotations

import textwrap

import pytest

from layar_checks.output import check_output

from .conftest import ARTICLE
from .test_frontmatter import BAD, rejected
from .test_markup import BODY_LINE, with_body

ABOUT = "---\ntitle: About\nslug: about\nlang: en\n---\n## How it works\n\nText.\n"


@pytest.mark.parametrize("link,reason", [
    ("{filename}missing.md", "there is no file content/articles/missing.md"),
    ("{filename}ok.md#nowhere", "content/articles/ok.md has no heading with the anchor #nowhere"),
    ("{filename}../pages/home.md#x", "content/pages/home.md has no heading with the anchor #x"),
    ("{filename}../../../etc/passwd", "points outside the content folder"),
    ("/id/articles/missing/", "leads to /id/articles/missing/, where there is no page or file"),
    ("/en/about/", "leads to /en/about/, where there is no page or file"),
    ("../missing/", "leads to /id/articles/missing/"),
    ("../../nope/", "leads to /id/nope/"),
    ("#nowhere", "this page has no heading with the anchor #nowhere; its heading anchors are: #tentang"),
    ("/id/articles/sebuah-artikel/#bagian-tiga", "has no heading with the anchor #bagian-tiga (did you mean #bagian-dua?)"),
    ("ok.md", "to link a content file write {filename}ok.md"),
    ("{static}x.png", "Layar supports only {filename} links"),
    ("/theme/css/missing.css", "where there is no page or file"),
])
def test_broken_internal_link(built_tiny_site, link, reason):
    text = with_body(f"## Tentang\n\nLihat [tautan]({link}) di sini.\n")
    outcome = rejected(built_tiny_site, text, BODY_LINE + 2, "broken link: ", reason)
    assert len(outcome.errors) == 1, outcome.errors


def test_broken_link_in_raw_html_and_image(built_tiny_site):
    outcome = rejected(built_tiny_site, with_body('<a href="/id/nope/">x</a>\n\n![i](gambar.png)\n'),
                       BODY_LINE, "broken link: '/id/nope/'")
    assert outcome.has(BAD, BODY_LINE + 2, "broken link: image content/articles/gambar.png is "
                                           "not in content/media/")


@pytest.mark.parametrize("link", [
    "{filename}ok.md", "{filename}ok.md#bagian-dua", "{filename}/articles/ok.md",
    "{filename}../pages/home.md", "/id/articles/sebuah-artikel/#bagian-dua",
    "/en/articles/sebuah-artikel/", "/nl/articles/sebuah-artikel", "../sebuah-artikel/",
    "../../", "/", "#bagian-saya", "/theme/css/site.css", "/en/404.html",
    "https://example.org/#anything", "mailto:redaksi@example.org",
])
def test_working_links_pass(tiny_site, link):
    site = tiny_site({"content/articles/ok.md": ARTICLE,
                      BAD: with_body(f"## Bagian saya\n\nLihat [tautan]({link}).\n").replace(
                          "slug: sebuah-artikel", "slug: sebuah-artikel-2")})
    outcome = site.run("check")
    assert outcome.code == 0, outcome.lines


def test_link_to_a_file_with_errors_says_so(built_tiny_site):
    site, before = built_tiny_site({
        "content/articles/broken.md": ARTICLE.replace("lang: id", "lang: xx").replace(
            "slug: sebuah-artikel", "slug: broken"),
        BAD: with_body("Lihat [ini]({filename}broken.md).\n").replace(
            "slug: sebuah-artikel", "slug: bad")})
    outcome = site.run("build")
    assert outcome.code == 1
    assert outcome.has(BAD, BODY_LINE, "content/articles/broken.md is not published (it has "
                                       "errors reported above")
    assert outcome.has("content/articles/broken.md", 4, "'lang' must be one of id, nl, en")
    assert site.snapshot("output") == before


def test_broken_link_in_a_translation_is_reported_at_the_po_line(built_tiny_site):
    po = textwrap.dedent('''\
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\\n"

        #: content/articles/ok.md:8
        msgid "Paragraf pertama."
        msgstr "First paragraph, see [this](/en/nope/)."

        #: content/articles/ok.md:12
        msgid "Paragraf kedua."
        msgstr "Second paragraph, see [this](#bagian-dua) and <script>x</script>."
        ''')
    outcome = rejected(built_tiny_site, po, 6,
                       "translation of content/articles/ok.md:8: broken link: '/en/nope/' "
                       "leads to /en/nope/", path="i18n/en/LC_MESSAGES/content.po")
    assert outcome.has("i18n/en/LC_MESSAGES/content.po", 10,
                       "translation of content/articles/ok.md:12: raw HTML <script> is not allowed")
    assert len(outcome.errors) == 2, outcome.errors


def test_interface_translation_cannot_inject_markup(built_tiny_site):
    po = textwrap.dedent('''\
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\\n"

        msgid "Skip to content"
        msgstr "Langsung\\" onmouseover=\\"alert(1)"

        msgid "Translated from %(language)s. Original: <a href=\\"%(original_url)s\\">%(publisher)s, %(original_date)s</a>"
        msgstr "Diterjemahkan dari %(language)s. Asli: <a href=\\"javascript:alert(1)\\">%(publisher)s, %(original_date)s</a>"
        ''')
    outcome = rejected(built_tiny_site, po, 5, 'translation contains "',
                       path="i18n/id/LC_MESSAGES/messages.po")
    assert outcome.has("i18n/id/LC_MESSAGES/messages.po", 8,
                       "translation changes the HTML tags or attributes of its msgid")


# -- the whole output, after rendering ----------------------------------------------------
def test_output_check_finds_links_only_the_rendered_page_has(built_tiny_site):
    """The 404 page has no content body, so only the output check can see its anchors (the
    Indonesian article's root link to the English 404 page follows its language)."""
    site, before = built_tiny_site({BAD: with_body("Lihat [ini](/en/404.html#nope).\n")})
    outcome = site.run("build")
    assert outcome.code == 1, outcome.lines
    assert any(line.startswith("output/id/articles/sebuah-artikel-2/index.html:") and
               ': error: a href="/id/404.html#nope": /id/404.html has no element with id="nope"'
               in line for line in outcome.lines), outcome.lines
    assert site.snapshot("output") == before
    assert not list(site.root.glob(".output-*"))


def write(folder, files):
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_check_output_unit(tmp_path):
    write(tmp_path, {
        "index.html": '<a href="/en/">ok</a>\n<a href="/en/#top">top</a>\n<a href="/missing/">x</a>',
        "en/index.html": textwrap.dedent('''\
            <h2 id="a">A</h2>
            <a href="#a">ok</a> <a href="#b">broken anchor</a>
            <a href="about/">ok</a> <a href="about">ok, redirected</a>
            <a href="../../outside.html">outside</a>
            <img src="/img/x.png"> <link rel="stylesheet" href="/css/site.css">
            <a href="https://layar.example/en/about/#h">ok, absolute</a>
            <a href="https://layar.example/en/nope/">broken, absolute</a>
            <a href="https://elsewhere.example/">external</a> <a href="mailto:x@y">mail</a>
            <script src="/pagefind/pagefind.js"></script>
            <a href="/en/about/index.html#h">ok</a> <a href="?q=1">ok</a>
            '''),
        "en/about/index.html": '<h1 id="h">About</h1><p id="h">dup</p>',
        "css/site.css": "",
    })
    problems = check_output(tmp_path, "output", "https://layar.example", ignore=["/pagefind/"])
    found = [(p.path, p.line, p.severity, p.message) for p in problems]
    assert found == [
        ("output/en/about/index.html", 1, "warning",
         'id="h" is used twice on this page; links to #h go to the first one'),
        ("output/en/index.html", 2, "error", 'a href="#b": /en/index.html has no element with id="b"'),
        ("output/en/index.html", 4, "error", 'a href="../../outside.html": leads outside the site'),
        ("output/en/index.html", 5, "error", 'img src="/img/x.png": no such page or file in the output'),
        ("output/en/index.html", 7, "error",
         'a href="https://layar.example/en/nope/": no such page or file in the output'),
        ("output/index.html", 3, "error", 'a href="/missing/": no such page or file in the output'),
    ]


def test_check_output_on_the_real_build(built_site):
    """The repository's own site, as built for the other tests, has no broken link."""
    assert [p for p in check_output(built_site, "output", "", ()) if p.is_error] == []


def test_root_links_follow_the_readers_language(tiny_site):
    """`/en/about/` written in an English article is `/nl/about/` on the Dutch page (and
    `/id/about/` on the Indonesian one); the fragment is kept; a link to a file that is
    not a page of every language is left as written."""
    site = tiny_site({
        "content/pages/about.md": "---\ntitle: About\nslug: about\nlang: en\n---\nAbout us.\n",
        "content/articles/en.md": "---\ntitle: An article\nslug: an-article\nlang: en\n"
                                  "date: 2025-10-22\npublisher: Example\n---\n"
                                  "Read [about us](/en/about/#top) and [the style sheet](/theme/css/site.css).\n",
    })
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines
    for lang in ("id", "nl", "en"):
        page = next(site.output.glob(f"{lang}/*/an-article/index.html")).read_text(encoding="utf-8")
        assert f'href="/{lang}/about/#top"' in page, lang
        assert 'href="/theme/css/site.css"' in page


def test_notices_say_how_much_of_a_page_is_translated(tiny_site):
    """A page none of whose units is translated says so, and claims no translation (no
    "Translated from", no translator in its JSON-LD); the page in its own language has no
    notice at all."""
    site = tiny_site({
        "content/articles/en.md": "---\ntitle: An article\nslug: an-article\nlang: en\n"
                                  "date: 2025-10-22\npublisher: Example\n---\n"
                                  "First paragraph.\n\nSecond paragraph.\n",
    })
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines
    pages = {lang: next(site.output.glob(f"{lang}/*/an-article/index.html")).read_text("utf-8")
             for lang in ("id", "nl", "en")}
    assert "Deze pagina is nog niet vertaald en wordt in de oorspronkelijke taal getoond." in pages["nl"]
    assert "Halaman ini belum diterjemahkan" in pages["id"]
    for lang in ("id", "nl"):
        assert "notice-translated" not in pages[lang] and '"translator"' not in pages[lang]
        assert '"translationOfWork"' in pages[lang]  # still the same work, in its language
    assert "notice-untranslated" not in pages["en"] and "notice-translated" not in pages["en"]


def test_a_check_with_memory_finds_what_a_full_check_finds_after_random_changes(tmp_path):
    """A preview's output check (``OutputMemory``) checks again only changed pages and
    those leading to what changed; after each random change of a small output (pages
    added, removed, rewritten, their ids changed, folders appearing), it reports exactly
    what a check without memory reports."""
    import random

    from layar_checks.output import OutputMemory

    rng = random.Random(7)
    names = ["index.html", "a/index.html", "a/b.html", "c/index.html", "c/d/index.html",
             "e.html", "img/x.png"]
    urls = ["/a/", "/a", "/a/b.html#x", "/a/b.html#y", "b.html#x", "/c/d/", "/c/d/#z",
            "../e.html", "/e.html#x", "/img/x.png", "#x", "#y", "/nope/", "/c/"]

    def page(step: int) -> str:
        ids = rng.sample(["x", "y", "z"], rng.randint(0, 2))
        links = rng.sample(urls, rng.randint(1, 5))
        return ("".join(f'<p id="{i}">{step}</p>\n' for i in ids)
                + "".join(f'<a href="{u}">l</a>\n' for u in links))

    out = tmp_path / "output"
    for name in names[:3]:
        write(out, {name: page(0)})
    known: dict = {}
    memory = OutputMemory()
    for step in range(60):
        name = rng.choice(names)
        path = out / name
        if path.exists() and rng.random() < 0.35:
            path.unlink()
        elif name.endswith(".png"):
            write(out, {name: ""})
        elif not path.exists() or rng.random() < 0.8:
            write(out, {name: page(step)})
        remembered = check_output(out, "output", known=known, memory=memory)
        full = check_output(out, "output")
        assert sorted(remembered) == sorted(full), step
