"""Internal links in content, resolved before anything is rendered.

Every link in a body (Markdown links, images, raw ``<a href>``/``<img src>``) and in each of
its translations is resolved the way the browser will resolve it on the page:

* ``{filename}../pages/about.md#how`` names a content file: the file must be published (an
  article, page or topic without errors);
* ``/id/articles/x/`` (root-relative, or absolute under ``SITEURL``) must be a page of the
  site or a file of the theme; ``../about/`` and ``other/`` are resolved from the page's URL
  in every language it is written in;
* ``#anchor`` (alone or after any of the above) must be the id of a heading of the target.
  Heading ids are computed from the source heading text exactly as the renderer does
  (``layar_site.render.heading_anchor``), so they are known before rendering.

External links (http, https, mailto) are not fetched.  Plugins that write files other than
pages (feeds, JSON) can declare their paths in ``CheckState.outputs``; URL prefixes listed in
the ``LAYAR_CHECK_IGNORE_LINKS`` setting are not checked (e.g. files made after the build).
"""
from __future__ import annotations

import difflib
import posixpath
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urljoin, urlsplit

from layar.errors import Problem
from layar_site.render import RESERVED_IDS, heading_anchor

from .tokens import Ref, Scan, scan_blocks, scan_unit_at
from .urls import scheme_of, shorten

FILENAME = "{filename}"
PELICAN_LINK_PREFIXES = ("{static}", "{attach}", "{author}", "{category}", "{tag}", "{index}")
_BASE = "http://layar.invalid/"


class LinkIndex:
    """What links may point at in one build: every route's pages, the theme's files, and
    files declared by plugins; and the heading anchors of every page with a body."""

    def __init__(self, site, outputs: Iterable[str] = (), ignore: Iterable[str] = (),
                 store=None):
        self.site = site
        self.store = store  # keeps the scans of translated units (tokens.scan_unit_at)
        self.siteurl = site.settings.siteurl
        self.pages: dict[str, object] = {}  # save_as path -> Route
        for route in site.routes:
            for lang in site.routes.langs_of(route):
                self.pages.setdefault(route.save_as(lang), route)
        self.files = set(outputs) | set(_theme_files(site.pelican_settings))
        self.ignore = tuple(p.lstrip("/") for p in ignore)
        self._anchors: dict[str, list[str] | None] = {}
        self.content = site.settings.content_path
        self.prefix = site.content_prefix

    # -- targets --------------------------------------------------------------------
    def lookup(self, path: str):
        """The route or file serving ``path`` (no leading slash); None when nothing does."""
        if self.ignore and path.startswith(self.ignore):
            return True
        for candidate in _candidates(path):
            if candidate in self.pages:
                return self.pages[candidate]
            if candidate in self.files:
                return True
        return None

    def anchors(self, route) -> list[str] | None:
        """Heading anchors of the route's body, or None when the page has no content body."""
        obj = getattr(route, "obj", None)
        blocks = getattr(obj, "blocks", None)
        if blocks is None:
            return None
        if route.key not in self._anchors:
            used: set[str] = set(RESERVED_IDS)
            self._anchors[route.key] = [heading_anchor(b.texts[0], used)
                                        for b in blocks if b.kind == "heading"]
        return self._anchors[route.key]

    def suggest_page(self, path: str) -> str:
        shown = ["/" + (p[: -len("index.html")] if p.endswith("index.html") else p)
                 for p in self.pages]
        match = difflib.get_close_matches("/" + path, shown, n=1, cutoff=0.75)
        return f" (did you mean {match[0]}?)" if match else ""

    # -- checking -------------------------------------------------------------------
    def check_ref(self, ref: Ref, source, route, source_rel: str) -> str | None:
        """Why ``ref`` (written in ``source``, shown at ``route``) is broken, or None."""
        url = ref.url.strip()
        if ref.where in ("image", "<img src>"):
            return self.check_image(url, source)
        if not url:
            return "link has no target"
        if self.siteurl and url.startswith(self.siteurl + "/"):
            url = url[len(self.siteurl):]
        elif url.startswith("//") or scheme_of(url) is not None:
            return None  # external (schemes are checked by markup.py)
        text = unquote(url)
        if text.startswith(FILENAME):
            return self._check_filename(text[len(FILENAME):], source_rel)
        if text.startswith(PELICAN_LINK_PREFIXES):
            return (f"{shorten(ref.url)}: Layar supports only {FILENAME} links to content "
                    f"files; link pages with {FILENAME}path/to/file.md")
        path, _, fragment = text.partition("#")
        path = path.split("?", 1)[0]
        if not path:
            return self._check_anchor(route, fragment, ref.url, "this page")
        broken: list[str] = []
        for lang in self.site.routes.langs_of(route) if route else (None,):
            base = route.path(lang) if route else ""
            target = urlsplit(urljoin(_BASE + base, path)).path.lstrip("/")
            found = self.lookup(target)
            if found is None:
                hint = self.suggest_page(target)
                if target.endswith(".md"):
                    hint = f"; to link a content file write {FILENAME}{path}"
                broken.append(f"{shorten(ref.url)} leads to /{target}, where there is no "
                              f"page or file{hint}")
            elif found is not True:
                problem = self._check_anchor(found, fragment, ref.url, "/" + target)
                if problem:
                    broken.append(problem)
        return broken[0] if broken else None

    def check_image(self, url: str, source) -> str | None:
        """Why the picture ``url`` (written in ``source``) cannot be shown, or None: every
        picture is a file of content/media/ (``layar_site.media``)."""
        if self.siteurl and url.startswith(self.siteurl + "/"):
            return (f"{shorten(url)}: name the picture's file in content/media/, relative to "
                    f"this file (e.g. ../media/picket.jpg)")
        _media, reason = self.site.media.resolve(unquote(url), source.path)
        return f"image {reason}" if reason else None

    def _check_filename(self, rest: str, source_rel: str) -> str | None:
        target, _, fragment = rest.partition("#")
        if target.startswith("/"):
            rel = posixpath.normpath(target.lstrip("/"))
        else:
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), target))
        key = self.site.file_routes.get(rel)
        shown = f"{self.prefix}/{rel}"
        link = shorten(f"{FILENAME}{rest}")
        if key is None:
            if rel.startswith("../") or rel == "..":
                return f"{link} points outside the content folder"
            held = {h.path: h for h in getattr(self.site, "held", ())}.get(shown)
            if held is not None:
                return (f"{link}: {shown} is not published ({held.why}"
                        + (f" for {held.date}" if held.date else "")
                        + "); a published page must not link to it: remove the link, or "
                          "publish the two together")
            if (self.content / rel).is_file():
                return (f"{link}: {shown} is not published (it has errors reported above, or "
                        f"is not an article, page or topic)")
            others = [f for f in self.site.file_routes if f != source_rel]
            match = difflib.get_close_matches(rel, others, n=1, cutoff=0.75)
            hint = f" (did you mean {self.prefix}/{match[0]}?)" if match else ""
            return f"{link}: there is no file {shown}{hint}"
        return self._check_anchor(self.site.routes.get(key), fragment, link, shown)

    def _check_anchor(self, route, fragment: str, url: str, where: str) -> str | None:
        fragment = unquote(fragment)
        if not fragment or fragment == "top" or route is None:
            return None
        anchors = self.anchors(route)
        if anchors is None or fragment in anchors:
            return None  # pages without a content body are checked after rendering
        listed = ", ".join(f"#{a}" for a in anchors[:8]) or "none"
        match = difflib.get_close_matches(fragment, anchors, n=1, cutoff=0.6)
        hint = f" (did you mean #{match[0]}?)" if match else f"; its heading anchors are: {listed}"
        return f"{shorten(url)}: {where} has no heading with the anchor #{fragment}{hint}"


def check_source(index: LinkIndex, source, route, extra_texts=(),
                 found: Scan | None = None) -> list[Problem]:
    """Broken internal links in ``source``'s body (``found``: its scan, if at hand), and in
    ``extra_texts``: ``(text, path, line, label)`` such as the unit's translations."""
    source_rel = Path(source.path).relative_to(index.prefix).as_posix()
    problems: list[Problem] = []
    seen: set[tuple] = set()
    if found is None:
        found = scan_blocks(source.blocks, source.doc.body_line)
    for ref in found.refs:
        reason = index.check_ref(ref, source, route, source_rel)
        if reason and (ref.line, reason) not in seen:
            seen.add((ref.line, reason))
            problems.append(Problem(source.path, ref.line, "error", f"broken link: {reason}"))
    for text, path, line, label in extra_texts:
        for ref in scan_unit_at(text, line, index.store).refs:
            reason = index.check_ref(ref, source, route, source_rel)
            if reason and (path, line, reason) not in seen:
                seen.add((path, line, reason))
                problems.append(Problem(path, line, "error", f"{label}: broken link: {reason}"))
    return problems


def _candidates(path: str) -> list[str]:
    if path == "" or path.endswith("/"):
        return [path + "index.html"]
    return [path, path + "/index.html"]


def _theme_files(settings) -> list[str]:
    """Output paths of the theme's static files (Pelican copies them to THEME_STATIC_DIR)."""
    theme = Path(settings.get("THEME", ""))
    out_dir = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    files = []
    for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
        root = theme / folder
        if root.is_dir():
            files += [f"{out_dir}/{p.relative_to(root).as_posix()}" for p in root.rglob("*")
                      if p.is_file()]
    return files
