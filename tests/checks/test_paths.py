"""Output paths: slugs that could leave output/, duplicate slugs (both files named), and
routes that clash, including by letter case (both files named)."""
from __future__ import annotations

import pytest

from layar_checks.paths import path_problem
from layar_site import signals
from layar_site.routes import Route

from .conftest import ARTICLE
from .test_frontmatter import BAD, article, rejected

SLUG_ERROR = "'slug' must be lowercase ASCII words joined by '-'"


@pytest.mark.parametrize("slug", [
    "../x", "../../etc/cron.d/x", "'/abs/path'", "'C:\\\\x'", "a\\\\b", "'%2e%2e'", "'%2e%2e%2fx'",
    '"a\\0b"', "'a/b'", "'.'", "'..'", "UPPER", "'with space'", "'ü'", "'-x'", "'x-'",
])
def test_unsafe_slug(built_tiny_site, slug):
    rejected(built_tiny_site, article(slug=slug), 3, SLUG_ERROR)


@pytest.mark.parametrize("title,slug", [("🎬🎥", ""), ("—", "-"), ("snake_case", "snake_case")])
def test_title_that_gives_no_slug(built_tiny_site, title, slug):
    rejected(built_tiny_site, article(slug=None, title=f"'{title}'"), 2,
             f"cannot make a URL from this title (it gives {slug!r}); add a line 'slug: ")


@pytest.mark.parametrize("title,slug", [("'Écrans & IA: 2025!'", "ecrans-ia-2025"),
                                        ("日本語のタイトル", "ri-ben-yu-notaitoru")])
def test_title_gives_a_slug_when_possible(tiny_site, title, slug):
    site = tiny_site({BAD: article(slug=None, title=title)})
    outcome = site.run("build")
    assert outcome.code == 0, outcome.lines
    assert (site.output / "id" / "articles" / slug / "index.html").is_file()


@pytest.mark.parametrize("path,reason", [
    ("id/x/index.html", None),
    ("/etc/passwd", "is absolute"),
    ("C:/x", "is absolute"),
    ("id/../../x/index.html", "'..' or '.' segment"),
    ("id/./x", "'..' or '.' segment"),
    ("id//x/index.html", "empty segment"),
    ("id/%2e%2e/x", "contains '%'"),
    ("id\\..\\x", "contains '\\\\'"),
    ("id/a\x00b", "contains '\\x00'"),
    ("id/a b/", "contains ' '"),
    ("", "is empty"),
])
def test_path_problem(path, reason):
    problem = path_problem(path)
    assert (problem is None) if reason is None else (reason in problem), problem


def test_unsafe_url_setting_is_reported_at_the_page(built_tiny_site):
    site, before = built_tiny_site({
        "content/pages/about.md": "---\ntitle: About\nslug: about\nlang: en\n---\nText.\n"})
    site.write({"pelicanconf.py": (site.root / "pelicanconf.py").read_text()
                + "LAYAR_PAGE_URL = '{lang}/../{slug}/'\n"})
    outcome = site.run("build")
    assert outcome.code == 1
    assert outcome.has("content/pages/about.md", 3, "output path 'id/../about/index.html' "
                       "contains a '..' or '.' segment: change the slug or id"), outcome.lines
    assert site.snapshot("output") == before


def test_unsafe_route_of_a_plugin_is_reported_at_the_settings(built_tiny_site, extra_route):
    extra_route("{lang}/%2e%2e/x/")
    site, before = built_tiny_site()
    outcome = site.run("build")
    assert outcome.code == 1
    assert outcome.has("pelicanconf.py", 1, "output path 'id/%2e%2e/x/index.html' contains '%' "
                       "(route 'plugin:x' from the URL settings or a plugin)"), outcome.lines
    assert site.snapshot("output") == before


def test_duplicate_slug_names_both_files(built_tiny_site):
    outcome = rejected(built_tiny_site, article(title="Lain"), 3,
                       "duplicate slug 'sebuah-artikel': also used by content/articles/ok.md")
    assert outcome.has("content/articles/ok.md", 3,
                       "duplicate slug 'sebuah-artikel': also used by content/articles/bad.md")


def test_duplicate_derived_slug_points_at_the_titles(built_tiny_site):
    site, before = built_tiny_site({
        "content/articles/a.md": article(slug=None, title="Judul Sama", date="2025-01-01"),
        "content/articles/b.md": article(slug=None, title="Judul sama!"),
    })
    outcome = site.run("build")
    assert outcome.code == 1
    for path, other in (("a", "b"), ("b", "a")):
        assert outcome.has(f"content/articles/{path}.md", 2, "duplicate slug 'judul-sama': also "
                           f"used by content/articles/{other}.md"), outcome.lines
    assert site.snapshot("output") == before


def test_article_and_page_clash_names_both_files(built_tiny_site):
    """With articles at /{lang}/{slug}/, an article slug can take a page's URL."""
    site, before = built_tiny_site(settings={"LAYAR_ARTICLE_URL": "{lang}/{slug}/"})
    site.write({"content/pages/about.md": "---\ntitle: About\nslug: about\nlang: en\n---\nText.\n",
                BAD: article(slug="about")})
    outcome = site.run("build")
    assert outcome.code == 1
    message = "'page:about' and 'article:about' would both be written to id/about/index.html"
    assert outcome.has("content/pages/about.md", 3, message,
                       "the other one comes from content/articles/bad.md"), outcome.lines
    assert outcome.has(BAD, 3, message, "the other one comes from content/pages/about.md")
    assert site.snapshot("output") == before


@pytest.fixture
def extra_route():
    """A plugin-like receiver adding one route (no source file) in site_loaded."""
    added = []

    def add(pattern: str, key: str = "plugin:x"):
        def receiver(site):
            site.add_route(Route(key, pattern, "page.html"))
        added.append(receiver)
        signals.site_loaded.connect(receiver)

    yield add
    for receiver in added:
        signals.site_loaded.disconnect(receiver)


def test_clash_by_letter_case_with_a_plugin_route(built_tiny_site, extra_route):
    extra_route("{lang}/articles/Sebuah-Artikel/")
    site, before = built_tiny_site()
    outcome = site.run("build")
    assert outcome.code == 1
    assert outcome.has("content/articles/ok.md", 3,
                       "'plugin:x' and 'article:sebuah-artikel' would both be written to "
                       "id/articles/Sebuah-Artikel/index.html (same as "
                       "id/articles/sebuah-artikel/index.html but for letter case)",
                       "the other one comes from the site"), outcome.lines
    assert site.snapshot("output") == before


def test_page_slug_taking_a_topic_hub_url(built_tiny_site):
    """Topic hubs live at /{lang}/<segment>/: a page slug 'tools' would take that URL."""
    site, before = built_tiny_site({
        "content/pages/tools.md": "---\ntitle: Tools\nslug: tools\nlang: en\n---\nText.\n"})
    outcome = site.run("build")
    assert outcome.code == 1
    assert outcome.has("content/pages/tools.md", 3, "'hub:tools' and 'page:tools' would both be "
                       "written to id/tools/index.html"), outcome.lines
    assert site.snapshot("output") == before


def test_clash_between_plugin_routes_is_reported_at_the_settings(built_tiny_site, extra_route):
    extra_route("{lang}/x/", "plugin:a")
    extra_route("{lang}/X/", "plugin:b")
    site, _ = built_tiny_site()
    outcome = site.run("check")
    assert outcome.has("pelicanconf.py", 1, "'plugin:b' and 'plugin:a' would both be written to "
                       "id/X/index.html"), outcome.lines


def test_plugin_route_without_lang_clashes_with_itself(built_tiny_site, extra_route):
    """Every language would write x/index.html and only the last would survive."""
    extra_route("x/")
    site, before = built_tiny_site()
    outcome = site.run("build")
    assert outcome.code == 1
    assert outcome.has("pelicanconf.py", 1, "'plugin:x' and 'plugin:x (nl)' would both be "
                       "written to x/index.html"), outcome.lines
    assert site.snapshot("output") == before


def test_the_name_line_is_the_sites():
    """One definition of the line a source's URL is named at (slug, id or title)."""
    from layar_checks import paths
    from layar_site import site

    assert paths._name_line is site._name_line
