"""Defence in depth: even content that bypasses the checks cannot put a script on a page.

Bodies pass through the nh3 allow-list (``layar.sanitize.clean``), titles, summaries and
other front-matter through Jinja's autoescape, structured data through ``json_script``, and
interface translations through ``layar.sanitize.interface_text``.
"""
from __future__ import annotations

import textwrap
from html.parser import HTMLParser

import pytest

from layar.blocks import parse_blocks
from layar.sanitize import interface_text
from layar_checks.urls import scheme_of
from layar_site.catalogs import ContentCatalog
from layar_site.render import BodyRenderer

EVIL_BODY = textwrap.dedent("""\
    ## Judul <script>alert(1)</script>

    Teks <script>alert(2)</script> [a](javascript:alert(3)) [b](JaVaScRiPt:alert(4))
    [c](&#106;avascript:alert(5)) <javascript:alert(6)> ![i](data:text/html,x)
    <img src="https://x.example/i.png" onerror="alert(7)"> <a href="java&#x09;script:alert(8)">d</a>
    <b onclick="alert(9)" style="x">e</b> <svg onload=alert(10)></svg>

    <iframe src="https://evil.example"></iframe>

    <div onmouseover="alert(11)"><script>alert(12)</script></div>

    <style>body{display:none}</style>

    - item <a href="vbscript:x">f</a>

    > quote <img src=https://x.example/i.png onerror=alert(13)>
    """)
EVIL_TRANSLATION = 'Terjemahan <script>alert(14)</script> [x](javascript:alert(15))'


class Scripts(HTMLParser):
    """Everything on a page that could run: script elements, on… attributes, bad URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "iframe", "object", "embed", "style"):
            if not (tag == "script" and (attrs.get("type") == "application/ld+json"
                                         or (attrs.get("src") or "").endswith("/js/search.js")
                                         or ("/js/search" in (attrs.get("src") or "")))):
                self.found.append(f"<{tag} {attrs}>")
        for name, value in attrs.items():
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction") and value:
                if scheme_of(value) not in (None, "http", "https", "mailto"):
                    self.found.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def executable(html: str) -> list[str]:
    parser = Scripts()
    parser.feed(html)
    parser.close()
    return parser.found


def test_renderer_never_emits_scripts_even_unchecked():
    blocks = parse_blocks(EVIL_BODY)
    renderer = BodyRenderer(lambda target, source, lang: None)
    source_lang = ContentCatalog("id", {})
    rendered = renderer.render(blocks, source_lang, "id", "content/articles/x.md")
    assert executable(rendered.html) == []
    assert "<script" not in rendered.html.lower()
    assert "alert(2)" not in rendered.html  # a script's content is removed, not shown
    paragraph = next(b for b in blocks if b.kind == "paragraph").texts[0]
    translated = ContentCatalog("en", {paragraph: EVIL_TRANSLATION})
    rendered = renderer.render(blocks, translated, "id", "content/articles/x.md")
    assert "Terjemahan" in rendered.html
    assert executable(rendered.html) == []


@pytest.mark.parametrize("msgid,msgstr,shown", [
    ("Skip to content", 'Lewati" onmouseover="alert(1)', "Lewati&quot; onmouseover=&quot;alert(1)"),
    ("Skip to content", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('Original: <a href="%(url)s">%(p)s</a>', 'Asli: <a href="javascript:x">%(p)s</a>',
     'Original: <a href="%(url)s">%(p)s</a>'),
    ('Original: <a href="%(url)s">%(p)s</a>', 'Asli: <a href="%(url)s">%(p)s</a>',
     'Asli: <a href="%(url)s">%(p)s</a>'),
])
def test_interface_translations_cannot_inject(msgid, msgstr, shown):
    assert interface_text(msgid, msgstr) == shown


def test_unchecked_site_has_no_script_on_any_page(tiny_site, monkeypatch):
    """Switch the content checks off (they are proven elsewhere) and build hostile content."""
    import layar_build.pipeline as pipeline

    monkeypatch.setattr(pipeline, "run_checks", lambda site: setattr(site.checks, "ran", True))
    site = tiny_site({
        "content/articles/evil.md": textwrap.dedent("""\
            ---
            title: "</script><script>alert('title')</script>"
            slug: evil
            lang: id
            date: 2025-10-22
            author: "<img src=x onerror=alert('author')>"
            publisher: '"><script>alert("publisher")</script>'
            summary: "<b onmouseover=alert('summary')>x</b> javascript:alert(1)"
            ---
            """) + EVIL_BODY,
        "i18n/en/LC_MESSAGES/messages.po": textwrap.dedent('''\
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=UTF-8\\n"

            msgid "Skip to content"
            msgstr "Skip\\" onfocus=\\"alert(1)\\" x=\\"<script>alert(2)</script>"
            '''),
    })
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]
    pages = sorted(site.output.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert executable(html) == [], page
    article = (site.output / "en" / "articles" / "evil" / "index.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(&#39;title&#39;)" in article  # shown as text
    assert 'Skip&#34; onfocus=&#34;' in article or "Skip&quot; onfocus=&quot;" in article
