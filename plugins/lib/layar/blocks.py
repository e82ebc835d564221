"""Markdown bodies as a list of blocks whose texts are translation units.

The body of an article, topic or page is parsed once (markdown-it-py, CommonMark) into
blocks: headings, paragraphs, list items, quotes, code and rules.  Each heading, paragraph,
list item and quoted paragraph holds one *unit*: its Markdown source text, the msgid of the
content catalogs.  Rendering a page in a language substitutes each unit's translation and
renders it inline, so the block structure always comes from the source file, translations
cannot break it, and one unit's HTML can be cached by its text.

markdown-it-py is used rather than Python-Markdown because it reports the source line of
every block (problems are reported as ``path:line``) and exposes block structure, which the
unit model needs; it is also about three times faster.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from markdown_it import MarkdownIt

TRANSLATABLE = ("heading", "paragraph", "item", "quote")

#: A unit that is only a picture with empty brackets (``![](../media/picket.jpg)``): it has
#: nothing to translate (the picture's alt and caption are units of its sidecar).
_BARE_IMAGE = re.compile(r"^!\[\s*\]\([^()\s]*\)$")


def is_bare_image(text: str) -> bool:
    return bool(_BARE_IMAGE.match(text.strip()))


@dataclass(frozen=True)
class Block:
    """One block of a body.

    ``kind`` is heading, paragraph, list, quote, code or rule.  ``texts`` are its units
    (one for a heading or paragraph, one per item of a list or paragraph of a quote);
    ``raw`` is the verbatim text of a code block.  ``line`` is 1-based in the body.
    """

    kind: str
    line: int
    texts: tuple[str, ...] = ()
    lines: tuple[int, ...] = ()
    level: int = 0
    ordered: bool = False
    raw: str = ""
    info: str = ""
    #: Why this block cannot be translated unit by unit (nested lists, several paragraphs
    #: in one item, headings inside quotes); the checks report it at ``line``.
    issue: str = ""


def make_parser() -> MarkdownIt:
    """The one Markdown configuration of the site: CommonMark with raw HTML parsed.

    Raw HTML is kept by the parser so that the checks can report it with its line;
    every rendered fragment then passes through the sanitiser (see ``layar.sanitize``).
    """
    return MarkdownIt("commonmark", {"html": True})


_PARSER = make_parser()


def parse_blocks(body: str) -> list[Block]:
    """Split a Markdown body into blocks (see ``Block``)."""
    tokens = _PARSER.parse(body)
    return list(_blocks(tokens))


def _blocks(tokens) -> Iterator[Block]:
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        line = (tok.map[0] + 1) if tok.map else 0
        if tok.type == "heading_open":
            yield Block("heading", line, (tokens[i + 1].content,), (line,), level=int(tok.tag[1]))
            i += 3
        elif tok.type == "paragraph_open":
            yield Block("paragraph", line, (tokens[i + 1].content,), (line,))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            close = tok.type.replace("_open", "_close")
            depth, j = 0, i
            items, lines = [], []
            issue = ""
            item_blocks = 0
            while j < n:
                t = tokens[j]
                if t.type in ("bullet_list_open", "ordered_list_open"):
                    depth += 1
                    if depth > 1:
                        issue = "nested lists are not supported; write a flat list"
                elif t.type in ("bullet_list_close", "ordered_list_close"):
                    depth -= 1
                    if depth == 0:
                        break
                elif t.type == "list_item_open":
                    item_blocks = 0
                elif t.type.endswith("_open") and t.level == tok.level + 2 and depth == 1:
                    item_blocks += 1
                    if item_blocks > 1 and not issue:
                        issue = ("a list item must be one paragraph; split it into "
                                 "separate items or paragraphs")
                elif t.type == "inline" and depth == 1:
                    items.append(t.content)
                    lines.append(t.map[0] + 1 if t.map else line)
                j += 1
            yield Block("list", line, tuple(items), tuple(lines),
                        ordered=tok.type.startswith("ordered"), issue=issue)
            i = j + 1
        elif tok.type == "blockquote_open":
            depth, j = 0, i
            paras, lines = [], []
            issue = ""
            while j < n:
                t = tokens[j]
                if t.type.endswith("_open") and t.type not in (
                        "blockquote_open", "paragraph_open") and not issue:
                    issue = "a quote may hold only paragraphs (no lists, headings or code)"
                if t.type == "blockquote_open":
                    depth += 1
                    if depth > 1 and not issue:
                        issue = "nested quotes are not supported"
                elif t.type == "blockquote_close":
                    depth -= 1
                    if depth == 0:
                        break
                elif t.type == "inline":
                    paras.append(t.content)
                    lines.append(t.map[0] + 1 if t.map else line)
                j += 1
            yield Block("quote", line, tuple(paras), tuple(lines), issue=issue)
            i = j + 1
        elif tok.type in ("fence", "code_block"):
            yield Block("code", line, raw=tok.content, info=tok.info.strip())
            i += 1
        elif tok.type == "hr":
            yield Block("rule", line)
            i += 1
        elif tok.type == "html_block":
            yield Block("html", line, raw=tok.content)
            i += 1
        else:
            i += 1


def units(blocks: list[Block]) -> Iterator[tuple[str, int]]:
    """Every translatable unit of a body with its 1-based body line, in order."""
    for block in blocks:
        if block.kind in ("heading", "paragraph", "list", "quote"):
            yield from ((t, n) for t, n in zip(block.texts, block.lines) if not is_bare_image(t))


def render_inline(text: str) -> str:
    """Render one unit's inline Markdown to HTML (not yet sanitised)."""
    return _PARSER.renderInline(text)
