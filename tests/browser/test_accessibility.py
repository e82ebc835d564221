"""axe-core in Chromium: no WCAG 2.2 A/AA violation on any page type in any language.

Also checks what axe does not: one <h1> and no skipped heading levels, landmarks, a
visible focus indicator, light and dark colour schemes.
"""
from __future__ import annotations

import pytest

from tests.browser.site_facts import sample_pages

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
}"""

HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => !h.closest('[hidden]')).map(h => Number(h.tagName[1]))"""


def _pages(site_root):
    return [(kind, path) for kind, paths in sample_pages(site_root).items() for path in paths]


def _status(kind: str) -> int:
    return 404 if kind == "404" else 200


def _check_page(reader, axe_source, kind, path, scheme):
    page = reader.page
    page.emulate_media(color_scheme=scheme)
    reader.goto(path + ("?q=Netflix" if kind == "search" else ""), status=_status(kind))
    if kind == "search":
        page.locator("#search-results h2 a").first.wait_for()
    page.evaluate(axe_source)  # evaluated through DevTools: the page's CSP stays strict
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    assert not violations, f"{path} ({kind}, {scheme}):\n" + "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations)
    levels = page.evaluate(HEADINGS)
    assert levels and levels[0] == 1 and levels.count(1) == 1, f"{path}: headings {levels}"
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"{path}: heading level skips from h{before} to h{after}"
    assert page.locator("main").count() == 1, f"{path}: one <main>"
    if kind != "chooser":
        assert page.locator("header.site-header").count() == 1
        assert page.locator("footer.site-footer").count() == 1
        assert page.locator("a.skip[href='#main']").count() == 1


def test_axe_finds_no_wcag_violation_on_any_page_type_light(reader, axe_source, site_root):
    for kind, path in _pages(site_root):
        _check_page(reader, axe_source, kind, path, "light")


def test_axe_finds_no_wcag_violation_on_any_page_type_dark(reader, axe_source, site_root):
    for kind, path in _pages(site_root):
        _check_page(reader, axe_source, kind, path, "dark")


def test_every_page_type_is_covered(site_root):
    kinds = set(sample_pages(site_root))
    assert {"chooser", "home", "article", "topic", "hub", "timeline", "search", "about",
            "404"} <= kinds, kinds
    assert all(len(paths) == 3 for kind, paths in sample_pages(site_root).items()
               if kind != "chooser")


def test_focus_is_visible(reader):
    page = reader.page
    reader.goto("/en/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
      return [s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert outline[0] != "none" and outline[1] >= 2, outline


def test_print_styles_hide_navigation(reader, site_root):
    from tests.browser.site_facts import articles

    page = reader.page
    reader.goto(articles(site_root, "en")[0])
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-search").is_visible()
    assert page.locator("h1").is_visible()
    page.emulate_media(media="screen")
