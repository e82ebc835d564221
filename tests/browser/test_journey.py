"""A reader's way through the site in Chromium: home, hub, topic, article, other language, back."""
from __future__ import annotations

import pytest

from tests.browser.site_facts import articles, strike_articles

pytestmark = pytest.mark.browser


def test_home_hub_topic_article_switch_language_and_back(reader, site_root):
    if not strike_articles(site_root, "en"):
        pytest.fail("the built site has no article about a strike: content/articles is empty?")
    page = reader.page
    reader.goto("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    home_title = page.locator("h1").inner_text()

    # Home -> the strikes hub, through the main navigation.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Strikes").click()
    page.wait_for_url("**/en/strikes/")
    assert page.locator("h1").inner_text() == "Strikes"

    # Hub -> a strike's page.
    page.locator(".topic-list a").filter(has_text="Writers Guild").first.click()
    page.wait_for_url("**/en/strikes/wga-strike-2023/")
    topic_path = reader.path()
    assert "Writers Guild of America" in page.locator("h1").inner_text()

    # Topic -> one of its articles.
    first_article = page.locator(".topic-articles a").first
    article_title = first_article.inner_text()
    first_article.click()
    page.wait_for_url("**/en/articles/*/")
    article_path = reader.path()
    assert article_path in articles(site_root, "en")
    assert page.locator("h1").inner_text() == article_title

    # Switch language: the same article in Dutch.
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Nederlands").click()
    page.wait_for_url("**/nl/articles/*/")
    assert reader.path() == article_path.replace("/en/", "/nl/", 1)
    assert page.locator("html").get_attribute("lang") == "nl"
    current = page.locator(".lang-switch [aria-current=page]")
    assert current.get_attribute("hreflang") == "nl"

    # The back button retraces the way.
    page.go_back()
    page.wait_for_url(reader.url(article_path))
    assert page.locator("h1").inner_text() == article_title
    page.go_back()
    page.wait_for_url(reader.url(topic_path))
    page.go_back()
    page.wait_for_url(reader.url("/en/strikes/"))
    page.go_back()
    page.wait_for_url(reader.url("/en/"))
    assert page.locator("h1").inner_text() == home_title


def test_every_language_switch_lands_on_the_same_article(reader, site_root):
    paths = articles(site_root, "id")
    assert paths, "no articles were built"
    slug_path = paths[0].removeprefix("/id")
    reader.goto(f"/id{slug_path}")
    for lang in ("nl", "en", "id"):
        reader.page.locator(f".lang-switch a[hreflang={lang}]").click()
        reader.page.wait_for_url(reader.url(f"/{lang}{slug_path}"))
        assert reader.page.locator("html").get_attribute("lang") == lang


def test_skip_link_moves_focus_to_the_main_content(reader):
    page = reader.page
    reader.goto("/nl/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box and box["y"] >= 0, "the skip link must become visible when focused"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main


def test_search_box_in_the_header_works_without_javascript(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_server.url + "/id/")
        page.locator("#site-q").fill("Eternaut")
        page.locator("#site-q").press("Enter")
        page.wait_for_url("**/id/search/?q=Eternaut")
        # Without JavaScript the search page says so and offers the hubs and the timeline.
        assert page.locator("noscript").count() == 1
        assert page.locator(".search-browse a").count() >= 2
        assert page.locator("script:not([type='application/ld+json'])").count() == 1
    finally:
        context.close()


def test_no_layout_shift_and_no_horizontal_scroll_at_320px(browser, site_server, site_root):
    from tests.browser.site_facts import sample_pages

    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.add_init_script("""
      window.__cls = 0;
      new PerformanceObserver(list => { for (const e of list.getEntries())
        if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});
    """)
    try:
        for kind, paths in sample_pages(site_root).items():
            for path in paths:
                page.goto(site_server.url + path)
                page.wait_for_timeout(50)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= 320, f"{path} ({kind}) is {width}px wide at a 320px viewport"
                cls = page.evaluate("window.__cls")
                assert cls < 0.01, f"{path} ({kind}) shifts its layout (CLS {cls:.3f})"
    finally:
        context.close()
