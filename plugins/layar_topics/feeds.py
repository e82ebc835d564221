"""Each topic's Atom 1.0 feed, per language: the topic's articles with localised titles.

Written by hand (escaped with ``xml.sax.saxutils``) so the output is deterministic: entries
newest first (slug breaks ties), ``updated`` is the newest article's date, and no build
timestamp appears anywhere (an empty feed is dated ``SOURCE_DATE_EPOCH``, default 1970).

Atom ids must be absolute IRIs: with an absolute ``SITEURL`` they are the page URLs, without
one they are ``urn:layar:…`` names built from the route keys, stable across builds.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
from xml.sax.saxutils import escape, quoteattr

from .registry import Topic
from .routes import feed_path

logger = logging.getLogger(__name__)

ATOM_NS = "http://www.w3.org/2005/Atom"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    return escape(_XML_INVALID.sub("", str(value)))


def _attr(value) -> str:
    return quoteattr(_XML_INVALID.sub("", str(value)))


def _rfc3339(when) -> str:
    """A ``layar.schema.When`` as RFC 3339 (a date alone is midnight UTC)."""
    moment = when.sort_key
    if moment.utcoffset() == dt.timedelta(0):
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat(timespec="seconds")


def _epoch() -> str:
    seconds = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _lang_attr(text, lang: str) -> str:
    text_lang = getattr(text, "lang", None)
    return f" xml:lang={_attr(text_lang)}" if text_lang and text_lang != lang else ""


def _absolute(site, path: str) -> str | None:
    siteurl = site.settings.siteurl
    if re.match(r"^[a-z][a-z0-9+.-]*://", siteurl):
        return f"{siteurl}/{path}"
    return None


def atom_feed(site, index, views, topic: Topic, lang: str) -> str:
    """The Atom document of ``topic`` in ``lang``."""
    view = views.topic(topic, lang)
    segment = index.kinds[topic.kind]["segment"]
    path = feed_path(segment, topic.id, lang)
    articles = sorted(index.articles_of.get(topic.id, []),
                      key=lambda a: (a.meta["date"].sort_key, a.slug), reverse=True)
    updated = _rfc3339(articles[0].meta["date"]) if articles else _epoch()
    feed_id = _absolute(site, path) or f"urn:layar:{topic.key}:{lang}:feed"
    site_name = site.settings.site_name
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang={_attr(lang)}>',
        f"  <title{_lang_attr(view['name'], lang)}>{_text(view['name'])} · {_text(site_name)}</title>",
        f"  <subtitle{_lang_attr(view['summary'], lang)}>{_text(view['summary'])}</subtitle>",
        f'  <link rel="self" type="application/atom+xml" href={_attr(view["feed_url"])}/>',
        f'  <link rel="alternate" type="text/html" href={_attr(view["url"])}/>',
        f"  <id>{_text(feed_id)}</id>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{_text(site_name)}</name></author>",
    ]
    for article in articles:
        a = site.article(article, lang)
        entry_id = _absolute(site, site.routes.get(article.key).path(lang)) \
            or f"urn:layar:{article.key}:{lang}"
        out += [
            "  <entry>",
            f"    <title{_lang_attr(a['title'], lang)}>{_text(a['title'])}</title>",
            f'    <link rel="alternate" type="text/html" href={_attr(a["url"])}/>',
            f"    <id>{_text(entry_id)}</id>",
            f"    <updated>{_rfc3339(a['date'])}</updated>",
        ]
        if a["author"]:
            out.append(f"    <author><name>{_text(a['author'])}</name></author>")
        if a["summary"]:
            out.append(f"    <summary{_lang_attr(a['summary'], lang)}>{_text(a['summary'])}</summary>")
        out.append("  </entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"


def write_feeds(site, index, views) -> None:
    for topic in index.registry:
        segment = index.kinds[topic.kind]["segment"]
        for lang in site.routes.langs_of(site.routes.get(topic.key)):
            site.write(feed_path(segment, topic.id, lang), atom_feed(site, index, views, topic, lang))
