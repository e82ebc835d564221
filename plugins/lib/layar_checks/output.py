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

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern
from typing import Iterable
from urllib.parse import unquote, urlsplit

from lxml import etree

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


def scan_page(data: bytes | str) -> Page:
    """The ids and links of one page, parsed by libxml2 (``lxml``), which recovers from
    anything a browser would and gives each element's line."""
    page = Page()
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip():
        return page
    parser = etree.HTMLParser(recover=True, remove_comments=True, encoding="utf-8")
    root = etree.fromstring(data, parser)
    if root is None:
        return page
    ids, links = page.ids, page.links
    for element in root.iter(etree.Element):
        attrib = element.attrib
        if not attrib:
            continue
        tag = element.tag.lower()  # libxml2 gives tags and attribute names in lower case
        wanted = LINK_ATTRIBUTES.get(tag, ())
        if not wanted and "id" not in attrib and tag != "base":
            continue  # most elements: neither an id nor a link
        line = element.sourceline or 1
        for name, value in attrib.items():
            name = name.lower()
            if name == "id" or (tag == "a" and name == "name"):
                if value in ids and name == "id":
                    page.duplicate_ids.append((value, line))
                ids.add(intern(value))
            if name in wanted:
                urls = ([p.strip().split()[0] for p in value.split(",") if p.strip()]
                        if name == "srcset" else [value])
                # Interned: pages share most of their links, and the build ledger keeps
                # every page's (pickle stores a shared string once).
                links += [(intern(f"{tag} {name}"), intern(url), line) for url in urls]
            if tag == "base" and name == "href":
                page.base = value
    return page


def parse_page(path: Path) -> Page:
    return scan_page(path.read_bytes())


def check_output(folder: Path, shown: str = "output", siteurl: str = "",
                 ignore: Iterable[str] = (), workers: int = 1,
                 known: dict[str, tuple[tuple, Page]] | None = None,
                 memory: "OutputMemory | None" = None) -> list[Problem]:
    """Broken internal links and anchors in every ``*.html`` file under ``folder``.

    The output is listed once (links are looked up in that listing, not with a ``stat`` per
    link) and the pages are parsed in ``workers`` processes.  ``known`` (page -> (inode,
    size, modification time), parsed page) spares parsing pages that have not changed since
    (a warm build links unchanged pages from the previous output); it is updated to this
    output's pages.  ``memory`` (a preview's, ``OutputMemory``) spares checking again the
    links of a page that is the same parsed page as last time and whose every link leads
    where nothing changed since: the problems are those a full check finds.
    """
    from layar_site.outputs import stat_key
    from layar_site.parallel import FORK_AT, map_forked

    folder = Path(folder)
    ignore = tuple(p.lstrip("/") for p in ignore)
    files: set[str] = set()
    dirs: set[str] = {""}
    # os.walk, not rglob: background work (the search index) may be writing meanwhile.
    # Paths as strings (thousands of folders: no Path object each).
    start = len(os.path.join(str(folder), ""))
    for top, subdirs, names in os.walk(folder):
        base = top[start:].replace(os.sep, "/")
        prefix = base + "/" if base else ""
        dirs.update(prefix + d for d in subdirs)
        files.update(prefix + n for n in names)
    html = sorted(rel for rel in files if rel.endswith(".html"))
    pages: dict[str, Page] = {}
    stats: dict[str, tuple] = {}
    if known is not None:  # pages unchanged since they were last parsed are not parsed again
        top = str(folder)
        for rel in html:
            stats[rel] = stat_key(os.lstat(os.path.join(top, rel)))
            seen = known.get(rel)
            if seen is not None and seen[0] == stats[rel]:
                pages[rel] = seen[1]
    todo = [rel for rel in html if rel not in pages]
    # A few pages (a preview's rebuild) are parsed here: a fork costs more than they do.
    pages.update(zip(todo, map_forked(lambda rel: parse_page(folder / rel), todo,
                                      workers if len(todo) >= FORK_AT else 1)))
    if known is not None:
        known.clear()
        known.update((rel, (stats[rel], pages[rel])) for rel in html)
    listing = Listing(files, dirs, pages)

    found: dict[str, list[Problem]] = {}
    leads: dict[str, frozenset] = {}
    same = memory is not None and memory.settings == (shown, siteurl, ignore)
    changed = memory.changed(listing) if same else set()
    verdicts: dict = {}
    for rel in html:
        if same and memory.pages.get(rel) is pages[rel] and not (memory.leads[rel] & changed):
            found[rel], leads[rel] = memory.found[rel], memory.leads[rel]
        else:
            found[rel], leads[rel] = _page_problems(listing, rel, f"{shown}/{rel}", siteurl,
                                                    ignore, verdicts)
    if memory is not None:
        memory.remember((shown, siteurl, ignore), listing, found, leads)
    return [problem for rel in html for problem in found[rel]]


def _page_problems(listing: "Listing", rel: str, where: str, siteurl: str, ignore,
                   verdicts: dict) -> tuple[list[Problem], frozenset]:
    """The problems of page ``rel``, and the output paths its links lead to (what a change
    of would change them)."""
    problems: list[Problem] = []
    leads: set[str] = set()
    current = listing.pages[rel]
    for anchor, line in current.duplicate_ids:
        problems.append(Problem(where, line, "warning",
                                f"id=\"{anchor}\" is used twice on this page; links to "
                                f"#{anchor} go to the first one"))
    for attribute, url, line in current.links:
        # A root-relative or absolute URL means the same on every page: checked once.
        key = url if url.startswith(("/", "http:", "https:")) else (rel, url)
        verdict = verdicts.get(key)
        if verdict is None:
            to: set[str] = set()
            verdict = verdicts[key] = (_check(listing, rel, url, siteurl, ignore, to),
                                       tuple(to))
        reason, to = verdict
        leads.update(to)
        if reason:
            problems.append(Problem(where, line, "error", f"{attribute}=\"{url}\": {reason}"))
    return problems, frozenset(leads)


@dataclass
class OutputMemory:
    """What the last output check of one output found, kept by a preview's ``Session``
    between rebuilds: the listing it checked, each page's problems and the output paths
    each page's links lead to.  The next check takes a page's problems from here when it
    is the same parsed page (``known`` gives the same object for an unchanged file) and no
    path it leads to changed: appeared, disappeared, or (a page) changed its ids."""

    settings: tuple = ()
    files: set[str] = field(default_factory=set)
    dirs: set[str] = field(default_factory=set)
    pages: dict[str, "Page"] = field(default_factory=dict)
    found: dict[str, list[Problem]] = field(default_factory=dict)
    leads: dict[str, frozenset] = field(default_factory=dict)

    def changed(self, listing: "Listing") -> set[str]:
        """The paths whose meaning for a link changed since: files and folders that came
        or went, pages whose ids differ."""
        changed = (listing.files ^ self.files) | (listing.dirs ^ self.dirs)
        for rel, page in listing.pages.items():
            before = self.pages.get(rel)
            if before is not None and before is not page and before.ids != page.ids:
                changed.add(rel)
        return changed

    def remember(self, settings: tuple, listing: "Listing", found: dict, leads: dict) -> None:
        self.settings = settings
        self.files, self.dirs, self.pages = listing.files, listing.dirs, listing.pages
        self.found, self.leads = found, leads


_UNCHECKED = object()


@dataclass
class Listing:
    """What the output holds: its files, its folders and its parsed pages."""

    files: set[str]
    dirs: set[str]
    pages: dict[str, Page]


def _check(listing: Listing, rel: str, url: str, siteurl: str, ignore,
           leads: set | None = None) -> str | None:
    """Why ``url`` on page ``rel`` is broken, or None; the output paths it was looked up
    at are added to ``leads``."""
    if leads is None:
        leads = set()
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
    leads.add(target)
    if target in listing.dirs:  # "/en/" and "/en" (servers redirect it): /en/index.html
        target = posixpath.join(target, "index.html") if target else "index.html"
        leads.add(target)
    if target not in listing.files:
        return "no such page or file in the output"
    fragment = unquote(parts.fragment)
    if fragment and fragment != "top" and target.endswith(".html"):
        if fragment not in listing.pages[target].ids:
            return f"/{target} has no element with id=\"{fragment}\""
    return None
