"""Property tests: the validators never crash, whatever an editor types.

``frontmatter.parse`` either returns a document or raises ``ContentError`` (with a line);
``schema.validate`` never raises and only appends well-formed ``Problem`` objects; the
character and markup checks never raise either.
"""
from __future__ import annotations

import runpy

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layar import frontmatter, schema, yamlio
from layar.errors import ContentError, Problem
from layar_checks.markup import check_markdown
from layar_checks.text import check_text

from .conftest import ROOT

KINDS = runpy.run_path(str(ROOT / "pelicanconf.py"))["LAYAR_TOPICS_KINDS"]
KEYS = sorted({f.name for fields in schema.FIELDS.values() for f in fields}
              | {"facts", "titel", "unions", "start", "type", "year", "file", "sha256", "id", "en"})
TRICKY = ["No", "yes", "on", "~", "null", "2024-02-30", "03/04/2024", "2024", "1e3", ".inf",
          "0x1F", "'quoted'", '"dq"', "[a, b]", "{a: b}", "&a x", "*a", "!!binary aGk=",
          "!!python/object:os.system x", "- item", "|", ">", "@", "`", "%", "'", '"', ": x",
          "tools", "strikes", "sora-2", "id", "nl", "en", "2025-10-22T14:00:00+07:00",
          "\t", "\u202e", "\x00", "\x07", "\ufeff", "é", "日本"]
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _validate_everything(text: str) -> None:
    try:
        doc = frontmatter.parse(text, "content/x.md")
    except ContentError as exc:
        assert exc.problem.line >= 1 and exc.problem.message
        return
    for what in schema.FIELDS:
        problems: list = []
        schema.validate(doc, what, problems, KINDS)
        for p in problems:
            assert isinstance(p, Problem)
            assert p.severity in ("error", "warning")
            assert isinstance(p.line, int) and p.line >= 1
            assert p.path == "content/x.md" and p.message


@SETTINGS
@given(st.text())
def test_arbitrary_text_never_crashes(text):
    _validate_everything(text)


@SETTINGS
@given(st.text())
def test_arbitrary_front_matter_never_crashes(text):
    _validate_everything(f"---\n{text}\n---\nBody.\n")


yaml_line = st.builds(
    lambda indent, key, sep, value: f"{' ' * indent}{key}{sep}{value}",
    st.sampled_from([0, 0, 0, 2, 4]),
    st.sampled_from(KEYS + ["-", "- -", "?"]),
    st.sampled_from([": ", ":", " : ", ": - ", ": [", ": {"]),
    st.one_of(st.sampled_from(TRICKY), st.text(max_size=12)),
)


@SETTINGS
@given(st.lists(yaml_line, max_size=12))
def test_yaml_like_front_matter_never_crashes(lines):
    _validate_everything("---\n" + "\n".join(lines) + "\n---\n# Heading\n\nBody.\n")


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=20), st.sampled_from(TRICKY))
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)),
                                               children, max_size=4)),
    max_leaves=20)


@SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=10))
def test_any_yaml_mapping_never_crashes(meta):
    text = yaml.safe_dump(meta, allow_unicode=True)
    _validate_everything(f"---\n{text}---\nBody.\n")


@SETTINGS
@given(st.text())
def test_character_and_markup_checks_never_crash(text):
    for problem in check_text("content/x.md", text) + check_markdown("content/x.md", text, 3):
        assert isinstance(problem, Problem) and problem.line >= 1


def _outcome(load, text):
    try:
        return load(text)
    except yamlio.YamlProblem as exc:
        return ("problem", exc.line, exc.message)


#: Pieces of YAML syntax, joined at random: where libyaml and PyYAML disagree.
YAML_TOKENS = [" ", ":", ": ", "-", "- ", "\n", "\r", "\r\n", "\\", '"', "'", "x", "key", "1",
               "---", "...", "%YAML 1.1\n", "%TAG ! x\n", "\ufeff", "\u2028", "\x85", "é", "[",
               "]", "{", "}", ",", "#", " #", "?", "  ", "    ", "null", "true", "No", "0x1",
               "1e3", "2024-01-01", "=", "<<", ".inf", "~", "\\n", "\\x41", "\\u0041", "\t",
               "|", ">", "&a ", "*a", "!!str ", '"a', "'b", "''", "@", "`"]


@SETTINGS
@given(st.one_of(st.lists(yaml_line, max_size=12).map("\n".join),
                 st.lists(st.sampled_from(YAML_TOKENS), max_size=30).map("".join),
                 st.dictionaries(st.sampled_from(KEYS), values, max_size=10).map(
                     lambda meta: yaml.safe_dump(meta, allow_unicode=True)),
                 st.text()))
def test_libyaml_fast_path_agrees_with_the_python_loader(text):
    # The same data, key lines and problems as the pure-Python loader, whichever path ran.
    assert _outcome(yamlio.load, text) == _outcome(yamlio.load_python, text)


def test_libyaml_fast_path_takes_plain_front_matter_and_leaves_the_rest():
    plain = 'title: "No"\ndate: 2024-02-30\ntopics:\n  tools: [sora-2]\nflag: no\n'
    data, lines = yamlio._load_fast(plain)
    assert data == {"title": "No", "date": "2024-02-30", "topics": {"tools": ["sora-2"]},
                    "flag": "no"}
    assert lines[("topics", "tools", 0)] == 4
    for refused in ("a: &x 1\n", "a: *x\n", "a: !!binary aGk=\n", "a: b\x07\n", "a: 1\na: 2\n"):
        assert yamlio._load_fast(refused) is None
