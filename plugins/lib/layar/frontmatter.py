"""Split a Layar Markdown file into YAML front-matter and body, with line numbers.

A file starts with a line ``---``, then YAML, then a closing ``---``; the rest is the body.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlio
from .errors import ContentError

#: Files larger than this are rejected before parsing (protects the build from accidents).
MAX_FILE_BYTES = 512 * 1024

FENCE = "---"


@dataclass
class Document:
    """A parsed content file: metadata, the Markdown body, and where things are."""

    path: str
    meta: dict[str, Any]
    body: str
    #: 1-based line of the first body line in the file.
    body_line: int
    #: 1-based file line of each front-matter key path, e.g. ("topics", "tools", 0).
    key_lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, *key_path) -> int:
        """The file line of a key (or of its closest recorded parent); 1 when unknown."""
        path = tuple(key_path)
        while path:
            if path in self.key_lines:
                return self.key_lines[path]
            path = path[:-1]
        return 1


def read_text(path: str | Path, shown: str | None = None) -> str:
    """Read a content file as UTF-8, rejecting oversized and undecodable files.

    ``shown`` is how problems name the file (default: ``path`` as given)."""
    p = Path(path)
    shown = shown or str(path)
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ContentError(shown, 1, f"file is {size} bytes; the limit is {MAX_FILE_BYTES}; "
                                     f"split it, or remove what does not belong in it")
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(shown, line, f"column {column}: file is not valid UTF-8 (byte "
                                        f"0x{raw[exc.start]:02X}); save it as UTF-8") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str, path: str = "<string>") -> Document:
    """Parse front-matter and body; raise ContentError with the file line on any problem."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise ContentError(path, 1, "file must start with '---' front-matter")
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip() == FENCE:
            break
    else:
        raise ContentError(path, 1, "front-matter opened with '---' is never closed")
    yaml_text = "\n".join(lines[1:end])
    try:
        data, key_lines = yamlio.load(yaml_text, first_line=2)
    except yamlio.YamlProblem as exc:
        raise ContentError(path, exc.line + 1, exc.message) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(path, 2, f"front-matter must be a mapping of keys, not {_kind(data)}")
    body = "\n".join(lines[end + 1:])
    return Document(
        path=path,
        meta=data,
        body=body,
        body_line=end + 2,
        key_lines={k: v + 1 for k, v in key_lines.items()},
    )


def load(path: str | Path, root: str | Path | None = None) -> Document:
    """Read and parse a file; paths in messages are relative to ``root`` when given."""
    shown = Path(path).relative_to(root).as_posix() if root else str(path)
    return parse(read_text(path, shown), shown)


def render(meta: dict[str, Any], body: str) -> str:
    """Write a document back: front-matter fences, YAML, a blank line, the body."""
    return f"{FENCE}\n{yamlio.dump(meta)}{FENCE}\n\n{body.strip()}\n"


def _kind(value: Any) -> str:
    return {list: "a list", str: "text", int: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
