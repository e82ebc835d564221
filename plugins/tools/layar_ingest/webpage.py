"""Saved web pages (``seeds/*.html``): main text and metadata through trafilatura.

trafilatura's XML output keeps the page's structure, which becomes lines for the same
pipeline as copied text: ``<head>`` -> a ``## `` subheading (the ``h1`` stays a plain line: it
repeats the title and is dropped as such), ``<p>``/``<quote>`` -> one line, ``<list>`` items ->
``- `` bullets.  Title, author, date and site name come from trafilatura's metadata and fill
in what the text does not show (:class:`.structure.Hints`).  The date is only the day unless
the page's ``article:published_time`` (or a similar meta tag) gives the time for that day.
"""
from __future__ import annotations

import logging
import re

from layar.errors import IngestError

from .dates import calendar_words
from .structure import Hints, looks_like_name

log = logging.getLogger(__name__)

_TIME_META = ("article:published_time", "og:published_time", "datepublished",
              "publish-date", "pubdate", "date")


def _trafilatura(name: str):
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml.html.clean missing in a partial install
        raise IngestError(
            f"{name}: cannot read saved web pages: trafilatura cannot be imported ({exc})"
        ) from None
    return trafilatura


def _text(element) -> str:
    for lb in element.iter("lb"):
        lb.tail = " " + (lb.tail or "")
    return " ".join("".join(element.itertext()).split())


def _lines(xml: str) -> str:
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    blocks: list[str] = []
    for element in (main if main is not None else []):
        if element.tag == "head":
            text = _text(element)
            level = (element.get("rend") or "h2").lower()
            blocks.append(text if level == "h1" else f"## {text}")
        elif element.tag in ("p", "quote"):
            blocks.append(_text(element))
        elif element.tag == "list":
            items = [_text(item) for item in element.iter("item")]
            blocks.append("\n".join(f"- {item}" for item in items if item))
    return "\n\n".join(b for b in blocks if b.strip())


def _published_time(html: str, day: str) -> str:
    """A full timestamp from the page's meta tags, when it agrees with ``day``."""
    try:
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(html)
    except (ValueError, SyntaxError, ImportError):
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


def extract(html: str, name: str) -> tuple[str, Hints]:
    """The page's main text as lines, and its metadata as hints."""
    trafilatura = _trafilatura(name)
    try:
        xml = trafilatura.extract(
            html, output_format="xml", include_comments=False, include_tables=False,
            include_images=False, include_links=False, include_formatting=False,
        )
        metadata = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise IngestError(f"{name}: the page could not be parsed: {exc}") from None
    if not xml:
        raise IngestError(f"{name}: not an article: no main text found in the page")
    text = _lines(xml)
    meta = metadata.as_dict() if metadata is not None else {}
    day = meta.get("date") or ""
    author = meta.get("author") or ""
    # trafilatura joins several authors with "; " and may catch a date word: keep names only.
    author = ", ".join(a.strip() for a in author.split(";") if _is_name(a.strip()))
    hints = Hints(
        title=" ".join((meta.get("title") or "").split()),
        author=author,
        date=_published_time(html, day) or day,
        publisher=" ".join((meta.get("sitename") or "").split()),
    )
    log.debug("page metadata for %s: %s", name, hints)
    return text, hints
