"""Unsafe content: control and bidi characters, raw HTML outside the allow-list, event
handlers, and URL schemes other than http, https, mailto in any disguise.  Each is an error
at its file and line, exit 1, and the previous output/ stays as it was."""
from __future__ import annotations

import pytest

from layar.sanitize import ALLOWED_TAGS
from layar_checks.markup import check_markdown
from layar_checks.text import check_text
from layar_checks.urls import scheme_of

from .conftest import ARTICLE
from .test_frontmatter import BAD, rejected

BODY_LINE = 8  # the first body line of ARTICLE


def with_body(body: str) -> str:
    """A valid article (slug ``sebuah-artikel-2``) with ``body``; its body starts on line 8."""
    head = ARTICLE.split("---\n", 2)[1].replace("slug: sebuah-artikel", "slug: sebuah-artikel-2")
    return f"---\n{head}---\n{body}"


# -- characters -------------------------------------------------------------------------
@pytest.mark.parametrize("char,name", [
    ("\x00", "U+0000 NUL"), ("\x07", "U+0007 BEL"), ("\x1b", "U+001B ESCAPE"),
    ("\x7f", "U+007F DELETE"), ("\x85", "U+0085"), ("\x0c", "U+000C FORM FEED"),
])
def test_control_character_in_body(built_tiny_site, char, name):
    rejected(built_tiny_site, with_body(f"Satu.\n\nDua{char} tiga.\n"), BODY_LINE + 2,
             f"column 4: control character {name}", "delete it")


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                                  "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidi_character_in_body(built_tiny_site, char):
    rejected(built_tiny_site, with_body(f"Harga: {char}001 ,99$\n"), BODY_LINE,
             f"column 8: bidirectional control character U+{ord(char):04X}")


def test_bidi_character_in_front_matter(built_tiny_site):
    text = ARTICLE.replace("publisher: Contoh", "publisher: Con\u202etoh")
    rejected(built_tiny_site, text, 6, "column 15: bidirectional control character U+202E "
                                       "RIGHT-TO-LEFT OVERRIDE")


def test_control_character_in_front_matter_also_breaks_yaml(built_tiny_site):
    outcome = rejected(built_tiny_site, ARTICLE.replace("title: Sebuah", "title: Seb\x07uah"), 2,
                       "column 11: control character U+0007 BEL")
    assert outcome.has(BAD, 2, "YAML cannot contain the control character U+0007")


def test_every_occurrence_up_to_a_limit():
    text = "a\x07b\x07\n" + "\x07" * 10
    problems = check_text("f.md", text)
    assert [(p.line, p.message.split(":")[0]) for p in problems[:3]] == [
        (1, "column 2"), (1, "column 4"), (2, "column 1")]
    assert problems[-1].message == "… and 7 more such characters"


def test_zero_width_space_is_a_warning():
    [problem] = check_text("f.md", "sora\u200b-2")
    assert (problem.severity, problem.line) == ("warning", 1)
    assert "column 5: invisible character U+200B ZERO WIDTH SPACE" in problem.message


# -- raw HTML ---------------------------------------------------------------------------
@pytest.mark.parametrize("html,tag", [
    ("<script>alert(1)</script>", "script"),
    ("<iframe src=\"https://example.org\"></iframe>", "iframe"),
    ("<style>body{display:none}</style>", "style"),
    ("<form action=\"/x\"><input></form>", "form"),
    ("<object data=\"x.swf\"></object>", "object"),
    ("<SCRIPT>alert(1)</SCRIPT>", "script"),
    ("<div>block</div>", "div"),
])
def test_raw_html_outside_the_allow_list(built_tiny_site, html, tag):
    rejected(built_tiny_site, with_body(f"Satu.\n\n{html}\n"), BODY_LINE + 2,
             f"raw HTML <{tag}> is not allowed")


def test_inline_raw_html_reports_its_own_line(built_tiny_site):
    rejected(built_tiny_site, with_body("Satu\ndua\ntiga <script>x</script>\n"), BODY_LINE + 2,
             "raw HTML <script> is not allowed")


def test_html_block_reports_the_line_inside_the_block(built_tiny_site):
    rejected(built_tiny_site, with_body("Satu.\n\n<p>\nok\n<script>x</script>\n</p>\n"),
             BODY_LINE + 4, "raw HTML <script> is not allowed")


@pytest.mark.parametrize("html,attribute", [
    ('<b onclick="alert(1)">x</b>', "onclick"),
    ('<img src="a.png" onerror="alert(1)">', "onerror"),
    ('<span OnMouseOver="alert(1)">x</span>', "onmouseover"),
    ('<a href="https://x.org" onfocus=alert(1)>x</a>', "onfocus"),
])
def test_event_handler_attributes(built_tiny_site, html, attribute):
    rejected(built_tiny_site, with_body(f"Teks {html} teks.\n"), BODY_LINE,
             f"event-handler attribute '{attribute}'", "is not allowed")


def test_attribute_outside_the_allow_list(built_tiny_site):
    rejected(built_tiny_site, with_body('Teks <span style="color:red">merah</span>.\n'),
             BODY_LINE, "attribute 'style' is not allowed on <span>")


def test_declarations_are_refused():
    [problem] = check_markdown("f.md", "Satu.\n\n<![CDATA[x]]>\n", 1)
    assert problem.message == "CDATA section is not allowed in content"


def test_allowed_html_comments_and_code_pass():
    text = ("Teks <abbr title=\"Artificial intelligence\">AI</abbr> dan <b>tebal</b>.\n\n"
            "<!-- a note for editors -->\n\n`<script>` in code\n\n```\n<script>x</script>\n```\n")
    assert check_markdown("f.md", text, 1) == []


def test_every_allowed_tag_passes():
    text = " ".join(f"<{tag}>x</{tag}>" for tag in sorted(ALLOWED_TAGS))
    assert check_markdown("f.md", text, 1) == []


# -- URL schemes ------------------------------------------------------------------------
DISGUISES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;vascript:alert(1)",
    "javascript&colon;alert(1)",
    "java&Tab;script:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#10;script:alert(1)",
    "%6Aavascript:alert(1)",
    "java%09script:alert(1)",
    "\u200bjavascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd",
]


@pytest.mark.parametrize("url", DISGUISES)
@pytest.mark.parametrize("form", ["link", "image", "html-a", "html-img", "reference"])
def test_scheme_disguises_are_seen_through(url, form):
    markdown = {
        "link": f"[klik]({url.replace(' ', '%20').replace('<', '%3C').replace('>', '%3E')})",
        "image": f"![gambar]({url.replace(' ', '%20').replace('<', '%3C').replace('>', '%3E')})",
        "html-a": f'<a href="{url}">klik</a>',
        "html-img": f"<img src='{url}' alt=''>",
        "reference": f"[klik][r]\n\n[r]: {url.replace(' ', '%20').replace('<', '%3C').replace('>', '%3E')}",
    }[form]
    problems = check_markdown(BAD, f"Teks.\n\n{markdown}\n", 1)
    assert any(p.line == 3 and "URLs are not allowed" in p.message for p in problems), problems


def test_autolink_with_javascript(built_tiny_site):
    rejected(built_tiny_site, with_body("Lihat <javascript:alert(1)>.\n"), BODY_LINE,
             "autolink: 'javascript:' URLs are not allowed")


@pytest.mark.parametrize("url,where", [
    ("JaVaScRiPt:alert(1)", "link"),
    ("&#106;avascript:alert(1)", "link"),
    ("data:text/html,x", "link"),
    ("vbscript:x", "link"),
])
def test_markdown_link_scheme_fails_the_build(built_tiny_site, url, where):
    rejected(built_tiny_site, with_body(f"Satu.\n\nLihat [ini]({url}).\n"), BODY_LINE + 2,
             f"{where}: '", "URLs are not allowed")


def test_image_scheme_fails_the_build(built_tiny_site):
    rejected(built_tiny_site, with_body("![x](data:image/png;base64,iVBORw0KGgo=)\n"), BODY_LINE,
             "image: 'data:' URLs are not allowed")


def test_raw_html_scheme_with_entities_fails_the_build(built_tiny_site):
    rejected(built_tiny_site, with_body('<a href="java&#x09;script:alert(1)">x</a> teks\n'),
             BODY_LINE, "<a href>: 'javascript:' URLs are not allowed")


def test_other_scheme_is_named():
    [problem] = check_markdown("f.md", "[x](ftp://example.org/file)", 1)
    assert "URL scheme 'ftp:' is not allowed" in problem.message


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://x.y", "mailto:a@b.c",
                                 "/id/articles/x/", "../about/", "#bagian", "gambar.png",
                                 "{filename}../pages/about.md", "?q=1", "//cdn.example.org/x"])
def test_allowed_urls(url):
    assert check_markdown("f.md", f"[x]({url})", 1) == []


def test_scheme_of():
    assert scheme_of("  JAVA\tSCRIPT:x") == "javascript"
    assert scheme_of("&#x6A;avascript&colon;x") == "javascript"
    assert scheme_of("/id/a:b/") is None
    assert scheme_of("https://x") == "https"
