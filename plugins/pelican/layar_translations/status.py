"""What the translation-status page says in one language: for every article, topic and
page, whether the reader sees it translated, partly translated (how many passages of how
many) or not yet translated, or written in that language.

The figures are the pages' own: the units the build shows translated, counted as the
untranslated notice of each page counts them (the body's units plus the title and summary),
so the status page and the pages never disagree.  Bodies are counted, not rendered
(``render.count_units``), and each count is an input of its own (``coverage``), so editing
an article's wording remakes the status pages only when what they say changes.
"""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from typing import Any

import layar.blocks
from layar_site.render import count_units, shown_coverage

#: The input kind of one source's body coverage in one language (key: ``path\0lang``).
COVERAGE = "coverage"


@dataclass(frozen=True)
class Entry:
    title: Any  # an LText: its ``lang`` attribute says when it is shown untranslated
    url: str
    source_lang: str
    translated: int
    total: int

    @property
    def state(self) -> str:
        """``translated``, ``partial`` or ``untranslated`` (the sources written in the
        page's language are the group's ``originals``)."""
        if self.total == 0 or self.translated == self.total:
            return "translated"
        return "untranslated" if self.translated == 0 else "partial"


@dataclass
class Group:
    key: str  # "articles" | "topics" | "pages"
    entries: list[Entry] = field(default_factory=list)
    originals: list[Any] = field(default_factory=list)  # (title, url) written in the language


@dataclass
class Status:
    lang: str
    groups: list[Group]

    @property
    def translated(self) -> int:
        return sum(e.translated for g in self.groups for e in g.entries)

    @property
    def total(self) -> int:
        return sum(e.total for g in self.groups for e in g.entries)

    @property
    def percent(self) -> int:
        """Whole percent translated, rounded down (99.6% is not "100%")."""
        return 100 if not self.total else (100 * self.translated) // self.total

    def left(self) -> list[Entry]:
        return [e for g in self.groups for e in g.entries if e.state != "translated"]


def translation_status(site, lang: str) -> Status:
    """The status of every published source in ``lang``."""
    articles = Group("articles")
    for article in site.latest():
        view = site.article(article, lang)
        _add(site, articles, article, lang, view["title"], view["summary"], view["url"],
             view["notes"], [note for _field, note in view["supplied"]])
    groups = [articles]
    index = site.services.topics
    if index is not None:
        topics = Group("topics")
        for topic in sorted(index.topics(), key=lambda t: (t.kind, t.id)):
            view = index.views.topic(topic, lang)
            _add(site, topics, topic, lang, view["name"], view["summary"], view["url"],
                 index.views.fact_texts(topic, lang))
        groups.append(topics)
    pages = Group("pages")
    for page in site.pages:
        meta = page.meta
        _add(site, pages, page, lang, site.t(meta["title"], page.lang, lang),
             site.t(meta.get("summary", ""), page.lang, lang), site.url(page.key, lang))
    groups.append(pages)
    return Status(lang, groups)


def _add(site, group: Group, source, lang: str, title, summary, url: str, *more) -> None:
    """``more``: the other front-matter texts the page shows (notes, supplied, fact texts),
    counted as its own notice counts them (``render.shown_coverage``)."""
    if source.lang == lang:
        group.originals.append((title, url))
        return
    site.inputs.read(COVERAGE, f"{source.path}\0{lang}")
    units, untranslated = count_units(source.blocks, site.catalogs[lang], source.lang)
    shown_translated, shown = shown_coverage((title, summary, *more))
    total = units + shown
    group.entries.append(Entry(title, url, source.lang, units - untranslated + shown_translated,
                               total))


def sources(site) -> dict[str, Any]:
    """Every source the page lists, by path."""
    found = {a.path: a for a in site.articles}
    found.update((p.path, p) for p in site.pages)
    index = site.services.topics
    if index is not None:
        found.update((t.path, t) for t in index.topics())
    return found


class CoverageInput:
    """Input kind ``coverage`` (key ``"<source path>\\0<lang>"``): what the status page shows
    of one body, its units and how many are translated into ``lang``."""

    name = COVERAGE

    def __init__(self, site):
        self.site = site
        self._known: dict[str, Any] = {}
        self._memory = site.memory("coverage", (sys.modules[__name__], layar.blocks,
                                                sys.modules[count_units.__module__]))

    def digest(self, key: str) -> bytes | None:
        path, _, lang = key.partition("\0")
        if not self._known:
            self._known.update(sources(self.site))
        source = self._known.get(path)
        if source is None or lang not in self.site.catalogs:
            return None
        catalog = self.site.catalogs[lang]

        def counted() -> bytes:
            found = count_units(source.blocks, catalog, source.lang)
            return hashlib.sha256(repr(found).encode()).digest()

        if not catalog.digest:
            return counted()
        # Kept by what it is counted from (a preview's rebuild counts the edited body alone).
        return self._memory.memo((path, lang, source.lang, source.doc.body, catalog.digest),
                                 counted)
