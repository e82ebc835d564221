"""Safe, strict YAML for front-matter.

YAML 1.1 has traps for editors: ``title: No`` becomes ``False``, ``date: 2024-02-30`` a
constructor crash, and ``&a [*a, *a, ...]`` an alias bomb.  The loader here

* builds only plain Python types (safe),
* treats only ``true``/``false`` as booleans (``yes``, ``no``, ``on``, ``off`` stay strings),
* keeps dates and timestamps as strings (the schema parses and validates them),
* refuses aliases and anchors altogether (no bombs, no surprising sharing),
* refuses explicit tags other than ``!!str`` (``!!binary``, ``!!timestamp``, ``!!python/…``),
* turns every failure (syntax, control characters, absurd nesting) into ``YamlProblem``,
* records the line of every mapping key, so problems point at ``path:line``.

Most front-matter holds none of the characters that start an anchor, alias or tag, none of
the few that libyaml and PyYAML read differently, and no character the reader refuses: such
a document is composed by libyaml (``yaml.CSafeLoader``'s parser, about ten times faster)
and built with the same resolvers and tracking.  Any other
document, and any document libyaml does not accept, goes through the pure-Python loader,
so every problem is reported as before.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import LayarError

BOOL_TAG = "tag:yaml.org,2002:bool"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
STR_TAG = "tag:yaml.org,2002:str"


class YamlProblem(LayarError):
    """A YAML document that must be rejected; ``line`` is 1-based within the YAML text."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class StrictLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 booleans, timestamps and aliases; remembers key lines."""

    def __init__(self, stream):
        super().__init__(stream)
        self.key_lines: dict[tuple, int] = {}
        self._path: list = []

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlProblem(event.start_mark.line + 1, "YAML aliases (*name) are not allowed")
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise YamlProblem(event.start_mark.line + 1, "YAML anchors (&name) are not allowed")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!", STR_TAG):
            short = tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlProblem(event.start_mark.line + 1,
                              f"YAML tags ({short}) are not allowed; write plain values")
        return super().compose_node(parent, index)

    def construct_document(self, node):
        data = self._construct_tracked(node, ())
        self.state_generators = []
        return data

    def _construct_tracked(self, node, path: tuple):
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int)):
                    raise YamlProblem(key_node.start_mark.line + 1, "mapping keys must be plain text")
                key = str(key)
                if key in result:
                    raise YamlProblem(key_node.start_mark.line + 1, f"duplicate key '{key}'")
                self.key_lines[path + (key,)] = key_node.start_mark.line + 1
                result[key] = self._construct_tracked(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, child in enumerate(node.value):
                self.key_lines[path + (i,)] = child.start_mark.line + 1
                items.append(self._construct_tracked(child, path + (i,)))
            return items
        return self.construct_object(node, deep=True)


# Copy the resolver table before changing it: it is shared with yaml.SafeLoader.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (BOOL_TAG, TIMESTAMP_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):
        """libyaml's parser and composer, with StrictLoader's resolvers and tracking.

        Only for text that ``_FAST_REFUSED`` does not match: libyaml composes anchors, aliases
        and tags without asking, so documents that could hold them are not given to it.
        """

        yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers

        def __init__(self, stream):
            super().__init__(stream)
            self.key_lines: dict[tuple, int] = {}

        construct_document = StrictLoader.construct_document
        _construct_tracked = StrictLoader._construct_tracked
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None

#: Text the fast loader is not given: anchors (&), aliases (*), tags (!), and what libyaml
#: and PyYAML's scanner read differently (tabs, a byte order mark, block scalar headers | >,
#: the ? of complex keys; found by tests/checks/test_properties.py), and any character the
#: pure-Python reader refuses (it reports those with their line).
_FAST_REFUSED = re.compile(r"[&*!|>?\t\ufeff]|" + yaml.reader.Reader.NON_PRINTABLE.pattern)


def _load_fast(text: str):
    """(data, key lines) by libyaml, or None where the pure-Python loader must decide."""
    if _FastLoader is None or _FAST_REFUSED.search(text):
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_data(), loader.key_lines
    except Exception:  # noqa: BLE001 - any problem is reported by the pure-Python loader
        return None
    finally:
        loader.dispose()


def load(text: str, first_line: int = 1) -> tuple[Any, dict[tuple, int]]:
    """Parse one YAML document; return the data and the 1-based line of every key.

    Raises YamlProblem with a line (and column) for syntax errors, aliases and duplicate
    keys; a syntax error's message ends with the likely fix.  ``first_line`` is the file
    line of the text's first line, for hints that name another line.
    """
    fast = _load_fast(text)
    return fast if fast is not None else load_python(text, first_line)


def syntax_hint(exc: "yaml.MarkedYAMLError", text: str, first_line: int = 1) -> str:
    """The likely fix of a YAML syntax error, in an editor's words ('' when unsure)."""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    mark, opened = exc.problem_mark, exc.context_mark
    lines = text.split("\n")
    here = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\\t" in problem or "'\t'" in problem or (mark and "\t" in here[:mark.column + 1]):
        return "indent with spaces, not tabs (YAML does not allow tabs)"
    if "mapping values are not allowed" in problem and here[:1].isspace() and mark.line:
        above = lines[mark.line - 1]
        if ":" in above and above.split(":", 1)[1].strip():
            return (f"this line is indented under '{above.split(':', 1)[0].strip()}', whose "
                    f"value is given already: start it in the same column as that key")
    if "mapping values are not allowed" in problem:
        key = here.split(":", 1)[0].strip() or "key"
        return (f"a value that contains ': ' must be quoted, e.g. {key}: "
                f"\"{here.split(':', 1)[-1].strip()[:40]}\"")
    if "end of stream" in problem and "quoted scalar" in context and opened:
        quote = lines[opened.line][opened.column:opened.column + 1] if opened.line < len(lines) else '"'
        return (f"close the quote ({quote}) opened at line {opened.line + first_line}, "
                f"column {opened.column + 1}, at the end of its value")
    if "while parsing a flow" in context and opened:
        return (f"close the bracket opened at line {opened.line + first_line}, column "
                f"{opened.column + 1}, or quote the value if the bracket is part of the text")
    if "could not find expected ':'" in problem:
        return "each front-matter line is 'key: value'; add the ':' or quote a value that runs onto this line"
    if "expected <block end>, but found '<scalar>'" in problem:
        return ("a value that starts with a quote must end with that quote; quote the whole "
                "value, with '' for a ' inside single quotes (e.g. 'it''s')")
    if "expected <block end>" in problem or "did not find expected key" in context:
        return "check the indentation: keys of one mapping start in the same column"
    return ""


def load_python(text: str, first_line: int = 1) -> tuple[Any, dict[tuple, int]]:
    """``load`` by the pure-Python loader only (the reference the fast path must match)."""
    loader = None
    try:
        loader = StrictLoader(text)  # the reader rejects control characters right here
        data = loader.get_single_data()
    except YamlProblem:
        raise
    except RecursionError:
        raise YamlProblem(1, "YAML is nested too deeply") from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise YamlProblem(line, f"YAML cannot contain the control character U+{ord(char):04X}; "
                                f"delete it") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context
        if exc.context and exc.context_mark and "end of stream" in str(exc.problem):
            # An unclosed quote or bracket: point at where it was opened, not at the end.
            mark, what = exc.context_mark, f"{exc.problem} {exc.context}"
        elif "could not find expected ':'" in str(exc.problem) and exc.context_mark:
            mark = exc.context_mark  # the line without its ':', not the next one
        line = mark.line + 1 if mark else 1
        column = f"column {mark.column + 1}: " if mark else ""
        hint = syntax_hint(exc, text, first_line)
        raise YamlProblem(line, f"{column}YAML syntax error: {what}"
                                + (f"; {hint}" if hint else "")) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML error: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, loader.key_lines


class _Dumper(yaml.SafeDumper):
    """Block-style, unicode, key order kept; multi-line strings as literal blocks."""


def _str_representer(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump(data: Any) -> str:
    """Serialise front-matter deterministically (key order as given, unicode kept)."""
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
        default_flow_style=False,
    )
