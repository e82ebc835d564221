"""The real topics keep naming the sources of their outside facts (issue 36, defect 8):
``citations.yaml`` lists, per topic, the source that confirms each fact the seeds do not give,
and what the topic's ``sources`` entry must keep confirming."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from layar import frontmatter, schema

from tests.content.test_quotations import KINDS
from tests.helpers import ROOT

DATA = yaml.safe_load(Path(__file__).with_name("citations.yaml").read_text("utf-8"))
CASES = [(entry, relpath) for entry in DATA for relpath in entry["files"]]


def _sources(relpath: str) -> list[dict]:
    doc = frontmatter.load(ROOT / relpath, ROOT)
    problems: list = []
    meta = schema.validate(doc, "topic", problems, KINDS)
    assert not [p for p in problems if p.is_error], [str(p) for p in problems]
    return meta.get("sources", [])


@pytest.mark.parametrize("entry", DATA, ids=[e["id"] for e in DATA])
def test_every_listed_fact_names_an_https_source(entry):
    assert entry["fact"].strip() and entry["url"].startswith("https://")
    assert entry["files"] and all(f.startswith("content/topics/") for f in entry["files"])


@pytest.mark.parametrize("entry, relpath", CASES, ids=[f"{e['id']}-{Path(p).stem}" for e, p in CASES])
def test_a_cited_fact_keeps_its_source(entry, relpath):
    by_url = {source["url"]: source for source in _sources(relpath)}
    assert entry["url"] in by_url, f"{relpath} no longer cites {entry['url']} ({entry['fact']})"
    source = by_url[entry["url"]]
    if "publisher" in entry:
        assert source["publisher"] == entry["publisher"]
    wanted = entry["for"][relpath] if isinstance(entry["for"], dict) else entry["for"]
    missing = [target for target in wanted if target not in source["for"]]
    assert not missing, f"{relpath}: the source {entry['url']} no longer confirms {missing}"


def test_every_source_of_a_real_topic_is_listed_here():
    """A source added to a topic is recorded with the fact it confirms (and so kept)."""
    listed = {(relpath, entry["url"]) for entry, relpath in CASES}
    for path in sorted((ROOT / "content" / "topics").glob("*/*.md")):
        relpath = path.relative_to(ROOT).as_posix()
        for source in _sources(relpath):
            assert (relpath, source["url"]) in listed, (relpath, source["url"])
