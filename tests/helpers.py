"""Shared test helpers: building the real site and the golden fixture site."""
from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
GOLDEN = ROOT / "tests" / "golden"
SETTINGS = ROOT / "pelicanconf.py"


def build_real_site(output: Path):
    """Build the repository's site into ``output`` (strict and atomic, as `invoke build`)."""
    from layar_build import build

    return build(SETTINGS, output)


def build_fixture_site(output: Path, workdir: Path | None = None):
    """Build the tiny three-language fixture site into ``output``.

    The fixture has its own content and content catalogs; the theme, plugins, settings and
    interface catalogs are the real ones, so the golden output shows what they produce.
    """
    import tempfile

    from layar_build import build

    work = Path(workdir or tempfile.mkdtemp(prefix="layar-fixture-"))
    shutil.copytree(FIXTURE, work / "site", dirs_exist_ok=True)
    i18n = work / "site" / "i18n"
    for po in (ROOT / "i18n").glob("*/LC_MESSAGES/messages.po"):
        target = i18n / po.relative_to(ROOT / "i18n")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(po, target)
    overrides = {
        "PATH": str(work / "site" / "content"),
        "LAYAR_I18N_DIR": str(i18n),
        "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")],
    }
    return build(SETTINGS, output, overrides=overrides)


class PageFacts(HTMLParser):
    """Collects what the language tests look at: <html lang>, alternates, canonical, switcher."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.alternates: dict[str, str] = {}
        self.canonical = None
        self.switcher: dict[str, str] = {}
        self._in_switch = 0
        self._nav_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "nav":
            self._nav_depth += 1
            if "lang-switch" in (a.get("class") or "").split():
                self._in_switch = self._nav_depth
        elif tag == "a" and self._in_switch and a.get("hreflang"):
            self.switcher[a["hreflang"]] = a["href"]

    def handle_endtag(self, tag):
        if tag == "nav":
            if self._in_switch == self._nav_depth:
                self._in_switch = 0
            self._nav_depth -= 1


def page_facts(path: Path) -> PageFacts:
    parser = PageFacts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def url_to_file(output: Path, url: str) -> Path:
    """The file in ``output`` that serves a root-relative URL."""
    from urllib.parse import urlsplit

    rel = urlsplit(url).path.lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return output / rel
