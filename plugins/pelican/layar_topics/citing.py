"""Citation marks in a topic's body: the numbers of its sources after the paragraphs they confirm.

A source's ``for`` may quote words of the body (``schema`` checks they are there).  The
paragraph holding those words, found in the English source, gets the source's number as a
link to its entry under *Sources*, in every language: a translation renders each block of
the body as one top-level element, in the same order, so the paragraph is found by its
place, not by its words.  When the rendered body does not have one top-level element per
block (raw HTML that is not one element), no paragraph is marked; the sources are still
listed.
"""
from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

#: Elements without an end tag (HTML's void elements that a body may contain).
VOID = frozenset({"br", "hr", "img", "source", "wbr"})


def cite_mark(numbers: list[int]) -> str:
    """The mark after a cited statement: ``[1][2]``, each a link to its source's entry."""
    links = "".join(f'<a href="#source-{n}">[{n}]</a>' for n in numbers)
    return f'<sup class="cite" data-pagefind-ignore>{links}</sup>'


def cited_blocks(topic, citations: list[dict[str, Any]]) -> dict[int, list[int]]:
    """Block index -> the numbers of the sources whose ``words`` are in that paragraph."""
    out: dict[int, list[int]] = {}
    for i, block in enumerate(topic.blocks):
        if block.kind != "paragraph":
            continue
        text = " ".join(block.texts[0].split())
        for citation in citations:
            if any(words in text for words in citation["words"]):
                out.setdefault(i, []).append(citation["number"])
    return out


class _TopLevel(HTMLParser):
    """The end offset of each top-level element's last end tag, in document order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.lines = [0]
        for line in html.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.depth = 0
        self.ends: list[tuple[str, int]] = []  # (tag, offset of its end tag)
        self.loose = False  # text or a void element outside any element
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            self.loose |= self.depth == 0
            return
        self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.loose |= self.depth == 0

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.depth -= 1
        if self.depth == 0:
            self.ends.append((tag, self._offset()))

    def handle_data(self, data):
        self.loose |= self.depth == 0 and bool(data.strip())


def cite_paragraphs(html: str, topic, citations: list[dict[str, Any]]) -> str:
    """``html`` (a topic body in one language) with each cited paragraph's mark before its
    ``</p>``."""
    marks = cited_blocks(topic, citations)
    if not marks:
        return html
    scan = _TopLevel(html)
    if scan.loose or len(scan.ends) != len(topic.blocks):
        return html
    out, last = [], 0
    for i, (tag, end) in enumerate(scan.ends):
        if i in marks and tag == "p":
            out.append(html[last:end])
            out.append(cite_mark(marks[i]))
            last = end
    out.append(html[last:])
    return "".join(out)
