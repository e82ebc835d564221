"""Per-page metadata for templates: absolute URLs, Open Graph tags and JSON-LD.

One ``Seo`` object per build lives on ``site.extensions["seo"]``; the theme calls it as
``seo.head(route, lang, title, description)`` inside ``<head>``.  Structured data is built as
plain Python data and serialised with ``json_script``, which makes it safe inside
``<script type="application/ld+json">`` (``</`` and ``<!--`` cannot end the element).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from layar.languages import LOCALES

from .common import absolute, public_url

#: schema.org types of productions by their ``facts.type``.
PRODUCTION_TYPES = {"film": "Movie", "series": "TVSeries", "reality-series": "TVSeries"}

_HREF = re.compile(r'href="([^"#?]+)')

#: The schema.org property of the NewsArticle (or its ``isBasedOn``) that each ``supplied``
#: field of an article's front-matter stands for.
SUPPLIED_PROPERTIES = {"title": "headline", "date": "datePublished", "author": "author",
                       "publisher": "publisher", "url": "isBasedOn"}
#: A Comment's name says what kind of statement it is (the same in every language).
SUPPLIED_NAME = "Supplied by Layar’s editors, not printed in the original: "


def json_script(data: Any) -> Markup:
    """``<script type="application/ld+json">`` with ``data``, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("</", "<\\/").replace("<!--", "<\\u0021--")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _date(value: Any) -> str | None:
    """ISO date of a fact (kept as 'YYYY-MM-DD' text by the topics loader), or None."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        return value.strip()
    return None


class Seo:
    def __init__(self, site):
        self.site = site
        self._assets: dict[str, str] = {}
        #: lang -> {topic page URL: topic}, made once per language (not once per article)
        self._topic_urls: dict[str, dict[str, Any]] = {}

    # -- URLs ---------------------------------------------------------------------------
    @property
    def base(self) -> str:
        return public_url(self.site)

    def absolute(self, url: str) -> str:
        return absolute(self.site, url)

    def asset(self, path: str) -> str:
        """URL of a theme file (``css/site.css``) with a content hash, for long caching."""
        theme = Path(self.site.pelican_settings["THEME"])
        source = theme / "static" / path
        self.site.inputs.read("file", str(source))  # the page shows the file's hash
        found = self._assets.get(path)
        if found is None:
            static = self.site.pelican_settings.get("THEME_STATIC_DIR", "theme")
            digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10] if source.exists() else ""
            found = f"{self.site.settings.siteurl}/{static}/{path}" + (f"?v={digest}" if digest else "")
            self._assets[path] = found
        return found

    def feed_url(self, lang: str) -> str:
        return f"{self.site.settings.siteurl}/{lang}/feed.xml"

    def x_default(self, key: str) -> str:
        """The x-default alternate of a route: the language chooser for home pages."""
        site = self.site
        if key == "home" and "chooser" in site.routes:
            return self.absolute(site.url("chooser", site.settings.default_language))
        return self.absolute(site.url(key, site.settings.default_language))

    def noindex(self, route) -> bool:
        """Must search engines leave the page out?  Its page type says."""
        return self.site.page_types.of(route).noindex

    # -- the <head> ---------------------------------------------------------------------
    def head(self, route, lang: str, title: str, description: str) -> Markup:
        """Open Graph tags and the JSON-LD script of one page."""
        return self.open_graph(route, lang, title, description) + Markup("\n") + \
            self.twitter(route, lang) + Markup("\n") + self.jsonld(route, lang, title, description)

    def open_graph(self, route, lang: str, title: str, description: str) -> Markup:
        site = self.site
        url = self.absolute(site.url(route.key, lang))
        is_article = route.page_type == "article"
        tags = [("og:type", "article" if is_article else "website"),
                ("og:site_name", site.settings.site_name),
                ("og:title", title), ("og:description", description), ("og:url", url),
                ("og:locale", LOCALES.get(lang, lang))]
        others = site.languages if route.key == "chooser" else site.routes.langs_of(route)
        for other in others:
            if other != lang:
                tags.append(("og:locale:alternate", LOCALES.get(other, other)))
        if is_article and route.obj is not None:
            view = site.article(route.obj, lang)
            tags.append(("article:published_time", view["date"].isoformat()))
            for topic in site.services.article_topics(route.obj):
                tags.append(("article:tag", str(site.t(topic.name, topic.lang, lang))))
        image = self.image(route, lang)
        if image is not None:
            tags += [("og:image", self.absolute(image["url"])), ("og:image:type", image["type"]),
                     ("og:image:width", str(image["width"])),
                     ("og:image:height", str(image["height"])), ("og:image:alt", image["alt"])]
        # escape() by hand: Markup.format's escaping formatter costs more than the page's
        # other meta tags together.
        return Markup("\n".join(f'<meta property="{escape(p)}" content="{escape(c)}">'
                                 for p, c in tags if c))

    def twitter(self, route, lang: str) -> Markup:
        """``twitter:card`` and ``twitter:image`` (X reads the rest from Open Graph)."""
        image = self.image(route, lang)
        if image is None:
            return Markup("")
        tags = [("twitter:card", "summary_large_image"),
                ("twitter:image", self.absolute(image["url"])), ("twitter:image:alt", image["alt"])]
        return Markup("\n".join(f'<meta name="{escape(n)}" content="{escape(c)}">'
                                 for n, c in tags if c))

    def image(self, route, lang: str) -> dict | None:
        """The page's picture for link previews (the ``pictures`` service: a lead image or
        the social card), or None without it."""
        pictures = self.site.services.pictures
        return pictures.og_image(route, lang) if pictures is not None else None

    # -- JSON-LD ------------------------------------------------------------------------
    def jsonld(self, route, lang: str, title: str, description: str) -> Markup:
        site = self.site
        url = self.absolute(site.url(route.key, lang))
        website = {"@type": "WebSite", "@id": f"{self.base}/#website",
                   "name": site.settings.site_name, "url": f"{self.base}/",
                   "inLanguage": list(site.languages), "publisher": self._layar()}
        if "search" in site.routes:
            website["potentialAction"] = {
                "@type": "SearchAction",
                "target": self.absolute(site.url("search", lang)) + "?q={search_term_string}",
                "query-input": "required name=search_term_string"}
        page = {"@type": site.page_types.schema(route), "@id": url,
                "url": url, "name": title, "description": description, "inLanguage": lang,
                "isPartOf": {"@id": website["@id"]}}
        graph: list[dict[str, Any]] = [website, page]
        if route.page_type == "article" and route.obj is not None:
            article = self.news_article(route.obj, lang)
            page["mainEntity"] = {"@id": article["@id"]}
            graph.append(article)
        elif route.page_type == "topic" and route.obj is not None:
            thing = self.topic_thing(route.obj, lang)
            page["mainEntity"] = {"@id": thing["@id"]}
            page["about"] = {"@id": thing["@id"]}
            citations = self.citations(route.obj)
            if citations:  # the page cites them (a WebPage is a CreativeWork)
                page["citation"] = citations
            graph.append(thing)
        return json_script({"@context": "https://schema.org", "@graph": graph})

    def _layar(self) -> dict[str, Any]:
        return {"@type": "Organization", "@id": f"{self.base}/#organization",
                "name": self.site.settings.site_name, "url": f"{self.base}/"}

    def topic_ref(self, topic, lang: str) -> dict[str, Any]:
        site = self.site
        ref = {"@type": self.topic_type(topic), "name": str(site.t(topic.name, topic.lang, lang))}
        if topic.key in site.routes:
            url = self.absolute(site.url(topic.key, lang))
            ref.update({"@id": url + "#topic", "url": url})
        return ref

    def topic_type(self, topic) -> str:
        spec = self.site.settings.kinds.get(topic.kind) or {}
        schema = spec.get("schema") or "Thing"
        if topic.kind == "productions" or schema == "CreativeWork":
            return PRODUCTION_TYPES.get(str(topic.facts.get("type", "")), schema)
        return schema

    def news_article(self, article, lang: str) -> dict[str, Any]:
        site = self.site
        view = site.article(article, lang)
        url = self.absolute(view["url"])
        headline = str(view["title"])
        data: dict[str, Any] = {
            "@type": "NewsArticle", "@id": url + "#article", "url": url,
            "mainEntityOfPage": url, "headline": headline if len(headline) <= 110
            else headline[:109].rstrip() + "…",
            "name": headline, "inLanguage": lang,
            "datePublished": view["date"].isoformat(),
            "isAccessibleForFree": True,
            "publisher": {"@type": "Organization", "name": view["publisher"]},
        }
        if view["author"]:  # never the publisher in its place: a byline is what the original prints
            data["author"] = {"@type": "Person", "name": view["author"]}
        if view["summary"]:
            data["description"] = str(view["summary"])
        if view["original_url"]:
            data["isBasedOn"] = {"@type": "NewsArticle", "url": view["original_url"],
                                 "inLanguage": article.lang,
                                 "publisher": {"@type": "Organization", "name": view["publisher"]}}
        if view["supplied"]:
            data["comment"] = self.supplied(view["supplied"], lang)
        image = self.image(self.site.routes.get(article.key), lang)
        if image is not None:
            data["image"] = {"@type": "ImageObject", "url": self.absolute(image["url"]),
                             "width": image["width"], "height": image["height"]}
        about = list(site.services.article_topics(article))
        if about:
            data["about"] = [self.topic_ref(t, lang) for t in about]
        mentioned = self._mentions(article, lang, {t.key for t in about})
        if mentioned:
            data["mentions"] = mentioned
        if view["translated"]:
            original = self.absolute(site.url(article.key, article.lang))
            data["translationOfWork"] = {"@type": "NewsArticle", "@id": original + "#article",
                                         "url": original, "inLanguage": article.lang,
                                         "headline": article.meta["title"]}
            if site.body(article, lang).coverage(view["title"], view["summary"], view["notes"],
                                                 [n for _f, n in view["supplied"]])[0]:
                data["translator"] = self._layar()  # not on a page shown untranslated
        else:
            data["workTranslation"] = [
                {"@type": "NewsArticle", "@id": u + "#article", "url": u, "inLanguage": other}
                for other in site.routes.langs_of(site.routes.get(article.key)) if other != lang
                for u in [self.absolute(site.url(article.key, other))]]
        return data

    def supplied(self, supplied, lang: str) -> list[dict[str, Any]]:
        """The metadata an editor established (front-matter ``supplied``), as the page marks
        it: a ``Comment`` by Layar per field, naming the property it is about
        (``SUPPLIED_PROPERTIES``) and saying, in the page's language, what was supplied."""
        return [{"@type": "Comment", "name": SUPPLIED_NAME + field,
                 "about": {"@type": "PropertyValue", "propertyID": SUPPLIED_PROPERTIES[field]},
                 "text": str(note), "inLanguage": getattr(note, "lang", None) or lang,
                 "author": {"@id": f"{self.base}/#organization"}}
                for field, note in supplied]

    def _mentions(self, article, lang: str, skip: set[str]) -> list[dict[str, Any]]:
        """Topics linked from the body (e.g. first mentions) that are not already ``about``."""
        by_url = self._topic_urls.get(lang)
        if by_url is None:
            index = self.site.services.topics
            if index is None:
                return []
            by_url = self._topic_urls[lang] = {
                self.site.url(topic.key, lang): topic for topic in index.topics()
                if topic.key in self.site.routes}
        found, seen = [], set(skip)
        for href in _HREF.findall(self.site.body(article, lang).html):
            topic = by_url.get(href)
            if topic is not None and topic.key not in seen:
                seen.add(topic.key)
                found.append(self.topic_ref(topic, lang))
        return found

    def citations(self, topic) -> list[dict[str, Any]]:
        """A topic's outside sources (front-matter ``sources``), as the page lists them."""
        return [{"@type": "CreativeWork", "name": source["title"],
                 "publisher": {"@type": "Organization", "name": source["publisher"]},
                 "datePublished": source["date"].isoformat(), "url": source["url"],
                 "inLanguage": source["lang"]}
                for source in getattr(topic, "sources", ())]

    def topic_thing(self, topic, lang: str) -> dict[str, Any]:
        site = self.site
        data = self.topic_ref(topic, lang)
        data["description"] = str(site.t(topic.summary, topic.lang, lang))
        facts = topic.facts
        kind_type = data["@type"]
        index = site.services.topics

        def refs(ids) -> list[dict[str, Any]]:
            found = [index.get(i) for i in ids or ()] if index is not None else []
            return [self.topic_ref(t, lang) for t in found if t is not None]

        def text(value) -> str:
            return str(site.t(value, topic.lang, lang)) if isinstance(value, str) else str(value)

        if kind_type == "Event":
            if _date(facts.get("start")):
                data["startDate"] = _date(facts["start"])
            if _date(facts.get("end")):
                data["endDate"] = _date(facts["end"])
                data["eventStatus"] = "https://schema.org/EventScheduled"
            if facts.get("country"):
                data["location"] = {"@type": "Country", "name": text(facts["country"])}
            if facts.get("unions"):
                data["organizer"] = refs(facts["unions"])
        elif kind_type == "SoftwareApplication":
            data["applicationCategory"] = "MultimediaApplication"
            if facts.get("developer"):
                data["creator"] = refs(facts["developer"])
            if _date(facts.get("released")):
                data["datePublished"] = _date(facts["released"])
        elif kind_type in ("CreativeWork", "Movie", "TVSeries"):
            if facts.get("country"):
                data["countryOfOrigin"] = {"@type": "Country", "name": text(facts["country"])}
            if _date(facts.get("year")):
                data["datePublished"] = _date(facts["year"])
            if facts.get("platform"):
                data["publisher"] = refs(facts["platform"])
        elif kind_type == "Organization":
            if _date(facts.get("founded")):
                data["foundingDate"] = _date(facts["founded"])
            if facts.get("country"):
                data["location"] = {"@type": "Country", "name": text(facts["country"])}
        elif kind_type == "Person":
            if facts.get("role"):
                data["jobTitle"] = text(facts["role"])
            if facts.get("organization"):
                data["worksFor"] = refs(facts["organization"])
        if index is not None:
            articles = index.articles_of.get(topic.id, [])
            if articles:
                data["subjectOf"] = [
                    {"@type": "NewsArticle", "@id": u + "#article", "url": u,
                     "headline": str(site.article(a, lang)["title"])}
                    for a in articles for u in [self.absolute(site.url(a.key, lang))]]
        return data
