"""Fixtures of the ingest tests: the real seeds, a small topic registry, a seeds folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
REAL_TOPICS = ROOT / "content" / "topics"
#: The repository's settings: the topic kinds (LAYAR_TOPICS_KINDS) the ingest tags with.
SETTINGS = ROOT / "pelicanconf.py"

#: The five seeds by their number.
SEED = {
    "000": "000_b6fee5c2b7c22259.txt",
    "001": "001_deeff4acdb95c0e7.txt",
    "002": "002_fab2a0f28cb52126.txt",
    "003": "003_343dc55e35afd3d3.txt",
    "004": "004_ccee8522504b917b.txt",
}

#: A small registry, independent of the live content/topics: (kind, id, name, aliases).
FIXTURE_TOPICS = [
    ("strikes", "wga-strike-2023", "2023 Writers Guild of America strike",
     {"id": ["mogok", "pemogokan", "pemogokan bersama"], "nl": ["schrijversstaking"],
      "en": ["WGA strike"]}),
    ("strikes", "sag-aftra-strike-2023", "2023 SAG-AFTRA strike",
     {"id": ["mogok", "pemogokan", "pemogokan bersama"], "nl": ["acteursstaking"], "en": []}),
    ("tools", "sora-2", "Sora 2", {"id": ["Sora"], "nl": ["Sora", "OpenAI’s Sora 2"], "en": ["Sora"]}),
    ("tools", "veo-3", "Veo 3", {"id": [], "nl": ["Google’s VEO 3"], "en": ["Veo 3"]}),
    ("tools", "generative-ai", "Generative AI",
     {"id": ["AI generatif"], "nl": ["AI-gegenereerde"], "en": ["generative AI"]}),
    ("tools", "show-token", "SHOW Token", {"id": [], "nl": [], "en": []}),
    ("productions", "the-eternaut", "The Eternaut", {"id": [], "nl": [], "en": ["El Eternauta"]}),
    ("organizations", "netflix", "Netflix", {"id": ["Netflix"], "nl": ["Netflix"], "en": ["Netflix"]}),
    ("organizations", "google", "Google", {"id": ["Google"], "nl": ["Google"], "en": ["Google"]}),
    ("organizations", "openai", "OpenAI", {"id": [], "nl": [], "en": []}),
    ("organizations", "sag-aftra", "SAG-AFTRA",
     {"id": ["Screen Actors Guild"], "nl": [], "en": ["Screen Actors Guild"]}),
    ("people", "ted-sarandos", "Ted Sarandos", {"id": ["Sarandos"], "nl": ["Sarandos"], "en": []}),
]


def write_registry(folder: Path) -> Path:
    """Write FIXTURE_TOPICS as content/topics-style files under ``folder``."""
    import yaml

    for kind, topic_id, name, aliases in FIXTURE_TOPICS:
        path = folder / kind / f"{topic_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"id": topic_id, "kind": kind, "name": name, "summary": f"About {name}.",
                "aliases": aliases}
        path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
                        + "---\nText.\n", encoding="utf-8")
    return folder


@pytest.fixture
def topics_dir(tmp_path) -> Path:
    return write_registry(tmp_path / "topics")


def kinds():
    """The topic kinds of the repository's settings, as the ingest reads them."""
    from layar_ingest import registry

    return registry.read_settings(SETTINGS).kinds


@pytest.fixture
def index(topics_dir):
    from layar_ingest import registry

    index, problems = registry.load_index(topics_dir, kinds())
    assert not problems
    return index


@pytest.fixture
def project(tmp_path, monkeypatch, topics_dir) -> Path:
    """A working directory with seeds/ (the five seeds), content/articles/, a registry and
    the repository's settings (pelicanconf.py, which declares the topic kinds)."""
    shutil.copy(SETTINGS, tmp_path / "pelicanconf.py")
    (tmp_path / "seeds").mkdir()
    for name in SEED.values():
        shutil.copy(SEEDS / name, tmp_path / "seeds" / name)
    (tmp_path / "content" / "articles").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def seed_bytes(key: str) -> bytes:
    return (SEEDS / SEED[key]).read_bytes()


def seed_text(key: str) -> str:
    return seed_bytes(key).decode("utf-8")


def build(raw: bytes | str, source: str = "seeds/test.txt", index=None, html: bool = False):
    from layar_ingest import pipeline

    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    return pipeline.build_article(raw, source, html=html, index=index)


def blocks(article) -> list[str]:
    from layar_ingest import document

    return document.body(article.blocks).split("\n\n")
