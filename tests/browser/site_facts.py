"""What the browser tests need to know about a built site, read from its output folder."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

LANGUAGES = ("id", "nl", "en")
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(html: str) -> list[dict]:
    """Every JSON-LD node of a page (``@graph`` flattened)."""
    nodes = []
    for block in JSONLD.findall(html):
        data = json.loads(block)
        nodes += data.get("@graph", [data])
    return nodes


def page_path(output: Path, file: Path) -> str:
    rel = file.relative_to(output).as_posix()
    return "/" + rel.removesuffix("index.html")


def articles(output: Path, lang: str) -> list[str]:
    return sorted(page_path(output, f) for f in (output / lang / "articles").glob("*/index.html"))


def hubs(output: Path, lang: str) -> list[str]:
    """Hub pages: JSON-LD CollectionPage directly under /{lang}/ (timeline excluded)."""
    found = []
    for f in sorted((output / lang).glob("*/index.html")):
        if f.parent.name in ("timeline", "search", "articles"):
            continue
        if any(n.get("@type") == "CollectionPage" for n in jsonld(f.read_text("utf-8"))):
            found.append(page_path(output, f))
    return found


def topics(output: Path, lang: str) -> list[str]:
    return [page_path(output, f) for hub in hubs(output, lang)
            for f in sorted((output / hub.strip("/")).glob("*/index.html"))]


def strike_articles(output: Path, lang: str) -> list[str]:
    """Articles whose JSON-LD says they are about an Event (a strike)."""
    found = []
    for path in articles(output, lang):
        nodes = jsonld((output / path.strip("/") / "index.html").read_text("utf-8"))
        for node in nodes:
            if node.get("@type") == "NewsArticle" and any(
                    a.get("@type") == "Event" for a in node.get("about", [])):
                found.append(path)
    return found


def sample_pages(output: Path) -> dict[str, list[str]]:
    """One page of every page type in every language (what axe and Lighthouse look at)."""
    pages: dict[str, list[str]] = {"chooser": ["/"]}
    for lang in LANGUAGES:
        add = lambda kind, path: pages.setdefault(kind, []).append(path)  # noqa: E731
        add("home", f"/{lang}/")
        if articles(output, lang):
            add("article", articles(output, lang)[0])
        hub_list = hubs(output, lang)
        if hub_list:
            add("hub", hub_list[0])
            topic_list = topics(output, lang)
            if topic_list:
                add("topic", topic_list[0])
        for kind, path in (("timeline", f"/{lang}/timeline/"), ("about", f"/{lang}/about/"),
                           ("search", f"/{lang}/search/")):
            if (output / path.strip("/") / "index.html").exists():
                add(kind, path)
        add("404", f"/{lang}/this-page-does-not-exist/")
    return pages


class Links(HTMLParser):
    """Every URL a page refers to, and every id it defines."""

    ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action",
             "source": "src", "iframe": "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()
        self.meta_urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        attr = self.ATTRS.get(tag)
        if attr and a.get(attr) is not None:
            self.urls.append((tag, a[attr]))
        if tag == "meta" and a.get("property") == "og:url":
            self.meta_urls.append(a.get("content", ""))


def links(file: Path) -> Links:
    parser = Links()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser
