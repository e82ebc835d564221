"""Unfinished bodies: what would publish an empty or half-written page.

* an empty body, or a body of headings alone, is an error: the page would show a title and
  nothing to read;
* the placeholder text that ``invoke new`` writes (``layar.schema.PLACEHOLDER_BODIES``), and
  a topic summary still reading as its placeholder, are errors until the editor replaces them;
* in a draft (``status: draft``, never published) the same are warnings;
* a ``#`` heading in a body is a warning: the page's title is its only ``<h1>`` (for screen
  readers and search engines), so the heading is shown one level down, as ``##``.
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

from layar import schema
from layar.blocks import Block
from layar.errors import Problem

#: Blocks that give a reader something to read.
READABLE = ("paragraph", "list", "quote", "code", "html")

_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


_PLACEHOLDERS = {_normal(text) for text in schema.PLACEHOLDER_BODIES.values()}
_SUMMARY = re.compile(re.escape(schema.PLACEHOLDER_SUMMARY).replace(r"\{name\}", ".+"))


def check_body(path: str, kind: str, doc, blocks: Sequence[Block]) -> list[Problem]:
    """The problems of an unfinished ``kind`` (article, topic, page) at ``path``: ``doc`` is
    its parsed file (``layar.frontmatter.Document``), ``blocks`` its body's blocks."""
    problems: list[Problem] = []
    body_line = doc.body_line
    meta = doc.meta if isinstance(doc.meta, Mapping) else {}
    # A draft is never published: what is unfinished in it is said, but does not stop a build.
    unfinished = "warning" if schema.is_draft(meta) else "error"
    if kind == "media":
        return problems
    if not blocks:
        problems.append(Problem(path, body_line, unfinished,
                                f"the {kind} has no text after its front-matter; write its body "
                                f"below the closing '---' (one paragraph per line, with a blank "
                                f"line between paragraphs)"))
    elif not any(b.kind in READABLE for b in blocks):
        problems.append(Problem(path, body_line + blocks[0].line - 1, unfinished,
                                f"the body has only headings ({len(blocks)}) and no text to read; "
                                f"write at least one paragraph"))
    for block in blocks:
        line = body_line + block.line - 1
        if any(_normal(text) in _PLACEHOLDERS for text in block.texts):
            problems.append(Problem(path, line, unfinished,
                                    "this is the placeholder text written by `invoke new`; "
                                    "replace it with the real text"))
        if block.kind == "heading" and block.level == 1:
            problems.append(Problem(path, line, "warning",
                                    "a '#' heading is shown as '##': the title is the page's only "
                                    "top-level heading (h1); write '## "
                                    f"{block.texts[0][:40]}' to say what you mean"))
    summary = meta.get("summary")
    if kind == "topic" and isinstance(summary, str) and _SUMMARY.fullmatch(summary.strip()):
        problems.append(Problem(path, doc.line_of("summary"), unfinished,
                                "'summary' is still the placeholder written by `invoke new`; "
                                "write one English sentence that says what the topic is"))
    return problems
