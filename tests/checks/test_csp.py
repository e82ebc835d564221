"""The built site keeps the Content-Security-Policy of docs/CONTENT_SECURITY_POLICY.md
workable: no inline scripts or styles, no event handlers, scripts and styles from the site."""
from __future__ import annotations

from html.parser import HTMLParser

from layar_checks.urls import scheme_of

from .conftest import ROOT


class _Policy(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.violations: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        line = self.getpos()[0]
        if tag == "script":
            self._script = a
            src = a.get("src")
            if src is None and a.get("type") != "application/ld+json":
                self.violations.append(f"{line}: inline <script>")
            if src is not None and (src.startswith("//") or scheme_of(src)):
                self.violations.append(f"{line}: script from another origin {src}")
        if tag == "style":
            self.violations.append(f"{line}: <style> element")
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split():
            href = a.get("href") or ""
            if href.startswith("//") or scheme_of(href):
                self.violations.append(f"{line}: stylesheet from another origin {href}")
        for name, value in a.items():
            if name.startswith("on"):
                self.violations.append(f"{line}: {name}= on <{tag}>")
            if name == "style":
                self.violations.append(f"{line}: style= on <{tag}>")
            if name in ("href", "src", "action") and value and scheme_of(value) in (
                    "javascript", "vbscript", "data"):
                self.violations.append(f"{line}: {name}={value!r}")

    handle_startendtag = handle_starttag


def test_built_site_needs_no_unsafe_inline(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    found = {}
    for page in pages:
        parser = _Policy()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.violations:
            found[page.relative_to(built_site).as_posix()] = parser.violations
    assert found == {}


def test_policy_is_documented():
    text = (ROOT / "docs" / "CONTENT_SECURITY_POLICY.md").read_text(encoding="utf-8")
    assert "script-src 'self' 'wasm-unsafe-eval'; style-src 'self';" in text
