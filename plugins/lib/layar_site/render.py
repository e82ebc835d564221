"""Rendering bodies per language: substitute each unit's translation, render, sanitise.

Inline HTML of a unit is cached by its text for the whole build, so a unit shared by pages
or languages (names, untranslated fallbacks, identical paragraphs) is rendered once; with a
persistent ``store`` (``cache.Store``) it is also kept from one build to the next.
"""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from typing import Callable

from layar.blocks import Block, is_bare_image, render_inline
from layar.sanitize import clean

from .catalogs import ContentCatalog, LText
from .content import default_slug

FILENAME_LINK = re.compile(r'href="(?:%7B|\{)filename(?:%7D|\})([^"#]*)(#[^"]*)?"')
#: A root link (``/en/about/#team``): it follows the reader's language where it can.
ROOT_LINK = re.compile(r'href="(/(?!/)[^"#?]*)([?#][^"]*)?"')


@dataclass
class Rendered:
    html: str
    fallback_langs: set[str] = field(default_factory=set)
    headings: list[tuple[str, str]] = field(default_factory=list)  # (anchor, text)
    #: the inputs rendering it read besides the body (its pictures: ``("media", key)``)
    reads: frozenset = frozenset()
    #: the body's translatable units, and how many of them are shown untranslated
    units: int = 0
    untranslated_units: int = 0

    @property
    def untranslated(self) -> bool:
        return bool(self.fallback_langs)

    def coverage(self, *texts) -> tuple[int, int]:
        """``(translated, total)`` units of a page: its body's and the ``texts`` shown with
        it (title, summary, editor's notes, fact texts: ``LText``s, or lists of them)."""
        translated, total = shown_coverage(texts)
        return self.units - self.untranslated_units + translated, self.units + total


def shown_coverage(texts) -> tuple[int, int]:
    """``(translated, total)`` of the front-matter texts a page shows (``LText``s, or lists
    of them): empty ones do not count, nor does a text whose translation is its source
    itself (a name such as "Netflix" says nothing of whether the page is translated)."""
    flat: list = []
    for text in texts:
        flat.extend(text if isinstance(text, (list, tuple)) else [text])
    shown = [t for t in flat if t and not getattr(t, "same", False)]
    return sum(1 for t in shown if not getattr(t, "fallback", False)), len(shown)


class BodyRenderer:
    """Turns a body's blocks into HTML in one language.

    ``resolve`` maps a ``{filename}`` link target (relative to the source file) and a
    language to a URL, or None when the target does not exist; ``localize`` maps a root
    link to a Layar page and a language to that page's URL in the language (None: keep it).
    """

    def __init__(self, resolve: Callable[[str, str, str], str | None],
                 localize: Callable[[str, str], str | None] | None = None, store=None):
        self._inline: dict[str, str] = {}
        self._resolve = resolve
        self._localize = localize
        self.filters: list[Callable[[str, str, object], str]] = []
        self.store = store

    def inline(self, text: str) -> str:
        found = self._inline.get(text)
        if found is None:
            key = str(text)  # not the LText: its language is no part of the HTML
            found = None if self.store is None else self.store.get(key)
            if found is None:
                found = clean(render_inline(key))
                if self.store is not None:
                    self.store.put(key, found)
            self._inline[key] = found  # one copy of the text: the plain str
        return found

    def unit(self, text: LText, source_path: str, lang: str) -> str:
        html = self.inline(text)
        if "filename" in html:
            html = FILENAME_LINK.sub(lambda m: self._link(m, source_path, lang), html)
        if self._localize is not None and 'href="/' in html:
            html = ROOT_LINK.sub(lambda m: self._root_link(m, lang), html)
        return html

    def _root_link(self, match, lang: str) -> str:
        url = self._localize(htmllib.unescape(match.group(1)), lang)
        return f'href="{url}{match.group(2) or ""}"' if url else match.group(0)

    def _link(self, match, source_path: str, lang: str) -> str:
        url = self._resolve(htmllib.unescape(match.group(1)), source_path, lang)
        return f'href="{url or "#missing"}{match.group(2) or ""}"'

    def render(self, blocks: list[Block], catalog: ContentCatalog, source_lang: str,
               source_path: str, obj=None) -> Rendered:
        out: list[str] = []
        result = Rendered("")
        used_ids: set[str] = set(RESERVED_IDS)
        lang = catalog.lang

        def text(msgid: str) -> tuple[str, str]:
            t = catalog.text(msgid, source_lang)
            if t.fallback and is_bare_image(msgid):  # nothing to translate
                return self.unit(t, source_path, lang), ""
            result.units += 1
            if t.fallback:
                result.fallback_langs.add(t.lang)
                result.untranslated_units += 1
            attr = f' lang="{t.lang}"' if t.lang != lang else ""
            return self.unit(t, source_path, lang), attr

        for block in blocks:
            if block.kind == "heading":
                body, attr = text(block.texts[0])
                anchor = heading_anchor(block.texts[0], used_ids)
                level = max(2, block.level)
                out.append(f'<h{level} id="{anchor}"{attr}>{body}</h{level}>')
                result.headings.append((anchor, body))
            elif block.kind == "paragraph":
                body, attr = text(block.texts[0])
                out.append(f"<p{attr}>{body}</p>")
            elif block.kind == "list":
                tag = "ol" if block.ordered else "ul"
                items = "".join(f"<li{a}>{b}</li>" for b, a in map(text, block.texts))
                out.append(f"<{tag}>{items}</{tag}>")
            elif block.kind == "quote":
                paras = "".join(f"<p{a}>{b}</p>" for b, a in map(text, block.texts))
                out.append(f"<blockquote>{paras}</blockquote>")
            elif block.kind == "code":
                out.append(f"<pre><code>{htmllib.escape(block.raw)}</code></pre>")
            elif block.kind == "rule":
                out.append("<hr>")
            elif block.kind == "html":
                out.append(clean(block.raw))
        html = "\n".join(out)
        for f in self.filters:
            html = f(html, lang, obj)
        result.html = html
        return result


#: The kinds of block whose ``texts`` are translatable units (as ``render`` shows them).
UNIT_BLOCKS = frozenset({"heading", "paragraph", "list", "quote"})


def count_units(blocks: list[Block], catalog: ContentCatalog, source_lang: str
                ) -> tuple[int, int]:
    """``(units, untranslated)`` of a body in ``catalog``'s language, counted as ``render``
    counts them (a bare picture is not a unit), without rendering anything."""
    units = untranslated = 0
    for block in blocks:
        if block.kind not in UNIT_BLOCKS:
            continue
        for msgid in block.texts:
            t = catalog.text(msgid, source_lang)
            if t.fallback and is_bare_image(msgid):
                continue
            units += 1
            untranslated += bool(t.fallback)
    return units, untranslated


#: Ids the theme's templates use on every page: a heading never takes them.
RESERVED_IDS = frozenset({
    "main", "explore", "latest", "q", "site-q", "nf-q", "search-form", "search-results",
    "search-status", "search-strings", "article-topics-heading", "topic-articles-heading",
    "topic-facts-heading", "topic-related-heading", "topic-sources-heading", "tl-chart-title",
})


def heading_anchor(source_text: str, used: set[str]) -> str:
    """The id of a heading: its *source* text slugified, made unique on the page.

    Derived from the source text (never a translation), so a heading has the same anchor in
    every language and the checks can compute anchors before anything is rendered.
    """
    return _unique(default_slug(source_text) or "section", used)


def _unique(anchor: str, used: set[str]) -> str:
    candidate, n = anchor, 2
    while candidate in used:
        candidate = f"{anchor}-{n}"
        n += 1
    used.add(candidate)
    return candidate
