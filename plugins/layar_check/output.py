"""The whole-output link check: every internal URL in every HTML page must exist.

Run by ``layar_build`` on the staging folder, after Pelican has written everything and
before the folder replaces ``output/``.  It sees what the content checks cannot: links made
by templates and plugins (navigation, language switcher, canonical and alternate links,
stylesheets, feeds, topic links), in their final form.

A URL is internal when it has no scheme and no host, or starts with ``SITEURL``.  Its path
must be a file of the output (a folder counts when it has an ``index.html``), and its
fragment, if any, the ``id`` (or ``<a name>``) of an element of that page.  Paths that
escape the output folder are broken too.  Problems are reported at the page's line, as
``output/en/index.html:12: error: …``.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlsplit

from layar.errors import Problem

#: (tag, attribute) pairs that load or link to a URL.
LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
    "script": ("src",), "iframe": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "embed": ("src",), "object": ("data",),
    "form": ("action",), "button": ("formaction",), "input": ("src", "formaction"),
}


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    duplicate_ids: list[tuple[str, int]] = field(default_factory=list)
    links: list[tuple[str, str, int]] = field(default_factory=list)  # (attribute, url, line)
    base: str | None = None


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                if value in self.page.ids and name == "id":
                    self.page.duplicate_ids.append((value, line))
                self.page.ids.add(value)
            if name in LINK_ATTRIBUTES.get(tag, ()):
                urls = ([p.strip().split()[0] for p in value.split(",") if p.strip()]
                        if name == "srcset" else [value])
                self.page.links += [(f"{tag} {name}", url, line) for url in urls]
        if tag == "base":
            self.page.base = dict(attrs).get("href")

    handle_startendtag = handle_starttag


def parse_page(path: Path) -> Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


def check_output(folder: Path, shown: str = "output", siteurl: str = "",
                 ignore: Iterable[str] = ()) -> list[Problem]:
    """Broken internal links and anchors in every ``*.html`` file under ``folder``."""
    folder = Path(folder)
    ignore = tuple(p.lstrip("/") for p in ignore)
    pages: dict[str, Page] = {}

    def page(rel: str) -> Page:
        if rel not in pages:
            pages[rel] = parse_page(folder / rel)
        return pages[rel]

    problems: list[Problem] = []
    for file in sorted(folder.rglob("*.html")):
        rel = file.relative_to(folder).as_posix()
        where = f"{shown}/{rel}"
        current = page(rel)
        for anchor, line in current.duplicate_ids:
            problems.append(Problem(where, line, "warning",
                                    f"id=\"{anchor}\" is used twice on this page; links to "
                                    f"#{anchor} go to the first one"))
        for attribute, url, line in current.links:
            reason = _check(folder, rel, url, siteurl, ignore, page)
            if reason:
                problems.append(Problem(where, line, "error", f"{attribute}=\"{url}\": {reason}"))
    return problems


def _check(folder: Path, rel: str, url: str, siteurl: str, ignore, page) -> str | None:
    url = url.strip()
    if siteurl and (url == siteurl or url.startswith(siteurl + "/")):
        url = url[len(siteurl):] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # external
    path = unquote(parts.path)
    if path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/")) if path.strip("/") else ""
    elif path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    else:
        target = rel  # "#anchor" or "?query": this page
    if target == ".":
        target = ""
    if target == ".." or target.startswith("../"):
        return "leads outside the site"
    if ignore and target.startswith(ignore):
        return None
    full = folder / target
    if full.is_dir():  # "/en/" and "/en" (servers redirect it) are served by /en/index.html
        target = posixpath.join(target, "index.html") if target else "index.html"
        full = folder / target
    if not full.is_file():
        return "no such page or file in the output"
    fragment = unquote(parts.fragment)
    if fragment and fragment != "top" and target.endswith(".html"):
        if fragment not in page(target).ids:
            return f"/{target} has no element with id=\"{fragment}\""
    return None
