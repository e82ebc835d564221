"""sitemap.xml (with hreflang alternates) and robots.txt."""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from layar.atom import sort_key

from .common import absolute, public_url


def _lastmod(site, route) -> str | None:
    """The date of an article, or of a topic's newest article (deterministic)."""
    if route.page_type == "article" and route.obj is not None:
        return route.obj.meta["date"].date.isoformat()
    index = site.services.topics
    if route.page_type == "topic" and route.obj is not None and index is not None:
        articles = index.articles_of.get(getattr(route.obj, "id", ""), [])
        if articles:
            newest = max(articles, key=lambda a: sort_key(a.meta["date"]))
            return newest.meta["date"].date.isoformat()
    return None


def sitemap(site) -> bytes:
    """Every HTML page its page type lists (``PageType.in_sitemap``), each route in each of
    its languages, with alternates."""
    default = site.settings.default_language
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for route in site.routes:
        if not site.page_types.of(route).in_sitemap:
            continue
        langs = site.routes.langs_of(route)
        if route.key == "chooser":
            alternates = [(lang, site.url("home", lang)) for lang in site.languages
                          if "home" in site.routes]
            x_default = site.url("chooser", default)
        else:
            alternates = [(lang, site.url(route.key, lang)) for lang in langs]
            x_default = site.url("chooser" if route.key == "home" and "chooser" in site.routes
                                 else route.key, default)
        lastmod = _lastmod(site, route)
        for lang in langs:
            out.append("  <url>")
            out.append(f"    <loc>{escape(absolute(site, site.url(route.key, lang)))}</loc>")
            if lastmod:
                out.append(f"    <lastmod>{lastmod}</lastmod>")
            for alt_lang, alt_url in alternates + [("x-default", x_default)]:
                out.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(alt_lang)} '
                           f"href={quoteattr(absolute(site, alt_url))}/>")
            out.append("  </url>")
    out.append("</urlset>")
    return ("\n".join(out) + "\n").encode("utf-8")


def robots(site) -> bytes:
    return (f"User-agent: *\nAllow: /\n\nSitemap: {public_url(site)}/sitemap.xml\n").encode()
