"""`invoke changes` on a real git history: a copy of the fixture site with the repository's
code, committed, edited and committed again in tmp_path."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from layar_review import changes as changes_mod, report
from tests.helpers import FIXTURE, ROOT

pytestmark = pytest.mark.slow  # two builds of the fixture site per run, in subprocesses

LANGS = ("id", "nl", "en")
EPOCH = int(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc).timestamp())
PREVIEW = "https://owner.github.io/layar/pr-preview/pr-4"
NEW = """\
---
title: Artikel baru tentang AI
slug: artikel-baru
lang: id
date: 2025-11-02
author: ""
publisher: Contoh
summary: Sebuah artikel baru.
---
Artikel baru ini belum diterjemahkan.
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout.strip()


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
        "commit", "-qm", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The fixture site as a project of its own: content, catalogs, and this repository's
    settings, theme and plugins, committed once."""
    repo = tmp_path_factory.mktemp("history") / "project"
    shutil.copytree(FIXTURE, repo)
    for po in (ROOT / "i18n").glob("*/LC_MESSAGES/messages.po"):
        target = repo / "i18n" / po.relative_to(ROOT / "i18n")
        shutil.copy(po, target)
    shutil.copy(ROOT / "pelicanconf.py", repo)
    shutil.copy(ROOT / ".gitignore", repo)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "theme", repo / "theme", ignore=ignore)
    shutil.copytree(ROOT / "plugins", repo / "plugins", ignore=ignore)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "the fixture site")
    return repo


def run(repo: Path, base: str):
    return changes_mod.run(repo, base, repo.parent / "cache", LANGS, epoch=EPOCH)


def listed(found) -> set[tuple[str, str, str]]:
    return {(p.status, p.lang, p.url) for p in found.pages}


def test_an_edit_an_addition_a_deletion_and_a_topic_rename(repo):
    base = git(repo, "rev-parse", "HEAD")
    article = repo / "content" / "articles" / "gambar-piket.md"
    article.write_text(article.read_text().replace(
        "Di antara kedua gambar ada satu paragraf.",
        "Di antara kedua gambar ada satu paragraf yang diubah."))
    (repo / "content" / "articles" / "baru.md").write_text(NEW)
    second = commit(repo, "an edit and a new article")

    found = run(repo, base)
    pages = listed(found)
    for lang in LANGS:
        assert ("changed", lang, f"/{lang}/articles/gambar-piket/") in pages
        assert ("added", lang, f"/{lang}/articles/artikel-baru/") in pages
        # Untouched articles are not listed.
        assert not any(url == f"/{lang}/articles/{slug}/" for _s, _l, url in pages
                       for slug in ("mogok-penulis", "ai-tools")), pages
    added = next(p for p in found.pages if p.url == "/id/articles/artikel-baru/")
    assert (added.title, added.kind) == ("Artikel baru tentang AI", "article")
    assert found.others["feeds"]["changed"] == 3
    assert found.others["social cards"]["added"] == 3

    md = report.markdown(found, PREVIEW)
    assert md.startswith(f"**{len(found.pages)} pages in id, nl, en differ from ")
    assert "| | page | kind | URL |" in md and "| --- | --- | --- | --- |" in md
    assert (f"| added | [Artikel baru tentang AI]({PREVIEW}/id/articles/artikel-baru/) | "
            f"article | `/id/articles/artikel-baru/` |") in md
    assert "<details>" not in md  # a small change is shown openly
    big = report.markdown(found, PREVIEW, short=3)
    assert big.count("<details><summary>") == len({p.lang for p in found.pages})
    assert big.count("</details>") == big.count("<details>")

    # A topic renamed: every page that names it changes, in every language; the others not.
    topic = repo / "content" / "topics" / "tools" / "chatgpt.md"
    topic.write_text(topic.read_text().replace("name: ChatGPT", "name: ChatGPT (OpenAI)"))
    commit(repo, "rename a topic")
    found = run(repo, second)
    site = repo / ".cache" / "changes" / "site"
    naming = {"/" + p.relative_to(site).as_posix().removesuffix("index.html")
              for p in site.rglob("*.html") if "ChatGPT (OpenAI)" in p.read_text()}
    changed = {p.url for p in found.pages if p.status == "changed"}
    assert naming and naming <= changed, naming - changed
    for lang in LANGS:
        for slug in ("mogok-penulis", "ai-tools"):
            assert f"/{lang}/articles/{slug}/" in changed
        assert f"/{lang}/tools/chatgpt/" in changed
        assert f"/{lang}/articles/gambar-piket/" not in changed
    assert found.count("added") == found.count("removed") == 0

    # A deletion not yet committed: this tree is the working tree, the index untouched.
    (repo / "content" / "articles" / "baru.md").unlink()
    status = git(repo, "status", "--porcelain")
    found = run(repo, "HEAD")
    assert git(repo, "status", "--porcelain") == status
    for lang in LANGS:
        assert ("removed", lang, f"/{lang}/articles/artikel-baru/") in listed(found)
    md = report.markdown(found, PREVIEW)
    assert "| removed | ~~Artikel baru tentang AI~~ | article |" in md
    assert f"{PREVIEW}/id/articles/artikel-baru/" not in md  # no link to a removed page


def test_the_same_tree_lists_nothing(repo):
    git(repo, "checkout", "--", ".")
    found = run(repo, "HEAD")
    assert found.pages == [] and found.others == {}
    assert report.text(found).startswith("No page and no other file differs from HEAD (")


def test_an_unknown_base_is_refused_with_a_hint(repo):
    with pytest.raises(changes_mod.ChangesError, match="unknown revision 'nope'"):
        run(repo, "nope")


def test_a_base_that_does_not_build_is_reported_with_its_problems(tmp_path, repo):
    broken = tmp_path / "broken"
    shutil.copytree(repo, broken, ignore=shutil.ignore_patterns(".cache"))
    article = broken / "content" / "articles" / "gambar-piket.md"
    good = article.read_text()
    article.write_text(good.replace("date: 2025-10-23", "date: 23/10/2025"))
    bad = commit(broken, "a broken date")
    article.write_text(good)
    commit(broken, "fixed")
    with pytest.raises(changes_mod.ChangesError, match="does not build") as caught:
        changes_mod.run(broken, bad, tmp_path / "cache", LANGS, epoch=EPOCH)
    assert any(line.startswith("content/articles/gambar-piket.md:") and "date" in line
               for line in caught.value.problems), caught.value.problems
