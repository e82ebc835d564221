"""Build an article's front-matter and Markdown body, and recognise the ingest's own output.

Front-matter keys, in order: title, slug, lang, date, author, publisher, summary, topics,
source {file, sha256, ingest_sha256}, review.  The body has one line per paragraph (each
block is a translation unit), ``## `` subheadings and ``- `` lists, blocks separated by a
blank line.

Edit detection
--------------
``source.ingest_sha256`` is the SHA-256 of the exact file the ingest wrote, computed while
that field itself was written as ``''``.  To tell whether a file is still the ingest's output,
:func:`is_pristine` puts ``''`` back in place of the recorded hash (a purely textual
substitution on that one line) and hashes the file again: equal means not a byte was changed
since the ingest wrote it; anything else (a corrected title, a YAML comment, a reworded
paragraph, a removed hash) counts as an editor's edit.  ``source.sha256`` (the seed's own
hash) then tells whether the seed changed since; see :mod:`.pipeline` for what is done.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from layar import frontmatter

from .structure import Block

HASH_KEY = "ingest_sha256"
_HASH_LINE = re.compile(
    rf"^(?P<lead>[ \t]+{HASH_KEY}:[ \t]*)(?P<q>['\"]?)(?P<hex>[0-9a-f]{{64}})(?P=q)[ \t]*$",
    re.MULTILINE,
)
_MARKDOWN_START = re.compile(r"^(?:#|>|[-*+](?:\s|$)|\d+[.)](?:\s|$)|={3,}|-{3,}|`{3})")


@dataclass(frozen=True)
class Article:
    """Everything the ingest established about one seed."""

    title: str
    slug: str
    lang: str
    date: str
    author: str
    publisher: str
    summary: str
    topics: dict[str, list[str]]
    source_file: str
    source_sha256: str
    review: tuple[str, ...]
    blocks: tuple[Block, ...]
    #: The original's address (a saved page's canonical link); empty for copied text.
    url: str = ""


def _escape(text: str) -> str:
    """Keep a paragraph a paragraph: escape a start that Markdown would read as syntax."""
    return "\\" + text if _MARKDOWN_START.match(text) else text


def body(blocks: tuple[Block, ...]) -> str:
    """The Markdown body: one line per paragraph, blank lines between blocks."""
    parts = []
    for block in blocks:
        if block.kind == "p":
            parts.append(_escape(block.text))
        elif block.kind == "h":
            parts.append(f"## {block.text}")
        elif block.kind == "ul":
            parts.append("\n".join(f"- {item}" for item in block.items))
    return "\n\n".join(parts)


def meta(article: Article, ingest_sha256: str = "") -> dict[str, Any]:
    """The front-matter mapping, keys in the documented order."""
    return {
        "title": article.title,
        "slug": article.slug,
        "lang": article.lang,
        "date": article.date,
        "author": article.author,
        "publisher": article.publisher,
        "summary": article.summary,
        "topics": {kind: list(ids) for kind, ids in article.topics.items()},
        **({"url": article.url} if article.url else {}),
        "source": {
            "file": article.source_file,
            "sha256": article.source_sha256,
            HASH_KEY: ingest_sha256,
        },
        "review": list(article.review),
    }


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def render(article: Article) -> str:
    """The file the ingest writes, with ``source.ingest_sha256`` filled in."""
    text_body = body(article.blocks)
    unstamped = frontmatter.render(meta(article), text_body)
    return frontmatter.render(meta(article, _sha256(unstamped)), text_body)


def recorded_hash(text: str) -> str | None:
    """The ``ingest_sha256`` recorded in a file's front-matter, if any."""
    fm = _front_matter(text)
    match = _HASH_LINE.search(fm) if fm is not None else None
    return match.group("hex") if match else None


def is_pristine(text: str) -> bool:
    """True when ``text`` is byte for byte what the ingest wrote (see the module docstring)."""
    fm = _front_matter(text)
    if fm is None:
        return False
    match = _HASH_LINE.search(fm)
    if match is None:
        return False
    blank = fm[: match.start()] + match.group("lead") + "''" + fm[match.end():]
    return _sha256(blank + text[len(fm):]) == match.group("hex")


def _front_matter(text: str) -> str | None:
    """The text up to and including the closing fence line, or None."""
    if not text.startswith(frontmatter.FENCE + "\n"):
        return None
    end = text.find("\n" + frontmatter.FENCE + "\n", len(frontmatter.FENCE))
    return None if end < 0 else text[: end + len(frontmatter.FENCE) + 2]
