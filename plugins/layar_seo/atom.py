"""Atom 1.0 feeds (RFC 4287), shared by every Layar feed: per language and per topic.

Feeds are deterministic: a feed's ``updated`` is the date of its newest entry, never the
build time, so the same content gives the same bytes.  Use ``article_feed`` for a feed of
articles in one language (the topics plugin's per-topic feeds use it too), or build
``Entry`` objects yourself and call ``atom_feed``.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

from .common import absolute, public_url

ATOM_NS = "http://www.w3.org/2005/Atom"


def epoch() -> str:
    """``updated`` of a feed without entries: ``SOURCE_DATE_EPOCH`` (default 1970), never now."""
    seconds = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Entry:
    id: str  # an absolute IRI
    title: str
    url: str  # absolute
    published: str  # RFC 3339
    updated: str  # RFC 3339
    author: str
    summary: str = ""
    content_html: str = ""
    lang: str = ""
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # term, scheme, label


def rfc3339(when) -> str:
    """An Atom date from a ``layar.schema.When``, a datetime or a date (a date alone is
    midnight UTC), formatted as the topics plugin's feeds format it."""
    moment = _sort_key(when)
    if moment.utcoffset() == dt.timedelta(0):
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat(timespec="seconds")


def _sort_key(when) -> dt.datetime:
    key = getattr(when, "sort_key", None)
    if key is not None:
        return key
    if isinstance(when, dt.datetime):
        return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    return dt.datetime.combine(when, dt.time(), tzinfo=dt.timezone.utc)


def atom_feed(*, feed_id: str, title: str, self_url: str, alternate_url: str, lang: str,
              updated: str, entries: Sequence[Entry], subtitle: str = "",
              author: str = "Layar", base: str = "") -> bytes:
    """The bytes of an Atom 1.0 document; every URL given must be absolute."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="{ATOM_NS}" xml:lang={quoteattr(lang)}'
           + (f" xml:base={quoteattr(base)}" if base else "") + ">",
           f"  <id>{escape(feed_id)}</id>",
           f'  <title type="text">{escape(title)}</title>']
    if subtitle:
        out.append(f'  <subtitle type="text">{escape(subtitle)}</subtitle>')
    out += [f"  <updated>{updated}</updated>",
            f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
            f'  <link rel="alternate" type="text/html" hreflang={quoteattr(lang)} '
            f"href={quoteattr(alternate_url)}/>",
            f"  <author><name>{escape(author)}</name></author>"]
    for e in entries:
        lang_attr = f" xml:lang={quoteattr(e.lang)}" if e.lang and e.lang != lang else ""
        out += [f"  <entry{lang_attr}>",
                f"    <id>{escape(e.id)}</id>",
                f'    <title type="text">{escape(e.title)}</title>',
                f'    <link rel="alternate" type="text/html" href={quoteattr(e.url)}/>',
                f"    <published>{e.published}</published>",
                f"    <updated>{e.updated}</updated>",
                f"    <author><name>{escape(e.author)}</name></author>"]
        for term, scheme, label in e.categories:
            out.append(f"    <category term={quoteattr(term)} scheme={quoteattr(scheme)} "
                       f"label={quoteattr(label)}/>")
        if e.summary:
            out.append(f'    <summary type="text">{escape(e.summary)}</summary>')
        if e.content_html:
            out.append(f'    <content type="html">{escape(e.content_html)}</content>')
        out.append("  </entry>")
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def atom_id(site, path: str, name: str) -> str:
    """An entry or feed id: the absolute URL with an absolute SITEURL, else ``urn:layar:…``.

    Ids must be absolute IRIs that never change; without a public address the route key
    names the page (as the topics plugin's feeds do), so ids agree across feeds and builds.
    """
    siteurl = site.settings.siteurl
    if re.match(r"^[a-z][a-z0-9+.-]*://", siteurl):
        if re.match(r"^[a-z][a-z0-9+.-]*://", path):
            return path
        return f"{siteurl}/{path.lstrip('/')}"
    return f"urn:layar:{name}"


def article_entries(site, articles: Iterable, lang: str, content: bool = True) -> list[Entry]:
    """Atom entries for ``articles`` as read in ``lang`` (translated title, summary, body)."""
    index = site.extensions.get("topics")
    entries = []
    for article in articles:
        view = site.article(article, lang)
        url = absolute(site, view["url"])
        entry_id = atom_id(site, view["url"], f"{article.key}:{lang}")
        categories = []
        if index is not None:
            for topic in index.article_topics(article):
                if topic.key in site.routes:
                    categories.append((topic.id, absolute(site, site.url(topic.key, lang)),
                                       str(site.t(topic.name, topic.lang, lang))))
        stamp = rfc3339(view["date"])
        entries.append(Entry(
            id=entry_id, title=str(view["title"]), url=url, published=stamp, updated=stamp,
            author=view["author"] or view["publisher"], summary=str(view["summary"]),
            content_html=site.body(article, lang).html if content else "",
            lang=getattr(view["title"], "lang", lang), categories=categories))
    return entries


def article_feed(site, *, articles: Iterable, lang: str, path: str, title: str,
                 alternate_url: str, subtitle: str = "") -> bytes:
    """An Atom feed of ``articles`` in ``lang``, newest first, to be written at ``path``.

    ``path`` is relative to the output folder (``en/feed.xml``); ``alternate_url`` is the
    HTML page the feed belongs to (root-relative or absolute).
    """
    ordered = sorted(articles, key=lambda a: (_sort_key(a.meta["date"]), a.slug), reverse=True)
    self_url = absolute(site, "/" + path)
    updated = rfc3339(ordered[0].meta["date"]) if ordered else epoch()
    feed_id = atom_id(site, path, f"feed:{path.removesuffix('.xml').replace('/', ':')}")
    return atom_feed(feed_id=feed_id, title=title, self_url=self_url,
                     alternate_url=absolute(site, alternate_url), lang=lang, updated=updated,
                     entries=article_entries(site, ordered, lang), subtitle=subtitle,
                     author=site.settings.site_name, base=public_url(site) + "/")
