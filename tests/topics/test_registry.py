"""The registry: every topic file validated, problems as path:line."""
from __future__ import annotations

import runpy
import textwrap

from layar_topics.registry import load_registry

from .conftest import KINDS, ROOT, TOPICS


def _registry(tmp_path, files: dict[str, str], kinds=KINDS):
    for rel, text in files.items():
        path = tmp_path / "content" / "topics" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    problems = []
    registry = load_registry(tmp_path / "content" / "topics", tmp_path, kinds, problems)
    return registry, [str(p) for p in sorted(problems)]


def test_the_tiny_registry_is_valid(tmp_path):
    registry, problems = _registry(tmp_path, TOPICS)
    assert problems == []
    assert [t.id for t in registry] == [  # kind order, then id
        "writers-strike", "able-edit", "robowriter", "unused-tool", "zeta-cam",
        "big-studio", "writers-union"]
    topic = registry.get("writers-strike")
    assert topic.path == "content/topics/strikes/writers-strike.md"
    assert topic.lang == "en" and topic.blocks[0].texts == ("Writers went on strike over AI.",)
    assert topic.alias_entry() == ("strikes", "writers-strike", {
        "id": ["mogok penulis", "mogok"], "nl": ["schrijversstaking"],
        "en": ["Writers strike", "writers' strike"]})


def test_the_real_registry_is_valid():
    kinds = runpy.run_path(str(ROOT / "pelicanconf.py"))["LAYAR_TOPICS_KINDS"]
    problems = []
    registry = load_registry(ROOT / "content" / "topics", ROOT, kinds, problems)
    assert [str(p) for p in problems] == []
    assert len(registry) >= 20


def test_id_must_equal_the_file_name(tmp_path):
    files = {"tools/robo.md": TOPICS["tools/robowriter.md"],
             "organizations/big-studio.md": TOPICS["organizations/big-studio.md"]}
    registry, problems = _registry(tmp_path, files)
    assert problems == [
        "content/topics/tools/robo.md:2: error: id 'robowriter' must equal the file name "
        "'robo' (rename the file to robowriter.md or change the id)"]
    assert "robowriter" not in registry


def test_kind_must_equal_the_folder(tmp_path):
    files = {"organizations/robowriter.md": TOPICS["tools/robowriter.md"],
             "organizations/big-studio.md": TOPICS["organizations/big-studio.md"]}
    _, problems = _registry(tmp_path, files)
    assert problems == [
        "content/topics/organizations/robowriter.md:3: error: kind 'tools' must equal the "
        "folder name 'organizations' (move the file to tools/ or change the kind)"]


def test_a_folder_that_is_not_a_kind(tmp_path):
    _, problems = _registry(tmp_path, {"gadgets/robowriter.md": TOPICS["tools/robowriter.md"]})
    assert problems == [
        "content/topics/gadgets/robowriter.md:3: error: folder 'gadgets' is not a topic kind; "
        "kinds are strikes, tools, organizations"]


def test_unknown_related_and_fact_ids_are_errors_with_their_line(tmp_path):
    text = TOPICS["strikes/writers-strike.md"].replace(
        "related: [writers-union]", "related:\n          - writers-union\n          - writers-unoin"
    ).replace("unions: [writers-union]", "unions: [nobody]")
    files = {"strikes/writers-strike.md": text,
             "organizations/writers-union.md": TOPICS["organizations/writers-union.md"]}
    registry, problems = _registry(tmp_path, files)
    assert problems == [
        "content/topics/strikes/writers-strike.md:11: error: 'facts.unions' names unknown topic "
        "'nobody'; topic ids are the file names under content/topics/",
        "content/topics/strikes/writers-strike.md:16: error: 'related' names unknown topic "
        "'writers-unoin' (did you mean 'writers-union'?); topic ids are the file names under "
        "content/topics/",
    ]
    assert "writers-strike" not in registry and "writers-strike" in registry.broken


def test_a_bad_fact_date(tmp_path):
    text = TOPICS["tools/robowriter.md"].replace("2022-11-30", "2022-02-30")
    files = {"tools/robowriter.md": text,
             "organizations/big-studio.md": TOPICS["organizations/big-studio.md"]}
    _, problems = _registry(tmp_path, files)
    assert problems == ["content/topics/tools/robowriter.md:10: error: 'facts.released': "
                        "'2022-02-30' is not a real calendar date"]


def test_ids_are_unique_across_kinds(tmp_path):
    clone = TOPICS["tools/zeta-cam.md"].replace("kind: tools", "kind: organizations")
    _, problems = _registry(tmp_path, {"tools/zeta-cam.md": TOPICS["tools/zeta-cam.md"],
                                       "organizations/zeta-cam.md": clone})
    assert problems == [
        "content/topics/tools/zeta-cam.md:2: error: topic id 'zeta-cam' is also used by "
        "content/topics/organizations/zeta-cam.md; ids must be unique across kinds"]


def test_a_topic_cannot_relate_to_itself(tmp_path):
    text = TOPICS["tools/zeta-cam.md"].replace(
        "summary: A camera.", "summary: A camera.\n        related: [zeta-cam]")
    _, problems = _registry(tmp_path, {"tools/zeta-cam.md": text})
    assert problems == ["content/topics/tools/zeta-cam.md:6: error: 'related' lists the topic "
                        "itself ('zeta-cam')"]
