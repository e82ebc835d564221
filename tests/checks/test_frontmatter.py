"""Front-matter mistakes: each stops `invoke build` with its file, line and message, exit 1,
and leaves the previous output/ byte for byte as it was."""
from __future__ import annotations

import pytest

from layar import frontmatter, schema

from .conftest import ARTICLE

BAD = "content/articles/bad.md"


def article(**changes) -> str:
    """ARTICLE with front-matter lines replaced (value None removes the key)."""
    head, body = ARTICLE.split("---\n", 2)[1:]
    lines = head.splitlines()
    keys = [line.split(":", 1)[0] for line in lines]
    for key, value in changes.items():
        if key in keys:
            i = keys.index(key)
            if value is None:
                del lines[i], keys[i]
            else:
                lines[i] = f"{key}: {value}" if not value.startswith("\n") else f"{key}:{value}"
        else:
            lines.append(f"{key}: {value}")
            keys.append(key)
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def rejected(built_tiny_site, text: str | bytes, line: int, *parts: str, path: str = BAD):
    """Build a site with ``path`` set to ``text``: assert the error, exit 1, output untouched."""
    site, before = built_tiny_site({path: text})
    outcome = site.run("build")
    assert outcome.code == 1, outcome.lines
    assert outcome.has(path, line, *parts), "\n".join(outcome.lines)
    assert site.snapshot("output") == before
    assert not list(site.root.glob(".output-*")), "a staging folder was left behind"
    return outcome


def test_yaml_syntax_error(built_tiny_site):
    rejected(built_tiny_site, article(title='"unclosed quote'), 2,
             "YAML syntax error: found unexpected end of stream while scanning a quoted scalar")


def test_yaml_bad_indentation(built_tiny_site):
    rejected(built_tiny_site, article(publisher="Contoh\n  extra: nested"), 7, "YAML syntax error")


def test_front_matter_never_closed(built_tiny_site):
    rejected(built_tiny_site, "---\ntitle: Judul\nlang: id\n\nBody without a closing fence.\n",
             1, "front-matter opened with '---' is never closed")


def test_front_matter_missing(built_tiny_site):
    rejected(built_tiny_site, "Just a body, no front-matter.\n", 1,
             "file must start with '---' front-matter")


def test_front_matter_not_a_mapping(built_tiny_site):
    rejected(built_tiny_site, "---\n- title\n- lang\n---\nBody.\n", 2,
             "front-matter must be a mapping of keys, not a list")


@pytest.mark.parametrize("key", ["title", "date", "lang"])
def test_missing_required_key(built_tiny_site, key):
    rejected(built_tiny_site, article(**{key: None}), 1, f"missing required key '{key}'")


@pytest.mark.parametrize("key,line", [("title", 2), ("date", 5), ("lang", 4)])
@pytest.mark.parametrize("empty", ["", '""', "'  '"])
def test_empty_required_key(built_tiny_site, key, line, empty):
    rejected(built_tiny_site, article(**{key: empty}), line,
             f"'{key}' is required and must not be empty")


@pytest.mark.parametrize("value,reason", [
    ("2024-02-30", "'2024-02-30' is not a real calendar date"),
    ("2023-13-01", "'2023-13-01' is not a real calendar date"),
    ("03/04/2024", "'03/04/2024' is ambiguous (is it day/month or month/day?)"),
    ("04.03.2024", "'04.03.2024' is ambiguous"),
    ("2024", "'2024' is only a year; write a full date like 2024-10-22"),
    ("2024-10", "'2024-10' is not a full date"),
    ("22 Oktober 2025", "is not an ISO 8601 date"),
    ("2025-10-22T14:00", "has a time but no zone offset"),
    ("2025-10-22T25:00+07:00", "is not a real time of day"),
])
def test_impossible_or_ambiguous_date(built_tiny_site, value, reason):
    rejected(built_tiny_site, article(date=value), 5, "'date': ", reason)


@pytest.mark.parametrize("value", ["de", "ID", "english", "[id, en]"])
def test_language_not_id_nl_en(built_tiny_site, value):
    rejected(built_tiny_site, article(lang=value), 4, "'lang' must be one of id, nl, en")


def test_language_suggestion():
    doc = frontmatter.parse(article(lang="ID"), BAD)
    problems: list = []
    schema.validate(doc, "article", problems, {})
    assert [p.message for p in problems] == [
        "'lang' must be one of id, nl, en, got 'ID' (did you mean 'id'?)"]


def test_unknown_key_with_suggestion(built_tiny_site):
    rejected(built_tiny_site, article(titel="Typo"), 7, "unknown key 'titel' (did you mean 'title'?)")


def test_unknown_key_without_suggestion(built_tiny_site):
    outcome = rejected(built_tiny_site, article(colour="blue"), 7, "unknown key 'colour'")
    assert "did you mean" not in outcome.errors[0]


def test_yaml_alias_bomb(built_tiny_site):
    bomb = "\n".join([
        "---", "title: Bom", "lang: id", "date: 2025-10-22", "publisher: P",
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
        "---", "Body.", ""])
    rejected(built_tiny_site, bomb, 6, "YAML anchors (&name) are not allowed")


def test_yaml_tags_are_refused(built_tiny_site):
    rejected(built_tiny_site, article(summary="!!python/object/apply:os.system [ls]"), 7,
             "YAML tags (!!python/object/apply:os.system) are not allowed")


def test_oversized_file(built_tiny_site):
    big = ARTICLE + ("Paragraf panjang sekali. " * 40 + "\n\n") * (frontmatter.MAX_FILE_BYTES // 1000 + 1)
    assert len(big.encode()) > frontmatter.MAX_FILE_BYTES
    rejected(built_tiny_site, big, 1, f"the limit is {frontmatter.MAX_FILE_BYTES}")


def test_not_utf8(built_tiny_site):
    rejected(built_tiny_site, ARTICLE.encode("utf-8") + b"caf\xe9\n", 13, "file is not valid UTF-8")


def test_type_traps_stay_text():
    """`title: No` is the text 'No' (YAML 1.1 would make it false); dates stay text."""
    doc = frontmatter.parse(article(title="No", summary="yes", author="off"), BAD)
    problems: list = []
    meta = schema.validate(doc, "article", problems, {})
    assert problems == []
    assert (meta["title"], meta["summary"], meta["author"]) == ("No", "yes", "off")
    assert meta["date"].isoformat() == "2025-10-22"


def test_number_title_is_an_error(built_tiny_site):
    rejected(built_tiny_site, article(title="2024"), 2,
             "'title' must be text, got a number (put it in quotes)")


@pytest.mark.parametrize("yaml_lines,line,parts", [
    ("title: Netflix: the plan", 2, ["column 15: YAML syntax error: mapping values are not allowed here",
                                     "must be quoted, e.g. title: \"Netflix: the plan\""]),
    ("title: T\n\tlang: id", 3, ["column 1:", "indent with spaces, not tabs"]),
    ('title: "unclosed\nlang: id', 2, ["column 8:", "close the quote (\") opened at line 2, column 8"]),
    ("title: T\nlang id\nslug: t", 3, ["could not find expected ':'", "'key: value'"]),
    ("title: 'it's'", 2, ["a value that starts with a quote must end with that quote", "'it''s'"]),
    ("title: T\n  lang: id", 3, ["indented under 'title'", "same column as that key"]),
    ("topics:\n  tools: [a]\n people: [b]", 4, ["check the indentation"]),
])
def test_yaml_errors_give_column_and_fix(yaml_lines, line, parts):
    from layar.errors import ContentError

    with pytest.raises(ContentError) as caught:
        frontmatter.parse(f"---\n{yaml_lines}\n---\nText.\n", BAD)
    problem = caught.value.problem
    assert problem.line == line, str(problem)
    assert all(p in problem.message for p in parts), problem.message
