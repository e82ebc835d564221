"""Atom feeds of a site's articles in one language, for the plugins that write feeds.

The SEO plugin's per-language feeds (``/{lang}/feed.xml``) and the topics plugin's
per-topic feeds (``/{lang}/<segment>/<id>/feed.xml``) are both ``article_feed``: they only
choose the articles, the title, the page the feed belongs to and its path.  The Atom
document itself is written by ``layar.atom``.

Every URL in a feed is absolute: ``SITEURL`` when it is absolute, else ``LAYAR_PUBLIC_URL``
(by default the development address ``DEFAULT_PUBLIC_URL``), as ``layar_site.settings``
validated them (``site.settings.public_url``).  Ids are the pages' URLs with an absolute
``SITEURL``, else ``urn:layar:<route key>:<lang>`` (a feed adds ``:feed``).
"""
from __future__ import annotations

import html as htmllib
from typing import Callable, Iterable, Sequence

from layar.atom import Category, Entry, Feed, atom_document, atom_id, entry_xml, sort_key

from . import formatting
from .settings import DEFAULTS

#: Used for absolute URLs (canonical, Open Graph, feeds, sitemap) when SITEURL is empty,
#: i.e. in development: the address ``invoke serve`` serves the site at.
DEFAULT_PUBLIC_URL = DEFAULTS["LAYAR_PUBLIC_URL"]

#: The categories of an article in a language (the topics plugin provides them).
Categories = Callable[[object, str], Sequence[Category]]


def public_url(site) -> str:
    """The site's absolute base URL, without a trailing slash."""
    return site.settings.public_url


def absolute(site, url: str) -> str:
    """``url`` (root-relative or absolute) as an absolute URL."""
    if url.startswith(("http://", "https://")):
        return url
    return public_url(site) + "/" + url.lstrip("/")


def newest_first(articles: Iterable) -> list:
    """Articles by date, newest first; the slug breaks ties (deterministic)."""
    return sorted(articles, key=lambda a: (sort_key(a.meta["date"]), a.slug), reverse=True)


def article_entry(site, article, lang: str, *, content: bool = True,
                  categories: Categories | None = None) -> Entry:
    """``article`` as read in ``lang``: translated title and summary (fallbacks keep their
    language), the byline or else the publisher (Atom requires an author), a ``via`` link to
    the original, and when ``content`` what its page carries: the translation notice, the
    metadata an editor supplied, the body, the editor's notes and the publisher's credit."""
    view = site.article(article, lang)
    return Entry(
        id=atom_id(site.settings.siteurl, view["url"], f"{article.key}:{lang}"),
        title=view["title"], url=absolute(site, view["url"]),
        published=view["date"], updated=view["date"],
        author=view["author"] or view["publisher"], summary=view["summary"],
        content_html=entry_content(site, article, lang) if content else "",
        categories=tuple(categories(article, lang)) if categories else (),
        via_url=view["original_url"], via_title=view["publisher"])


def entry_content(site, article, lang: str) -> str:
    """The HTML of an article's feed entry: what its page says around the body, in the same
    words (the page's interface strings, ``site.gettext``), so a reader of the feed learns
    what a reader of the page does."""
    view = site.article(article, lang)
    body = site.body(article, lang)
    _ = lambda message: site.gettext(message, lang)  # noqa: E731
    esc = htmllib.escape
    supplied = [field for field, _note in view["supplied"]]
    mark = f" ({esc(_('established by Layar’s editors'))})"
    translated, total = body.coverage(view["title"], view["summary"], view["notes"],
                                      [note for _field, note in view["supplied"]])
    out = []
    if view["translated"] and translated:
        out.append("<p>" + _("Translated from %(language)s. Original: <a href=\"%(original_url)s\">"
                             "%(publisher)s, %(original_date)s</a>") % {
            "language": esc(formatting.language_name(article.lang, lang)),
            "original_url": esc(absolute(site, site.url(article.key, article.lang))),
            "publisher": esc(view["publisher"]) + (mark if "publisher" in supplied else ""),
            "original_date": esc(formatting.date(view["date"], lang))
                             + (mark if "date" in supplied else "")} + "</p>")
    if translated < total:
        out.append("<p>" + esc(_("This page is not yet translated and is shown in its original "
                                 "language.") if not translated else
                               site.ui[lang].ngettext(
                                   "%(num)s of %(total)s passages on this page is not yet "
                                   "translated and is shown in its original language.",
                                   "%(num)s of %(total)s passages on this page are not yet "
                                   "translated and are shown in their original language.",
                                   total - translated) % {"num": total - translated,
                                                          "total": total}) + "</p>")
    if view["supplied"]:
        labels = {"title": _("Title"), "date": _("Date"), "author": _("Author"),
                  "publisher": _("Publisher"), "url": _("Address of the original")}
        fields = ", ".join(labels[f] for f in supplied)
        out.append("<p>" + esc(_("Supplied by Layar’s editors, not printed in the original: "
                                 "%(fields)s") % {"fields": fields}) + "</p><ul>"
                   + "".join(f"<li><strong>{esc(labels[f])}:</strong> {_span(note)}</li>"
                             for f, note in view["supplied"]) + "</ul>")
    out.append(body.html)
    out += [f"<p><strong>{esc(_('Editor’s note:'))}</strong> {_span(note)}</p>"
            for note in view["notes"]]
    out.append("<p>" + esc(_("Originally published by %(publisher)s.")
                           % {"publisher": view["publisher"]}) + "</p>")
    if view["original_url"]:
        out.append("<p>" + _("<a href=\"%(original_url)s\">Read the original at "
                             "%(publisher)s</a>") % {"original_url": esc(view["original_url"]),
                                                     "publisher": esc(view["publisher"])}
                   + "</p>")
    return "\n".join(out)


def _span(text) -> str:
    """``text`` escaped, in a ``<span lang>`` when it is shown in another language (a note
    not yet translated), as the page marks it."""
    lang = getattr(text, "lang", None)
    escaped = htmllib.escape(str(text))
    return f'<span lang="{lang}">{escaped}</span>' if getattr(text, "fallback", False) else escaped


def article_feed(site, *, articles: Iterable, lang: str, path: str, key: str, title: str,
                 alternate_url: str, subtitle: str = "", content: bool = True,
                 categories: Categories | None = None) -> bytes:
    """An Atom feed of the newest ``articles`` in ``lang`` (``LAYAR_FEED_ITEMS`` of them),
    newest first, to be written at ``path``.

    ``path`` is relative to the output folder (``en/feed.xml``); ``key`` is the route key
    of the HTML page the feed belongs to, at ``alternate_url`` (root-relative or absolute).
    """
    newest = newest_first(articles)[:site.settings.feed_items]  # LAYAR_FEED_ITEMS
    made = [_entry(site, a, lang, content, categories) for a in newest]
    return atom_document(Feed(
        id=atom_id(site.settings.siteurl, path, f"{key}:{lang}:feed"),
        title=title, subtitle=subtitle, lang=lang,
        self_url=absolute(site, "/" + path), alternate_url=absolute(site, alternate_url),
        author=site.settings.site_name, base=public_url(site) + "/",
        entries=[entry for entry, _xml in made]), [xml for _entry, xml in made])


def _entry(site, article, lang: str, content: bool,
           categories: Categories | None) -> tuple[Entry, str]:
    """``article_entry`` and its XML, made once per build (an article is an entry of the
    feed of each of its topics, in each language): kept in ``site.feed_entries``, with the
    inputs it read (``Inputs.memo``), which every feed showing it reads too."""
    def make():
        entry = article_entry(site, article, lang, content=content, categories=categories)
        return entry, entry_xml(entry, lang)

    return site.inputs.memo(site.feed_entries, (article.key, lang, content, categories), make)
