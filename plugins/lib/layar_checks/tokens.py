"""What the checks look at in a Markdown text: every URL and every raw HTML tag, with its line.

The text is parsed with the site's own Markdown configuration (``layar.blocks.make_parser``)
except that markdown-it's link validation is switched off: markdown-it silently turns
``[x](javascript:…)`` into plain text, which is safe but hides the editor's mistake.  Here
every link becomes a token, so the checks can report it.

Raw HTML (``html_block`` and ``html_inline`` tokens) is read with :mod:`html.parser`, which
decodes character references in attribute values the way a browser does
(``&#106;avascript:`` is ``javascript:``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from layar.blocks import make_parser

#: Attributes whose value is a URL a browser may load or navigate to.
URL_ATTRIBUTES = frozenset({
    "href", "src", "srcset", "action", "formaction", "poster", "background", "cite",
    "data", "codebase", "longdesc", "manifest", "ping", "xlink:href", "lowsrc", "dynsrc",
})


@dataclass(frozen=True)
class Ref:
    """A URL written in content: ``where`` says how (link, image, autolink, <a href>…)."""

    url: str
    line: int
    where: str


@dataclass(frozen=True)
class Tag:
    """A raw HTML start tag (or a declaration/processing instruction when ``name`` starts
    with ``!`` or ``?``)."""

    name: str
    attrs: tuple[tuple[str, str | None], ...]
    line: int


@dataclass
class Scan:
    refs: list[Ref]
    tags: list[Tag]

    def shifted(self, lines: int) -> "Scan":
        """The same scan ``lines`` lines further down."""
        return Scan([Ref(r.url, r.line + lines, r.where) for r in self.refs],
                    [Tag(t.name, t.attrs, t.line + lines) for t in self.tags])


@lru_cache(maxsize=1)
def _parser():
    md = make_parser()
    md.validateLink = lambda url: True  # report bad links instead of hiding them
    return md


def may_have_markup(text: str) -> bool:
    """False when ``text`` can hold no link, image or HTML (no ``[`` and no ``<``): most
    paragraphs, which then need no parsing at all."""
    return "<" in text or "[" in text


def scan(text: str, first_line: int = 1) -> Scan:
    """Every URL and raw HTML tag in a Markdown ``text`` whose first line is ``first_line``."""
    result = Scan([], [])
    if not may_have_markup(text):
        return result
    for token in _parser().parse(text):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "html_block":
            scan_html(token.content, line, result)
        elif token.type == "inline":
            _scan_inline(token.children or [], line, result)
    return result


def scan_unit(text: str, line: int, result: Scan | None = None) -> Scan:
    """Like ``scan`` for one unit (a heading, paragraph or item), parsed inline as the
    renderer does (``layar.blocks.render_inline``)."""
    result = result if result is not None else Scan([], [])
    if may_have_markup(text):
        for token in _parser().parseInline(text):
            _scan_inline(token.children or [], line, result)
    return result


def scan_unit_at(text: str, line: int, store=None) -> Scan:
    """``scan_unit(text, line)``, reusing the scan of the same text kept in ``store`` (a
    ``layar_site.cache.Store``): a unit's scan depends on its text only, up to its line."""
    if store is None or not may_have_markup(text):
        return scan_unit(text, line)
    text = str(text)  # the key is the plain text (translations arrive as LText)
    found = store.memo(("unit", text), lambda: scan_unit(text, 1))
    return found if line == 1 else found.shifted(line - 1)


def scan_blocks(blocks, body_line: int) -> Scan:
    """``scan`` of a body already split into blocks (``layar.blocks.parse_blocks``): each unit
    inline, each raw HTML block as HTML; code is never looked at."""
    result = Scan([], [])
    for block in blocks:
        if block.kind == "html":
            scan_html(block.raw, body_line + block.line - 1, result)
        else:
            for text, line in zip(block.texts, block.lines):
                scan_unit(text, body_line + line - 1, result)
    return result


def _scan_inline(children, line: int, result: Scan) -> None:
    for tok in children:
        if tok.type in ("softbreak", "hardbreak"):
            line += 1
        elif tok.type == "link_open":
            where = "autolink" if tok.markup == "autolink" else "link"
            result.refs.append(Ref(str(tok.attrs.get("href", "")), line, where))
        elif tok.type == "image":
            result.refs.append(Ref(str(tok.attrs.get("src", "")), line, "image"))
        elif tok.type == "html_inline":
            scan_html(tok.content, line, result)
            line += tok.content.count("\n")


def scan_html(html: str, line: int, result: Scan) -> None:
    parser = _TagParser(line)
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; never let odd input crash a check
        result.tags.append(Tag("!unparsable", (), line))
    result.tags.extend(parser.tags)
    for tag in parser.tags:
        for name, value in tag.attrs:
            if name in URL_ATTRIBUTES and value is not None:
                for url in (_srcset_urls(value) if name == "srcset" else [value]):
                    result.refs.append(Ref(url, tag.line, f"<{tag.name} {name}>"))


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


class _TagParser(HTMLParser):
    def __init__(self, first_line: int):
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.tags: list[Tag] = []

    def _line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def handle_starttag(self, tag, attrs):
        self.tags.append(Tag(tag, tuple(attrs), self._line()))

    handle_startendtag = handle_starttag

    def handle_decl(self, decl):
        self.tags.append(Tag("!" + decl.split()[0].lower() if decl.split() else "!", (),
                             self._line()))

    def unknown_decl(self, data):
        self.tags.append(Tag("![" + data.split("[")[0].lower(), (), self._line()))

    def handle_pi(self, data):
        self.tags.append(Tag("?", (), self._line()))
