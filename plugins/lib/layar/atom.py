"""Atom 1.0 documents (RFC 4287): the one writer behind every Layar feed.

Pure and dependency-free (no Pelican, no site): callers describe a ``Feed`` of ``Entry``
objects and ``atom_document`` returns its bytes.  The site-aware part (which articles, their
localised titles and URLs) is ``layar_site.feeds``; the plugins' adapters choose the
articles, the title and the path (``layar_seo.atom``, ``layar_topics.feeds``).

The output is deterministic: entries are written in the order given, a feed's ``updated``
is its newest entry's date (an empty feed is dated ``SOURCE_DATE_EPOCH``, default 1970),
and no build time appears anywhere, so the same content gives the same bytes.

Texts (titles, subtitles, summaries, category labels) may carry a ``lang`` attribute, as
``layar_site.catalogs.LText`` does: when it differs from the feed's language (a fallback
to the source text) the element gets its own ``xml:lang``.  Characters that XML 1.0 cannot
hold are dropped, and every id and URL must be absolute (``ValueError`` otherwise).
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any, Sequence
from xml.sax.saxutils import escape, quoteattr

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"

#: The ids Layar writes: web addresses (``https://…``), URNs (``urn:layar:…``), tag URIs.
#: (``article:slug:en`` has the syntax of an IRI with scheme "article": refused.)
_ABSOLUTE_IRI = re.compile(r"^(?:https?://[^/\s]+|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S|tag:\S)")
_URL_WITH_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: A ``layar.schema.When``, an aware or naive datetime (naive is UTC), or a date (midnight UTC).
Moment = Any


def sort_key(when) -> dt.datetime:
    """``when`` as an aware datetime, comparable across time zones."""
    key = getattr(when, "sort_key", None)
    if key is not None:
        return key
    if isinstance(when, dt.datetime):
        return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    return dt.datetime.combine(when, dt.time(), tzinfo=dt.timezone.utc)


def rfc3339(when) -> str:
    """An Atom date: UTC as ``Z``, other offsets kept (``2023-07-31T14:29:00+07:00``)."""
    moment = sort_key(when)
    if moment.utcoffset() == dt.timedelta(0):
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat(timespec="seconds")


def epoch() -> dt.datetime:
    """The date of a feed without entries: ``SOURCE_DATE_EPOCH`` (default 1970), never now."""
    seconds = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)


def atom_id(siteurl: str, url: str, name: str) -> str:
    """A feed or entry id: the page's absolute URL when ``siteurl`` is absolute, else
    ``urn:layar:<name>``.

    Ids are absolute IRIs that never change: without a public address (development
    builds) they name the page by its route key and language (``article:slug:en``), so
    every feed gives an article the same id, build after build.  ``url`` is a path under
    ``siteurl`` (``en/feed.xml``, ``/en/``) or already an absolute URL.
    """
    if _URL_WITH_HOST.match(siteurl or ""):
        if _URL_WITH_HOST.match(url):
            return url
        return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"
    return f"urn:layar:{name}"


@dataclass(frozen=True)
class Category:
    term: str
    scheme: str = ""  # an absolute IRI naming the vocabulary, or empty
    label: str = ""  # may carry ``lang``


@dataclass
class Entry:
    id: str  # an absolute IRI (``https://…``) or ``urn:…``
    title: str  # may carry ``lang``
    url: str  # absolute: the rel="alternate" link
    updated: Moment
    published: Moment | None = None
    author: str = ""  # empty: the feed's author stands for it
    summary: str = ""  # plain text; may carry ``lang``
    content_html: str = ""  # HTML (escaped into type="html")
    categories: Sequence[Category] = ()
    via_url: str = ""  # absolute: the original the entry is based on (rel="via"), or empty
    via_title: str = ""  # who published that original (the link's title)


@dataclass
class Feed:
    id: str
    title: str  # may carry ``lang``
    lang: str  # the feed's xml:lang, and hreflang of its alternate page
    self_url: str  # absolute: where the feed is served
    alternate_url: str  # absolute: the HTML page the feed belongs to
    author: str  # the feed's author (entries without one inherit it)
    entries: Sequence[Entry] = ()
    subtitle: str = ""  # may carry ``lang``
    base: str = ""  # xml:base, for relative links inside content (absolute, or empty)
    updated: Moment | None = None  # default: the newest entry's date, else ``epoch()``

    @property
    def newest(self) -> Moment:
        if self.updated is not None:
            return self.updated
        if self.entries:
            return max((e.updated for e in self.entries), key=sort_key)
        return epoch()


def _clean(value) -> str:
    return _XML_INVALID.sub("", str(value))


def _text(value) -> str:
    return escape(_clean(value))


def _attr(value) -> str:
    return quoteattr(_clean(value))


def _lang_attr(value, context: str) -> str:
    lang = getattr(value, "lang", None)
    return f" xml:lang={_attr(lang)}" if lang and lang != context else ""


def _text_element(tag: str, value, context: str, indent: str) -> str:
    return (f'{indent}<{tag} type="text"{_lang_attr(value, context)}>'
            f"{_text(value)}</{tag}>")


def _require(value: str, what: str, pattern: re.Pattern = _ABSOLUTE_IRI) -> None:
    if not pattern.match(value or ""):
        raise ValueError(f"Atom {what} must be absolute: {value!r}")


def validate(feed: Feed) -> None:
    """Raise ``ValueError`` for what RFC 4287 forbids and the writer cannot repair."""
    _require(feed.id, "feed id")
    _require(feed.self_url, "self link", _URL_WITH_HOST)
    _require(feed.alternate_url, "alternate link", _URL_WITH_HOST)
    if feed.base:
        _require(feed.base, "xml:base", _URL_WITH_HOST)
    if not str(feed.title).strip():
        raise ValueError("an Atom feed needs a title")
    seen = set()
    for entry in feed.entries:
        _require(entry.id, "entry id")
        _require(entry.url, "entry link", _URL_WITH_HOST)
        if entry.via_url:
            _require(entry.via_url, "via link", _URL_WITH_HOST)
        if entry.id in seen:
            raise ValueError(f"two Atom entries share the id {entry.id!r}")
        seen.add(entry.id)
        if not feed.author and not entry.author:
            raise ValueError(f"Atom entry {entry.id!r} has no author and the feed has none")
        for category in entry.categories:
            if category.scheme:
                _require(category.scheme, "category scheme")


def atom_document(feed: Feed, entries_xml: Sequence[str] | None = None) -> bytes:
    """The bytes of ``feed`` as an Atom 1.0 document (UTF-8, LF line endings).

    ``entries_xml``: ``entry_xml(e, feed.lang)`` of each entry, when the caller has them."""
    validate(feed)
    lang = feed.lang
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="{ATOM_NS}" xml:lang={_attr(lang)}'
           + (f" xml:base={_attr(feed.base)}" if feed.base else "") + ">",
           f"  <id>{_text(feed.id)}</id>",
           _text_element("title", feed.title, lang, "  ")]
    if str(feed.subtitle).strip():
        out.append(_text_element("subtitle", feed.subtitle, lang, "  "))
    out += [f"  <updated>{rfc3339(feed.newest)}</updated>",
            f'  <link rel="self" type="{MEDIA_TYPE}" href={_attr(feed.self_url)}/>',
            f'  <link rel="alternate" type="text/html" hreflang={_attr(lang)} '
            f"href={_attr(feed.alternate_url)}/>"]
    if feed.author:
        out.append(f"  <author><name>{_text(feed.author)}</name></author>")
    if entries_xml is None:
        entries_xml = [entry_xml(e, lang) for e in feed.entries]
    out.extend(entries_xml)
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def entry_xml(e: Entry, lang: str) -> str:
    """The ``<entry>`` element of ``e`` in a feed whose language is ``lang`` (a feed writer
    may keep it: an article is an entry of several feeds)."""
    out: list[str] = []
    out += ["  <entry>",
            f"    <id>{_text(e.id)}</id>",
            _text_element("title", e.title, lang, "    "),
            f'    <link rel="alternate" type="text/html" href={_attr(e.url)}/>']
    if e.via_url:
        out.append(f'    <link rel="via" type="text/html" href={_attr(e.via_url)}'
                   + (f" title={_attr(e.via_title)}" if e.via_title else "") + "/>")
    if e.published is not None:
        out.append(f"    <published>{rfc3339(e.published)}</published>")
    out.append(f"    <updated>{rfc3339(e.updated)}</updated>")
    if e.author:
        out.append(f"    <author><name>{_text(e.author)}</name></author>")
    for c in e.categories:
        out.append(f"    <category{_lang_attr(c.label, lang)} term={_attr(c.term)}"
                   + (f" scheme={_attr(c.scheme)}" if c.scheme else "")
                   + (f" label={_attr(c.label)}" if c.label else "") + "/>")
    if str(e.summary).strip():
        out.append(_text_element("summary", e.summary, lang, "    "))
    if e.content_html:
        out.append(f'    <content type="html">{_text(e.content_html)}</content>')
    out.append("  </entry>")
    return "\n".join(out)
