"""Saved web pages (``seeds/*.html``): main text and metadata through trafilatura.

trafilatura finds the main text and the page's metadata (title, author, site name, and the
date through htmldate, which reads JSON-LD, Open Graph, meta tags and the URL).  The ingest
takes both as they are and adds only what is its own (:func:`.structure.from_extracted`):
normalisation, the noise families, the summary and the tagging.

The extracted tree becomes lines: ``<head>`` -> a ``## `` subheading (an ``h1`` stays a plain
line: it repeats the title and is dropped as such), ``<p>``/``<quote>`` and loose text -> one
line, ``<list>`` items -> ``- `` bullets, table rows -> one line; containers (``<div>``) are
walked in document order.

The title is trafilatura's, except where the page's own ``<h1>`` is that title without the
site's decorations ("Mining blasts shatter homes" inside "Mining blasts shatter homes -
Lesotho Times"); otherwise segments naming the site ("| Republika Online", "- Kompas.com")
are removed.  The date is the day unless the page's ``article:published_time`` (or a
similar meta tag) gives the time for that day.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit, urlunsplit

from layar.errors import IngestError

from .data import fold_key
from .dates import calendar_words
from .structure import TITLE_WORDS, Hints, looks_like_name

log = logging.getLogger(__name__)

_TIME_META = ("article:published_time", "og:published_time", "datepublished",
              "publish-date", "pubdate", "date")
#: Separators between a headline and the site's name in a ``<title>``.
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—»·:]\s+|\s*[|»]\s*|(?<=\w):\s+(?=\S)")
_DOMAIN = re.compile(r"\b[\w\-]+\.(?:[a-z]{2,6}\.)?[a-z]{2,6}\b", re.IGNORECASE)
_CONTAINERS = ("div", "main", "body", "section", "doc")


def _trafilatura(name: str):
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml.html.clean missing in a partial install
        raise IngestError(
            f"{name}: cannot read saved web pages: trafilatura cannot be imported ({exc}) "
            "(hint: reinstall with `pip install -e .`)"
        ) from None
    return trafilatura


def _text(element, skip: tuple[str, ...] = ()) -> str:
    parts: list[str] = []

    def walk(el, top: bool) -> None:
        if not top and el.tag in skip:
            return
        if el.tag == "lb":
            parts.append(" ")
        elif el.text:
            parts.append(el.text)
        for child in el:
            walk(child, False)
            if child.tail:
                parts.append(child.tail)

    walk(element, True)
    return " ".join("".join(parts).split())


def _lines(body) -> str:
    """The extracted tree as the ingest's lines (see the module docstring)."""
    blocks: list[str] = []

    def loose(text: str | None) -> None:
        if text and text.strip():
            blocks.append(" ".join(text.split()))

    def walk(element) -> None:
        loose(element.text)
        for child in element:
            tag = child.tag
            if tag == "head":
                text = _text(child)
                level = (child.get("rend") or "h2").lower()
                if text:
                    blocks.append(text if level == "h1" else f"## {text}")
            elif tag in ("p", "quote"):
                text = _text(child, skip=("list",))
                if text:
                    blocks.append(text)
                for nested in child.iter("list"):
                    _list(nested)
            elif tag == "list":
                _list(child)
            elif tag == "table":
                rows = [" ".join(_text(cell) for cell in row.iter("cell")) for row in child.iter("row")]
                blocks.extend(r for r in rows if r.strip())
            elif tag in _CONTAINERS:
                walk(child)
            else:
                loose(_text(child))
            loose(child.tail)

    def _list(element) -> None:
        items = [_text(item) for item in element.iter("item")]
        items = [item for item in items if item]
        if items:
            blocks.append("\n".join(f"- {item}" for item in items))

    walk(body)
    return "\n\n".join(b for b in blocks if b.strip())


def _published_time(tree, day: str) -> str:
    """A full timestamp from the page's meta tags, when it agrees with ``day``."""
    if tree is None:
        return ""
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        value = (meta.get("content") or "").strip()
        if key in _TIME_META and re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value):
            if not day or value.startswith(day):
                return value
    return ""


def _is_name(text: str) -> bool:
    calendar = calendar_words()
    return looks_like_name(text) and not any(
        w.strip(".,").casefold() in calendar for w in text.split())


def _site_segment(segment: str, site_keys: set[str]) -> bool:
    """A part of a ``<title>`` that names the site ("Kompas.com Regional", "ihram.co.id")."""
    key = fold_key(segment)
    if not key:
        return True
    if _DOMAIN.search(segment) or len(segment.split()) <= 1:
        return True
    return any(key in site or site in key for site in site_keys if len(site) >= 3)


def clean_title(title: str, h1s: list[str], sitename: str = "", url: str = "") -> str:
    """The headline of a page from its metadata title and ``<h1>`` texts (module docstring)."""
    title = " ".join(title.split())
    for h1 in h1s:
        n = len(h1.split())
        if TITLE_WORDS[0] <= n <= TITLE_WORDS[1] and h1 != title and h1 in title:
            return h1
    segments = [s for s in _TITLE_SEPARATOR.split(title) if s and s.strip()]
    if len(segments) < 2:
        return title
    host = urlsplit(url).hostname or "" if url else ""
    site_keys = {fold_key(sitename)} | {fold_key(p) for p in host.split(".") if len(p) > 3}
    site_keys.discard("")
    kept = list(segments)
    while len(kept) > 1 and _site_segment(kept[-1], site_keys):
        kept.pop()
    while len(kept) > 1 and _site_segment(kept[0], site_keys):
        kept.pop(0)
    if len(kept) == len(segments):
        return title
    # Keep the original separators between the parts that stay.
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if 0 <= start < end else title


def _h1s(tree) -> list[str]:
    if tree is None:
        return []
    return [" ".join(h.text_content().split()) for h in tree.iter("h1")]


def page_url(tree, found: str = "") -> str:
    """The article's own address: the page's ``<link rel="canonical">``, else what
    trafilatura found (og:url and the like); only an absolute https:// address, without its
    fragment (a saved page's relative or http:// link is not the publisher's address)."""
    candidates = []
    if tree is not None:
        for link in tree.iter("link"):
            rel = (link.get("rel") or "").lower().split()
            if "canonical" in rel and link.get("href"):
                candidates.append(link.get("href"))
    candidates.append(found)
    for url in candidates:
        url = (url or "").strip()
        parts = urlsplit(url)
        if parts.scheme == "https" and parts.netloc and not any(ch.isspace() for ch in url):
            return urlunsplit(parts._replace(fragment=""))
    return ""


def extract(html: str, name: str) -> tuple[str, Hints]:
    """The page's main text as lines, and its metadata as hints."""
    trafilatura = _trafilatura(name)
    try:
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(html)
    except (ValueError, SyntaxError):
        tree = None
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, include_formatting=False,
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise IngestError(f"{name}: the page could not be parsed: {exc}") from None
    body = getattr(doc, "body", None) if doc is not None else None
    text = _lines(body) if body is not None else ""
    if not text.strip():
        raise IngestError(f"{name}: not an article: no main text found in the page "
                          "(hint: save the article's own page, not a list or a menu)")
    day = doc.date or ""
    author = doc.author or ""
    # trafilatura joins several authors with "; " and may catch a date word: keep names only.
    author = ", ".join(a.strip() for a in author.split(";") if _is_name(a.strip()))
    sitename = " ".join((doc.sitename or "").split())
    hints = Hints(
        title=clean_title(doc.title or "", _h1s(tree), sitename, doc.url or ""),
        author=author,
        date=_published_time(tree, day) or day,
        publisher=sitename,
        url=page_url(tree, doc.url or ""),
    )
    log.debug("page metadata for %s: %s", name, hints)
    return text, hints
