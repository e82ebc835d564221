"""Every plugin's settings: defaults laid over once, validated once per build, every problem
listed in one ConfigurationError (which `invoke build` reports without a traceback), and the
validated values kept on ``site.extensions``."""
from __future__ import annotations

import pytest

from layar.errors import ConfigurationError
from layar_checks.settings import configure as check_settings
from layar_search.settings import configure as search_settings
from layar_site.routes import Route, RouteTable
from layar_site.settings import configure as site_settings
from layar_timeline.settings import configure as timeline_settings

from .conftest import ARTICLE

BASE = {"PATH": "content", "OUTPUT_PATH": "output"}


# -- each plugin's configure() -------------------------------------------------------------
def test_defaults_are_valid():
    assert timeline_settings({}).url == "{lang}/timeline/"
    search = search_settings({})
    assert (search.url, search.bundle, search.index) == ("{lang}/search/", "pagefind", True)
    assert check_settings({}).ignore_links == ()
    assert site_settings(BASE).public_url == "http://127.0.0.1:8000"


@pytest.mark.parametrize("pattern, reason", [
    ("timeline/", "without {lang} every language writes the same file"),
    ("{lang}/timeline", "got '{lang}/timeline'"),
    ("/{lang}/timeline/", "got '/{lang}/timeline/'"),
    ("{lang}/{slug}/", "no other placeholder"),
    ("{lang}/{", "no other placeholder"),
    (None, "got None"),
])
def test_timeline_url_needs_lang_and_a_trailing_slash(pattern, reason):
    with pytest.raises(ConfigurationError) as info:
        timeline_settings({"LAYAR_TIMELINE_URL": pattern})
    assert "LAYAR_TIMELINE_URL must be a relative URL with {lang} ending in '/'" in str(info.value)
    assert reason in str(info.value)
    assert timeline_settings({"LAYAR_TIMELINE_URL": "tijdlijn/{lang}/"}).url == "tijdlijn/{lang}/"


def test_unknown_settings_of_a_plugin_are_reported():
    with pytest.raises(ConfigurationError, match=r"unknown setting LAYAR_TIMELINE_URLS \(did "
                                                 r"you mean LAYAR_TIMELINE_URL\?\)"):
        timeline_settings({"LAYAR_TIMELINE_URLS": "{lang}/t/"})
    with pytest.raises(ConfigurationError, match="unknown setting LAYAR_CHECK_STRICT; known: "
                                                 "LAYAR_CHECK_IGNORE_LINKS"):
        check_settings({"LAYAR_CHECK_STRICT": True})


def test_every_search_problem_is_listed_in_one_error():
    with pytest.raises(ConfigurationError) as info:
        search_settings({"LAYAR_SEARCH_URL": "search/", "LAYAR_SEARCH_BUNDLE": "../pagefind",
                         "LAYAR_SEARCH_INDEX": "no"})
    message = str(info.value)
    assert message.startswith("invalid search settings:\n  LAYAR_SEARCH_URL must")
    assert "LAYAR_SEARCH_BUNDLE must be a folder under the output folder" in message
    assert "LAYAR_SEARCH_INDEX must be True or False, got 'no'" in message
    for bundle in ("", "/pagefind", "a//b", "a/./b", "pa ge"):
        with pytest.raises(ConfigurationError, match="LAYAR_SEARCH_BUNDLE"):
            search_settings({"LAYAR_SEARCH_BUNDLE": bundle})
    with pytest.raises(ConfigurationError) as info:
        search_settings({"LAYAR_SEARCH_INDX": False})
    assert "unknown setting LAYAR_SEARCH_INDX (did you mean LAYAR_SEARCH_INDEX?)" in str(info.value)
    nested = "assets/search-1.0"
    assert search_settings({"LAYAR_SEARCH_BUNDLE": nested}).bundle == nested


@pytest.mark.parametrize("value, reason", [
    ("/downloads/", "must be a list of URL path prefixes"),
    (["/"], "'/' alone would turn the link checks off"),
    (["/downloads/", 3], "3 is not a URL path prefix"),
    (["https://example.org/x"], "must be a path on this site"),
])
def test_ignored_links_must_be_a_list_of_path_prefixes(value, reason):
    with pytest.raises(ConfigurationError, match="LAYAR_CHECK_IGNORE_LINKS") as info:
        check_settings({"LAYAR_CHECK_IGNORE_LINKS": value})
    assert reason in str(info.value)


def test_ignored_links_are_kept_without_the_leading_slash():
    assert check_settings({"LAYAR_CHECK_IGNORE_LINKS": ["/downloads/", "files/"]}).ignore_links \
        == ("downloads/", "files/")
    assert check_settings({"LAYAR_CHECK_IGNORE_LINKS": None}).ignore_links == ()


def test_public_url_is_siteurl_when_absolute_else_the_setting():
    assert site_settings({**BASE, "LAYAR_PUBLIC_URL": "https://preview.example.org/"}).public_url \
        == "https://preview.example.org"
    assert site_settings({**BASE, "SITEURL": "https://layar.example.org/",
                          "LAYAR_PUBLIC_URL": "https://preview.example.org"}).public_url \
        == "https://layar.example.org"
    for bad in ("preview.example.org", "ftp://example.org", "https://example.org/?a=1", None):
        with pytest.raises(ConfigurationError, match="LAYAR_PUBLIC_URL must be an absolute"):
            site_settings({**BASE, "LAYAR_PUBLIC_URL": bad})


# -- routes: one language per path -------------------------------------------------------
def test_a_route_whose_languages_share_a_path_clashes_with_itself():
    table = RouteTable(("id", "nl", "en"))
    clash = table.add(Route("timeline", "timeline/", "timeline.html"))
    assert clash is not None and clash.key == "timeline (nl)" and clash.languages == ("nl",)
    assert "timeline" not in table and len(table) == 0
    # One language only, or {lang} in the pattern: no clash.
    assert table.add(Route("chooser", "", "chooser.html", languages=("en",))) is None
    assert table.add(Route("timeline", "{lang}/timeline/", "timeline.html")) is None


def test_the_self_clash_is_reported_as_a_clash_at_the_settings(tmp_path):
    from layar_site.site import Site

    settings = {"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path / "output"),
                "LAYAR_CACHE_DIR": None}
    site = Site(site_settings(settings), settings)
    assert site.add_route(Route("timeline", "timeline/", "timeline.html")) is False
    assert [str(p) for p in site.problems] == [
        "pelicanconf.py:1: error: 'timeline' and 'timeline (nl)' would both be written to "
        "timeline/index.html"]


# -- in a build --------------------------------------------------------------------------
def test_a_url_without_lang_stops_the_build_before_anything_is_written(tiny_site):
    """It used to pass, writing timeline/index.html three times (one language survived)."""
    site = tiny_site({"content/articles/ok.md": ARTICLE}, {"LAYAR_TIMELINE_URL": "timeline/"})
    outcome = site.run("build")
    assert outcome.code == 1
    assert outcome.message.startswith("Build failed: invalid settings in pelicanconf.py: "
                                      "invalid timeline settings:\n  LAYAR_TIMELINE_URL must")
    assert outcome.message.endswith("output/ was left as it was.")
    assert not site.output.exists()


def test_search_index_must_be_a_boolean_in_a_build(tiny_site):
    """``"no"`` used to be truthy: the index was built anyway."""
    site = tiny_site({}, {"LAYAR_SEARCH_INDEX": "no", "LAYAR_SEARCH_BUNDLE": "/abs"})
    outcome = site.run("check")
    assert outcome.code == 1
    assert "LAYAR_SEARCH_INDEX must be True or False, got 'no'" in outcome.message
    assert "LAYAR_SEARCH_BUNDLE must be a folder" in outcome.message


def test_validated_settings_are_kept_on_the_site(tiny_site, monkeypatch):
    from layar_site import signals

    seen = {}

    def remember(site, output):
        seen.update(site.extensions, checks=site.checks)

    signals.site_written.connect(remember)
    try:
        tiny_site({}, {"LAYAR_TIMELINE_URL": "{lang}/time/",
                       "LAYAR_CHECK_IGNORE_LINKS": ["/files/"]}).build(keep=False)
    finally:
        signals.site_written.disconnect(remember)
    assert seen["timeline"].url == "{lang}/time/"
    assert seen["search"].settings.index is False  # the tiny sites' FAST setting
    assert seen["checks"].settings.ignore_links == ("files/",)


def test_ignored_link_prefixes_are_skipped_by_both_link_checks(tiny_site):
    linked = ARTICLE.replace("Paragraf pertama.", "Paragraf pertama, [laporan](/downloads/r.pdf).")
    files = {"content/articles/ok.md": linked}
    outcome = tiny_site(files).run("check")
    assert outcome.code == 1 and any("'/downloads/r.pdf'" in line for line in outcome.errors)
    outcome = tiny_site(files, {"LAYAR_CHECK_IGNORE_LINKS": ["/downloads/"]}).run("build")
    assert outcome.code == 0, outcome.lines + [outcome.message]


def test_feeds_use_the_public_url_setting(tiny_site):
    site = tiny_site({"content/articles/ok.md": ARTICLE},
                     {"LAYAR_PUBLIC_URL": "https://preview.example.org/"})
    site.build()
    feed = (site.output / "id" / "feed.xml").read_text("utf-8")
    assert "https://preview.example.org/id/articles/sebuah-artikel/" in feed
    assert "127.0.0.1" not in feed


# -- search turned off -----------------------------------------------------------------------
@pytest.mark.parametrize("lang, notice", [
    ("en", "Search is turned off on this site. You can browse it instead."),
    ("id", "Pencarian dinonaktifkan di situs ini."),
    ("nl", "Zoeken is uitgeschakeld op deze site."),
])
def test_without_an_index_the_search_page_says_search_is_off(search_off_site, lang, notice):
    html = (search_off_site / lang / "search" / "index.html").read_text("utf-8")
    assert notice in html
    assert 'id="search-form"' not in html and "search.js" not in html
    assert 'class="search-browse"' in html
    assert not (search_off_site / "pagefind").exists()


@pytest.fixture(scope="module")
def search_off_site(tmp_path_factory):
    from .conftest import TinySite

    site = TinySite(tmp_path_factory.mktemp("search-off") / "site",
                    {"content/articles/ok.md": ARTICLE}, {"LAYAR_SEARCH_INDEX": False})
    site.build()
    return site.output


@pytest.mark.parametrize("name,field,default", [("LAYAR_FEED_ITEMS", "feed_items", 50),
                                                ("LAYAR_HOME_ITEMS", "home_items", 20)])
@pytest.mark.parametrize("value", [0, -3, 2.5, "50", True])
def test_list_lengths_must_be_whole_numbers_or_none(value, name, field, default):
    with pytest.raises(ConfigurationError) as info:
        site_settings({**BASE, name: value})
    assert f"{name} must be a whole number of at least 1 or None" in str(info.value)
    assert getattr(site_settings({**BASE, name: None}), field) is None
    assert getattr(site_settings(BASE), field) == default
