"""First-mention links: in an article body, the first mention of each of the article's topics
links to that topic's page in the reader's language.

A filter of ``site.renderer.filters`` (``fn(html, lang, obj) -> html``) that walks the
rendered, sanitised HTML with a small tokenizer: text is matched, tags are copied as they
are.  It never links inside ``<a>`` (an existing link), ``<h1>``-``<h6>``, ``<code>``/``<pre>``,
``<cite>``/``<figcaption>``, nor in a quote attribution (a paragraph starting with a dash,
e.g. "— Ted Sarandos").  Mentions are found with ``layar.aliases.AliasIndex`` over the
article's own topics: aliases of the text's language (the page's, or a ``lang`` attribute's
for a unit shown untranslated) plus the English ones and the names.
Only articles get links; bodies keep their bytes except for the inserted ``<a>`` elements.
"""
from __future__ import annotations

import html as htmllib
import logging
import re

from layar import aliases
from layar_site.content import Article

logger = logging.getLogger(__name__)

#: A tag (attribute values quoted, as the sanitiser writes them) or a comment.
TAG_RE = re.compile(
    r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
#: Elements whose text is never linked.
SKIP = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "cite",
                  "figcaption", "script", "style", "textarea"})
#: Elements that have no end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
LANG_ATTR_RE = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]+)""")
#: A paragraph whose text starts with one of these is a quote attribution.
ATTRIBUTION_RE = re.compile(r"^\s*(?:[\u2014\u2015\u2013\u2012]|--|~)")
LINK_CLASS = "topic-link"


class Linker:
    """The body filter, with one compiled ``AliasIndex`` per set of topics (per build)."""

    def __init__(self, site, index):
        self.site = site
        self.index = index
        self._indexes: dict[tuple[str, ...], aliases.AliasIndex] = {}

    def __call__(self, html: str, lang: str, obj) -> str:
        if not isinstance(obj, Article):
            return html  # only articles get mention links (not pages, not topic explainers)
        topics = self.index.article_topics(obj)
        if not topics:
            return html
        urls = {t.id: self.site.url(t.key, lang) for t in topics}
        return link_first_mentions(html, lang, self._alias_index(topics), urls)

    def _alias_index(self, topics) -> aliases.AliasIndex:
        key = tuple(t.id for t in topics)
        found = self._indexes.get(key)
        if found is None:
            found = self._indexes[key] = aliases.AliasIndex(t.alias_entry() for t in topics)
        return found


def link_first_mentions(html: str, lang: str, finder, urls: dict[str, str]) -> str:
    """Link the first linkable mention of each topic in ``urls`` (topic id -> URL).

    Text is matched in its own language: inside an element with ``lang="xx"`` (an
    untranslated unit shown in its original language) the aliases of ``xx`` are used.
    """
    out: list[str] = []
    pending = dict(urls)  # topics not linked yet
    # Open elements: (name, language of their text, may their text be linked?)
    stack: list[tuple[str, str, bool]] = [("", lang, True)]
    pos = 0
    for match in TAG_RE.finditer(html):
        text = html[pos:match.start()]
        if text and pending and stack[-1][2]:
            text = _link_text(text, stack[-1][1], finder, pending)
        out.append(text)
        out.append(match.group(0))
        pos = match.end()
        name = (match.group(2) or "").lower()
        attrs = match.group(3) or ""
        if not name or name in VOID or attrs.rstrip().endswith("/"):
            continue  # a comment or an element without content
        if match.group(1):  # closing: pop to the matching element (tolerates stray tags)
            for i in range(len(stack) - 1, 0, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
            continue
        lang_match = LANG_ATTR_RE.search(attrs)
        text_lang = lang_match.group(1) if lang_match else stack[-1][1]
        linkable = stack[-1][2] and name not in SKIP
        if name == "p" and linkable and _is_attribution(html, match.end()):
            linkable = False
        stack.append((name, text_lang, linkable))
    tail = html[pos:]
    if tail and pending and stack[-1][2]:
        tail = _link_text(tail, stack[-1][1], finder, pending)
    out.append(tail)
    return "".join(out)


def _is_attribution(html: str, start: int) -> bool:
    """Does the paragraph starting at ``start`` begin (as text) with a dash?"""
    end = html.find("</p>", start)
    inner = html[start:end if end >= 0 else len(html)]
    text = htmllib.unescape(TAG_RE.sub("", inner))
    return bool(ATTRIBUTION_RE.match(text))


def _link_text(raw: str, lang: str, finder, pending: dict[str, str]) -> str:
    """Wrap the first mention of each pending topic in ``raw`` (escaped HTML text)."""
    plain, offsets = _unescape_with_offsets(raw)
    links = []
    for mention in finder.find(plain, lang):
        url = pending.get(mention.topic_id)
        if url is None or (links and links[-1][0] == offsets[mention.start]):
            # A shared alias ("mogok" names both 2023 strikes) yields one mention per topic
            # on the same span: the first pending topic gets it, the others wait.
            continue
        del pending[mention.topic_id]
        links.append((offsets[mention.start], offsets[mention.end], url))
    if not links:
        return raw
    out, pos = [], 0
    for start, end, url in links:
        out.append(raw[pos:start])
        out.append(f'<a class="{LINK_CLASS}" href="{htmllib.escape(url)}">{raw[start:end]}</a>')
        pos = end
    out.append(raw[pos:])
    return "".join(out)


def _unescape_with_offsets(raw: str) -> tuple[str, list[int]]:
    """The text of ``raw`` and, for each text position (and the end), its offset in ``raw``.

    A character reference is atomic: positions inside its expansion map to its end.
    """
    if "&" not in raw:
        return raw, list(range(len(raw) + 1))
    plain: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in ENTITY_RE.finditer(raw):
        for i in range(pos, m.start()):
            plain.append(raw[i])
            offsets.append(i)
        expanded = htmllib.unescape(m.group(0))
        for j, ch in enumerate(expanded):
            plain.append(ch)
            offsets.append(m.start() if j == 0 else m.end())
        pos = m.end()
    for i in range(pos, len(raw)):
        plain.append(raw[i])
        offsets.append(i)
    offsets.append(len(raw))
    return "".join(plain), offsets
